"""Sleuth's indexer: reading, passages, entities and dates, the Whoosh index and the search API.

The web app and the CLI use only what is exported here.
"""
from .engine import Sleuth, filter_problem, safe_name
from .errors import IndexBusy, IndexCorrupt, QueryError, ReadError, SchemaMismatch, SleuthError
from .results import (ENTITY_FACETS, FACET_LABELS, FACETS, DocumentHits, DocumentInfo, DocumentReport, DocumentView, EntityView, FacetValue, Hit,
                      IndexReport, Mention, PassageView, SearchResult)
from .settings import Settings, SettingsError, default_index_dir

from .reading import SUPPORTED_EXTENSIONS

__all__ = [
    "Sleuth", "Settings", "SettingsError", "default_index_dir", "safe_name", "filter_problem", "SUPPORTED_EXTENSIONS",
    "SleuthError", "QueryError", "ReadError", "IndexBusy", "IndexCorrupt", "SchemaMismatch",
    "FACETS", "ENTITY_FACETS", "FACET_LABELS", "FacetValue", "Hit", "Mention", "SearchResult", "DocumentView",
    "PassageView", "EntityView", "DocumentInfo", "DocumentHits", "IndexReport", "DocumentReport",
]
