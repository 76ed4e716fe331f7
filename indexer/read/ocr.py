"""OCR: reading scanned PDF pages and images with Tesseract, page by page, several pages at a time."""
from __future__ import annotations

import io
import os
import re
import shutil
import time
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from typing import Iterable, Iterator

from ..errors import ReadError
from .options import MAX_RENDER_PIXELS, Options
from .ocr_progress import current as _progress, reporting  # noqa: F401 - reporting is this module's API
from .pdfium_lock import PDFIUM

IMAGE_EXTENSIONS = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
INSTALL_HINT = "apt-get install tesseract-ocr tesseract-ocr-eng"
# A PDF page with fewer letters and digits than this in its text layer, and a picture over half of it, is a scan
# (a page number or a stamp added by the scanner does not count as a text layer).
MIN_LAYER_CHARS = 50
MIN_IMAGE_COVER = 0.5
# Tesseract wants capital letters about 20-30 px high: screenshots and faxes are scaled up to about this size.
_SMALL_IMAGE_SIDE = 1800
_TARGET_SIDE = 2400
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"})
# A word broken at the end of a line ("mor-\ntar") is joined, or neither half would be found by search.
_BROKEN_WORD = re.compile(r"([^\W\d_])-[ \t]*\n[ \t]*([a-z])")
_ALNUM = re.compile(r"[^\W_]")


# --- is OCR possible here? ------------------------------------------------------------------------------------
_SCAN_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def may_need(data: bytes, suffix: str) -> bool:
    """True for a file that may hold scans to OCR (a PDF or an image, by its first bytes or its extension)."""
    return data.lstrip()[:4].startswith(_SCAN_MAGIC) or suffix.lower() in IMAGE_EXTENSIONS | {".pdf"}


def problem(opts: Options) -> str | None:
    """Why OCR cannot run with these options (a message naming the fix), or None when it can."""
    if not opts.enabled:
        return "OCR is off (SLEUTH_OCR=off); set SLEUTH_OCR=on to read scans"
    try:
        import pytesseract
    except ImportError:
        return "OCR needs the Python package pytesseract: pip install pytesseract"
    return _probe(opts.langs, str(pytesseract.pytesseract.tesseract_cmd))


@lru_cache(maxsize=16)
def _probe(langs: str, command: str) -> str | None:
    import pytesseract

    if shutil.which(command) is None:
        return f"OCR needs Tesseract, which is not installed: {INSTALL_HINT}"
    try:
        installed = set(pytesseract.get_languages())
    except (pytesseract.TesseractNotFoundError, OSError):
        return f"OCR needs Tesseract, which does not run here: {INSTALL_HINT}"
    missing = [lang for lang in langs.split("+") if lang not in installed]
    if missing:
        packages = " ".join("tesseract-ocr-" + m.lower().replace("_", "-") for m in missing)
        return f"Tesseract has no language data for {', '.join(missing)} (SLEUTH_OCR_LANGS): apt-get install {packages}"
    return None


def status(opts: Options) -> str:
    """One line for `sleuth stats`: whether scans are read, with which Tesseract and languages."""
    why = problem(opts)
    if why is not None:
        return f"not available: {why}" if opts.enabled else "off (SLEUTH_OCR=off)"
    import pytesseract

    return f"available (Tesseract {pytesseract.get_tesseract_version()}, languages {opts.langs})"


# --- reading ----------------------------------------------------------------------------------------------------
def bitmap_image(bitmap):
    """A pdfium bitmap as a Pillow image of its own (`to_pil` shares pdfium's buffer), the bitmap freed now, under
    the caller's lock, rather than by the garbage collector in any thread."""
    image = bitmap.to_pil().copy()
    bitmap.close()
    return image


def scanned_pages(pdf, layers: list[str]) -> list[int]:
    """Indexes of the PDF's pages whose text layer is (almost) empty while a picture covers most of the page."""
    import pypdfium2.raw as pdfium_c

    out = []
    for i, layer in enumerate(layers):
        if len(_ALNUM.findall(layer)) >= MIN_LAYER_CHARS:
            continue
        with PDFIUM:
            page = pdf[i]
            try:
                width, height = page.get_size()
                cover = 0.0
                for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
                    left, bottom, right, top = obj.get_bounds()
                    cover = max(cover, (right - left) * (top - bottom) / max(width * height, 1.0))
            finally:
                page.close()
        if cover >= MIN_IMAGE_COVER:
            out.append(i)
    return out


def read_pdf_pages(pdf, pages: list[int], opts: Options) -> dict[int, str]:
    """OCR these pages of an open pypdfium2 document: {page index: text}; pages read as nothing are left out."""
    _check(len(pages), opts)

    def images() -> Iterator:
        for i in pages:  # rendered here, in the calling thread, under the lock: pdfium is not thread-safe
            with PDFIUM:
                page = pdf[i]
                try:
                    width, height = page.get_size()
                    scale = min(opts.dpi / 72, (MAX_RENDER_PIXELS / max(width * height, 1.0)) ** 0.5)
                    image = bitmap_image(page.render(scale=scale, grayscale=True))
                finally:
                    page.close()
            yield image

    texts = read_images(images(), len(pages), opts)
    return {i: t for i, t in zip(pages, texts) if t}


