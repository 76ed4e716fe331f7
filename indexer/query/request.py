"""One search request: built once from CLI arguments or URL parameters, validated once, passed unchanged on."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Mapping

from ..dates import day_number, parse_bound
from ..errors import QueryError
from .facets import FILTER_FACETS

MAX_VALUES_PER_FACET = 20  # filter values per facet in one search (each adds a clause and a link on the page)
MAX_FILTER_VALUES = 50  # filter values in all facets together
MAX_PER_PAGE = 100
# Orders besides relevance: by the earliest year a passage mentions, or by the latest, newest first (passages that
# mention no year come last; ties in document order).
SORTS = ("oldest", "newest")
MAX_PAGE = 10**9
DEFAULT_PER_PAGE = 10

Groups = Mapping[str, "list[str] | tuple[str, ...]"]


class TooManyFilters(QueryError):
    """More filter values than a page can carry (see `filter_problem` below)."""


@dataclass(frozen=True)
class SearchRequest:
    """What the user asked for: words, entity and document filters, a date range and a page.

    Build it with `SearchRequest.of`, which cleans and checks it; `problem` then says why it cannot run.
    """

    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    exclude: dict[str, list[str]] = field(default_factory=dict)
    date_from: str = ""
    date_to: str = ""
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    problem: str | None = None  # why the request is refused (a date that is not one), or None
    sort: str = ""  # "" by relevance, or one of SORTS: by the years the passage mentions
    # Set by the facade for `tag:NAME` (or new documents): hits must be in one of these documents ("doc_id", id)
    # or be one of these passages ("passage_id", id); () matches nothing, None restricts nothing.
    within: tuple[tuple[str, str], ...] | None = None

    @classmethod
    def of(cls, query: str | None = "", filters: Groups | None = None, exclude: Groups | None = None,
           date_from: str | None = None, date_to: str | None = None, page: int | None = 1,
           per_page: int | None = DEFAULT_PER_PAGE, sort: str | None = "") -> "SearchRequest":
        """A cleaned request: known facets only, empty values dropped, page and size within bounds.

        Raises TooManyFilters when the filters would make a page too big; a date that is not one is kept as
        `problem` (the search answers with that message).
        """
        kept, dropped = _clean(filters), _clean(exclude)
        too_many = filter_problem(kept, dropped)
        if too_many:
            raise TooManyFilters(too_many)
        req = cls(query or "", kept, dropped, date_from or "", date_to or "", min(MAX_PAGE, max(1, int(page or 1))),
                  min(MAX_PER_PAGE, max(1, int(per_page or DEFAULT_PER_PAGE))),
                  sort=sort if sort in SORTS else "")
        return replace(req, problem=req._date_problem())

    @classmethod
    def matching(cls, search: Mapping[str, object]) -> "SearchRequest":
        """The matching part of `Sleuth.search`-style keyword arguments (page and size do not matter there)."""
        keys = ("query", "filters", "exclude", "date_from", "date_to")
        return cls.of(**{k: search[k] for k in keys if k in search})  # type: ignore[arg-type]

    def _date_problem(self) -> str | None:
        for text, end in ((self.date_from, False), (self.date_to, True)):
            if text and parse_bound(text, end=end) is None:
                return f"“{text}” is not a date; use YYYY, YYYY-MM or YYYY-MM-DD."
        return None

    def bounds(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last day the date range allows (None where open)."""
        return parse_bound(self.date_from), parse_bound(self.date_to, end=True)

    def day_range(self) -> tuple[int | None, int | None] | None:
        """The date range as YYYYMMDD day numbers, or None when the request has no date range."""
        lo, hi = self.bounds()
        if not (lo or hi):
            return None
        return (day_number(lo) if lo else None), (day_number(hi) if hi else None)

    def range_problem(self) -> str | None:
        """A message when the From date is later than the To date (both valid), else None."""
        lo, hi = self.bounds()
        if lo and hi and lo > hi:
            return (f"“From” ({self.date_from}) is later than “To” ({self.date_to}): no date can be in between. "
                    "Swap them, or type a To date on or after the From date.")
        return None

    @property
    def active(self) -> bool:
        """True when any filter or date bound is set."""
        return bool(self.filters or self.exclude or self.date_from or self.date_to)

    def changed(self, **changes: object) -> "SearchRequest":
        """The same request with some fields changed and checked again (a page, a document filter...)."""
        base = {k: getattr(self, k) for k in ("query", "filters", "exclude", "date_from", "date_to", "page",
                                              "per_page", "sort")}
        return SearchRequest.of(**{**base, **changes})  # type: ignore[arg-type]


def _clean(groups: Groups | None) -> dict[str, list[str]]:
    """Known facets (and the document facet) only, empty values dropped."""
    return {k: [v for v in vals if v] for k, vals in (groups or {}).items() if k in FILTER_FACETS and vals}


def filter_problem(filters: dict[str, list[str]] | None, exclude: dict[str, list[str]] | None) -> str | None:
    """Why these filters are refused (too many values), or None: pages grow with the square of their number."""
    groups = [*(filters or {}).items(), *(("not_" + k, v) for k, v in (exclude or {}).items())]
    for key, values in groups:
        if len(values) > MAX_VALUES_PER_FACET:
            return (f"Too many {key} filters ({len(values)}); use at most {MAX_VALUES_PER_FACET} values per "
                    "filter. Remove some, or search for the names instead.")
    total = sum(len(v) for _, v in groups)
    if total > MAX_FILTER_VALUES:
        return f"Too many filters ({total}); use at most {MAX_FILTER_VALUES} in one search."
    return None
