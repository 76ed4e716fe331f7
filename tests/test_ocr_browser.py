"""A scan uploaded in headless Chromium: its words are found and the reader is told the text came from OCR."""
from __future__ import annotations

import threading

import pytest

from indexer import Settings
from indexer.read import ocr
from web import create_app

from .ocr_pages import typeset_png

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from werkzeug.serving import make_server

    if ocr.problem(ocr.Options()):
        pytest.skip(ocr.problem(ocr.Options()))
    app = create_app(Settings(index_dir=tmp_path_factory.mktemp("ocr-browser"), secret_key="t",
                              corpus_dir=tmp_path_factory.mktemp("no-corpus")))
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


def test_upload_scan_then_search_shows_ocr_note(server, browser, tmp_path):
    scan = tmp_path / "memo.png"
    scan.write_bytes(typeset_png("Memorandum: the guards at the villa were doubled after the May raid.\n\n"
                                 "The ambassador asked for the report by telegram.", dpi=150, points=14))
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(server + "/upload")
        page.set_input_files("#files", str(scan))
        page.click(".upload button[type=submit]")
        page.wait_for_selector(".report")
        assert "1 added" in page.locator(".report").inner_text()
        page.goto(server + "/search?q=ambassador+telegram")
        hit = page.locator(".hit").first
        assert hit.locator("mark.hit", has_text="telegram").count() == 1
        assert hit.locator(".ocr-note").inner_text().startswith("Text from OCR — spelling may be wrong")
        hit.locator("h3 a").click()
        page.wait_for_selector(".document")
        assert page.locator(".doc-head .ocr-note").is_visible()
    finally:
        context.close()
    assert not errors, errors
