"""The original in the browser: a PDF page and a scan shown as they are, the search's hits outlined on the page image,
page by page, reached from the passage's page number, at a phone's and a laptop's width; axe-core finds no
violation of any impact on them or on their documents' pages."""
from __future__ import annotations

import io
import re
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from indexer import Settings, Sleuth
from indexer.read import ocr
from web import create_app

from .ocr_pages import typeset_png
from .test_ui_axe import _violations
from .ui_fixtures import DESKTOP, SIZES, _serve, box, open_page, shot  # noqa: F401  (open_page: a fixture)

pytestmark = pytest.mark.browser
PDF = Path(__file__).resolve().parent / "data" / "real" / "zlib" / "crc-doc-pages-1-2.pdf"
SCAN_TEXT = ("Memorandum: the guards at the villa were doubled after the May raid.\n\n"
             "The ambassador asked for the report by telegram.")


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, light_model) -> Settings:
    """A PDF with a text layer, a typeset scan as an image and as a PDF (both read by OCR) and a PDF inside a zip,
    with the light model."""
    if ocr.problem(ocr.Options()):
        pytest.skip(ocr.problem(ocr.Options()))
    folder = tmp_path_factory.mktemp("originals")
    shutil.copy(PDF, folder / PDF.name)
    (folder / "memo.png").write_bytes(typeset_png(SCAN_TEXT, dpi=150, points=14))
    memo = Image.open(io.BytesIO(typeset_png(SCAN_TEXT, dpi=150, points=14)))
    memo.save(folder / "memo-scan.pdf", "PDF", resolution=150)  # a scanned PDF: a picture, no text layer
    with zipfile.ZipFile(folder / "pack.zip", "w") as z:  # a PDF inside an archive is kept as its text only
        z.write(PDF, "inside.pdf")
    settings = Settings(index_dir=tmp_path_factory.mktemp("original-data"), corpus_dir=folder, model=light_model,
                        secret_key="t")
    sleuth = Sleuth(settings)
    assert sleuth.index_paths([folder]).count("added") == 5
    sleuth.settle()
    sleuth.close()
    return settings


@pytest.fixture(scope="module")
def server(indexed):
    srv = _serve(create_app(indexed))
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


def _occurrences(word: str, page: int) -> int:
    """How often pdfium's text layer has `word` on a page of the PDF: what the outlines must count."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(PDF.read_bytes())
    text = pdf[page - 1].get_textpage().get_text_range().lower()
    pdf.close()
    return text.count(word)


def _shown(page) -> None:
    """The page image has loaded and is drawn at the page's width, the outlines over it."""
    page.wait_for_function("() => { const i = document.querySelector('.original-frame img');"
                           " return i && i.complete && i.naturalWidth > 0; }")
    img = box(page.locator(".original-frame img"))
    assert img["width"] <= page.viewport_size["width"] and img["height"] > img["width"]  # a portrait page, whole
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    for rect in page.locator("rect.hit-box").all():
        b = box(rect)
        assert img["x"] <= b["x"] and b["x"] + b["width"] <= img["x"] + img["width"] + 1
        assert img["y"] <= b["y"] and b["y"] + b["height"] <= img["y"] + img["height"] + 1


@SIZES
def test_a_pdf_page_as_printed_with_the_hits_outlined(server, open_page, size):  # noqa: F811
    page = open_page(size)
    page.goto(server + f"/doc/{PDF.name}?q=polynomial")
    assert _violations(page) == []
    link = page.get_by_role("link", name="see page 1 as printed")
    link.focus()
    page.keyboard.press("Enter")  # reached by keyboard from the passage's page number
    page.wait_for_selector(".original")
    _shown(page)
    assert "page 1 of 2" in page.locator("h1").inner_text()
    wanted = _occurrences("polynomial", 1)
    assert wanted and page.locator("rect.hit-box").count() >= wanted
    assert page.locator(".hit-count").inner_text().startswith(f"{wanted} hit")
    assert "polynomial" in page.locator(".original-frame img").get_attribute("alt")
    assert page.locator("h1").count() == 1 and _violations(page) == []
    shot(page, "original-pdf")
    # The next page, by keyboard; the search goes along, and so do its hits.
    page.get_by_role("navigation", name="Pages of the original", exact=True).get_by_role("link", name="Page 2").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=page 2 of 2")
    _shown(page)
    assert page.locator(".hit-count").inner_text().startswith(f"{_occurrences('polynomial', 2)} hit")
    # Zoomed in, the page is drawn at its full size in a region scrolled by keyboard too, the outlines still on the
    # words; the next page stays zoomed.
    page.get_by_role("link", name="Zoom in: the page at its full size").click()
    region = page.get_by_role("region", name="The page at its full size (scroll to see all of it)")
    region.focus()
    page.keyboard.press("ArrowDown")
    img = box(page.locator(".original-frame img"))
    assert img["width"] == int(page.locator(".original-frame img").get_attribute("width"))  # its own pixels
    hit = box(page.locator("rect.hit-box").first)
    assert img["x"] <= hit["x"] <= img["x"] + img["width"] and hit["width"] > 30  # a word's width at full size
    assert _violations(page) == []
    shot(page, "original-zoomed")
    page.get_by_role("link", name="Fit the page to the screen").click()
    _shown(page)
    # The original file downloads as it was indexed.
    href = page.get_by_role("link", name="Download the original file").get_attribute("href")
    assert page.request.get(server + href).body() == PDF.read_bytes()


