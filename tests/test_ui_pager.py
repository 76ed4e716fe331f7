"""The /documents pager in Chromium: Previous / Next and a window of page numbers, one short row on a phone."""
from __future__ import annotations

import json
import re

import pytest

from web.views import library

from .ui_fixtures import SIZES, app, box, open_page, server, shot  # noqa: F401  (the app over the corpus, on loopback)

pytestmark = pytest.mark.browser
DOCS = 150


@pytest.fixture(scope="module")
def many(app):  # noqa: F811
    lines = [json.dumps({"id": f"n{i:03}", "title": f"Note {i:03} from the archive", "text": f"Archive note {i}."})
             for i in range(DOCS)]
    assert not app.extensions["sleuth"].index_uploads([("notes.jsonl", "\n".join(lines).encode())]).failed


@SIZES
def test_documents_pager_is_a_window_with_previous_and_next(server, many, open_page, size, monkeypatch):  # noqa: F811
    monkeypatch.setattr(library, "PER_PAGE", 2)  # 76 pages
    page = open_page(size)
    page.goto(server + "/documents?sort=title&page=30")
    pager = page.locator("nav.pager")
    shot(page, "documents-pager")
    numbers = [t for t in pager.locator("a, .current").all_inner_texts() if t.strip().isdigit()]
    assert "1" in numbers and "76" in numbers and len(numbers) <= 9
    visible = [n for n in pager.locator("a.num, .current").all() if n.is_visible()]
    assert len(visible) <= (5 if size["width"] < 600 else 9)
    assert box(pager)["height"] <= 60 and box(pager)["width"] <= size["width"]
    assert pager.get_by_role("link", name="Previous", exact=True).is_visible()
    pager.get_by_role("link", name="Next", exact=True).click()
    page.wait_for_url(re.compile(r"page=31"))
    assert "sort=title" in page.url and page.locator("nav.pager .current").inner_text() == "31"
