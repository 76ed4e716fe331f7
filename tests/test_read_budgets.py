"""Issue 28 items 4, 5 and 6: every reading a request can start has a budget, named in the refusal with its setting —
XML elements in a .docx (a "run bomb"), pixels in an image, seconds of OCR per document."""
from __future__ import annotations

import io
import resource
import shutil
import time
import zipfile

import pytest

from indexer import Settings, Sleuth

from .ocr_pages import typeset_png


def run_bomb(runs: int) -> bytes:
    """A .docx whose one paragraph holds `runs` empty `<w:r/>` runs: a few KB that expand to millions of elements."""
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("PLACEHOLDER")
    d.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:r><w:t>PLACEHOLDER</w:t></w:r>", b"<w:r/>" * runs)
                assert b"<w:r/>" in data
            dst.writestr(item, data)
    return out.getvalue()


def test_a_docx_run_bomb_is_refused_fast_naming_the_setting(tmp_path):
    bomb = run_bomb(2_000_000)
    assert len(bomb) < 80_000
    sleuth = Sleuth(Settings(index_dir=tmp_path / "index"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    report = sleuth.index_uploads([("bomb.docx", bomb), ("note.txt", b"Trotsky lived in Coyoacan.")])
    took = time.monotonic() - started
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert [d.name for d in report.failed] == ["bomb.docx"] and report.count("added") == 1
    assert "SLEUTH_MAX_DOCX_ELEMENTS" in report.failed[0].reason and "1,000,000" in report.failed[0].reason
    assert took < 8 and grown_mb < 200, (took, grown_mb)


def test_the_docx_element_limit_is_a_setting_and_ordinary_files_pass(tmp_path):
    small = run_bomb(3_000)
    strict = Sleuth(Settings(index_dir=tmp_path / "a", max_docx_elements=2_000))
    assert "more than 2,000 XML elements" in strict.index_uploads([("s.docx", small)]).failed[0].reason
    assert Settings.from_env({"SLEUTH_MAX_DOCX_ELEMENTS": "5"}).max_docx_elements == 5
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_heading("Coyoacán", 1)
    d.add_paragraph("Natalia Sedova wrote from Coyoacán.")
    d.save(buf)
    report = Sleuth(Settings(index_dir=tmp_path / "b")).index_uploads([("ok.docx", buf.getvalue())])
    assert report.count("added") == 1, report.to_json()


def huge_png(side: int) -> bytes:
    """An RGBA PNG of side × side pixels, mostly blank: under a megabyte on disk, gigabytes once decoded."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGBA", (side, side), (255, 255, 255, 0)).save(buf, "PNG", optimize=False, compress_level=9)
    return buf.getvalue()


def test_an_image_over_the_pixel_budget_is_refused_before_it_is_decoded(tmp_path):
    png = huge_png(9_000)  # 81M pixels: under Pillow's own bomb limit (89M), over ours (40M)
    sleuth = Sleuth(Settings(index_dir=tmp_path / "index"))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    reason = sleuth.index_uploads([("huge.png", png)]).failed[0].reason
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert "SLEUTH_MAX_IMAGE_PIXELS" in reason and "81,000,000 pixels" in reason
    assert time.monotonic() - started < 2 and grown_mb < 100, grown_mb


def test_ocr_stops_at_the_document_budget_naming_the_setting(tmp_path):
    if shutil.which("tesseract") is None:
        pytest.skip("Tesseract is not installed")
    from PIL import Image

    page = Image.open(io.BytesIO(typeset_png("The harbour master logged forty schooners before noon. " * 40,
                                             dpi=200, points=9)))
    buf = io.BytesIO()
    page.save(buf, "TIFF", save_all=True, append_images=[page] * 59, compression="tiff_deflate")
    sleuth = Sleuth(Settings(index_dir=tmp_path / "index", ocr_doc_seconds=3))
    started = time.monotonic()
    report = sleuth.index_uploads([("long.tif", buf.getvalue())])
    took = time.monotonic() - started
    assert report.failed and "SLEUTH_OCR_DOC_SECONDS" in report.failed[0].reason, report.to_json()
    assert "of 60 pages read" in report.failed[0].reason
    assert took < 12, took
