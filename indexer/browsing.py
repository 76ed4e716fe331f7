"""The facade's browsing half: a document's pages, compare, batch search, facet lists, timeline counts and neighbours
over a search's hits, with the filters folded as search folds them (`views/filters.py`). `Sleuth` (engine.py) is the whole facade."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

import threading
import time
from typing import Callable

from .backend import Backend
from .errors import IndexBusy
from .query.facets import ENTITY_FACETS, FACETS
from .query.request import MAX_PER_PAGE, SearchRequest
from .query.results import DocumentInfo, DocumentView, FacetValue, OriginalPage, SearchResult
from .read import ocr, office
from .read.options import Options
from .settings import Settings
from .views.batch import TOP_HITS, BatchLine, search_lines
from .views.compare import Comparison, compare_sources
from .views.filters import fold_filters
from .views import original as originals
from .write import members, threads
from .write.workers import Pool
from .write.registry import Registry

SLOT_WAIT = 1.0  # seconds a batch waits for a free slot before it is told the server is busy


_opened: dict = {}  # a worker process's own collection (its own searchers), opened on its first batch


def batch_job(ask: Callable, facade: type, settings: Settings, lines: list[str], top: int,
              started: float) -> list[BatchLine]:
    """A batch searched in a worker process (`write.workers`), over the worker's own index searchers (reopened when
    the index changes, as the server's are). `facade` is `Sleuth` (passed in: this module is below it)."""
    if settings not in _opened:
        _opened[settings] = collection = facade(settings)
        collection.upkeep.start = lambda work=False: None  # it only reads: the server's upkeep does the writes
    return search_lines(_opened[settings].search, lines, top, settings.batch_seconds, started)


