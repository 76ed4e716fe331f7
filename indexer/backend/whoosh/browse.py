"""Browsing a search's hits without ranking them: every value of a facet (accents ignored), passages per date or
per span of years for the timeline, date-range sanity, and a document's neighbours. Used through `Sleuth`."""
from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Iterable

import numpy as np
from whoosh import query as Q

from . import search as _search
from .index import IndexStore
from ...dates import day_number, parse_bound
from ...errors import SleuthError
from ...results import FACETS, FacetValue


Search = _search.SearchRequest  # page and per_page unused here


def request_of(kwargs: dict) -> Search:
    """The matching part of `Sleuth.search`-style keyword arguments (others, such as page, ignored)."""
    def clean(groups) -> dict[str, list[str]]:
        return {k: [v for v in vals if v] for k, vals in (groups or {}).items() if k in FACETS and vals}

    return Search(str(kwargs.get("query") or ""), clean(kwargs.get("filters")), clean(kwargs.get("exclude")),
                  kwargs.get("date_from") or None, kwargs.get("date_to") or None)


def fold(text: str) -> str:
    """Text without accents and case, for matching names as the search does ("ramon" finds "Ramón")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def matching(searcher, facets, s: Search) -> set[int] | None:
    """Document numbers a search matches (None for a refused query), without ranking or paging."""
    try:
        q = _search._query.parse(s.query, searcher, facets) if s.query.strip() else Q.Every()
        allow, deny = _search.filter_query(s)
    except SleuthError:
        return None
    docs = set(searcher.docs_for_query(q))
    if allow is not None:
        docs &= set(searcher.docs_for_query(allow))
    if deny is not None:
        docs -= set(searcher.docs_for_query(deny))
    return docs


def facet_lists(store: IndexStore, names: Iterable[str], contains: str, s: Search) -> dict[str, list[FacetValue]]:
    """Every value of each facet over the search's hits that contains `contains` (accents and case ignored)."""
    searcher, facets = store.searcher()
    docs = matching(searcher, facets, s)
    if docs is None:
        return {}
    mask, needle = facets.mask(docs), fold(contains)
    return {f: [FacetValue(v, n) for v, n in facets.counts(f, mask) if needle in fold(v)] for f in names if f in FACETS}


def date_counts(store: IndexStore, s: Search, limit: int) -> Counter:
    """Passages per mentioned date ("1940-08-20" or "1940-08"), read from the first `limit` hits' stored dates."""
    searcher, facets = store.searcher()
    counts: Counter = Counter()
    for docnum in sorted(matching(searcher, facets, s) or ())[:limit]:
        days = {str(d).split("/")[0][:10] for d in searcher.stored_fields(docnum).get("dates") or ()}
        counts.update(d for d in days if len(d) >= 7)
    return counts


def date_spans(store: IndexStore, spans: list[tuple[str, str]], s: Search) -> list[int]:
    """Passages of the search mentioning a date within each (from, to) span: what that date filter finds."""
    searcher, facets = store.searcher()
    docs = matching(searcher, facets, s)
    counts = []
    for lo, hi in spans:
        first, last = parse_bound(lo), parse_bound(hi, end=True)
        if not docs or first is None or last is None:
            counts.append(0)
            continue
        days = Q.NumericRange("date", day_number(first), day_number(last))
        counts.append(len(docs.intersection(searcher.docs_for_query(days))))
    return counts


def year_spans(store: IndexStore, spans: list[tuple[int, int]], s: Search) -> list[int]:
    """Passages of the search mentioning a year in each (first, last) span of years, each passage once a span."""
    searcher, facets = store.searcher()
    docs = matching(searcher, facets, s)
    if not docs or not spans:
        return [0] * len(spans)
    # From the facet cache's (passage, year) arrays: a range query per span costs 30 ms on 10k passages.
    passages, year_ids = facets._field("year")
    values = facets.arrays.vocab["year"].values
    span_of = np.full(len(values), -1, dtype=np.int64)
    for i, value in enumerate(values):
        year = int(value) if value.isdigit() else None
        span_of[i] = next((k for k, (a, b) in enumerate(spans) if year is not None and a <= year <= b), -1)
    keep = facets.mask(docs)[passages]
    found = span_of[year_ids[keep]]
    pairs = np.unique(passages[keep][found >= 0].astype(np.int64) * len(spans) + found[found >= 0])
    return np.bincount(pairs % len(spans), minlength=len(spans)).tolist()


def date_range_problem(date_from: str | None, date_to: str | None) -> str | None:
    """A message when a From date is later than the To date (both valid), else None."""
    lo, hi = parse_bound(date_from or ""), parse_bound(date_to or "", end=True)
    if lo and hi and lo > hi:
        return (f"“From” ({date_from}) is later than “To” ({date_to}): no date can be in between. "
                "Swap them, or type a To date on or after the From date.")
    return None


def neighbours(db, doc_id: str) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """The (doc_id, title) of the registry's documents before and after this one, by id."""
    before = db.execute("SELECT doc_id, title FROM documents WHERE doc_id < ? ORDER BY doc_id DESC LIMIT 1",
                        (doc_id,)).fetchone()
    after = db.execute("SELECT doc_id, title FROM documents WHERE doc_id > ? ORDER BY doc_id LIMIT 1",
                       (doc_id,)).fetchone()
    return (tuple(before) if before else None), (tuple(after) if after else None)
