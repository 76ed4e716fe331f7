"""The search facade: the one object the CLI and the web app use. Whoosh and spaCy stay behind it."""
from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

from whoosh import query as Q

from . import ocr, pending
from .backend.whoosh import browse as _browse
from .backend.whoosh import search as _search
from ._guard import filter_problem, safe_name
from .backend.whoosh.index import IndexStore, corruption_as_message
from .compare import Comparison, compare_sources
from . import corrections
from .corrections import Correction, CorrectionsFile
from .entities import Canon, load_aliases
from .errors import IndexBusy, SleuthError
from .ingest import Ingest, Source, sources_from_paths
from .registry import Registry
from .results import (ENTITY_FACETS, FACETS, DocumentHits, DocumentInfo, DocumentView, Hit, EntityView, FacetValue, IndexReport, PassageView,
                      SearchResult)
from .backend.whoosh.schema import SCHEMA_VERSION
from .settings import Settings

MAX_ENTITY_MENTIONS = 200
MAX_SMALL_SEGMENTS = 10  # uploads add small segments; past this many a background merge joins them
UPKEEP_QUIET = 0.5  # seconds without an upload before background upkeep takes the write lock
ORPHAN_AGE = 600.0  # seconds before an unreferenced source copy counts as left behind (see gc)
UPLOAD_WAIT = 1.0  # seconds an upload waits for a free slot before it is told the server is busy


