"""Pages: PDF by pdfium's text layer, scanned pages and images by OCR (`ocr`), with the PDF's own metadata."""
from __future__ import annotations

import re

from . import ocr, running
from .document import Builder, Document
from .pdfium_lock import PDFIUM
from .text import clean_text, drop_leaders, one_line, title_of
from ..errors import ReadError

# A page tree can repeat one page object: a 120 KB file became 20,000 pages. Real books stay far below this.
MAX_PDF_PAGES = 5_000
# A PDF "title" that is only a file name ("Binder1.pdf", "Microsoft Word - x.doc") says nothing about the text.
_FILE_NAME_TITLE = re.compile(r"^(?:Microsoft Word - )?\S+\.(?:pdf|docx?|odt|rtf|tex|dvi|ps|indd|qxd)$", re.I)
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


def read_pdf(data: bytes, stem: str, ocr_options: ocr.Options) -> Document:
    import pypdfium2 as pdfium

    try:
        with PDFIUM:
            pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium raises its own error types for damaged files
        if "password" in str(exc).lower():
            raise ReadError("this PDF is password-protected") from None
        raise ReadError(f"not a valid PDF: {exc}") from None
    b = Builder()
    try:
        with PDFIUM:
            _check_pages(len(pdf))
            raw = pdf.get_metadata_dict() or {}
            layers = []
            for page in pdf:
                textpage = page.get_textpage()
                layers.append(drop_leaders(clean_text(textpage.get_text_range()))[0])
                textpage.close()
                page.close()
        # The title is read before the running header goes: on a title page, that header is the title.
        first_page = next((layer for layer in layers if layer.strip()), "")
        layers, _, headers = running.drop_running_lines(layers)
        # Pages with (almost) no text layer but a picture over most of the page are read by OCR.
        scanned, unread = ocr.read_scans(pdf, layers, ocr_options)
    finally:
        with PDFIUM:
            pdf.close()
    for n, layer in enumerate(layers):
        if len(scanned.get(n, "")) > len(layer.strip()):
            b.add(f"Page {n + 1}", clean_text(scanned[n]), from_ocr=True)
        else:
            b.add(f"Page {n + 1}", layer)
    if not b.sections:
        raise ReadError(f"this PDF has no text layer{'; ' + unread if unread else ''}")
    meta = {key: one_line(str(raw[k])) for k, key in (("Title", "title"), ("Author", "author"), ("Subject", "subject"),
                                                     ("Keywords", "keywords")) if str(raw.get(k) or "").strip()}
    if m := _PDF_DATE.match(str(raw.get("CreationDate") or "")):
        meta["created"] = "-".join(g for g in m.groups() if g)
    if unread:
        meta["ocr"] = unread
    first = title_of(first_page.split("\n"))[0] if not b.sections[0].ocr else ""
    if running.is_running(first, headers):  # "Debian Reference i": the book's name, without the page number
        first = running.unnumbered(first)
    if _FILE_NAME_TITLE.match(meta.get("title", "")):
        meta["file name"] = meta.pop("title")
    title = meta.get("title") or (first if len(first) < 120 and re.search(r"[^\W\d_]", first) else stem)
    return b.build(title, "pdf", meta)


def read_image(data: bytes, stem: str, ocr_options: ocr.Options) -> Document:
    b = Builder()
    pages = ocr.image_texts(data, ocr_options)
    for n, text in enumerate(pages, 1):
        b.add(f"Page {n}" if len(pages) > 1 else "", clean_text(text), from_ocr=True)
    if not b.sections:
        raise ReadError("OCR found no text in this image")
    return b.build(stem, "image")


def _check_pages(pages: int) -> None:
    """Refuse a PDF with more pages than a document may have, before any page is read."""
    if pages > MAX_PDF_PAGES:
        raise ReadError(f"this PDF has {pages:,} pages, over the {MAX_PDF_PAGES:,} a document may have; "
                        f"split it into smaller files")