class Browsing:
    """What the pages' lists, timeline and links need; mixed into `Sleuth`."""

    backend: Backend
    registry: Registry
    settings: Settings
    search: Callable
    info: Callable
    entities_pending: Callable[[str], bool]
    _batch_slots: threading.BoundedSemaphore
    workers: Pool

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
            "readers": office.status(),
        }

    def is_empty(self) -> bool:
        """True when no document is indexed yet."""
        return self.registry.count() == 0

    def document(self, doc_id: str, query: str = "", page: int = 1) -> DocumentView | None:
        """One page of a document's passages (SLEUTH_DOC_PASSAGES_PER_PAGE), `query`'s terms and entities marked."""
        record = self.registry.get(doc_id)
        if record is None:
            return None
        per = self.settings.doc_passages_per_page
        pages = max(1, -(-record.passages // per))
        page = min(max(1, page), pages)
        return DocumentView(record.doc_id, record.title, record.name, record.fmt, record.metadata,
                            self.backend.marked_passages(doc_id, query, (page - 1) * per, per), record.url,
                            record.date, self.entities_pending(doc_id), self.registry.locations.paths(doc_id),
                            *members.family(self.registry, doc_id), page=page, pages=pages, total=record.passages,
                            thread=threads.thread(self.registry, doc_id))

    def page_of(self, ordinal: int) -> int:
        """The page of a document's page on which its passage `ordinal` is shown."""
        return ordinal // self.settings.doc_passages_per_page + 1

    def search_batch(self, lines: Iterable[str], top: int = TOP_HITS) -> list[BatchLine]:
        """Search every line of a batch (at most MAX_LINES): its passage and document counts and top hits.

        Within SLEUTH_BATCH_SECONDS (later lines are reported not run); SLEUTH_MAX_CONCURRENT_BATCHES at once."""
        if not self._batch_slots.acquire(timeout=SLOT_WAIT):
            raise IndexBusy(f"{self.settings.max_concurrent_batches} other batch search(es) are running "
                            "(SLEUTH_MAX_CONCURRENT_BATCHES); try again in a minute.")
        try:
            if self.settings.worker_processes:  # the fuzzy expansion of 500 lines would hold this interpreter
                return self.workers.run(batch_job, type(self), self.settings, list(lines), top, time.monotonic())
            return search_lines(self.search, lines, top, self.settings.batch_seconds)
        finally:
            self._batch_slots.release()

    def compare(self, query: str | SearchRequest, doc_ids: list[str] | None = None, **search: object) -> Comparison:
        """The passages of 2–4 documents matching a search, aligned side by side (the first two by default)."""
        request = query if isinstance(query, SearchRequest) else SearchRequest.matching({**search, "query": query})
        return compare_sources(self.search, self.info, lambda d, ids: self.backend.marked_passages(d, "", only=ids),
                               request, doc_ids, self.settings.compare_passages)


    def fold(self, request: SearchRequest) -> tuple[SearchRequest, str | None]:
        """The request with its filters in the facets' own spelling, and a message naming any that match nothing."""
        return fold_filters(request, self.backend.match_values)

    def _request(self, request: SearchRequest | None, search: dict) -> SearchRequest:
        return self.fold(request or SearchRequest.matching(search))[0]

    def every_hit(self, request: SearchRequest) -> SearchResult:
        """The search with every hit in order as `hits` (a sequence whose hits are built as they are read, so an
        export of 200,000 hits holds only their ranking); `message` says when it was cut off or refused."""
        self._notice_corrections()  # type: ignore[attr-defined]
        return self.backend.every_hit(self.fold(request)[0])

    def facet_values(self, facet: str, contains: str = "", request: SearchRequest | None = None,
                     **search: object) -> list[FacetValue]:
        """Every value of one facet over a search's hits (not only the top ones), accents and case ignored."""
        return self.facet_lists([facet], contains, request, **search).get(facet, [])

    def facet_lists(self, names: Iterable[str], contains: str = "", request: SearchRequest | None = None,
                    **search: object) -> dict[str, list[FacetValue]]:
        """`facet_values` for several facets, matching the search once."""
        return self.backend.facet_lists(self._request(request, search), names, contains)

    def date_counts(self, limit: int = 20000, request: SearchRequest | None = None, **search: object) -> Counter:
        """Passages per mentioned date ("1940-08-20" or "1940-08") over a search's hits, for a narrow timeline."""
        return self.backend.date_counts(self._request(request, search), limit)

    def date_spans(self, spans: list[tuple[str, str]], request: SearchRequest | None = None,
                   **search: object) -> list[int]:
        """Passages of a search mentioning a date within each (from, to) span: what that date filter would find."""
        return self.backend.date_spans(self._request(request, search), spans)

    def year_spans(self, spans: list[tuple[int, int]], request: SearchRequest | None = None,
                   **search: object) -> list[int]:
        """Passages of a search mentioning a year in each (first, last) span of years, each passage once a span."""
        return self.backend.year_spans(self._request(request, search), spans)

    def date_range_problem(self, date_from: str | None, date_to: str | None) -> str | None:
        """A message when a From date is later than the To date (both valid), else None."""
        return SearchRequest(date_from=date_from or "", date_to=date_to or "").range_problem()

    def neighbours(self, doc_id: str) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
        """The (doc_id, title) of the documents before and after this one, by id."""
        return self.registry.neighbours(doc_id)

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

    def original_page(self, doc_id: str, page: int = 1, query: str = "") -> OriginalPage | None:
        """Page `page` of a PDF or scan as it is, `query`'s hits outlined on it; None when the document is not
        indexed or its original is not a PDF or an image."""
        found = self._original_source(doc_id)
        if found is None:
            return None
        record, data, opts = found
        sections = {e.ordinal: e.section for e in self.backend.passages(doc_id)}

        def hit_sections() -> list[str]:  # the pages of the document's best hits: one search within it
            if not query.strip():
                return []
            within = SearchRequest.of(query, filters={"doc_id": [doc_id]}, per_page=MAX_PER_PAGE)
            return [hit.section for hit in self.search(within).hits]
        return originals.original_page(record, data, page, self.settings.page_image_side, opts, sections,
                                       lambda ids: self.backend.marked_passages(doc_id, query, only=ids), hit_sections)

    def original_png(self, doc_id: str, page: int) -> bytes | None:
        """Page `page` of a PDF or scan as a PNG image (SLEUTH_PAGE_IMAGE_SIDE pixels at most), or None."""
        found = self._original_source(doc_id)
        if found is None:
            return None
        record, data, opts = found
        pages = originals.page_count(record, data, opts)
        return originals.page_png(record, data, min(max(1, page), pages), self.settings.page_image_side, opts)[0]

    def shows_original(self, doc_id: str) -> bool:
        """Whether the original view can show this document: a PDF or an image kept as its own file (a file found
        inside an email or an archive is kept as its text)."""
        record = self.registry.get(doc_id)
        return record is not None and record.fmt in ("pdf", "image") and not record.source.endswith(".jsonl")

    def _original_source(self, doc_id: str):
        record = self.registry.get(doc_id)
        if record is None or not self.shows_original(doc_id):
            return None
        data, opts = self.registry.source_bytes(record), Options.from_settings(self.settings)
        return (record, data, opts) if originals.page_count(record, data, opts) else None
