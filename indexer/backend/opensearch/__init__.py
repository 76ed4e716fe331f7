"""The OpenSearch backend: passages in an index of a cluster (one or more nodes) over HTTP, with `opensearch-py`.

Selected by SLEUTH_BACKEND=opensearch with SLEUTH_OPENSEARCH_URL. The registry, the source copies and the write
lock stay in the data folder, as with Whoosh; the index is named after that folder unless SLEUTH_OPENSEARCH_INDEX
names it. Writes go through the bulk API (whole documents: stale passages deleted in the same request) and are
answered once the cluster has made them durable (translog synced) and searchable (`refresh=wait_for`).
"""
from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from ...errors import ClusterUnavailable, QueryError, SchemaMismatch, SleuthError
from ...query.markup import markup
from ...query.request import SearchRequest
from ...query.results import FacetValue, Mention, PassageView, SearchResult
from ...settings import Settings
from .. import OnWait, PassageEntry
from . import browse, every, rebuild, search
from . import query as Q
from .client import answers, check_version, connect, helpers
from .lock import FileLock
from ..whoosh import EXPORT_TIME_LIMIT
from .mapping import MAX_WINDOW, SCHEMA_VERSION, entry_of, index_body, index_name, mentions_of, source_of

BULK_ACTIONS = 1000  # actions per bulk request


