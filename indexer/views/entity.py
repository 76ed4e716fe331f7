"""The page of one canonical entity: its passages, the documents naming it, its surface forms and company."""
from __future__ import annotations

from collections import Counter
from typing import Callable

from ..backend import Backend
from ..entities.canon import Canon
from ..entities.forms import surface_forms
from ..query.markup import snippet
from ..query.request import SearchRequest
from ..query.facets import ENTITY_FACETS
from ..query.results import EntityView, FacetValue, SearchResult

MAX_MENTIONS = 200  # passages listed on an entity page
CO_LIMIT = 50  # values per facet of the entities named beside it


def entity_view(search: Callable[[SearchRequest], SearchResult], backend: Backend,
                doc_mentions: Callable[[str], Counter], canon: Callable[[], Canon], facet: str,
                name: str) -> EntityView | None:
    """Everything about one canonical entity, or None if unknown: through the facade's `search`, the backend's
    mentions and facet counts, the registry's `doc_mentions` and the collection's `canon`."""
    if facet not in ENTITY_FACETS:
        return None
    request = SearchRequest.of(filters={facet: [name]}, per_page=MAX_MENTIONS)
    result = search(request)
    if not result.total:
        return None
    per_doc: dict[str, int] = {}
    for hit in result.hits:
        per_doc[hit.doc_id] = per_doc.get(hit.doc_id, 0) + 1
    titles = {h.doc_id: h.title for h in result.hits}
    docs = [(d, titles[d], n) for d, n in sorted(per_doc.items(), key=lambda kv: (-kv[1], kv[0]))]
    for hit in result.hits:
        marked = [(m.start, m.end) for m in backend.mentions(hit.passage_id)
                  if m.facet == facet and m.name == name]
        hit.snippet = snippet(hit.text, marked)
    company = backend.facet_lists(request, ENTITY_FACETS, limit=CO_LIMIT)
    co = {f: [v for v in company.get(f, []) if not (f == facet and v.value == name)] for f in ENTITY_FACETS}
    in_docs = [doc_mentions(d) for d in per_doc]  # "Mercader" is him only beside his full name
    forms = [FacetValue(s, n) for s, n in surface_forms(canon(), facet, name, in_docs).most_common()]
    years = sorted(backend.facet_lists(request, ["year"]).get("year", []), key=lambda fv: fv.value)
    return EntityView(facet, name, forms, result.total, docs, result.hits, co, years)
