"""The search facade: the one object the CLI and the web app use. The backend and spaCy stay behind it."""
from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, TypeVar

from . import corrections, ocr
from ._guard import safe_name
from .backend import open_backend
from .batch import TOP_HITS, BatchLine, search_lines
from .compare import Comparison, compare_sources
from .corrections import Correction, CorrectionsFile
from .canonical import CanonicalNames
from .entities import Canon
from .entity_view import entity_view
from .errors import IndexBusy
from .grouping import group_by_document
from .ingest import ORPHAN_AGE, Pipeline
from .registry import Registry
from .request import SearchRequest, TooManyFilters
from .results import (ENTITY_FACETS, FACETS, DocumentHits, DocumentInfo, DocumentView, EntityView, FacetValue,
                      IndexReport, SearchResult)
from .settings import Settings
from .sources import Source, sources_from_paths
from .pending import Pending
from .upkeep import Upkeep

UPLOAD_WAIT = 1.0  # seconds an upload waits for a free slot before it is told the server is busy
T = TypeVar("T")


class Sleuth:
    """A collection: its index, its stored sources and the search API over them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        self.backend = open_backend(settings.backend, settings.index_dir, writer_timeout=settings.writer_timeout,
                                    search_time_limit=settings.search_time_limit)
        self.registry = Registry(settings.index_dir)
        self.corrections = CorrectionsFile(settings.index_dir)
        self.pipeline = Pipeline(settings, self.backend, self.registry)
        # Serialises writers within this process; other processes are kept out by the backend's own lock.
        self.write_lock = threading.Lock()
        self.pending = Pending(settings.index_dir)  # uploads whose entities are still to be found
        self.upkeep = Upkeep(self)
        self.names = CanonicalNames(settings, self.registry, self.corrections, self.upkeep.queue)
        # Uploads read and index in the request's thread: a few at a time, so the others stay free for searches.
        self._upload_slots = threading.BoundedSemaphore(settings.max_concurrent_uploads)

    def close(self) -> None:
        """Release files (the registry's database)."""
        self.registry.close()

    # --- searching -------------------------------------------------------------------------------
    def search(self, request: SearchRequest | str = "", **parts: object) -> SearchResult:
        """Search passages: a `SearchRequest`, or a query and `SearchRequest.of`'s keyword arguments (filters,
        exclude, date_from, date_to, page, per_page). Never raises for bad queries: `message` says why."""
        if not isinstance(request, SearchRequest):
            try:
                request = SearchRequest.of(request, **parts)  # type: ignore[arg-type]
            except TooManyFilters as exc:
                page = {k: parts[k] for k in ("page", "per_page") if k in parts}
                return SearchResult.refusal(SearchRequest.of(request, **page), str(exc))  # type: ignore[arg-type]
        self._notice_corrections()
        return self.backend.search(request)

    def every_hit(self, request: SearchRequest) -> SearchResult:
        """The search with every hit in order as `hits` (a sequence whose hits are built as they are read, so an
        export of 200,000 hits holds only their ranking); `message` says when it was cut off or refused."""
        self._notice_corrections()
        return self.backend.every_hit(request)

    def group_by_document(self, result: SearchResult, page: int = 1, per_page: int = 10) -> list[DocumentHits]:
        """A search's hits grouped by document, best documents first, a page at a time."""
        return group_by_document(self, result, page, per_page)

    def document(self, doc_id: str, query: str = "") -> DocumentView | None:
        """The whole document by passages, with `query`'s terms and entity mentions marked."""
        record = self.registry.get(doc_id)
        if record is None:
            return None
        return DocumentView(record.doc_id, record.title, record.name, record.fmt, record.metadata,
                            self.backend.marked_passages(doc_id, query), record.url, record.date,
                            self.entities_pending(doc_id))

    def search_batch(self, lines: Iterable[str], top: int = TOP_HITS) -> list[BatchLine]:
        """Search every line of a batch (at most MAX_LINES): its passage and document counts and top hits."""
        return search_lines(self, lines, top)

    def compare(self, query: str | SearchRequest, doc_ids: list[str] | None = None, **search: object) -> Comparison:
        """The passages of 2–4 documents matching a search, aligned side by side (the first two by default)."""
        request = query if isinstance(query, SearchRequest) else _request_of({**search, "query": query})
        return compare_sources(self, request, doc_ids)

    # --- browsing: what the pages' lists, timeline and links need ---------------------------------------
    def facet_values(self, facet: str, contains: str = "", request: SearchRequest | None = None,
                     **search: object) -> list[FacetValue]:
        """Every value of one facet over a search's hits (not only the top ones), accents and case ignored."""
        return self.facet_lists([facet], contains, request, **search).get(facet, [])

    def facet_lists(self, names: Iterable[str], contains: str = "", request: SearchRequest | None = None,
                    **search: object) -> dict[str, list[FacetValue]]:
        """`facet_values` for several facets, matching the search once."""
        return self.backend.facet_lists(request or _request_of(search), names, contains)

    def date_counts(self, limit: int = 20000, request: SearchRequest | None = None, **search: object) -> Counter:
        """Passages per mentioned date ("1940-08-20" or "1940-08") over a search's hits, for a narrow timeline."""
        return self.backend.date_counts(request or _request_of(search), limit)

    def date_spans(self, spans: list[tuple[str, str]], request: SearchRequest | None = None,
                   **search: object) -> list[int]:
        """Passages of a search mentioning a date within each (from, to) span: what that date filter would find."""
        return self.backend.date_spans(request or _request_of(search), spans)

    def year_spans(self, spans: list[tuple[int, int]], request: SearchRequest | None = None,
                   **search: object) -> list[int]:
        """Passages of a search mentioning a year in each (first, last) span of years, each passage once a span."""
        return self.backend.year_spans(request or _request_of(search), spans)

    def date_range_problem(self, date_from: str | None, date_to: str | None) -> str | None:
        """A message when a From date is later than the To date (both valid), else None."""
        return SearchRequest(date_from=date_from or "", date_to=date_to or "").range_problem()

    def neighbours(self, doc_id: str) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
        """The (doc_id, title) of the documents before and after this one, by id."""
        return self.registry.neighbours(doc_id)

    def entities(self, facet: str | None = None) -> dict[str, list[FacetValue]]:
        """Every entity by facet with passage counts (one facet if given)."""
        self._notice_corrections()
        return self.backend.facet_lists(None, [facet] if facet in FACETS else list(FACETS))

    def entity(self, facet: str, name: str) -> EntityView | None:
        """Everything about one canonical entity, or None if unknown."""
        return entity_view(self, facet, name)

    def stats(self) -> dict:
        """Counts: documents, passages, entities per facet, index_dir, schema_version."""
        index = self.backend.stats()
        counts = self.backend.facet_lists(None, FACETS)
        return {
            "documents": self.registry.count(),
            "passages": index["passages"],
            "entities": {f: len(counts.get(f, [])) for f in ENTITY_FACETS},
            "years": len(counts.get("year", [])),
            "index_dir": str(self.settings.index_dir),
            "schema_version": index["schema_version"],
            "ocr": ocr.status(ocr.Options.from_settings(self.settings)),
        }

    def is_empty(self) -> bool:
        """True when no document is indexed yet."""
        return self.registry.count() == 0

    # --- canonical names ------------------------------------------------------------------------------
    def canon(self) -> Canon:
        """Canonical names over the whole registry, kept in memory and updated by this process's writes."""
        return self.names.current()

    def _notice_corrections(self) -> None:
        # A stat per call: a hand edit of corrections.toml reaches the facets without a restart.
        if self.names.corrections_changed():
            self.canon()
            self.upkeep.start()

    # --- writing ---------------------------------------------------------------------------------
    def _write(self, write: Callable[[Canon], T]) -> T:
        """Run a write with the write lock held; a failed write drops the in-memory names (rebuilt on next use)."""
        # Bounded wait: a request queued behind a long write must not hold a server thread for ever.
        if not self.write_lock.acquire(timeout=self.settings.writer_timeout):
            raise IndexBusy("Another write in this process did not finish within SLEUTH_WRITER_TIMEOUT; try again.")
        try:
            return write(self.canon())
        except BaseException:
            self.names.forget()
            raise
        finally:
            self.write_lock.release()

    def index_paths(
        self, paths: Iterable[Path], rebuild: bool = False, progress: Callable[[int, int], None] | None = None,
        on_wait: Callable[[str], None] | None = None, ocr_progress: Callable[[int, int], None] | None = None,
    ) -> IndexReport:
        """Index files and folders (doc ids relative to each folder); skips unchanged documents.

        `rebuild` first rebuilds the whole index from the stored sources. `progress` counts passages through
        entity finding, `ocr_progress` scanned pages read by OCR.
        """
        def index(canon: Canon) -> IndexReport:
            report = IndexReport()
            if rebuild:
                # Names are rebuilt from the stored sources alone; aliases are read again, corrections kept.
                canon = self.names.fresh()
                report = self.pipeline.rebuild(canon, progress, on_wait)
            done = self.pipeline.index(sources_from_paths(paths), canon, progress=progress, on_wait=on_wait,
                                       rewrite=True)
            return report.followed_by(done.report)

        with ocr.reporting(ocr_progress):
            return self._write(index)

    def index_uploads(
        self, files: list[tuple[str, bytes]], progress: Callable[[int, int], None] | None = None
    ) -> IndexReport:
        """Index uploaded files given as (original filename, content); doc id is `upload/<safe name>`."""
        # JSONL records keep their ids under upload/ too: an upload never replaces a document indexed otherwise.
        sources = [Source(name, f"upload/{name}", data, Path(name).suffix, id_prefix="upload/")
                   for name, data in ((safe_name(original), data) for original, data in files)]
        if not self._upload_slots.acquire(timeout=UPLOAD_WAIT):
            raise IndexBusy("Other uploads are being indexed; try again in a minute.")
        try:
            for src in sources:
                src.read_early(ocr.Options.from_settings(self.settings))  # parsing happens outside the write lock

            def index(canon: Canon) -> IndexReport:
                # The upload's words are searchable when this returns; its entities are found by the upkeep just
                # after, then the documents whose canonical names they changed ("Trotsky" → "Leon Trotsky").
                done = self.pipeline.index(sources, canon, progress=progress, words_only=True)
                self.upkeep.queue(done.stale)
                self.pending.add({d.doc_id: self.registry.hash_of(d.doc_id) or "" for d in done.report.documents
                                  if d.status in ("added", "updated")})
                return done.report

            report = self._write(index)
        finally:
            self._upload_slots.release()
        self.upkeep.uploaded()
        return report

    def entities_pending(self, doc_id: str) -> bool:
        """True while an uploaded document's entities, dates and facets are still being found."""
        return doc_id in self.pending

    def resume_upkeep(self) -> None:
        """Start the background upkeep for what an earlier process left (uploads whose entities were not found)."""
        if self.pending:
            self.upkeep.start()

    def settle(self, timeout: float = 60.0) -> bool:
        """Wait for background upkeep after uploads (entities, facet rewrites, merges); False if still running."""
        return self.upkeep.settle(timeout)

    def correct(self, action: str, facet: str, name: str, into: str = "", into_type: str = "",
                wait: bool = True) -> Correction:
        """Merge, rename, retype or hide an entity; its documents' facets are rewritten (now, or in the background
        when `wait` is False). Raises SleuthError naming what to give when the correction cannot apply."""
        corrections.check(action, facet, name, into.strip(), into_type, ENTITY_FACETS)
        self.canon()
        made = self.corrections.add(action, facet, name, into.strip(), into_type)
        self._rewrite_corrected(wait)
        return made

    def undo_correction(self, correction_id: str, wait: bool = True) -> Correction | None:
        """Take one correction back (by id); its documents' facets are rewritten. None if there is no such id."""
        self.canon()
        gone = self.corrections.remove(correction_id)
        if gone is not None:
            self._rewrite_corrected(wait)
        return gone

    def _rewrite_corrected(self, wait: bool) -> None:
        self.canon()  # queues the documents the changed file affects
        if wait:
            self._write(lambda canon: self.pipeline.rewrite_facets(canon, self.upkeep.take()))
        else:
            self.upkeep.start()

    def reindex(self, doc_id: str) -> IndexReport | None:
        """Index one document again from its stored source (after aliases or readers changed); None if unknown."""
        record = self.registry.get(doc_id)
        if record is None:
            return None
        source = Source(record.name, doc_id, self.registry.source_bytes(record), Path(record.source).suffix)
        return self._write(lambda canon: self.pipeline.index([source], canon, force=True, rewrite=True).report)

    def remove(self, doc_id: str) -> bool:
        """Delete a document and its passages; False if it was not indexed."""
        return self._write(lambda canon: self.pipeline.remove(doc_id, canon))

    def gc(self, min_age: float = ORPHAN_AGE) -> int:
        """Delete source copies no document refers to (left by killed runs); returns how many.

        Holds the index's write lock, so no process commits meanwhile; `min_age` spares copies that a run in
        another process may have written and not yet committed.
        """
        with self.write_lock, self.backend.write_lock():
            gone = self.registry.orphans(min_age)
            self.registry.drop_sources(gone)
        return len(gone)

    def documents(self) -> list[DocumentInfo]:
        """Every indexed document, in id order, for the documents page."""
        return [DocumentInfo.of(r) for r in self.registry.all()]

    def info(self, doc_id: str) -> DocumentInfo | None:
        """One document's line of the documents page, or None if it is not indexed."""
        record = self.registry.get(doc_id)
        return DocumentInfo.of(record) if record else None

    def original(self, doc_id: str) -> tuple[str, bytes] | None:
        """A document's original source as indexed (a file name to save it as, its bytes), or None."""
        return self.registry.original(doc_id)


def _request_of(search: dict) -> SearchRequest:
    """The matching part of `Sleuth.search`-style keyword arguments (page and size do not matter here)."""
    keys = ("query", "filters", "exclude", "date_from", "date_to")
    return SearchRequest.of(**{k: search[k] for k in keys if k in search})  # type: ignore[arg-type]
