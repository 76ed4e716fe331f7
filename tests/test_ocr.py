"""OCR of scans, end to end: real scanned book pages and typeset pages read by Tesseract into a real index."""
from __future__ import annotations

import io
import os
import re
from functools import lru_cache
from pathlib import Path

import pytest

from indexer import Settings, Sleuth
from indexer.read import ocr
from web import create_app

from .ocr_pages import TRUTH, VICKSBURG, image_only, typeset_png, words
from .pdf import tiny_pdf

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
INSTALL = "apt-get install tesseract-ocr"


def _need_tesseract() -> None:
    why = ocr.problem(ocr.Options())
    if why is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{why}; .ci/run installs tesseract-ocr and tesseract-ocr-eng")
        pytest.skip(why)


def _article(name: str) -> str:
    """A bundled corpus text without its navigation lines: text we did not write, to typeset."""
    text = (CORPUS / name).read_text()
    return "\n\n".join(p for p in text.split("\n\n")[3:] if not p.strip().startswith(("Back ", "Skip ")))


@pytest.fixture(scope="module")
def scans(tmp_path_factory, light_model) -> Sleuth:
    """One index of: the scanned sample book without its text layer, the same with its layer, a typeset page.

    The light spaCy pipeline: these tests are about words read by Tesseract, never about entities."""
    _need_tesseract()
    folder = tmp_path_factory.mktemp("scans")
    (folder / "vicksburg-scan.pdf").write_bytes(image_only(VICKSBURG.read_bytes()))
    (folder / "vicksburg-layer.pdf").write_bytes(VICKSBURG.read_bytes())  # the scanner's own OCR, for fuzzy
    (folder / "typeset.png").write_bytes(typeset_png(_article("000_7320f9c5cac2b3a8.txt")))
    sleuth = Sleuth(Settings(index_dir=tmp_path_factory.mktemp("scans-index"), model=light_model))
    report = sleuth.index_paths([folder])
    assert not report.failed and report.count("added") == 3, report.to_json()
    return sleuth


@lru_cache(maxsize=None)
def _hits(sleuth: Sleuth, query: str) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """A search's message and (doc_id, section) hits; `scans` is read-only, so each word is searched once for all
    the pages and documents the tests look it up in (a quarter of the searches they made before)."""
    result = sleuth.search(query, per_page=100)
    return result.message, tuple((h.doc_id, h.section) for h in result.hits)


def _found(sleuth: Sleuth, doc_id: str, section: str | None, text: str, suffix: str = "") -> dict[str, bool]:
    """For each searchable word of `text`: does `text:word` (plus `suffix`, e.g. "~") find it in that page?"""
    found = {}
    for word in sorted(set(words(text))):
        message, hits = _hits(sleuth, f"text:{word}{suffix}")
        if message and "common words" in message:
            continue  # stop words are not indexed in any document
        found[word] = any(hit_doc == doc_id and section in (None, hit_section) for hit_doc, hit_section in hits)
    return found


def _share(found: dict[str, bool], text: str) -> float:
    running = [w for w in words(text) if w in found]
    return sum(found[w] for w in running) / len(running)


@pytest.mark.parametrize("page", sorted(TRUTH))
def test_scanned_book_page_words_are_found_by_search(scans, page):
    truth = TRUTH[page].read_text()
    share = _share(_found(scans, "vicksburg-scan.pdf", f"Page {page}", truth), truth)
    print(f"scanned page {page}: {share:.1%} of its words found")
    assert share >= 0.95


def test_scanned_pdf_keeps_pages_as_sections_marked_as_ocr(scans):
    doc = scans.document("vicksburg-scan.pdf")
    assert [s for s in dict.fromkeys(p.section for p in doc.passages)] == [f"Page {n}" for n in range(1, 7)]
    assert all(p.ocr for p in doc.passages)
    # The scanner's own text layer is used as it is: not OCR'd again, not marked.
    assert not any(p.ocr for p in scans.document("vicksburg-layer.pdf").passages)


def test_typeset_page_image_words_are_found_by_search(scans):
    truth = _article("000_7320f9c5cac2b3a8.txt")
    share = _share(_found(scans, "typeset.png", None, truth), truth)
    print(f"typeset page: {share:.1%} of its words found")
    assert share >= 0.99
    hit = scans.search("Coyoacan Mexico").hits[0]
    assert hit.doc_id == "typeset.png" and hit.ocr and hit.to_json()["ocr"] is True


