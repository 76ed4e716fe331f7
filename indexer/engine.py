"""The search facade: the one object the CLI and the web app use. The backend and spaCy stay behind it."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator, TypeVar

from .read.nested import Limits
from . import disk
from .backend import open_backend
from .annotating import Annotating
from .entities.canon import Canon
from .entities.corrections import Correction, CorrectionsFile, check as check_correction
from .errors import DiskFull, IndexBusy
from .query.facets import FACETS, NAME_FACETS
from .query.request import SearchRequest, TooManyFilters
from .query.results import DocumentHits, DocumentReport, EntityView, FacetValue, IndexReport, SearchResult
from .read import ocr
from .read.guard import safe_name
from .read.sources import Source
from .settings import Settings
from .views.entity import entity_view
from .views.grouping import group_by_document
from .write.canonical import CanonicalNames
from .write.folder_aliases import adopt as adopt_aliases
from .write.ingest import ORPHAN_AGE, Indexed, Pipeline
from .write.migration import migrate
from .write.pending import Pending
from .write.registry import Registry
from .write.sync import FolderSync
from .write.upkeep import Upkeep
from .write import upload_job
from .write.workers import Pool

UPLOAD_WAIT = 1.0  # seconds an upload waits for a free slot before it is told the server is busy
T = TypeVar("T")


class Sleuth(Annotating):
    """A collection: its index, its stored sources and the search API over them."""

    def __init__(self, settings: Settings, set_aside_damaged: bool = False) -> None:
        """Open the collection; `set_aside_damaged` renames a damaged registry aside instead of refusing (for a
        rebuild)."""
        self.settings = settings
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        self.backend = open_backend(settings.backend, settings.index_dir, writer_timeout=settings.writer_timeout,
                                    search_time_limit=settings.search_time_limit, settings=settings)
        self.registry = Registry(settings.index_dir, set_aside_damaged)
        self.corrections = CorrectionsFile(settings.index_dir)
        self.pipeline = Pipeline(settings, self.backend, self.registry)
        # Serialises writers within this process; other processes are kept out by the backend's own lock.
        self.write_lock = threading.Lock()
        self.pending = Pending(settings.index_dir)  # uploads whose entities are still to be found
        self.upkeep = Upkeep(self.pipeline, self.pending, self.write_lock, self.canon, self.corrections,
                             lambda part: upload_job.entities(self.workers, settings, self.registry, self._locked, part))
        self.names = CanonicalNames(settings, self.registry, self.corrections, self.upkeep.queue)
        # Uploads read and index in the request's thread: a few at a time, so the others stay free for searches.
        self._upload_slots = threading.BoundedSemaphore(settings.max_concurrent_uploads)
        self._batch_slots = threading.BoundedSemaphore(settings.max_concurrent_batches)
        # Large uploads and batch searches run in worker processes, so searches keep this interpreter.
        self.workers = Pool(settings.worker_processes, wait=settings.writer_timeout)

    def close(self) -> None:
        """Release files (the registry's database) once the background upkeep, which uses them, is done."""
        self.upkeep.settle(self.settings.writer_timeout)
        with self.write_lock:  # never under a rewrite: closing SQLite while another thread uses it can crash
            self.registry.close()
            self.annotations.close()
        self.workers.close()

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
        asked, (request, unmatched) = request, self.fold(request)
        result = self.backend.search(request)
        if request.within is not None:  # `tag:` was turned into documents and passages: show it as typed
            self.as_typed(result, asked.query)
        if unmatched and not result.total:
            result.message = result.message or unmatched
        return result

    def group_by_document(self, result: SearchResult, page: int = 1, per_page: int = 10) -> list[DocumentHits]:
        """A search's hits grouped by document, best documents first, a page at a time."""
        return group_by_document(self.search, result, page, per_page)

    def entities(self, facet: str | None = None) -> dict[str, list[FacetValue]]:
        """Every entity by facet with passage counts (one facet if given)."""
        self._notice_corrections()
        return self.backend.facet_lists(None, [facet] if facet in FACETS else list(FACETS))

    def entity(self, facet: str, name: str) -> EntityView | None:
        """Everything about one canonical entity, or None if unknown."""
        return entity_view(self.search, self.backend, self.registry.doc_mentions, self.canon, facet, name)

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
        """Run a write with the write lock held."""
        with self._writing() as canon:
            return write(canon)

    @contextmanager
    def _writing(self) -> Iterator[Canon]:
        """The write lock held (a bounded wait); a failed write drops the in-memory names (rebuilt on next use)."""
        with self._locked():
            try:
                yield self.canon()
            except BaseException:
                self.names.forget()
                raise

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """The write lock alone, for a worker process writing with its own names. A bounded wait: a request queued
        behind a long write must not hold a server thread for ever."""
        if not self.write_lock.acquire(timeout=self.settings.writer_timeout):
            raise IndexBusy("Another write in this process did not finish within SLEUTH_WRITER_TIMEOUT; try again.")
        try:
            with disk.reported(self.settings.index_dir):
                yield
        finally:
            self.write_lock.release()

    def index_paths(
        self, paths: Iterable[Path], rebuild: bool = False, progress: Callable[[int, int], None] | None = None,
        on_wait: Callable[[str], None] | None = None, ocr_progress: Callable[[int, int], None] | None = None,
        keep_missing: bool = False,
    ) -> IndexReport:
        """Index files and folders (doc ids relative to each folder), skipping unchanged documents; each folder is
        kept in sync (`write/sync.py`; files gone are removed unless `keep_missing`). `rebuild` first rebuilds the
        index from the stored sources. `progress` counts passages through NER, `ocr_progress` pages read by OCR.
        """
        paths = list(paths)
        disk.check_room(self.settings.index_dir, 0, self.settings.min_free_mb)
        # A folder's aliases.toml is used, never indexed.
        adopted = adopt_aliases(paths, self.settings.index_dir, self.settings.corpus_dir, not self.is_empty())
        if adopted.changed:
            self.names.forget()

        def index(canon: Canon) -> IndexReport:
            report = IndexReport(notes=adopted.notes, documents=[DocumentReport(name, "failed", reason=why)
                                                                 for name, why in adopted.failed])
            if rebuild:
                # Names are rebuilt from the stored sources alone; aliases are read again, corrections kept.
                canon = self.names.fresh()
                report = report.followed_by(self.pipeline.rebuild(canon, progress, on_wait))
                self.corrections.mark_applied(canon.corrections)
            sync = FolderSync(self.registry, self.registry.locations, list(paths), keep_missing)
            done = self.pipeline.index(sync.sources(), canon, progress=progress, on_wait=on_wait, rewrite=True)
            return report.followed_by(sync.finish(done.report, lambda doc_id: self.pipeline.remove(doc_id, canon)))

        with ocr.reporting(ocr_progress):
            return self._write(index)

    def index_uploads(self, files: list[tuple[str, bytes]], progress: Callable[[int, int], None] | None = None,
                      cancelled: Callable[[], bool] | None = None) -> IndexReport:
        """Index uploaded files given as (original filename, content); doc id is `upload/<safe name>` (JSONL records:
        `upload/<their id>`). `cancelled()` (the client went away) True stops a worker's reading: `Cancelled`."""
        sources = [Source(name, f"upload/{name}", data, Path(name).suffix, id_prefix="upload/")
                   for name, data in ((safe_name(original), data) for original, data in files)]
        size = sum(len(s.data) for s in sources)
        # Room for the copies, their passages and the index's terms (about three times the bytes), and the margin.
        disk.check_room(self.settings.index_dir, 3 * size, self.settings.min_free_mb)
        if not self._upload_slots.acquire(timeout=UPLOAD_WAIT):
            raise IndexBusy("Other uploads are being indexed; try again in a minute.")

        def written(done: Indexed) -> IndexReport:  # its words searchable; the upkeep finds its entities next
            self.upkeep.queue(done.stale)
            self.pending.add({d.doc_id: self.registry.hash_of(d.doc_id) or "" for d in done.report.documents
                              if d.status in ("added", "updated")})
            return done.report
        try:
            # Large ones (SLEUTH_WORKER_UPLOAD_BYTES), and a server's scans (OCR stops if its client goes): upload_job.
            if progress is None and self.settings.worker_processes and (size >= self.settings.worker_upload_bytes or (
                    cancelled is not None and any(ocr.may_need(s.data, s.suffix) for s in sources))):
                report = upload_job.run(self.workers, self.settings, sources, self._locked, self._let_others_write,
                                        written, cancelled)
            else:
                for src in sources:  # parsing happens outside the write lock
                    src.read_early(ocr.Options.from_settings(self.settings), Limits.from_settings(self.settings))
                report = self._write(lambda canon: written(self.pipeline.index(
                    sources, canon, progress=progress, words_only=True, between=self._let_others_write)))
        finally:
            self._upload_slots.release()
        self.upkeep.uploaded()
        return report

    def _let_others_write(self) -> None:
        # Between a large upload's commits (SLEUTH_COMMIT_EVERY documents): other writers go first, not minutes later.
        self.write_lock.release()
        time.sleep(0.001)
        self.write_lock.acquire()

    def entities_pending(self, doc_id: str) -> bool:
        """True while an uploaded document's entities, dates and facets are still being found."""
        return doc_id in self.pending

    def resume_upkeep(self) -> None:
        """Start the background upkeep for what an earlier process left (uploads whose entities were not found)."""
        # Also a correction whose facets a killed process did not rewrite, or a hand edit made while stopped.
        unapplied = self.corrections.load().items != self.corrections.applied().items
        if self.pending or unapplied:
            self.upkeep.start(work=True)

    def settle(self, timeout: float = 60.0) -> bool:
        """Wait for background upkeep after uploads (entities, facet rewrites, merges); False if still running."""
        return self.upkeep.settle(timeout)

    def correct(self, action: str, facet: str, name: str, into: str = "", into_type: str = "",
                wait: bool = True) -> Correction:
        """Merge, rename, retype or hide an entity; its documents' facets are rewritten (now, or in the background
        when `wait` is False). Raises SleuthError naming what to give when the correction cannot apply."""
        check_correction(action, facet, name, into.strip(), into_type, NAME_FACETS, self.settings.max_correction_name)
        self.canon()
        with disk.reported(self.settings.index_dir, "The correction was not saved"):
            made = self.corrections.add(action, facet, name, into.strip(), into_type)
        self._rewrite_corrected(wait)
        return made

    def undo_correction(self, correction_id: str, wait: bool = True) -> Correction | None:
        """Take one correction back (by id); its documents' facets are rewritten. None if there is no such id."""
        self.canon()
        with disk.reported(self.settings.index_dir, "The correction was not undone"):
            gone = self.corrections.remove(correction_id)
        if gone is not None:
            self._rewrite_corrected(wait)
        return gone

    def _rewrite_corrected(self, wait: bool) -> None:
        self.canon()  # queues the documents the changed file affects
        if wait:
            def rewrite(canon: Canon) -> None:
                self.pipeline.rewrite_facets(canon, self.upkeep.take())
                self.corrections.mark_applied(canon.corrections)

            try:
                self._write(rewrite)
            except DiskFull:
                self.upkeep.start(work=True)  # it tries again until there is room
                raise DiskFull(disk.message(self.settings.index_dir, "The correction is saved; the facets of its "
                                            "documents are rewritten when there is room")) from None
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
        """Delete source copies no document refers to (left by killed runs); returns how many. Holds the index's
        write lock, so no process commits meanwhile; `min_age` spares copies another process's run may not have
        committed yet."""
        with self.write_lock, self.backend.write_lock():
            gone = self.registry.orphans(min_age)
            self.registry.drop_sources(gone)
        return len(gone)

    def migrate(self, to: str, progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
        """Copy the collection into the backend `to` (see write/migration.py); (documents, passages) copied."""
        return migrate(self.settings, self.registry, self.backend, to, progress)
