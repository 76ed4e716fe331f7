"""A search's hits grouped by document: each document's best passage and its number of matching passages.

A document is shown by the passage of it that matches best: its first in the search's order that is prose, not a
list of links or titles ("See also", a bibliography) nor a box of fields (an Infobox), which rank high on a name they
repeat but say nothing about it; a document whose matching passages are all lists is shown by the first of them.
"""
from __future__ import annotations

import re
from typing import Callable

from ..query.request import MAX_PER_PAGE, SearchRequest
from ..query.facets import DOCUMENT_FACET
from ..query.results import DocumentHits, Hit, SearchResult

_ENTRY = re.compile(r"^\s*(?:[-*•·–]|\d+[.)])\s+")  # a bulleted or numbered line
ENTRY_WORDS = 12  # a line of at most this many words that does not end a sentence is an entry of a list
_SENTENCE_END = (".", "!", "?", ".”", '."', ":", ";")
MORE_PASSAGES = 20  # a document's passages read to find its best one, when the search's page held only lists


def is_list(hit: Hit) -> bool:
    """Whether a passage is a box of fields or mostly a list of entries (links, titles, references): two lines or
    more, and half of its text or more in entries, lines that end no sentence and are bulleted or short."""
    if hit.kind == "metadata":
        return True
    lines = [line.strip() for line in hit.text.splitlines() if line.strip()]
    if len(lines) < 2:
        return False
    entries = sum(len(line) for line in lines if not line.endswith(_SENTENCE_END) and (
        _ENTRY.match(line) or len(line.split()) <= ENTRY_WORDS))
    return 2 * entries >= sum(map(len, lines))


def best_passage(hits: list[Hit]) -> Hit | None:
    """The first prose passage of a document's hits (in the search's order), else its first hit."""
    return next((h for h in hits if not is_list(h)), hits[0] if hits else None)


def group_by_document(search: Callable[[SearchRequest], SearchResult], result: SearchResult, page: int = 1,
                      per_page: int = 10) -> list[DocumentHits]:
    """Best documents first (by their best passage's rank, then by passages), a page at a time, through the
    facade's `search`."""
    counts = {v.value: v.count for v in result.facets.get(DOCUMENT_FACET, [])}
    request = result.request
    ranked = search(request.changed(page=1, per_page=MAX_PER_PAGE)).hits
    seen: dict[str, list[Hit]] = {}
    for hit in ranked:
        seen.setdefault(hit.doc_id, []).append(hit)
    order = list(seen) + sorted((d for d in counts if d not in seen), key=lambda d: (-counts[d], d))
    out = []
    for doc_id in order[(page - 1) * per_page: page * per_page]:
        hits = seen.get(doc_id, [])
        if all(is_list(h) for h in hits) and counts.get(doc_id, 1) > len(hits):
            hits = search(request.changed(filters={**request.filters, DOCUMENT_FACET: [doc_id]}, page=1,
                                          per_page=MORE_PASSAGES)).hits
        hit = best_passage(hits)
        if hit is not None:
            out.append(DocumentHits(hit, counts.get(doc_id, 1)))
    return out
