"""Status lines in Chromium: they come from what the user did (kept in the session), never from the URL, and do
not come back on reload."""
from __future__ import annotations

import re

import pytest

from .ui_fixtures import SIZES, app, open_page, server, shot  # noqa: F401  (the app over the corpus, on loopback)

pytestmark = pytest.mark.browser
FAKE = "Session expired: log in again at evil.example"


@SIZES
def test_no_status_line_comes_from_the_url(server, open_page, size):  # noqa: F811
    page = open_page(size)
    for path in (f"/documents?done={FAKE}", f"/corrections?done={FAKE}", f"/corrections?error={FAKE}"):
        page.goto(server + path)
        assert "evil.example" not in page.locator("main").inner_text()
        assert page.locator(".message").count() == 0


@SIZES
def test_a_reindex_says_so_once_and_not_again_on_reload(server, open_page, size):  # noqa: F811
    page = open_page(size)
    page.goto(server + "/documents")
    page.get_by_role("button", name=re.compile("^Re-index")).first.click()
    page.wait_for_load_state()
    assert page.url == server + "/documents"
    said = page.locator("[role=status].message").inner_text()
    assert re.fullmatch(r"Re-indexed \S+: (1 passage|\d+ passages)\.", said), said
    page.reload()
    assert page.locator(".message").count() == 0


def test_an_undo_of_nothing_is_an_error_line_once(server, open_page):  # noqa: F811
    page = open_page({"width": 1366, "height": 900})
    page.goto(server + "/documents")
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    page.request.post(server + "/corrections/undo", form={"csrf_token": token, "id": "no-such-correction"},
                      max_redirects=0)
    page.goto(server + "/corrections")
    assert page.locator("[role=alert].message").inner_text() == "That correction was already undone."
    page.reload()
    assert page.locator(".message").count() == 0


@SIZES
def test_upload_report_never_breaks_a_status_word(server, open_page, size, tmp_path):  # noqa: F811
    page = open_page(size)
    good = tmp_path / ("The archive of the villa in Coyoacan, letters and notes kept by the guards " * 3 + "1940.txt")
    good.write_text("Robert Sheldon Harte opened the gate of the villa in Coyoacán.", encoding="utf-8")
    bad = tmp_path / ("A binary blob that is not text at all and has a long name with spaces " * 3 + ".txt")
    bad.write_bytes(bytes(range(256)) * 4)
    page.goto(server + "/upload")
    odd = tmp_path / ("Spreadsheet of the guards rota for the villa in Coyoacan in spring 1940 " * 3 + ".xlsx")
    odd.write_bytes(b"PK")
    page.set_input_files("#files", [str(good), str(bad), str(odd)])
    page.click(".upload button[type=submit]")
    page.wait_for_selector(".report")
    # A reason as long as a damaged PDF's or a JSONL line's can be: the column widths follow the longest texts.
    page.evaluate("document.querySelectorAll('.report tr.status-failed td[data-label=Details]').forEach("
                  "td => td.textContent = td.textContent.repeat(12))")
    for status in page.locator(".report .status").all():
        lines = status.evaluate("e => { const r = document.createRange(); r.selectNodeContents(e); "
                                "return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; }")
        assert lines == 1, (status.inner_text(), lines)
    assert page.locator(".report .status-failed .status").first.inner_text() == "refused"
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    shot(page, "upload-report-long")