def test_fuzzy_search_on_ocr_text(scans):
    # Over the words exact search finds in either real OCR text (Tesseract's, the scanner's), `word~` finds as
    # many or more: it must not lose inflected words ("roared~" once became the stem "roar", then "rear").
    for doc_id in ("vicksburg-scan.pdf", "vicksburg-layer.pdf"):
        for page, path in TRUTH.items():
            truth = path.read_text()
            exact = _found(scans, doc_id, f"Page {page}", truth)
            fuzzy = _found(scans, doc_id, f"Page {page}", truth, "~")
            lost = [w for w, hit in exact.items() if hit and not fuzzy[w]]
            gained = [w for w, hit in exact.items() if not hit and fuzzy[w]]
            print(f"{doc_id} page {page}: exact {_share(exact, truth):.1%}, word~ "
                  f"{_share({w: fuzzy[w] for w in exact}, truth):.1%}, found only by word~: {gained}")
            assert not lost
    roared = scans.search("text:roared~", per_page=100).hits
    assert roared and all("roared" in h.text for h in roared)


def test_mixed_pdf_ocrs_only_the_scanned_page(tmp_path):
    _need_tesseract()
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument(tiny_pdf("A typed cover letter about the siege papers and their provenance, "
                                        "written by the archivist who scanned the enclosed page in 2024."))
    mixed.import_pages(pdfium.PdfDocument(image_only(VICKSBURG.read_bytes())), [3])
    buf = io.BytesIO()
    mixed.save(buf)
    sleuth = Sleuth(Settings(index_dir=tmp_path / "index"))
    report = sleuth.index_uploads([("mixed.pdf", buf.getvalue())])
    assert not report.failed, report.to_json()
    doc = sleuth.document("upload/mixed.pdf")
    assert {p.section: p.ocr for p in doc.passages} == {"Page 1": False, "Page 2": True}
    hit = sleuth.search("grumblers").hits[0]
    assert hit.section == "Page 2" and hit.ocr