class Backend:
    """Passages in an OpenSearch index; the same answers as the Whoosh backend, scores from Lucene's BM25."""

    def __init__(self, index_dir: Path, writer_timeout: float = 60.0, search_time_limit: float = 1.0,
                 settings: Settings | None = None) -> None:
        settings = settings or Settings.from_env()
        self.client = connect(settings, timeout=max(30.0, writer_timeout))
        self.where = settings.opensearch_url
        self.index = index_name(index_dir, settings.opensearch_index)
        self.shards = settings.opensearch_shards
        self.time_limit = search_time_limit
        self.lock = FileLock(Path(index_dir) / "opensearch.lock", writer_timeout)
        self._ready = False
        self._ready_lock = threading.Lock()

    def _ensure(self) -> str:
        """The index, created with its mapping on first use; an index of another schema version is refused."""
        if self._ready:
            return self.index
        with self._ready_lock, answers(self.where):
            if not self._ready:
                check_version(self.client, self.where)
                if not self.client.indices.exists(index=self.index):
                    self.client.indices.create(index=self.index, body=index_body(self.shards),
                                               params={"wait_for_active_shards": "1"}, ignore=400)
                meta = self.client.indices.get_mapping(index=self.index)[self.index]["mappings"].get("_meta", {})
                if meta.get("schema_version") != SCHEMA_VERSION:
                    raise SchemaMismatch(f"The OpenSearch index {self.index} was written by schema version "
                                         f"{meta.get('schema_version')}, this Sleuth uses {SCHEMA_VERSION}; rebuild "
                                         "it with `sleuth index --rebuild`.")
                self._ready = True
        return self.index

    # --- writing -----------------------------------------------------------------------------------------
    def write(self, documents: Mapping[str, list[PassageEntry]], on_wait: OnWait = None,
              merge: bool = True, draft: bool = False) -> None:
        """Replace each document's passages by these: new passages indexed, the rest of each document deleted."""
        index = self._ensure()
        with self.lock.held(on_wait), answers(self.where):
            new = {e.passage_id: e for entries in documents.values() for e in entries}
            stale = [pid for pid in self._passage_ids(list(documents)) if pid not in new]
            actions: list[dict] = [{"_op_type": "index", "_id": pid, "_source": source_of(e)} for pid, e in new.items()]
            actions += [{"_op_type": "delete", "_id": pid} for pid in stale]
            self._bulk(index, actions)

    def delete(self, doc_ids: Iterable[str]) -> None:
        """Remove these documents' passages."""
        index = self._ensure()
        with self.lock.held(), answers(self.where):
            self._bulk(index, [{"_op_type": "delete", "_id": pid} for pid in self._passage_ids(list(doc_ids))])

    def _passage_ids(self, doc_ids: list[str]) -> Iterator[str]:
        for i in range(0, len(doc_ids), 1000):
            q = {"query": {"terms": {"doc_id": doc_ids[i:i + 1000]}}, "_source": False}
            for hit in helpers.scan(self.client, query=q, index=self.index, size=1000):
                yield hit["_id"]

    def _bulk(self, index: str, actions: list[dict]) -> None:
        """Bulk requests; the last one waits until everything is searchable (one request: `refresh=wait_for`)."""
        if not actions:
            return
        chunks = [actions[i:i + BULK_ACTIONS] for i in range(0, len(actions), BULK_ACTIONS)]
        for n, chunk in enumerate(chunks):
            refresh = "wait_for" if len(chunks) == 1 else "false"
            _, errors = helpers.bulk(self.client, chunk, index=index, refresh=refresh, raise_on_error=False,
                                     raise_on_exception=True, max_retries=3)
            failed = [e for e in errors if next(iter(e.values())).get("status") != 404]  # already deleted
            if failed:
                first = next(iter(failed[0].values()))
                raise SleuthError(f"OpenSearch refused {len(failed)} passage write(s) of this batch "
                                          f"({first.get('error')}); nothing was recorded as indexed. Check the "
                                          "cluster's health (`_cluster/health`) and disk space, then index again.")
        if len(chunks) > 1:
            self.client.indices.refresh(index=index)

    def rebuilt(self, on_wait: OnWait = None):
        """A new, empty backend to rebuild into, put in this one's place when the block ends without error."""
        return rebuild.rebuilt(self, on_wait)

    def write_lock(self, on_wait: OnWait = None):
        """Hold the data folder's write lock (across processes) without writing."""
        return self.lock.held(on_wait)

    def wipe(self) -> None:
        """Delete the index (the registry and sources stay)."""
        with answers(self.where):
            self.client.indices.delete(index=self.index, ignore=404)
        self._ready = False

    def upkeep_due(self) -> bool:
        """Never: the cluster merges its own segments."""
        return False

    def merge(self) -> None:
        """Nothing to do: OpenSearch's merge policy runs on the nodes."""

    def warm(self) -> None:
        """Nothing to do: the nodes keep their own caches."""

    # --- reading -----------------------------------------------------------------------------------------
    def verify(self) -> None:
        """Reach the cluster and open the index: raises ClusterUnavailable or SchemaMismatch naming the fix."""
        index = self._ensure()
        with answers(self.where):
            health = self.client.cluster.health(index=index)
        if health.get("status") == "red":
            raise ClusterUnavailable(f"The OpenSearch index {index} is red: some of its shards have no live copy. "
                                     "Bring the missing nodes back, or restore the index from a snapshot.")

    def search(self, request: SearchRequest) -> SearchResult:
        """One search, bounded in time; refusals become `message`."""
        index = self._ensure()
        try:
            with answers(self.where):
                return search.search(self.client, index, request, self.time_limit)
        except QueryError as exc:
            return SearchResult.refusal(request, str(exc))

    def every_hit(self, request: SearchRequest) -> SearchResult:
        """The search with every hit in order as `hits`, read from the cluster a chunk at a time (exports)."""
        first = self.search(request)
        with answers(self.where):
            return every.every_hit(self.client, self._ensure(), first, max(self.time_limit, EXPORT_TIME_LIMIT))

    def _documents(self, doc_id: str, body: dict | None = None) -> list[dict]:
        index = self._ensure()
        body = {"query": {"term": {"doc_id": doc_id}}, "size": MAX_WINDOW, "sort": [{"ordinal": "asc"}],
                **(body or {})}
        with answers(self.where):
            return self.client.search(index=index, body=body)["hits"]["hits"]

    def passages(self, doc_id: str) -> list[PassageEntry]:
        """A document's stored passages, in order."""
        return [entry_of(h["_source"]) for h in self._documents(doc_id)]

    def marked_passages(self, doc_id: str, query: str, start: int = 0, count: int | None = None,
                        only: set[str] | None = None) -> list[PassageView]:
        """A document's passages by ordinal, with the query's words and the entity mentions marked: `count` of them
        from the `start`-th (all when None), or only the passages whose ids are in `only`."""
        try:
            q = Q.user_query(query) if query.strip() else None
        except QueryError:
            q = None
        found = self._documents(doc_id, {"highlight": search.highlight(q)} if q else None)
        if only is not None:
            found = [h for h in found if h["_source"]["passage_id"] in only]
        elif count is not None or start:
            found = found[start:None if count is None else start + count]
        views = []
        for h in found:
            s = h["_source"]
            text, mentions = s.get("text", ""), mentions_of(s)
            spans = search.marked_spans(h, text, query) if q else []
            views.append(PassageView(s["passage_id"], s["ordinal"], s.get("section", ""), text,
                                     markup(text, spans, mentions), len(spans), mentions,
                                     list(s.get("dates") or []), bool(s.get("ocr"))))
        return views

    def mentions(self, passage_id: str) -> list[Mention]:
        """The entity mentions stored with one passage."""
        index = self._ensure()
        with answers(self.where):
            found = self.client.get(index=index, id=passage_id, _source_includes="mentions", ignore=404)
        return mentions_of(found.get("_source") or {})

    def facet_lists(self, request: SearchRequest | None, names: Iterable[str], contains: str = "",
                    limit: int | None = None) -> dict[str, list[FacetValue]]:
        """Every value of these facets over the request's hits (the whole index when `request` is None)."""
        with answers(self.where):
            return browse.facet_lists(self.client, self._ensure(), names, contains, request, limit)

    def match_values(self, facet: str, value: str, near: int = 3) -> tuple[list[str], list[str]]:
        """The facet's values in use spelled like `value`; else up to `near` values sharing most of its words."""
        with answers(self.where):
            return browse.match_values(self.client, self._ensure(), facet, value, near)

    def date_counts(self, request: SearchRequest, limit: int) -> Counter:
        """Passages per mentioned day or month over the request's first `limit` hits."""
        with answers(self.where):
            return browse.date_counts(self.client, self._ensure(), request, limit)

    def date_spans(self, request: SearchRequest, spans: list[tuple[str, str]]) -> list[int]:
        """Passages of the request mentioning a date within each (from, to) span."""
        with answers(self.where):
            return browse.date_spans(self.client, self._ensure(), request, spans)

    def year_spans(self, request: SearchRequest, spans: list[tuple[int, int]]) -> list[int]:
        """Passages of the request mentioning a year in each span of years."""
        with answers(self.where):
            return browse.year_spans(self.client, self._ensure(), request, spans)

    def stats(self) -> dict:
        """Passages in the index and the schema version."""
        index = self._ensure()
        with answers(self.where):
            return {"passages": self.client.count(index=index)["count"], "schema_version": SCHEMA_VERSION}
