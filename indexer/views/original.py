"""The original view: a PDF page or a scan shown as it is, with the hits of a search outlined on it. Page images and
Tesseract's word boxes are kept for the last few pages shown (keyed by the document's content hash), so paging and
reloading do not render or read a page again."""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Callable

from ..errors import ReadError
from ..query.results import DocRecord, OriginalPage, PassageView
from ..read import original
from ..read.options import Options

CACHED_PAGES = 16  # page images (and OCR word lists) kept in memory: a PNG of a page is some 100 KB to 3 MB
_MARK = re.compile(r'<mark class="hit">(.*?)</mark>', re.S)
_TAG = re.compile(r"<[^>]+>")


class _Cache:
    """A small least-recently-used map, safe across the server's threads."""

    def __init__(self, size: int = CACHED_PAGES) -> None:
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key: tuple, make: Callable[[], object]) -> object:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = make()
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value


_IMAGES, _OCR, _COUNTS = _Cache(), _Cache(), _Cache(256)


def page_count(record: DocRecord, data: bytes, opts: Options) -> int:
    """The pages of a document's original, 0 when it is not a PDF or an image (nothing to show as it is)."""
    if original.kind(data) is None:
        return 0
    return int(_COUNTS.get((record.hash,), lambda: original.page_count(data, opts)))  # type: ignore[arg-type]


def page_png(record: DocRecord, data: bytes, page: int, side: int, opts: Options) -> tuple[bytes, int, int]:
    """Page `page` of the original as PNG bytes within `side` pixels, with its width and height."""
    def make() -> tuple[bytes, int, int]:
        image = original.render(data, page, side, opts)
        return original.png(image), image.width, image.height
    return _IMAGES.get((record.hash, page, side), make)  # type: ignore[return-value]


def original_page(record: DocRecord, data: bytes, page: int, side: int, opts: Options, sections: dict[int, str],
                  marked: Callable[[set[str]], list[PassageView]], hit_sections: Callable[[], list[str]]
                  ) -> OriginalPage:
    """Page `page` of a document (clamped to its pages) with the search's hits outlined. `sections`: each passage's
    section by ordinal; `marked(ids)`: those passages with the search's words marked; `hit_sections()`: the
    sections of the document's best hits (for the pages with hits)."""
    pages = page_count(record, data, opts)
    page = min(max(1, page), pages)
    _, width, height = page_png(record, data, page, side, opts)
    section = f"Page {page}" if pages > 1 or record.fmt == "pdf" else ""
    ordinals = sorted(n for n, s in sections.items() if s == section)
    on_page = marked({f"{record.doc_id}#{n}" for n in ordinals}) if ordinals else []
    words = {_TAG.sub("", m).strip() for p in on_page for m in _MARK.findall(p.html)} - {""}
    scanned = record.fmt == "image" or any(p.ocr for p in on_page)
    hit_pages = sorted({int(s[5:]) for s in hit_sections() if s[:5] == "Page " and s[5:].isdigit()})
    view = OriginalPage(record.doc_id, record.title, page, pages, width, height, [], scanned, ordinals=ordinals,
                        section=section, hit_pages=hit_pages)
    if not words:
        return view
    try:
        if scanned:
            found = _OCR.get((record.hash, page, opts), lambda: original.ocr_words(
                original.render(data, page, side, opts, for_ocr=True), opts))
            view.hits = original.matching(found, words)  # type: ignore[arg-type]
        else:
            view.hits = original.text_boxes(data, page, words)
    except ReadError as exc:
        view.note = f"The hits could not be marked on this page: {exc}."
    return view
