"""The search page in Chromium: a facet click keeps the search box in view."""
from __future__ import annotations

import re

import pytest

from .ui_fixtures import SHOTS, SIZES, app, box, open_filters, open_page, server  # noqa: F401  (the app, on loopback)

pytestmark = pytest.mark.browser


@SIZES
def test_a_facet_click_keeps_the_search_box_in_view(server, open_page, size):  # noqa: F811
    page = open_page(size)
    page.goto(server + "/search?q=Trotsky")
    open_filters(page)
    value = page.locator("#fl-person a.fv", has_text="Ramón Mercader")
    value.scroll_into_view_if_needed()
    value.click()
    page.wait_for_url(re.compile(r"person=Ram%C3%B3n\+Mercader"))
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'summary'")
    page.wait_for_timeout(300)  # any scrolling the swap asks for is done
    q = box(page.locator("#q"))
    assert 0 <= q["y"] and q["y"] + q["height"] <= size["height"], q
    assert box(page.locator("#summary"))["y"] < size["height"]  # and what changed is in view too


@SIZES
def test_a_new_query_keeps_the_filters_unless_unticked(server, open_page, size):  # noqa: F811
    page = open_page(size)
    page.goto(server + "/search?q=Trotsky&from=1940")
    open_filters(page)
    page.locator("#fl-person a.fv", has_text="Ramón Mercader").click()  # a filter added in place (htmx)
    page.wait_for_url(re.compile(r"person=Ram%C3%B3n\+Mercader"))
    keep = page.locator(".searchbox .keep")
    keep.wait_for()
    assert keep.inner_text().strip() == "Keep the 2 filters" and box(keep)["x"] + box(keep)["width"] <= size["width"]
    page.screenshot(path=str(SHOTS / f"search-keep-{size['width']}.png"))
    page.fill("#q", "ice axe")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=ice\+axe"))
    assert "person=Ram%C3%B3n+Mercader" in page.url and "from=1940" in page.url
    assert len(page.locator(".active-filters .chip").all()) == 2
    page.locator(".searchbox .keep input").uncheck()
    page.fill("#q", "Coyoacán")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=Coyoac"))
    assert "person=" not in page.url and "from=" not in page.url
    assert page.locator(".searchbox .keep").is_hidden()