def test_multipage_tiff_is_read_page_by_page_and_counted(tmp_path):
    _need_tesseract()
    from PIL import Image

    texts = ["The harbour master logged forty schooners before noon.",
             "Quarantine ended when the physician certified the crew healthy."]
    pages = [Image.open(io.BytesIO(typeset_png(t, dpi=200, points=14))) for t in texts]
    buf = io.BytesIO()
    pages[0].save(buf, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_deflate")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "log.tif").write_bytes(buf.getvalue())
    seen: list[tuple[int, int]] = []
    sleuth = Sleuth(Settings(index_dir=tmp_path / "index"))
    report = sleuth.index_paths([tmp_path / "in"], ocr_progress=lambda done, total: seen.append((done, total)))
    assert not report.failed, report.to_json()
    assert seen[-1] == (2, 2)
    assert sleuth.search("schooners").hits[0].section == "Page 1"
    assert sleuth.search("quarantine physician").hits[0].section == "Page 2"


def test_without_tesseract_the_scan_fails_by_name_and_the_rest_is_indexed(tmp_path, monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-such-tesseract"))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "scan.png").write_bytes(typeset_png("Nothing can read this without Tesseract.", dpi=100))
    (folder / "scan.pdf").write_bytes(image_only(VICKSBURG.read_bytes()))
    (folder / "note.txt").write_text("A typed note about the siege of Vicksburg, indexed all the same.")
    sleuth = Sleuth(Settings(index_dir=tmp_path / "index"))
    report = sleuth.index_paths([folder])
    reasons = {Path(d.name).name: d.reason for d in report.failed}
    assert set(reasons) == {"scan.png", "scan.pdf"} and report.count("added") == 1
    assert all(INSTALL in r for r in reasons.values()), reasons
    assert "no text layer" in reasons["scan.pdf"] and "pages 1-6 not read" in reasons["scan.pdf"]
    assert sleuth.search("Vicksburg").total == 1
    assert INSTALL in sleuth.stats()["ocr"] and sleuth.stats()["ocr"].startswith("not available")


def test_ocr_off_page_cap_and_time_limit_refuse_with_reasons(tmp_path):
    png = typeset_png("A page that will not be read.", dpi=100)
    off = Settings.from_env({"SLEUTH_OCR": "off", "SLEUTH_INDEX_DIR": str(tmp_path / "a")})
    assert not off.ocr and Sleuth(off).stats()["ocr"] == "off (SLEUTH_OCR=off)"
    assert "SLEUTH_OCR=off" in Sleuth(off).index_uploads([("a.png", png)]).failed[0].reason
    capped = Sleuth(Settings(index_dir=tmp_path / "b", ocr_max_pages=3))
    reason = capped.index_uploads([("book.pdf", image_only(VICKSBURG.read_bytes()))]).failed[0].reason
    assert "6 pages need OCR; the limit is 3" in reason and "SLEUTH_OCR_MAX_PAGES" in reason
    _need_tesseract()
    hasty = Sleuth(Settings(index_dir=tmp_path / "c", ocr_page_seconds=0.01))
    assert "SLEUTH_OCR_PAGE_SECONDS" in hasty.index_uploads([("slow.png", png)]).failed[0].reason


def test_damaged_image_is_refused_with_a_reason(tmp_path):
    report = Sleuth(Settings(index_dir=tmp_path / "index")).index_uploads([("broken.jpg", b"\xff\xd8\xff not a jpeg")])
    assert report.failed[0].reason.startswith(("not a readable image", "damaged image"))


@pytest.fixture
def client(tmp_path):
    app = create_app(Settings(index_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus", secret_key="test"))
    return app.test_client()


def test_uploaded_png_of_a_typed_page_is_searchable_and_marked(client):
    _need_tesseract()
    text = _article("002_e41d2cd84ffb8d9f.txt")
    text = text[:text.find("\n", 1500)]  # about half a page, as a screenshot
    page = client.get("/upload").get_data(as_text=True)
    assert 'type="file"' in page and "accept=" not in page  # the picker offers every file: images among them
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    png = typeset_png(text, dpi=120)
    r = client.post("/upload", data={"csrf_token": token, "file": [(io.BytesIO(png), "typed page.png")]},
                    content_type="multipart/form-data")
    assert r.status_code == 200 and "1 added" in r.get_data(as_text=True)
    found = {}
    for word in set(words(text)):
        got = client.get("/api/search", query_string={"q": f"text:{word}"}).get_json()
        if got["message"] and "common words" in got["message"]:
            continue
        found[word] = any(h["doc_id"] == "upload/typed page.png" and h["ocr"] for h in got["results"])
    share = _share(found, text)
    print(f"uploaded screenshot: {share:.1%} of its words found")
    assert share >= 0.98
    results = client.get("/search?q=Mercader").get_data(as_text=True)
    assert "Text from OCR — spelling may be wrong" in results
    doc = client.get("/doc/upload/typed%20page.png").get_data(as_text=True)
    assert "Text from OCR — spelling may be wrong" in doc


def test_api_accepts_an_image_upload(client):
    _need_tesseract()
    png = typeset_png("Telegram received at Coyoacan on the twentieth of August.", dpi=150, points=14)
    r = client.post("/api/documents", data={"file": [(io.BytesIO(png), "telegram.png")]},
                    content_type="multipart/form-data")
    assert r.status_code == 201, r.get_json()
    hit = client.get("/api/search?q=telegram").get_json()["results"][0]
    assert hit["doc_id"] == "upload/telegram.png" and hit["ocr"] is True
    passages = client.get("/api/documents/upload/telegram.png").get_json()["passages"]
    assert passages and all(p["ocr"] for p in passages)


def test_unchanged_scan_is_not_read_again(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.png").write_bytes(typeset_png("Read once, then known by its content hash.", dpi=150, points=14))
    _need_tesseract()
    sleuth = Sleuth(Settings(index_dir=tmp_path / "index"))
    assert sleuth.index_paths([folder]).count("added") == 1
    monkeypatch.setattr(ocr, "read_images", lambda *a, **k: pytest.fail("the unchanged scan was OCR'd again"))
    again = sleuth.index_paths([folder])
    assert again.count("unchanged") == 1 and again.documents[0].title == "page"


def test_cli_stats_says_whether_ocr_is_available_and_search_marks_ocr_hits(tmp_path, capsys):
    from indexer.cli.commands import main

    _need_tesseract()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "fax.png").write_bytes(typeset_png("Facsimile from the consulate in Veracruz.", dpi=150, points=14))
    index = ["--index-dir", str(tmp_path / "index")]
    assert main([*index, "index", str(folder)]) == 0
    assert main([*index, "search", "consulate"]) == 0
    assert "(text from OCR: spelling may be wrong)" in capsys.readouterr().out
    assert main([*index, "stats"]) == 0
    assert "OCR of scans: available (Tesseract" in capsys.readouterr().out
