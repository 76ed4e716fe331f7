"""Page images for the OCR tests and benchmark: real scans without their text layer, and typeset pages."""
from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "ocr"
VICKSBURG = DATA / "Seige_of_Vicksburg_Sample_OCR.pdf"
# Hand-checked transcriptions of two of its pages (page 1 is the book's p. 49, page 4 its p. 53).
TRUTH = {1: DATA / "vicksburg-page1.txt", 4: DATA / "vicksburg-page4.txt"}
_WORD = re.compile(r"[^\W\d_]+")


def image_only(pdf_bytes: bytes, repeat: int = 1, pages: int | None = None) -> bytes:
    """The PDF with its hidden OCR text layer deleted (only the scanned pictures left), pages repeated."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    src = pdfium.PdfDocument(pdf_bytes)
    for page in src:
        for obj in list(page.get_objects()):
            if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                page.remove_obj(obj)
        page.gen_content()
    out = pdfium.PdfDocument.new()
    for _ in range(repeat):
        out.import_pages(src)
    if pages is not None:
        for i in range(len(out) - 1, pages - 1, -1):
            out.del_page(i)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def typeset_png(text: str, dpi: int = 300, points: float = 11.0) -> bytes:
    """`text` typeset on a letter-size page (DejaVu Serif if installed, else Pillow's own font) as a PNG."""
    from PIL import Image, ImageDraw, ImageFont

    size = round(points * dpi / 72)
    try:
        font = ImageFont.truetype("DejaVuSerif.ttf", size)
    except OSError:
        font = ImageFont.load_default(size=size)
    width, height, margin = round(8.5 * dpi), round(11 * dpi), dpi
    chars = int((width - 2 * margin) / (font.getlength("abcdefghijklmnopqrstuvwxyz") / 26))
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    y = margin
    for para in text.split("\n\n"):
        for line in textwrap.wrap(" ".join(para.split()), chars):
            draw.text((margin, y), line, font=font, fill=0)
            y += round(size * 1.35)
        y += size
    buf = io.BytesIO()
    img.save(buf, "PNG", dpi=(dpi, dpi))
    return buf.getvalue()


def words(text: str) -> list[str]:
    """The running words of a text, lower-cased (for "what share of the page's words does search find")."""
    return [w.lower() for w in _WORD.findall(text)]
