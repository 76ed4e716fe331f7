"""Browsing a request's hits without ranking them: every value of a facet (accents ignored), passages per date, per
span of dates or of years for the timeline, each one aggregation request."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from ...dates import day_number, parse_bound, shown_days
from ...folding import fold, name_key, spelled_like
from ...query.request import SearchRequest
from ...query.facets import FILTER_FACETS
from ...query.results import FacetValue
from . import query as Q
from .mapping import MAX_WINDOW
from .search import terms_agg


def _aggregate(client, index: str, q: dict, aggs: dict) -> dict:
    answer = client.search(index=index, body={"query": q, "size": 0, "track_total_hits": False, "aggs": aggs})
    return answer.get("aggregations", {})


def facet_lists(client, index: str, names: Iterable[str], contains: str, req: SearchRequest | None,
                limit: int | None = None) -> dict[str, list[FacetValue]]:
    """Every value of each facet over the request's hits (all passages for None) containing `contains`, accents
    and case ignored; the `limit` most frequent of each when given."""
    q = Q.matching(req)
    if q is None:
        return {}
    needle, out = fold(contains), {}
    for f in (f for f in names if f in FILTER_FACETS):  # one request a facet: within the cluster's bucket limit
        buckets = _aggregate(client, index, q, {f: terms_agg(f, limit or MAX_WINDOW)}).get(f, {}).get("buckets", [])
        out[f] = [FacetValue(b["key"], b["doc_count"]) for b in buckets if needle in fold(b["key"])]
    return out


def match_values(client, index: str, facet: str, value: str, near: int) -> tuple[list[str], list[str]]:
    """The facet's values in use with `value`'s matching key (accents, case, punctuation aside), most passages
    first; when there is none, up to `near` values sharing most of its words (as the Whoosh facet cache answers)."""
    if facet not in FILTER_FACETS:
        return [], []
    keyed: dict[str, list[tuple[str, int]]] = {}
    for v in facet_lists(client, index, [facet], "", None)[facet]:
        keyed.setdefault(name_key(v.value), []).append((v.value, v.count))
    return spelled_like(keyed, value, near)


def date_counts(client, index: str, req: SearchRequest, limit: int) -> Counter:
    """Passages per mentioned date ("1940-08-20" or "1940-08"), from the first `limit` hits' stored dates."""
    q = Q.matching(req)
    counts: Counter = Counter()
    if q is None or limit <= 0:
        return counts
    body = {"query": {"bool": {"must": [q], "filter": [{"exists": {"field": "date"}}]}},
            "size": min(limit, MAX_WINDOW), "_source": ["dates"], "sort": [{"doc_id": "asc"}, {"ordinal": "asc"}]}
    for hit in client.search(index=index, body=body)["hits"]["hits"]:
        days = {day for d in hit["_source"].get("dates") or () for day in shown_days(str(d))}
        counts.update(days)
    return counts


def date_spans(client, index: str, req: SearchRequest, spans: list[tuple[str, str]]) -> list[int]:
    """Passages of the request mentioning a date within each (from, to) span: what that date filter finds."""
    q = Q.matching(req)
    bounds = [(parse_bound(lo), parse_bound(hi, end=True)) for lo, hi in spans]
    ranges = {str(i): {"range": {"date": {"gte": day_number(a), "lte": day_number(b)}}}
              for i, (a, b) in enumerate(bounds) if a is not None and b is not None}
    return _span_counts(client, index, q, ranges, len(spans))


def year_spans(client, index: str, req: SearchRequest, spans: list[tuple[int, int]]) -> list[int]:
    """Passages of the request mentioning a year in each (first, last) span, each passage once a span."""
    ranges = {str(i): {"range": {"year.n": {"gte": a, "lte": b}}} for i, (a, b) in enumerate(spans)}
    return _span_counts(client, index, Q.matching(req), ranges, len(spans))


def _span_counts(client, index: str, q: dict | None, ranges: dict[str, dict], n: int) -> list[int]:
    if q is None or not ranges:
        return [0] * n
    buckets = _aggregate(client, index, q, {"spans": {"filters": {"filters": ranges}}})["spans"]["buckets"]
    return [buckets.get(str(i), {}).get("doc_count", 0) for i in range(n)]
