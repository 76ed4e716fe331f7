"""Sleuth's indexer: reading, passages, entities and dates, the search backend and the search API.

The web app and the CLI use only what is exported here.
"""
from .batch import MAX_LINES as MAX_BATCH_LINES, BatchLine, csv_cell, queries as batch_lines, to_csv as batch_csv
from ._guard import filter_problem, safe_name
from .engine import Sleuth
from .errors import (ClusterUnavailable, IndexBusy, IndexCorrupt, ModelMissing, QueryError, ReadError, SchemaMismatch,
                     SettingsError, SleuthError)
from .folding import fold
from .request import MAX_PER_PAGE, SearchRequest, TooManyFilters
from .results import (DOCUMENT_FACET, ENTITY_FACETS, FACET_LABELS, FACETS, FILTER_FACETS, DocumentHits,
                      DocumentInfo, DocumentReport, DocumentView, EntityView, FacetValue, Hit, IndexReport, Mention,
                      PassageView, SearchResult)
from .settings import Settings, default_index_dir

from .reading import SUPPORTED_EXTENSIONS

__all__ = [
    "Sleuth", "Settings", "SettingsError", "default_index_dir", "safe_name", "filter_problem", "SUPPORTED_EXTENSIONS",
    "SleuthError", "QueryError", "ReadError", "IndexBusy", "IndexCorrupt", "SchemaMismatch", "ModelMissing",
    "ClusterUnavailable",
    "TooManyFilters", "SearchRequest", "MAX_PER_PAGE", "fold",
    "FACETS", "ENTITY_FACETS", "FILTER_FACETS", "DOCUMENT_FACET", "FACET_LABELS", "FacetValue", "Hit", "Mention",
    "SearchResult", "DocumentView", "PassageView", "EntityView", "DocumentInfo", "DocumentHits", "IndexReport",
    "DocumentReport", "BatchLine", "MAX_BATCH_LINES", "batch_lines", "batch_csv", "csv_cell",
]
