"""Status lines in Chromium: they come from what the user did (kept in the session), never from the URL, and do
not come back on reload."""
from __future__ import annotations

import re

import pytest

from .ui_fixtures import SIZES, app, open_page, server  # noqa: F401  (the app over the corpus, on loopback)

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