class Sleuth:
    """A collection: its index, its stored sources and the search API over them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        self.store = IndexStore(settings.index_dir, settings.writer_timeout)
        self.registry = Registry(settings.index_dir)
        self.corrections = CorrectionsFile(settings.index_dir)
        # Serialises writers within this process; other processes are kept out by Whoosh's lock.
        self._write_lock = threading.Lock()
        self._canon: tuple[int, Canon] | None = None
        self._upkeeping = threading.Event()  # background upkeep (facet rewrites, merges) is running
        self._stale: set[str] = set()  # documents whose facets an upload's new names changed, not yet rewritten
        self._last_upload = 0.0
        # Uploads read and index in the request's thread: a few at a time, so the others stay free for searches.
        self._upload_slots = threading.BoundedSemaphore(settings.max_concurrent_uploads)
        self.pending = pending.Pending(settings.index_dir)  # uploads whose entities are still to be found

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
        problem = filter_problem(filters, exclude)
        if problem:
            return SearchResult(query or "", 0, page, per_page, 0.0, None, [], {}, message=problem, refused=True)
        self._notice_corrections()
        req = _search.SearchRequest(query or "", _clean(filters), _clean(exclude), date_from, date_to, page, per_page)
        with corruption_as_message(self.store.dir):
            return _search.run(self.store, req, self.settings.search_time_limit)

    def group_by_document(self, result: SearchResult, page: int = 1, per_page: int = 10) -> list[DocumentHits]:
        """A search's hits grouped by document: each document's best passage and its number of matching passages,
        best documents first (by their best passage's rank, then by passages), a page at a time."""
        counts = {v.value: v.count for v in result.facets.get("doc_id", [])}
        kw = dict(query=result.query, exclude=result.exclude, date_from=result.date_from, date_to=result.date_to)
        ranked = self.search(filters=result.filters, per_page=_search.MAX_PER_PAGE, **kw).hits
        best: dict[str, Hit] = {}
        for hit in ranked:
            best.setdefault(hit.doc_id, hit)
        order = list(best) + sorted((d for d in counts if d not in best), key=lambda d: (-counts[d], d))
        out = []
        for doc_id in order[(page - 1) * per_page: page * per_page]:
            hit = best.get(doc_id) or next(iter(self.search(
                filters={**result.filters, "doc_id": [doc_id]}, per_page=1, **kw).hits), None)
            if hit is not None:
                out.append(DocumentHits(hit, counts.get(doc_id, 1)))
        return out

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
                                        _search.passage_mentions(s), list(s.get("dates") or []), bool(s.get("ocr"))))
        return DocumentView(record.doc_id, record.title, record.name, record.fmt, record.metadata, passages,
                            record.url, record.date, self.entities_pending(doc_id))

    def compare(self, query: str, doc_ids: list[str] | None = None, filters: dict[str, list[str]] | None = None,
                exclude: dict[str, list[str]] | None = None, date_from: str | None = None,
                date_to: str | None = None) -> Comparison:
        """The passages of 2–4 documents matching a query, aligned side by side (the first two by default)."""
        return compare_sources(self, query, doc_ids, filters, exclude, date_from, date_to)

    # --- browsing: what the pages' lists, timeline and links need (indexer/backend/whoosh/browse.py) -----------------------
    def facet_values(self, facet: str, contains: str = "", **search: object) -> list[FacetValue]:
        """Every value of one facet over a search's hits (not only the top ones), accents and case ignored."""
        return self.facet_lists([facet], contains, **search).get(facet, [])

    def facet_lists(self, names: Iterable[str], contains: str = "", **search: object) -> dict[str, list[FacetValue]]:
        """`facet_values` for several facets, matching the search once."""
        return _browse.facet_lists(self.store, names, contains, _browse.request_of(search))

    def date_counts(self, limit: int = 20000, **search: object) -> Counter:
        """Passages per mentioned date ("1940-08-20" or "1940-08") over a search's hits, for a narrow timeline."""
        return _browse.date_counts(self.store, _browse.request_of(search), limit)

    def date_spans(self, spans: list[tuple[str, str]], **search: object) -> list[int]:
        """Passages of a search mentioning a date within each (from, to) span: what that date filter would find."""
        return _browse.date_spans(self.store, spans, _browse.request_of(search))

    def year_spans(self, spans: list[tuple[int, int]], **search: object) -> list[int]:
        """Passages of a search mentioning a year in each (first, last) span of years, each passage once a span."""
        return _browse.year_spans(self.store, spans, _browse.request_of(search))

    def date_range_problem(self, date_from: str | None, date_to: str | None) -> str | None:
        """A message when a From date is later than the To date (both valid), else None."""
        return _browse.date_range_problem(date_from, date_to)

    def neighbours(self, doc_id: str) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
        """The (doc_id, title) of the documents before and after this one, by id."""
        return _browse.neighbours(self.registry.db, doc_id)

    def entities(self, facet: str | None = None) -> dict[str, list[FacetValue]]:
        """Every entity by facet with passage counts (one facet if given)."""
        self._notice_corrections()
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
        canon = self._canon[1]
        # The user's corrections are applied last. When the file changed (here, in another process or by hand),
        # the documents whose facets it changes are queued for the background rewrite.
        fresh = self.corrections.load()
        if canon.corrections is not fresh:
            old, canon.corrections = canon.corrections, fresh
            if old is not None:
                self._stale |= self.registry.docs_mentioning(corrections.changed_mentions(canon, old, fresh))
        return canon

    def _notice_corrections(self) -> None:
        # A stat per call: a hand edit of corrections.toml reaches the facets without a restart.
        if self._canon is not None and self._canon[1].corrections is not self.corrections.load():
            self.canon()
            self._upkeep_later()

    def _writes(self) -> Ingest:
        return Ingest(self.settings, self.store, self.registry)

    def _ingest(self, run: Callable[[Ingest, Canon], IndexReport]) -> IndexReport:
        """Run a write with the write lock held; a failed write drops the in-memory names (rebuilt on next use)."""
        # Bounded wait: a request queued behind a long write must not hold a server thread for ever.
        if not self._write_lock.acquire(timeout=self.settings.writer_timeout):
            raise IndexBusy("Another write in this process did not finish within SLEUTH_WRITER_TIMEOUT; try again.")
        try:
            return run(Ingest(self.settings, self.store, self.registry), self.canon())
        except BaseException:
            self._canon = None
            raise
        finally:
            self._write_lock.release()

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
            "ocr": ocr.status(ocr.Options.from_settings(self.settings)),
        }

    def is_empty(self) -> bool:
        """True when no document is indexed yet."""
        return self.registry.count() == 0

    # --- writing ---------------------------------------------------------------------------------
    def index_paths(
        self, paths: Iterable[Path], rebuild: bool = False, progress: Callable[[int, int], None] | None = None,
        on_wait: Callable[[str], None] | None = None, ocr_progress: Callable[[int, int], None] | None = None,
    ) -> IndexReport:
        """Index files and folders (doc ids relative to each folder); skips unchanged documents.

        `progress` counts passages through entity finding, `ocr_progress` scanned pages read by OCR.
        """
        report = IndexReport()

        def run(ingest: Ingest, canon: Canon) -> IndexReport:
            if rebuild:
                self.store.wipe()
                stored = [Source(r.name, r.doc_id, self.registry.source_bytes(r), Path(r.source).suffix)
                          for r in self.registry.all()]
                # Rebuilt from the registry's sources alone; aliases are re-read, so edits to them apply.
                canon = Canon(load_aliases(self.settings.aliases_files))
                canon.corrections = self.corrections.load()  # corrections survive a rebuild
                self._canon = None
                ingest.run(stored, report, canon, force=True, progress=progress, on_wait=on_wait)
                for orphan in self.registry.orphans(ORPHAN_AGE):
                    orphan.unlink(missing_ok=True)
            return ingest.run(sources_from_paths(paths, report), report, canon, progress=progress, on_wait=on_wait)

        with ocr.reporting(ocr_progress):
            return self._ingest(run)

    def index_uploads(
        self, files: list[tuple[str, bytes]], progress: Callable[[int, int], None] | None = None
    ) -> IndexReport:
        """Index uploaded files given as (original filename, content); doc id is `upload/<safe name>`."""
        sources = []
        for original, data in files:
            name = safe_name(original)
            # JSONL records keep their ids under upload/ too: an upload never replaces a document indexed otherwise.
            sources.append(Source(name, f"upload/{name}", data, Path(name).suffix, id_prefix="upload/"))
        if not self._upload_slots.acquire(timeout=UPLOAD_WAIT):
            raise IndexBusy("Other uploads are being indexed; try again in a minute.")
        try:
            for src in sources:
                try:
                    src.read(ocr.Options.from_settings(self.settings))  # parsing happens here, outside the write lock; errors are reported by the run
                except Exception:
                    pass
            # The upload's words are searchable when this returns; its entities are found by the background
            # upkeep just after (`pending`), then documents whose canonical names they changed are rewritten.
            report = self._ingest(lambda ingest, canon: self._words_first(ingest, canon, sources, progress))
        finally:
            self._upload_slots.release()
        self._last_upload = time.monotonic()
        self._upkeep_later()
        return report

    def _words_first(self, ingest: Ingest, canon: Canon, sources: list[Source], progress) -> IndexReport:
        report = ingest.run(sources, IndexReport(), canon, progress=progress, defer_stale=self._stale, entities=False)
        self.pending.add({d.doc_id: self.registry.hash_of(d.doc_id) or "" for d in report.documents
                          if d.status in ("added", "updated")})
        return report

    def entities_pending(self, doc_id: str) -> bool:
        """True while an uploaded document's entities, dates and facets are still being found."""
        return doc_id in self.pending

    def resume_upkeep(self) -> None:
        """Start the background upkeep for what an earlier process left (uploads whose entities were not found)."""
        if self.pending:
            self._upkeep_later()

    def settle(self, timeout: float = 60.0) -> bool:
        """Wait for background upkeep after uploads (entities, facet rewrites, merges); False if still running."""
        deadline = time.monotonic() + timeout
        while self._upkeeping.is_set() and time.monotonic() < deadline:
            time.sleep(0.02)
        return not self._upkeeping.is_set()

    def _upkeep_later(self) -> None:
        """Rewrite stale facets and merge small segments in a background thread, off the upload's request."""
        if self._upkeeping.is_set() or not (self._stale or self.pending
                                             or self.store.small_segments() > MAX_SMALL_SEGMENTS):
            return
        self._upkeeping.set()
        threading.Thread(target=self._upkeep, name="sleuth-upkeep", daemon=True).start()

    def _upkeep(self) -> None:
        try:
            while True:
                # Let a burst of uploads finish first: each would otherwise wait for the lock behind us.
                while time.monotonic() - self._last_upload < UPKEEP_QUIET:
                    time.sleep(0.05)
                # Uploads' entities: spaCy runs outside the lock, so uploads and searches go on meanwhile.
                waiting = self.pending.snapshot()
                found = pending.find_entities(self._writes(), waiting, self.settings.model) if waiting else []
                with self._write_lock:
                    if waiting:
                        self._stale = pending.write_entities(self._writes(), found, self.canon(), self._stale)
                        self.pending.done(waiting)
                    stale, self._stale = self._stale, set()
                    try:
                        self._writes().rewrite_facets(self.canon(), stale)
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
                    if not self._stale and not self.pending:
                        # Cleared under the lock: an upload that adds stale documents after this starts a new
                        # thread, one that added them before is seen here.
                        self._upkeeping.clear()
                        return
        except SleuthError:
            pass  # busy or closed: the next upload will try again
        finally:
            self._upkeeping.clear()

    def correct(self, action: str, facet: str, name: str, into: str = "", into_type: str = "",
                wait: bool = True) -> Correction:
        """Merge, rename, retype or hide an entity; its documents' facets are rewritten (now, or in the background
        when `wait` is False). Raises SleuthError naming what to give when the correction cannot apply."""
        corrections.check(action, facet, name, into.strip(), into_type, ENTITY_FACETS)
        self.canon()
        made = self.corrections.add(action, facet, name, into.strip(), into_type)
        self._refacet_corrected(wait)
        return made

    def undo_correction(self, correction_id: str, wait: bool = True) -> Correction | None:
        """Take one correction back (by id); its documents' facets are rewritten. None if there is no such id."""
        self.canon()
        gone = self.corrections.remove(correction_id)
        if gone is not None:
            self._refacet_corrected(wait)
        return gone

    def _refacet_corrected(self, wait: bool) -> None:
        self.canon()  # queues the documents the changed file affects
        if wait:
            def rewrite(ingest: Ingest, canon: Canon) -> int:
                stale, self._stale = self._stale, set()
                return ingest.rewrite_facets(canon, stale)

            self._ingest(rewrite)
        else:
            self._upkeep_later()

    def documents(self) -> list[DocumentInfo]:
        """Every indexed document, in id order, for the documents page."""
        return [_info(r) for r in self.registry.all()]

    def info(self, doc_id: str) -> DocumentInfo | None:
        """One document's line of the documents page, or None if it is not indexed."""
        record = self.registry.get(doc_id)
        return _info(record) if record else None

    def original(self, doc_id: str) -> tuple[str, bytes] | None:
        """A document's original source as indexed (a file name to save it as, its bytes), or None."""
        record = self.registry.get(doc_id)
        if record is None:
            return None
        suffix = Path(record.source).suffix
        stem = Path(doc_id).name if suffix != ".jsonl" else safe_name(doc_id)
        return (stem if stem.endswith(suffix) else stem + suffix), self.registry.source_bytes(record)

    def reindex(self, doc_id: str) -> IndexReport | None:
        """Index one document again from its stored source (after aliases or readers changed); None if unknown."""
        record = self.registry.get(doc_id)
        if record is None:
            return None
        source = Source(record.name, doc_id, self.registry.source_bytes(record), Path(record.source).suffix)
        return self._ingest(lambda ingest, canon: ingest.run([source], IndexReport(), canon, force=True))

    def gc(self, min_age: float = ORPHAN_AGE) -> int:
        """Delete source copies no document refers to (left by killed runs); returns how many.

        Holds the index's write lock, so no process commits meanwhile; `min_age` spares copies that a run in
        another process may have written and not yet committed.
        """
        with self._write_lock:
            writer = self.store.writer()
            try:
                gone = self.registry.orphans(min_age)
                for path in gone:
                    path.unlink(missing_ok=True)
            finally:
                writer.cancel()
        return len(gone)

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


def _info(r) -> DocumentInfo:
    return DocumentInfo(r.doc_id, r.title, r.name, r.fmt, _origin(r.doc_id, r.fmt), r.passages, r.added)


def _origin(doc_id: str, fmt: str) -> str:
    """Where a document came from: an upload, a JSONL file's record, or a file in an indexed folder."""
    if doc_id.startswith("upload/"):
        return "upload"
    return "JSONL" if fmt == "jsonl" else "folder"


def _clean(groups: dict[str, list[str]] | None) -> dict[str, list[str]]:
    # "doc_id" is the document facet: filter (and exclude) by source.
    return {k: [v for v in vals if v] for k, vals in (groups or {}).items() if (k in FACETS or k == "doc_id") and vals}
