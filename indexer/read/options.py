"""Reading options: OCR on or off and its languages, and the budgets a reader keeps (pages, seconds, pixels, XML
elements), from the settings. Passed to every reader through `read_bytes`."""
from __future__ import annotations

from dataclasses import dataclass

# A PDF page is rendered at `dpi`, but never into more pixels than this: a poster-sized page would not fit in memory.
MAX_RENDER_PIXELS = 40_000_000


@dataclass(frozen=True)
class Options:
    """How to OCR: on or off, Tesseract languages ("eng+deu"), pages per document, seconds per page and per
    document, pixels per image; with the other limits a reader applies (XML elements per .docx)."""

    enabled: bool = True
    langs: str = "eng"
    max_pages: int = 500
    page_seconds: float = 60.0
    dpi: int = 300
    doc_seconds: float = 900.0
    max_image_pixels: int = MAX_RENDER_PIXELS
    max_docx_elements: int = 1_000_000

    @classmethod
    def from_settings(cls, settings: object) -> "Options":
        """The reading part of the settings (`SLEUTH_OCR`, `SLEUTH_OCR_LANGS`, ...)."""
        d = cls()
        return cls(bool(getattr(settings, "ocr", d.enabled)), str(getattr(settings, "ocr_langs", d.langs) or "eng"),
                   int(getattr(settings, "ocr_max_pages", d.max_pages)),
                   float(getattr(settings, "ocr_page_seconds", d.page_seconds)), d.dpi,
                   float(getattr(settings, "ocr_doc_seconds", d.doc_seconds)),
                   int(getattr(settings, "max_image_pixels", d.max_image_pixels)),
                   int(getattr(settings, "max_docx_elements", d.max_docx_elements)))