def read_scans(pdf, layers: list[str], options: Options) -> tuple[dict[int, str], str]:
    """OCR of a PDF's scanned pages: {page index: text}, and why some were not read ("" when all were)."""
    pages = scanned_pages(pdf, layers)
    if not pages:
        return {}, ""
    try:
        found = read_pdf_pages(pdf, pages, options)
    except ReadError as exc:
        found, why = {}, str(exc)
    else:
        why = f"OCR found no text, or ran over the {options.page_seconds:g} s limit" if len(found) < len(pages) else ""
    missed = [n + 1 for n in pages if n not in found]
    return found, (f"{'page' if len(missed) == 1 else 'pages'} {_ranges(missed)} not read: {why}" if missed else "")


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    for n in numbers:
        if out and out[-1].split("-")[-1] == str(n - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{n}"
        else:
            out.append(str(n))
    return ", ".join(out)


def image_texts(data: bytes, opts: Options) -> list[str]:
    """OCR an image file (PNG, JPEG, TIFF with any number of pages): the text of each page, in order."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        img = Image.open(io.BytesIO(data))
        n = getattr(img, "n_frames", 1)
    except UnidentifiedImageError:
        raise ReadError("not a readable image (PNG, JPEG or TIFF)") from None
    except Image.DecompressionBombError as exc:
        raise ReadError(f"image too large to read ({exc})") from None
    _check(n, opts)
    try:
        return read_images((prepare(_within_budget(frame, opts)) for frame in ImageSequence.Iterator(img)), n, opts)
    except (OSError, SyntaxError) as exc:  # Pillow's errors for truncated or damaged image data
        raise ReadError(f"damaged image: {exc}") from None


def _check(pages: int, opts: Options) -> None:
    if pages > opts.max_pages:
        raise ReadError(f"{pages} pages need OCR; the limit is {opts.max_pages} per document "
                        f"(SLEUTH_OCR_MAX_PAGES)")
    why = problem(opts)
    if why is not None:
        raise ReadError(why)


def _within_budget(frame, opts: Options):
    """The frame, if its size (known from its header, before any pixel is decoded) is within the pixel budget."""
    width, height = frame.size
    if width * height > opts.max_image_pixels:
        raise ReadError(f"this image is {width:,} × {height:,} = {width * height:,} pixels, over the "
                        f"{opts.max_image_pixels:,} an image may have (SLEUTH_MAX_IMAGE_PIXELS); scale it down")
    return frame


def prepare(frame):
    """A grayscale copy on white, scaled up when the letters are too small for Tesseract."""
    from PIL import Image

    img = frame.copy()
    if img.mode in ("RGBA", "LA", "P", "PA"):
        img = img.convert("RGBA")
        back = Image.new("RGBA", img.size, "white")  # transparent parts of a screenshot are paper, not ink
        img = Image.alpha_composite(back, img)
    img = img.convert("L")
    side = max(img.size)
    if side < _SMALL_IMAGE_SIDE:
        scale = min(3.0, _TARGET_SIDE / max(side, 1))
        img = img.resize((round(img.width * scale), round(img.height * scale)), Image.LANCZOS)
    return img


def read_images(images: Iterable, count: int, opts: Options) -> list[str]:
    """OCR page images, several Tesseract processes at a time, each page cut off after `opts.page_seconds`.

    A page over the time limit is left empty; when every page is, the document is refused with the reason.
    """
    # Tesseract's own OpenMP threads fight the parallel pages for the cores: one thread per process is faster.
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    counter = _progress()
    if counter:
        counter.add(total=count)
    workers = max(1, min(os.cpu_count() or 1, 4, count))
    texts: list[str] = []
    timed_out = 0
    # The whole document has a budget too: no page starts after it, and a page running at the end is cut there.
    deadline = time.monotonic() + opts.doc_seconds
    with ThreadPoolExecutor(workers, thread_name_prefix="sleuth-ocr") as pool:
        pending: deque[Future] = deque()

        def collect() -> None:
            nonlocal timed_out
            text = pending.popleft().result()
            timed_out += text is None
            texts.append(text or "")
            if counter:
                counter.add(done=1)

        try:
            for img in images:  # images are made lazily, at most two per worker waiting: memory stays flat
                if time.monotonic() >= deadline:
                    raise _over_budget(opts, len(texts), count)
                pending.append(pool.submit(_tesseract, img, opts, deadline))
                while len(pending) >= 2 * workers:
                    collect()
            while pending:
                collect()
        finally:
            for future in pending:
                future.cancel()
    if time.monotonic() >= deadline and timed_out:
        raise _over_budget(opts, len(texts) - timed_out, count)
    if texts and timed_out == len(texts):
        raise ReadError(f"OCR took over {opts.page_seconds:g} s on every page and was stopped "
                        f"(SLEUTH_OCR_PAGE_SECONDS sets the limit)")
    return texts


def _over_budget(opts: Options, read: int, count: int) -> ReadError:
    return ReadError(f"OCR of this document ran past {opts.doc_seconds:g} s with {read} of {count} pages read "
                     "(SLEUTH_OCR_DOC_SECONDS); split it into smaller files")


def _tesseract(img, opts: Options, deadline: float) -> str | None:
    """The text of one page image, or None when Tesseract ran over the page's or the document's time limit."""
    import pytesseract

    seconds = min(opts.page_seconds, deadline - time.monotonic())
    if seconds <= 0:
        return None
    try:
        raw = pytesseract.image_to_string(img, lang=opts.langs, config="--oem 1 --psm 3", timeout=seconds)
    except pytesseract.TesseractError as exc:  # a subclass of RuntimeError: caught first
        raise ReadError(f"Tesseract failed: {exc.message or exc}") from None
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            return None
        raise ReadError(f"Tesseract failed: {exc}") from None
    return clean(raw)


def clean(text: str) -> str:
    """Tesseract's output made searchable: ligatures spelled out, words broken at line ends joined."""
    text = text.translate(_LIGATURES).replace("\x0c", "\n")
    return _BROKEN_WORD.sub(r"\1\2", text).strip()
