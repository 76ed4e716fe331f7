"""Browsing a search's hits without ranking them: every value of a facet (accents ignored), passages per date or
per span of years for the timeline. Used through the backend."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

import numpy as np
from whoosh import query as Q

from . import search as _search
from .index import PassageIndex
from ...dates import day_number, parse_bound, shown_days
from ...errors import SleuthError
from ...folding import fold
from ...query.request import SearchRequest
from ...query.facets import FILTER_FACETS
from ...query.results import FacetValue


def matching(searcher, facets, s: SearchRequest) -> set[int] | None:
    """Document numbers a search matches (None for a refused query), without ranking or paging."""
    if s.problem:
        return None
    try:
        q = _search.parse(s.query, searcher, facets)
    except SleuthError:
        return None
    allow, deny = _search.filter_query(s)
    docs = set(searcher.docs_for_query(q))
    if allow is not None:
        docs &= set(searcher.docs_for_query(allow))
    if deny is not None:
        docs -= set(searcher.docs_for_query(deny))
    return docs


def facet_lists(index: PassageIndex, names: Iterable[str], contains: str, s: SearchRequest | None,
                limit: int | None = None) -> dict[str, list[FacetValue]]:
    """Every value of each facet over the search's hits (all passages when `s` is None) that contains `contains`,
    accents and case ignored; the `limit` most frequent of each when given."""
    searcher, facets = index.searcher()
    if s is None:
        mask = facets.live()
    else:
        docs = matching(searcher, facets, s)
        if docs is None:
            return {}
        mask = facets.mask(docs)
    needle = fold(contains)
    return {f: [FacetValue(v, n) for v, n in facets.counts(f, mask, limit) if needle in fold(v)]
            for f in names if f in FILTER_FACETS}


def date_counts(index: PassageIndex, s: Search, limit: int) -> Counter:
    """Passages per mentioned date ("1940-08-20" or "1940-08"), read from the first `limit` hits' stored dates."""
    searcher, facets = index.searcher()
    counts: Counter = Counter()
    for docnum in sorted(matching(searcher, facets, s) or ())[:limit]:
        days = {day for d in searcher.stored_fields(docnum).get("dates") or () for day in shown_days(str(d))}
        counts.update(days)
    return counts


def date_spans(index: PassageIndex, spans: list[tuple[str, str]], s: SearchRequest) -> list[int]:
    """Passages of the search mentioning a date within each (from, to) span: what that date filter finds."""
    searcher, facets = index.searcher()
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


def year_spans(index: PassageIndex, spans: list[tuple[int, int]], s: SearchRequest) -> list[int]:
    """Passages of the search mentioning a year in each (first, last) span of years, each passage once a span."""
    searcher, facets = index.searcher()
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