@SIZES
def test_a_scan_as_scanned_with_the_words_tesseract_found_outlined(server, open_page, size):  # noqa: F811
    page = open_page(size)
    page.goto(server + "/doc/memo.png?q=telegram")
    assert _violations(page) == []
    page.get_by_role("link", name="the original, page by page").click()
    page.wait_for_selector(".original")
    _shown(page)
    assert page.locator("rect.hit-box").count() == 1
    assert "read by OCR" in page.locator("figcaption").inner_text()
    assert page.locator("h1").count() == 1 and _violations(page) == []
    # The outline is where the word is: in the second paragraph, near the top of the page, inside the margins.
    img, hit = box(page.locator(".original-frame img")), box(page.locator("rect.hit-box"))
    assert 0.12 < (hit["y"] - img["y"]) / img["height"] < 0.3
    assert (hit["x"] - img["x"]) / img["width"] > 0.1 and hit["width"] / img["width"] < 0.25
    shot(page, "original-scan")


def test_a_scanned_pdf_page_as_scanned_with_the_words_tesseract_found_outlined(server, open_page):  # noqa: F811
    page = open_page({"width": 390, "height": 844})
    page.goto(server + "/doc/memo-scan.pdf?q=telegram")
    page.get_by_role("link", name="see page 1 as scanned").click()
    page.wait_for_selector(".original")
    _shown(page)
    assert page.locator("rect.hit-box").count() == 1 and "read by OCR" in page.locator("figcaption").inner_text()
    img, hit = box(page.locator(".original-frame img")), box(page.locator("rect.hit-box"))
    assert 0.12 < (hit["y"] - img["y"]) / img["height"] < 0.3


def test_the_page_image_is_bounded_and_a_non_pdf_is_refused_in_words(server, open_page):  # noqa: F811
    page = open_page(DESKTOP, expect_404=True)
    # A hit's page number opens that page as printed, the search's words outlined.
    page.goto(server + "/search?q=polynomial")
    page.locator("li.hit a.original-link", has_text="Page 2").first.click()
    page.wait_for_selector("text=page 2 of 2")
    assert page.locator("rect.hit-box").count() >= _occurrences("polynomial", 2) > 0
    image = page.request.get(server + f"/original-image/{PDF.name}?at=2")
    assert image.headers["content-type"] == "image/png"
    from PIL import Image
    import io
    assert max(Image.open(io.BytesIO(image.body())).size) == Settings().page_image_side
    page.goto(server + "/original/no-such.txt")
    assert "only those can be shown as they are" in page.locator("main").inner_text()
    # A PDF found inside an archive has no original file of its own: its page offers none.
    page.goto(server + "/doc/pack.zip › inside.pdf?q=polynomial")
    assert page.locator(".hitnav").is_visible() and page.locator("a.original-link").count() == 0


def test_with_ocr_off_the_scan_is_shown_and_the_page_says_why_nothing_is_outlined(indexed):
    client = create_app(replace(indexed, ocr=False)).test_client()
    page = client.get("/original/memo.png?q=telegram")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "The hits could not be marked on this page: OCR is off (SLEUTH_OCR=off)" in text and "hit-box" not in text
    assert client.get("/original-image/memo.png").mimetype == "image/png"


def test_behind_a_password_the_original_and_its_image_ask_for_the_login(indexed):
    client = create_app(replace(indexed, password="pw")).test_client()
    for url in (f"/original/{PDF.name}?at=2", f"/original-image/{PDF.name}?at=2"):
        answer = client.get(url)
        assert answer.status_code == 302 and answer.headers["Location"].startswith("/login?next=")
    form = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    assert client.post("/login", data={"csrf_token": token, "password": "pw"}).status_code == 302
    assert client.get(f"/original-image/{PDF.name}?at=2").mimetype == "image/png"  # logged in, it is shown
