"""Every hit of a search in order, for exports: read from the cluster a chunk at a time (`search_after` on the
request's own sort), so a 200k-hit export holds one chunk, not the whole answer. A natural query's first hits are
re-ranked as its pages are."""
from __future__ import annotations

from collections.abc import Sequence

from ...errors import QueryError
from ...query.request import SearchRequest
from ...query.results import SearchResult
from ..whoosh.rerank import DEPTH, query_words
from . import query as Q
from .rerank import rerank
from .search import HIT_SOURCE, highlight, hit_of, order

CHUNK = 500


class EveryHit(Sequence):
    """The hits in order, fetched as they are read; reading from the start again fetches again."""

    def __init__(self, client, index: str, req: SearchRequest, q: dict, total: int, timeout: str) -> None:
        self.client, self.index, self.total = client, index, total
        self.body = {"query": Q.request_query(req, q), "sort": order(req, q), "_source": HIT_SOURCE,
                     "highlight": highlight(q), "track_total_hits": False, "timeout": timeout}
        self.words = [] if req.sort else query_words(req.query)
        self.query = req.query
        self.start, self.chunk, self.after = 0, [], None

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self.total))]
        if i < 0:
            i += self.total
        if not 0 <= i < self.total:
            raise IndexError(i)
        if i < self.start:  # read again from the beginning
            self.start, self.chunk, self.after = 0, [], None
        while i >= self.start + len(self.chunk):
            self._next()
        return self.chunk[i - self.start]

    def _next(self) -> None:
        first = self.after is None and not self.chunk
        size = max(CHUNK, DEPTH) if first else CHUNK
        body = {**self.body, "size": size, **({"search_after": self.after} if self.after else {})}
        raw = self.client.search(index=self.index, body=body, request_timeout=60)["hits"]["hits"]
        if not raw:
            raise IndexError("the index changed while its hits were read")
        self.after = raw[-1]["sort"]
        hits = raw
        if first and self.words:
            hits = rerank(self.client, self.index, raw[:DEPTH], self.words) + raw[DEPTH:]
        self.start += len(self.chunk)
        self.chunk = [hit_of(h, self.query) for h in hits]


def every_hit(client, index: str, first: SearchResult, time_limit: float) -> SearchResult:
    """The search's first page's answer (its total, facets and message) with `hits` an `EveryHit` of all its hits."""
    req = first.request
    if first.refused:
        return first
    try:
        q = Q.user_query(req.query)
    except QueryError as exc:
        return SearchResult.refusal(req, str(exc))
    first.hits = EveryHit(client, index, req, q, first.total, f"{max(1, int(time_limit * 1000))}ms")  # type: ignore
    return first
