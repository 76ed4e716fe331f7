"""An upload over the size limit, in Chromium: the page says so and that nothing of the batch was indexed, whether
the page catches it before sending or the server refuses it (413)."""
from __future__ import annotations

import pytest

from indexer import Settings
from web import create_app

from .copies import copy_index
from .ui_fixtures import DESKTOP, PHONE, SIZES, _serve, shot

pytestmark = pytest.mark.browser
LIMIT = 64 * 1024


@pytest.fixture(scope="module")
def small_limit(tmp_path_factory, seeded_dir, corpus_copy):
    index_dir = copy_index(seeded_dir, tmp_path_factory.mktemp("upload-limit"))
    app = create_app(Settings(index_dir=index_dir, corpus_dir=corpus_copy, secret_key="t", max_upload_bytes=LIMIT))
    srv = _serve(app)
    yield f"http://127.0.0.1:{srv.server_port}", app
    srv.shutdown()


@pytest.fixture
def batch(tmp_path):
    small = tmp_path / "harte-note.txt"
    small.write_text("Robert Sheldon Harte opened the gate of the villa in Coyoacán.", encoding="utf-8")
    big = tmp_path / "big-scan-notes.txt"
    big.write_text("Trotsky wrote at night in the study of the villa. " * 3000, encoding="utf-8")  # ~150 KB
    return [str(small), str(big)]


def _not_indexed(app) -> None:
    client = app.test_client()
    for name in ("harte-note.txt", "big-scan-notes.txt"):
        assert client.get(f"/api/documents/upload/{name}").status_code == 404


@SIZES
def test_a_batch_over_the_limit_is_refused_before_sending_naming_the_files(browser, small_limit, batch, size):
    url, app = small_limit
    ctx = browser.new_context(viewport=size)
    page = ctx.new_page()
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
    page.goto(url + "/upload")
    page.set_input_files("#files", batch)
    page.click(".upload button[type=submit]")
    alert = page.locator("#upload-report [role=alert]")
    alert.wait_for()
    said = alert.inner_text()
    assert said.startswith("Nothing was uploaded or indexed") and "big-scan-notes.txt" in said
    assert "harte-note.txt" in said and "64 KB" in said and not sent
    assert box_fits(page, alert)
    shot(page, "upload-too-large")
    ctx.close()
    _not_indexed(app)


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1366"])
def test_a_413_from_the_server_is_shown_not_dropped(browser, small_limit, batch, size):
    url, app = small_limit
    ctx = browser.new_context(viewport=size)
    page = ctx.new_page()
    page.goto(url + "/upload")
    page.evaluate("document.querySelector('.upload form').removeAttribute('data-max-bytes')")  # an older page
    page.set_input_files("#files", batch)
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.click(".upload button[type=submit]")
    assert answer.value.status == 413
    alert = page.locator("#upload-report [role=alert]")
    alert.wait_for()
    said = alert.inner_text()
    assert "Nothing was indexed" in said and "64 KB limit" in said and "Send fewer or smaller files" in said
    assert page.locator("header.top").count() == 1  # the message alone, not a second page inside the report
    ctx.close()
    _not_indexed(app)


def box_fits(page, locator) -> bool:
    b = locator.bounding_box()
    return b is not None and b["x"] >= 0 and b["x"] + b["width"] <= page.viewport_size["width"]
