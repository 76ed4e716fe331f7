"""A search's hits grouped by document: each document's best passage and its number of matching passages."""
from __future__ import annotations

from typing import Callable

from ..query.request import MAX_PER_PAGE, SearchRequest
from ..query.facets import DOCUMENT_FACET
from ..query.results import DocumentHits, Hit, SearchResult


def group_by_document(search: Callable[[SearchRequest], SearchResult], result: SearchResult, page: int = 1,
                      per_page: int = 10) -> list[DocumentHits]:
    """Best documents first (by their best passage's rank, then by passages), a page at a time, through the
    facade's `search`."""
    counts = {v.value: v.count for v in result.facets.get(DOCUMENT_FACET, [])}
    request = result.request
    ranked = search(request.changed(page=1, per_page=MAX_PER_PAGE)).hits
    best: dict[str, Hit] = {}
    for hit in ranked:
        best.setdefault(hit.doc_id, hit)
    order = list(best) + sorted((d for d in counts if d not in best), key=lambda d: (-counts[d], d))
    out = []
    for doc_id in order[(page - 1) * per_page: page * per_page]:
        hit = best.get(doc_id) or next(iter(search(request.changed(
            filters={**request.filters, DOCUMENT_FACET: [doc_id]}, page=1, per_page=1)).hits), None)
        if hit is not None:
            out.append(DocumentHits(hit, counts.get(doc_id, 1)))
    return out
