"""The facade's browsing half: facet lists, timeline counts and neighbours over a search's hits, with the filters
folded as search folds them (`views/filters.py`). `Sleuth` (engine.py) is the whole facade."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from .backend import Backend
from .query.request import SearchRequest
from .query.results import FacetValue, SearchResult
from .views.filters import fold_filters
from .write.registry import Registry


class Browsing:
    """What the pages' lists, timeline and links need; mixed into `Sleuth`."""

    backend: Backend
    registry: Registry

    def fold(self, request: SearchRequest) -> tuple[SearchRequest, str | None]:
        """The request with its filters in the facets' own spelling, and a message naming any that match nothing."""
        return fold_filters(request, self.backend.match_values)

    def _request(self, request: SearchRequest | None, search: dict) -> SearchRequest:
        return self.fold(request or SearchRequest.matching(search))[0]

    def every_hit(self, request: SearchRequest) -> SearchResult:
        """The search with every hit in order as `hits` (a sequence whose hits are built as they are read, so an
        export of 200,000 hits holds only their ranking); `message` says when it was cut off or refused."""
        self._notice_corrections()  # type: ignore[attr-defined]
        return self.backend.every_hit(self.fold(request)[0])

    def facet_values(self, facet: str, contains: str = "", request: SearchRequest | None = None,
                     **search: object) -> list[FacetValue]:
        """Every value of one facet over a search's hits (not only the top ones), accents and case ignored."""
        return self.facet_lists([facet], contains, request, **search).get(facet, [])

    def facet_lists(self, names: Iterable[str], contains: str = "", request: SearchRequest | None = None,
                    **search: object) -> dict[str, list[FacetValue]]:
        """`facet_values` for several facets, matching the search once."""
        return self.backend.facet_lists(self._request(request, search), names, contains)

    def date_counts(self, limit: int = 20000, request: SearchRequest | None = None, **search: object) -> Counter:
        """Passages per mentioned date ("1940-08-20" or "1940-08") over a search's hits, for a narrow timeline."""
        return self.backend.date_counts(self._request(request, search), limit)

    def date_spans(self, spans: list[tuple[str, str]], request: SearchRequest | None = None,
                   **search: object) -> list[int]:
        """Passages of a search mentioning a date within each (from, to) span: what that date filter would find."""
        return self.backend.date_spans(self._request(request, search), spans)

    def year_spans(self, spans: list[tuple[int, int]], request: SearchRequest | None = None,
                   **search: object) -> list[int]:
        """Passages of a search mentioning a year in each (first, last) span of years, each passage once a span."""
        return self.backend.year_spans(self._request(request, search), spans)

    def date_range_problem(self, date_from: str | None, date_to: str | None) -> str | None:
        """A message when a From date is later than the To date (both valid), else None."""
        return SearchRequest(date_from=date_from or "", date_to=date_to or "").range_problem()

    def neighbours(self, doc_id: str) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
        """The (doc_id, title) of the documents before and after this one, by id."""
        return self.registry.neighbours(doc_id)
