"""The search facade: the one object the CLI and the web app use. Whoosh and spaCy stay behind it."""
from __future__ import annotations

import re
import threading
import time
from collections import Counter
import unicodedata
from pathlib import Path
from typing import Callable, Iterable

from whoosh import query as Q

from . import search as _search
from ._store import IndexStore, corruption_as_message
from .entities import Canon, load_aliases
from .errors import SleuthError
from .ingest import Ingest, Source, sources_from_paths
from .registry import Registry
from .results import (ENTITY_FACETS, FACETS, DocumentView, EntityView, FacetValue, IndexReport, PassageView,
                      SearchResult)
from .schema import SCHEMA_VERSION
from .settings import Settings

MAX_ENTITY_MENTIONS = 200
MAX_SMALL_SEGMENTS = 10  # uploads add small segments; past this many a background merge joins them
UPKEEP_QUIET = 0.5  # seconds without an upload before background upkeep takes the write lock
_UNSAFE = re.compile(r"[^\w.\- ]+")


class Sleuth:
    """A collection: its index, its stored sources and the search API over them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        self.store = IndexStore(settings.index_dir, settings.writer_timeout)
        self.registry = Registry(settings.index_dir)
        # Serialises writers within this process; other processes are kept out by Whoosh's lock.
        self._write_lock = threading.Lock()
        self._canon: tuple[int, Canon] | None = None
        self._upkeeping = threading.Event()  # background upkeep (facet rewrites, merges) is running
        self._stale: set[str] = set()  # documents whose facets an upload's new names changed, not yet rewritten
        self._last_upload = 0.0

    def close(self) -> None:
        """Release files (the registry's database)."""
        self.registry.close()

    # --- searching -------------------------------------------------------------------------------
    def search(
        self,
        query: str = "",
        filters: dict[str, list[str]] | None = None,
        exclude: dict[str, list[str]] | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        page: int = 1,
        per_page: int = 10,
    ) -> SearchResult:
        """Search passages. Never raises for bad queries: `result.message` explains a refusal."""
        req = _search.SearchRequest(query or "", _clean(filters), _clean(exclude), date_from, date_to, page, per_page)
        with corruption_as_message(self.store.dir):
            return _search.run(self.store, req, self.settings.search_time_limit)

    def document(self, doc_id: str, query: str = "") -> DocumentView | None:
        """The whole document by passages, with `query`'s terms and entity mentions marked."""
        record = self.registry.get(doc_id)
        if record is None:
            return None
        searcher, facets = self.store.searcher()
        terms: set[str] = set()
        if query.strip():
            try:
                terms = _search.highlight_terms(_search._query.parse(query, searcher, facets), searcher)
            except SleuthError:
                terms = set()
        stored = sorted(searcher.documents(doc_id=doc_id), key=lambda s: s["ordinal"])
        passages = []
        for s in stored:
            html, hits = _search.passage_html(s, terms)
            passages.append(PassageView(s["passage_id"], s["ordinal"], s.get("section", ""), s["text"], html, hits,
                                        _search.passage_mentions(s), list(s.get("dates") or [])))
        return DocumentView(record.doc_id, record.title, record.name, record.fmt, record.metadata, passages,
                            record.url, record.date)

    def entities(self, facet: str | None = None) -> dict[str, list[FacetValue]]:
        """Every entity by facet with passage counts (one facet if given)."""
        _, facets = self.store.searcher()
        live = facets.live()
        wanted = [facet] if facet in FACETS else list(FACETS)
        return {f: [FacetValue(v, n) for v, n in facets.counts(f, live)] for f in wanted}

    def entity(self, facet: str, name: str) -> EntityView | None:
        """Everything about one canonical entity, or None if unknown."""
        if facet not in ENTITY_FACETS:
            return None
        result = self.search(filters={facet: [name]}, per_page=MAX_ENTITY_MENTIONS)
        if not result.total:
            return None
        searcher, facets = self.store.searcher()
        mask = facets.mask(searcher.docs_for_query(Q.Term(facet, name)))
        per_doc: dict[str, int] = {}
        for hit in result.hits:
            per_doc[hit.doc_id] = per_doc.get(hit.doc_id, 0) + 1
        titles = {h.doc_id: h.title for h in result.hits}
        docs = [(d, titles[d], n) for d, n in sorted(per_doc.items(), key=lambda kv: (-kv[1], kv[0]))]
        for hit in result.hits:
            marked = [(m.start, m.end) for m in _search.passage_mentions(searcher.document(passage_id=hit.passage_id))
                      if m.facet == facet and m.name == name]
            hit.snippet = _search.snippet(hit.text, marked)
        co = {f: [FacetValue(v, n) for v, n in facets.counts(f, mask, 50) if not (f == facet and v == name)]
              for f in ENTITY_FACETS}
        in_docs = [self.registry.doc_mentions(d) for d in per_doc]  # "Mercader" is him only beside his full name
        forms = [FacetValue(s, n) for s, n in self.canon().surface_forms(facet, name, in_docs).most_common()]
        years = sorted((FacetValue(v, n) for v, n in facets.counts("year", mask)), key=lambda fv: fv.value)
        return EntityView(facet, name, forms, result.total, docs, result.hits, co, years)

    def canon(self) -> Canon:
        """Canonical names over the whole registry, kept in memory and updated by this process's writes."""
        # data_version changes when another process commits to the registry: then our copy is stale.
        version = self.registry.db.execute("PRAGMA data_version").fetchone()[0]
        if self._canon is None or self._canon[0] != version:
            self._canon = (version, Canon.build(self.registry.mention_counts(),
                                                load_aliases(self.settings.aliases_files)))
        return self._canon[1]

    def _ingest(self, run: Callable[[Ingest, Canon], IndexReport]) -> IndexReport:
        """Run a write with the write lock held; a failed write drops the in-memory names (rebuilt on next use)."""
        with self._write_lock:
            try:
                return run(Ingest(self.settings, self.store, self.registry), self.canon())
            except BaseException:
                self._canon = None
                raise

    def stats(self) -> dict:
        """Counts: documents, passages, entities per facet, index_dir, schema_version."""
        searcher, facets = self.store.searcher()
        live = facets.live()
        return {
            "documents": self.registry.count(),
            "passages": searcher.doc_count(),
            "entities": {f: len(facets.counts(f, live)) for f in ENTITY_FACETS},
            "years": len(facets.counts("year", live)),
            "index_dir": str(self.settings.index_dir),
            "schema_version": SCHEMA_VERSION,
        }

    def is_empty(self) -> bool:
        """True when no document is indexed yet."""
        return self.registry.count() == 0

    # --- writing ---------------------------------------------------------------------------------
    def index_paths(
        self, paths: Iterable[Path], rebuild: bool = False, progress: Callable[[int, int], None] | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> IndexReport:
        """Index files and folders (doc ids relative to each folder); skips unchanged documents."""
        report = IndexReport()

        def run(ingest: Ingest, canon: Canon) -> IndexReport:
            if rebuild:
                self.store.wipe()
                stored = [Source(r.name, r.doc_id, self.registry.source_bytes(r), Path(r.source).suffix)
                          for r in self.registry.all()]
                # Rebuilt from the registry's sources alone; aliases are re-read, so edits to them apply.
                canon = Canon(load_aliases(self.settings.aliases_files))
                self._canon = None
                ingest.run(stored, report, canon, force=True, progress=progress, on_wait=on_wait)
            return ingest.run(sources_from_paths(paths, report), report, canon, progress=progress, on_wait=on_wait)

        return self._ingest(run)

    def index_uploads(
        self, files: list[tuple[str, bytes]], progress: Callable[[int, int], None] | None = None
    ) -> IndexReport:
        """Index uploaded files given as (original filename, content); doc id is `upload/<safe name>`."""
        sources = []
        for original, data in files:
            name = safe_name(original)
            sources.append(Source(name, f"upload/{name}", data, Path(name).suffix))
        # The upload itself is searchable when this returns; other documents whose canonical names it changed
        # (an upload naming "Leon Trotsky" turns earlier "Trotsky" facets into him) are rewritten just after.
        report = self._ingest(lambda ingest, canon: ingest.run(sources, IndexReport(), canon, progress=progress,
                                                               defer_stale=self._stale))
        self._last_upload = time.monotonic()
        self._upkeep_later()
        return report

    def settle(self, timeout: float = 60.0) -> bool:
        """Wait for background upkeep after uploads (facet rewrites, merges); False if still running."""
        deadline = time.monotonic() + timeout
        while self._upkeeping.is_set() and time.monotonic() < deadline:
            time.sleep(0.02)
        return not self._upkeeping.is_set()

    def _upkeep_later(self) -> None:
        """Rewrite stale facets and merge small segments in a background thread, off the upload's request."""
        if self._upkeeping.is_set() or not (self._stale or self.store.small_segments() > MAX_SMALL_SEGMENTS):
            return
        self._upkeeping.set()
        threading.Thread(target=self._upkeep, name="sleuth-upkeep", daemon=True).start()

    def _upkeep(self) -> None:
        try:
            while True:
                # Let a burst of uploads finish first: each would otherwise wait for the lock behind us.
                while time.monotonic() - self._last_upload < UPKEEP_QUIET:
                    time.sleep(0.05)
                with self._write_lock:
                    stale, self._stale = self._stale, set()
                    try:
                        Ingest(self.settings, self.store, self.registry).rewrite_facets(self.canon(), stale)
                    except BaseException:
                        self._stale |= stale  # tried again after the next upload
                        raise
                    merge = self.store.small_segments() > MAX_SMALL_SEGMENTS
                    if merge:
                        with self.store.writing(merge=True):
                            pass  # an empty commit runs the merge policy
                if merge:
                    self.store.searcher()[1].warm(FACETS)  # pay for the merged segment here, not in a request
                with self._write_lock:
                    if not self._stale:
                        # Cleared under the lock: an upload that adds stale documents after this starts a new
                        # thread, one that added them before is seen here.
                        self._upkeeping.clear()
                        return
        except SleuthError:
            pass  # busy or closed: the next upload will try again
        finally:
            self._upkeeping.clear()

    def remove(self, doc_id: str) -> bool:
        """Delete a document and its passages; False if it was not indexed."""
        def run(ingest: Ingest, canon: Canon) -> bool:
            if self.registry.get(doc_id) is None:
                return False
            gone = self.registry.doc_mentions(doc_id)
            with self.store.writing() as writer:
                writer.delete_by_term("doc_id", doc_id)
            self.registry.delete(doc_id)
            ingest.refacet(canon, canon.add(Counter({k: -n for k, n in gone.items()})), {doc_id})
            return True

        return self._ingest(run)  # type: ignore[return-value]


def safe_name(original: str) -> str:
    """A file name safe to use in an id: no folders, no dots-only names, at most 120 characters."""
    base = unicodedata.normalize("NFC", original.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    base = _UNSAFE.sub("_", base).strip(" .") or "unnamed"
    if len(base) > 120:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 110] + "." + ext[:9]) if dot and len(ext) <= 9 else base[:120]
    return base


def _clean(groups: dict[str, list[str]] | None) -> dict[str, list[str]]:
    return {k: [v for v in vals if v] for k, vals in (groups or {}).items() if k in FACETS and vals}
