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


def _first_years(results: list[dict]) -> list[int | None]:
    return [min((int(d[:4]) for d in r["dates"] if d[:4].isdigit()), default=None) for r in results]


@SIZES
def test_sort_by_date_oldest_and_newest_first(server, app, open_page, size):  # noqa: F811
    client = app.test_client()
    oldest = client.get("/api/search?q=Trotsky&sort=oldest&per_page=100").get_json()["results"]
    years = _first_years(oldest)
    dated = [y for y in years if y is not None]
    assert dated == sorted(dated) and years[:len(dated)] == dated  # the undated come last
    newest = client.get("/api/search?q=Trotsky&sort=newest&per_page=100").get_json()["results"]
    latest = [max((int(d[:4]) for d in r["dates"] if d[:4].isdigit()), default=None) for r in newest]
    assert [y for y in latest if y is not None] == sorted([y for y in latest if y is not None], reverse=True)
    page = open_page(size)
    page.goto(server + "/search?q=Trotsky")
    open_filters(page)
    page.get_by_role("link", name="Oldest first").click()
    page.wait_for_url(re.compile(r"sort=oldest"))
    page.locator(".sorts strong", has_text="Oldest first").wait_for(state="attached")
    shown = [h.split("#p-") for h in page.locator(".hit h3 a").evaluate_all("as => as.map(a => a.href)")]
    expected = [(r["doc_id"], str(r["ordinal"])) for r in oldest[:len(shown)]]
    assert [(s[0].split("/doc/")[1].split("?")[0], s[1]) for s in shown] == expected
    page.locator(".pager a", has_text="2").first.click()  # the order holds across pages
    page.wait_for_url(re.compile(r"page=2"))
    assert "sort=oldest" in page.url and page.locator(".searchbox .keep").is_hidden()  # an order is no filter
    open_filters(page)
    assert box(page.locator(".sorts"))["width"] <= size["width"]
    page.screenshot(path=str(SHOTS / f"search-sorted-{size['width']}.png"))
