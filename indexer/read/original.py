"""Original pages: a PDF page rendered by pdfium or a scan's page image, bounded in size, and where given words
stand on it — pdfium's character boxes on a text layer, Tesseract's word boxes on a scan (read again when the page
is shown: OCR at indexing keeps only the text), within the OCR settings."""
from __future__ import annotations

import io
import re
from contextlib import contextmanager
from typing import Iterable, Iterator

from ..errors import ReadError
from ..folding import fold
from . import ocr
from .options import MAX_RENDER_PIXELS, Options
from .pdfium_lock import PDFIUM

Box = tuple[float, float, float, float]  # left, top, width, height: fractions of the page's width and height
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
_WORD = re.compile(r"[^\W_]+")


def kind(data: bytes) -> str | None:
    """"pdf" or "image" when these bytes are a PDF or a PNG, JPEG or TIFF (what the original view shows), else None."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    return "image" if data.startswith(_IMAGE_MAGIC) else None


@contextmanager
def _pdf(data: bytes) -> Iterator:
    """The PDF open, for a few quick calls, holding the pdfium lock throughout."""
    import pypdfium2 as pdfium

    with PDFIUM:
        try:
            pdf = pdfium.PdfDocument(data)
        except Exception as exc:  # pdfium's own error types for damaged or protected files
            raise ReadError(f"this PDF cannot be shown: {exc}") from None
        try:
            yield pdf
        finally:
            pdf.close()


def _image(data: bytes, opts: Options):
    """The image opened (not decoded), refused from its header when over SLEUTH_MAX_IMAGE_PIXELS."""
    from PIL import Image, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        raise ReadError(f"this image cannot be shown: {exc}") from None
    width, height = img.size
    if width * height > opts.max_image_pixels:
        raise ReadError(f"this image is {width:,} × {height:,} pixels, over the {opts.max_image_pixels:,} an image "
                        "may have (SLEUTH_MAX_IMAGE_PIXELS)")
    return img


def page_count(data: bytes, opts: Options) -> int:
    """The pages of a PDF or the frames of an image (a multi-page TIFF has several)."""
    if kind(data) == "pdf":
        with _pdf(data) as pdf:
            return len(pdf)
    return getattr(_image(data, opts), "n_frames", 1)


def render(data: bytes, page: int, max_side: int, opts: Options, for_ocr: bool = False):
    """Page `page` (from 1) as a Pillow image whose longest side is at most `max_side` pixels; `for_ocr`: as the
    indexing read it instead (grayscale at the OCR resolution, a small image scaled up), so Tesseract reads the
    same words again."""
    if kind(data) == "pdf":
        with _pdf(data) as pdf:
            pg = pdf[page - 1]
            try:
                width, height = pg.get_size()
                if for_ocr:
                    scale = min(opts.dpi / 72, (MAX_RENDER_PIXELS / max(width * height, 1.0)) ** 0.5)
                else:
                    scale = max_side / max(width, height, 1.0)
                return ocr.bitmap_image(pg.render(scale=scale, grayscale=for_ocr))
            finally:
                pg.close()
    img = _image(data, opts)
    try:
        img.seek(page - 1)
        if for_ocr:
            return ocr.prepare(img)
        frame = img.convert("RGB") if img.mode not in ("RGB", "L") else img.copy()
    except (OSError, SyntaxError, ValueError) as exc:  # Pillow's errors for damaged data or modes it cannot convert
        raise ReadError(f"this image cannot be shown: {exc}") from None
    frame.thumbnail((max_side, max_side))
    return frame


def png(image) -> bytes:
    """An image as PNG bytes."""
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=False)
    return buf.getvalue()


def text_boxes(data: bytes, page: int, words: Iterable[str]) -> list[list[Box]]:
    """Where each occurrence of `words` (whole words, any case) stands on a PDF page's text layer: one list of boxes
    per occurrence (a word broken over two lines has two)."""
    found: list[list[Box]] = []
    with _pdf(data) as pdf:
        pg = pdf[page - 1]
        text = pg.get_textpage()
        try:
            left, bottom, right, top = pg.get_cropbox()
            w, h = max(right - left, 1.0), max(top - bottom, 1.0)
            for word in sorted(set(words)):
                searcher = text.search(word, match_case=False, match_whole_word=True)
                while (hit := searcher.get_next()) is not None:
                    start, count = hit
                    rects = [text.get_rect(i) for i in range(text.count_rects(start, count))]
                    found.append([((x0 - left) / w, (top - y1) / h, (x1 - x0) / w, (y1 - y0) / h)
                                  for x0, y0, x1, y1 in rects])
                searcher.close()
        finally:
            text.close()
            pg.close()
    return found


def ocr_words(image, opts: Options) -> list[tuple[str, Box]]:
    """Tesseract's words on a page image with their boxes; within SLEUTH_OCR_PAGE_SECONDS, else a ReadError."""
    why = ocr.problem(opts)
    if why is not None:
        raise ReadError(why)
    import pytesseract

    try:
        data = pytesseract.image_to_data(image, lang=opts.langs, config="--oem 1 --psm 3",
                                         timeout=opts.page_seconds, output_type=pytesseract.Output.DICT)
    except RuntimeError as exc:  # TesseractError, or pytesseract's timeout
        if "timeout" in str(exc).lower():
            raise ReadError(f"Tesseract took over {opts.page_seconds:g} s on this page "
                            "(SLEUTH_OCR_PAGE_SECONDS)") from None
        raise ReadError(f"Tesseract failed: {exc}") from None
    w, h = image.size
    return [(word, (data["left"][i] / w, data["top"][i] / h, data["width"][i] / w, data["height"][i] / h))
            for i, word in enumerate(data["text"]) if word.strip()]


def matching(words: list[tuple[str, Box]], wanted: Iterable[str]) -> list[list[Box]]:
    """The boxes of the OCR words that are one of `wanted`, accents, case and punctuation aside."""
    keys = {fold(w) for w in wanted}
    return [[box] for word, box in words if any(fold(part) in keys for part in _WORD.findall(word))]
