"""Sleuth's indexer: reading, passages, entities and dates, the search backend and the search API.

The web app and the CLI use only what is exported here.
"""
from .views.batch import (MAX_LINES as MAX_BATCH_LINES, TOP_HITS as BATCH_TOP_HITS, BatchLine, csv_cell,
                          queries as batch_lines, to_csv as batch_csv)
from .read.guard import safe_name
from .engine import Sleuth
from .annotating import marks_csv
from .entities.corrections import CorrectionsFile
from .errors import (ClusterUnavailable, DiskFull, IndexBusy, IndexCorrupt, ModelMissing, QueryError, ReadError,
                     RegistryDamaged, SchemaMismatch, SettingsError, SleuthError)
from .folding import fold
from .locked_file import LockedFile
from .query.request import MAX_PER_PAGE, SearchRequest, TooManyFilters, filter_problem
from .query.facets import DOCUMENT_FACET, ENTITY_FACETS, FACET_LABELS, FACETS, FILTER_FACETS
from .query.results import (DocumentHits, DocumentInfo, DocumentReport, DocumentView, EntityView, FacetValue, Hit,
                            IndexReport, Mention, PassageView, SearchResult)
from .settings import Settings, default_index_dir
from .write.annotations import AnnotationError, Marks, SavedSearch
from .write.registry_file import damaged_message

from .read.pick import SUPPORTED_EXTENSIONS, type_refusal

__all__ = [
    "Sleuth", "Settings", "SettingsError", "default_index_dir", "safe_name", "filter_problem", "SUPPORTED_EXTENSIONS",
    "type_refusal",
    "SleuthError", "QueryError", "ReadError", "IndexBusy", "DiskFull", "IndexCorrupt", "RegistryDamaged", "SchemaMismatch",
    "ModelMissing", "TooManyFilters", "SearchRequest", "MAX_PER_PAGE", "fold", "LockedFile", "CorrectionsFile",
    "damaged_message", "ClusterUnavailable", "AnnotationError", "Marks", "SavedSearch", "marks_csv",
    "FACETS", "ENTITY_FACETS", "FILTER_FACETS", "DOCUMENT_FACET", "FACET_LABELS", "FacetValue", "Hit", "Mention",
    "SearchResult", "DocumentView", "PassageView", "EntityView", "DocumentInfo", "DocumentHits", "IndexReport",
    "DocumentReport", "BatchLine", "MAX_BATCH_LINES", "BATCH_TOP_HITS", "batch_lines", "batch_csv", "csv_cell",
]
