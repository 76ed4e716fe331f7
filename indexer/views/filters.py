"""Filters fold spellings as search does: a filter value is replaced by the facet's value of the same name key
("ramon mercader", "Ramòn Mercader" and "RAMÓN MERCADER" filter by "Ramón Mercader"); a value no passage carries
is kept (it matches nothing) and named, with the nearest values, in the answer's message."""
from __future__ import annotations

from typing import Callable

from ..query.facets import ENTITY_FACETS, facet_noun
from ..query.request import SearchRequest

Match = Callable[[str, str], "tuple[list[str], list[str]]"]


def fold_filters(request: SearchRequest, match: Match) -> tuple[SearchRequest, str | None]:
    """The request with its entity filters and exclusions in the facets' own spelling, and a message naming the
    filter values that match no value (None when all do)."""
    notes: list[str] = []

    def fold(groups: dict[str, list[str]], named: bool) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for facet, values in groups.items():
            kept: list[str] = []
            for value in values:
                same, near = match(facet, value) if facet in ENTITY_FACETS else ([value], [])
                if not same and named:
                    notes.append(f"No {facet_noun(facet)} here is called “{value}”"
                                 + (f"; the nearest: {', '.join(near)}." if near else "."))
                folded = value if not same or value in same else same[0]
                if folded not in kept:
                    kept.append(folded)
            out[facet] = kept
        return out

    if not any(f in ENTITY_FACETS for f in (*request.filters, *request.exclude)):
        return request, None
    folded = request.changed(filters=fold(request.filters, True), exclude=fold(request.exclude, False))
    return folded, " ".join(notes) or None
