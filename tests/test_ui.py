"""The pages as a user meets them, at a phone's width (390 px) and a laptop's (1366 px), in Debian's Chromium:
results first, the keyboard path, focus after in-place updates, hit navigation, links between pages, the facet
finder, tap targets, messages, the upload report and pages without JavaScript."""
from __future__ import annotations

import colorsys
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

from .ui_fixtures import (DESKTOP, PHONE, SIZES, app, box, focused, open_filters, open_page,  # noqa: F401
                          server, shot)

pytestmark = pytest.mark.browser


# --- phones and keyboards ------------------------------------------------------------------------------------


@SIZES
def test_results_come_before_filters(server, open_page, size):
    page = open_page(size)
    page.goto(server + "/search?q=who+killed+Trotsky")
    first = box(page.locator(".hit").first)
    toggle = page.locator(".filters-toggle")
    if size is PHONE:
        assert first["y"] < size["height"], f"first result {first['y']} px down"
        assert toggle.is_visible() and not page.locator("#filters").is_visible()
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true" and page.locator("#fl-person").is_visible()
        assert box(page.locator(".filters-close"))["y"] < 80  # the way back is at the top of the open filters
        shot(page, "search-filters-open")
        page.locator(".filters-close").click()
        assert not page.locator("#filters").is_visible() and focused(page) == "filters-toggle"
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    else:
        assert not toggle.is_visible()
        assert box(page.locator("#filters"))["x"] < first["x"] and first["y"] < 200
    shot(page, "search")


@SIZES
def test_skip_link_reaches_first_result_within_five_tabs(server, open_page, size):
    page = open_page(size)
    page.goto(server + "/search?q=Trotsky")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to results"
    page.keyboard.press("Enter")
    first = page.locator(".hit h3 a").first.get_attribute("href")
    for presses in range(1, 6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == first:
            break
    else:
        pytest.fail(f"first result not reached in 5 Tab presses (at {focused(page)})")


@SIZES
def test_facet_click_puts_focus_on_the_result_summary(server, open_page, size):
    page = open_page(size)
    page.goto(server + "/search?q=ice+axe")
    open_filters(page)
    page.locator("#fl-person a.fv", has_text="Ramón Mercader").click()
    page.wait_for_url(re.compile(r"person=Ram%C3%B3n\+Mercader"))
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'summary'")
    summary = page.locator("#summary")
    assert summary.get_attribute("role") == "status"  # read out by screen readers as it takes the focus
    assert "with these filters" in summary.inner_text()
    open_filters(page)  # the swapped-in results are set up again (the phone's Filters button works)
    assert page.locator("#fl-person li.on", has_text="Ramón Mercader").is_visible()


# --- the document page ---------------------------------------------------------------------------------------


def _bar_clears(page) -> None:
    """The current hit lies wholly below the sticky bar and inside the window."""
    page.wait_for_timeout(100)
    bar = box(page.locator(".doc-tools"))
    for mark in page.locator("mark.hit.current").all():
        m = box(mark)
        assert m["y"] >= bar["y"] + bar["height"] - 0.5, (m, bar)
        assert m["y"] + m["height"] <= page.viewport_size["height"], m


@SIZES
def test_hit_under_sticky_bar_is_visible_and_position_shown_at_once(server, open_page, size):
    page = open_page(size)
    page.goto(server + "/search?q=ice+axe")
    page.locator(".hit h3 a").nth(1).click()
    page.wait_for_url(re.compile(r"/doc/.*#p-\d+"))
    pos = page.locator("#hit-pos")
    assert re.fullmatch(r"\d+ of \d+", pos.inner_text()), pos.inner_text()  # before any key is pressed
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{anchor} mark.hit.current").count() >= 1
    _bar_clears(page)
    total = int(pos.inner_text().split(" of ")[1])
    for _ in range(total):
        page.keyboard.press("n")
        _bar_clears(page)
    page.locator("#prev-hit").click()
    _bar_clears(page)
    shot(page, "document")


def test_hit_count_counts_the_phrase(server, open_page):
    page = open_page(DESKTOP)
    page.goto(server + "/search?q=ice+axe")
    page.locator(".hit h3 a").first.click()
    page.wait_for_selector("#hit-pos")
    said = int(page.locator(".hit-count strong").inner_text())
    marks = page.locator(".document mark.hit")
    heads = page.locator(".document mark.hit:not(.cont)")
    assert said == heads.count() < marks.count()  # "ice" and "axe" side by side are one hit
    groups = page.evaluate("""[...document.querySelectorAll('.document mark.hit:not(.cont)')].map(m => {
        let t = m.textContent, n = m;
        for (;;) {  // the words of one hit: this mark and the marks after it that continue it
          const all = [...document.querySelectorAll('.document mark.hit')], k = all.indexOf(n) + 1;
          if (k >= all.length || !all[k].classList.contains('cont')) return t.toLowerCase();
          n = all[k]; t += ' ' + n.textContent;
        }})""")
    assert "ice axe" in groups
    page.goto(page.url.replace("q=ice+axe", "q=%22ice+axe%22"))  # the quoted phrase: lone words are no hits
    page.wait_for_selector("#hit-pos")
    phrase = int(page.locator(".hit-count strong").inner_text())
    assert phrase == groups.count("ice axe") and phrase == page.locator(".document mark.hit:not(.cont)").count()
    assert page.locator("#hit-pos").inner_text() == f"– of {said}" or " of " in page.locator("#hit-pos").inner_text()


@SIZES
def test_the_infobox_hit_is_marked_and_stepped_to(server, open_page, size):
    page = open_page(size)
    page.goto(server + "/doc/002_e41d2cd84ffb8d9f.txt?q=Mercader")
    page.wait_for_selector("#hit-pos")
    said = int(page.locator(".hit-count strong").inner_text())
    assert "1 of them in the Infobox" in page.locator(".hit-count").inner_text()
    in_box = page.locator(".metadata mark.hit", has_text="Mercader")
    assert in_box.count() == 1 and in_box.is_visible()
    assert said == page.locator(".document mark.hit:not(.cont)").count()
    page.keyboard.press("n")  # the first hit in the page's order is the Infobox's Assailant
    assert "current" in in_box.get_attribute("class") and page.locator("#hit-pos").inner_text() == f"1 of {said}"
    _bar_clears(page)
    shot(page, "document-infobox")


@SIZES
def test_back_to_results_restores_every_filter_dates_and_page(server, open_page, size):
    page = open_page(size)
    search = "/search?q=Trotsky&not_place=Moscow&person=Leon+Trotsky&from=1900&to=1945&per_page=2&page=2"
    page.goto(server + search)
    assert page.locator(".pager .current").inner_text() == "2"
    page.locator(".hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/doc/"))
    page.locator("text=Back to results").click()
    page.wait_for_url(re.compile(r"/search"))
    assert sorted(parse_qsl(urlsplit(page.url).query)) == sorted(parse_qsl(urlsplit(search).query))
    assert page.locator(".pager .current").inner_text() == "2"
    assert page.locator(".chip").count() == 3  # person, not place, dates


@SIZES
def test_entity_names_link_to_entity_pages_and_mentions_come_back_marked(server, open_page, size):
    page = open_page(size)
    page.goto(server + "/search?q=Mercader")
    page.locator(".hit h3 a").first.click()
    page.wait_for_selector("a.ent")
    link = page.locator("a.ent.ent-person", has_text="Mercader").first
    link.click()
    page.wait_for_url(re.compile(r"/entity/person/"))
    name = page.locator("h1").inner_text().strip()
    assert "Mercader" in name
    shot(page, "entity")
    page.locator(".hit h3 a").nth(1).click()
    page.wait_for_url(re.compile(r"/doc/.*mark=person.*#p-\d+"))
    anchor = page.url.rsplit("#", 1)[1]
    marked = page.locator(f"#{anchor} a.ent-person mark.hit")
    assert marked.count() >= 1
    assert re.fullmatch(r"\d+ of \d+", page.locator("#hit-pos").inner_text())
    assert f"mentions of {name}" in page.locator(".hit-count").inner_text() or "mention of" in \
        page.locator(".hit-count").inner_text()
    _bar_clears(page)


def test_next_and_previous_document(server, open_page):
    page = open_page(DESKTOP)
    page.goto(server + "/search?q=ice+axe")
    page.locator(".hit h3 a").first.click()
    page.wait_for_selector("#hit-pos")
    here = urlsplit(page.url).path
    nav = page.locator(".doc-nav a").first
    rel = nav.get_attribute("rel")
    nav.click()
    page.wait_for_url(lambda url: urlsplit(url).path != here)
    assert "q=ice+axe" in page.url and page.locator(".hit-count").count() == 1  # the search goes along
    page.locator(f".doc-nav a[rel={'next' if rel == 'prev' else 'prev'}]").click()
    page.wait_for_url(lambda url: urlsplit(url).path == here)


# --- facets --------------------------------------------------------------------------------------------------


@SIZES
def test_facet_finder_ignores_accents(server, open_page, size):
    page = open_page(size)
    page.goto(server + "/search?q=Trotsky")
    open_filters(page)
    page.locator("#h-person ~ form input.facet-filter").fill("ramon")
    page.wait_for_function("() => document.querySelectorAll('#fl-person li').length >= 1 && "
                           "[...document.querySelectorAll('#fl-person a.fv')].every(a => /Ram[oóò]n/.test(a.textContent))")
    assert "Ramón Mercader" in page.locator("#fl-person").inner_text()
    page.locator("#fl-person a.fv", has_text="Ramón Mercader").click()
    page.wait_for_url(re.compile(r"person=Ram%C3%B3n\+Mercader"))
    assert "contains=" not in page.url


def test_years_by_date_exclusions_shown_and_colours_distinct(server, open_page):
    page = open_page(DESKTOP)
    page.goto(server + "/search?q=Trotsky")
    years = [int(t) for t in page.locator("#fl-year a.fv").all_inner_texts()]
    assert len(years) > 3 and years == sorted(years) and not any(
        t.startswith("0") for t in page.locator("#fl-year a.fv").all_inner_texts())
    page.locator("#fl-person li", has_text="Ramón Mercader").locator("a.not").click()
    page.wait_for_url(re.compile(r"not_person="))
    chip = page.locator(".chip-not")
    assert "excluding" in chip.inner_text().lower()
    assert "line-through" not in chip.evaluate("e => getComputedStyle(e).textDecorationLine")
    off = page.locator("#fl-person li.off")
    assert "excluded" in off.inner_text().lower() and "Ramón Mercader" in off.inner_text()
    assert "line-through" not in off.locator(".fv").evaluate("e => getComputedStyle(e).textDecorationLine")

    def hue(facet: str) -> float:
        rgb = page.locator(f".swatch.ent-{facet}").first.evaluate("e => getComputedStyle(e).color")
        r, g, b = (int(x) / 255 for x in re.findall(r"\d+", rgb)[:3])
        return colorsys.rgb_to_hsv(r, g, b)[0] * 360

    page.goto(server + "/entities")
    assert page.locator(".swatch.ent-group").count() and page.locator(".swatch.ent-person").count()
    gap = abs(hue("person") - hue("group"))
    assert min(gap, 360 - gap) >= 45, (hue("person"), hue("group"))


# --- messages ------------------------------------------------------------------------------------------------


@SIZES
def test_from_later_than_to_says_so_and_placeholders_are_not_values(server, open_page, size):
    page = open_page(size)
    page.goto(server + "/search?q=Trotsky&from=1945&to=1940")
    problem = page.locator(".date-problem")
    assert "later than" in problem.inner_text() and "Swap" in problem.inner_text()
    problem.locator("a", has_text="Swap them").click()
    page.wait_for_url(re.compile(r"from=1940&to=1945"))
    assert page.locator(".date-problem").count() == 0 and int(page.locator("#summary strong").inner_text()) > 0
    page.goto(server + "/search?q=Trotsky")
    open_filters(page)
    for name in ("from", "to"):
        field = page.locator(f".daterange input[name={name}]")
        assert field.input_value() == "" and not re.search(r"\d", field.get_attribute("placeholder"))
    assert page.locator(".active-filters").count() == 0  # nothing looks applied when nothing is


# --- tap targets, upload report ------------------------------------------------------------------------------


def test_tap_targets_at_least_24_px(server, open_page):
    page = open_page(PHONE)
    page.goto(server + "/search?q=Trotsky&not_place=Moscow&per_page=3")
    open_filters(page)
    targets = page.locator(".facet-values a.not, .facet-values a.info, .chip, .filters-toggle, .daterange button, "
                           ".pager a, .timeline a.bar")
    assert targets.count() > 20
    small = []
    for i in range(targets.count()):
        t = targets.nth(i)
        if t.is_visible():
            b = box(t.locator("rect.hit-area") if "bar" in (t.get_attribute("class") or "") else t)
            if b["height"] < 24 or (b["width"] < 24 and "bar" not in (t.get_attribute("class") or "")):
                small.append((t.inner_text() or t.get_attribute("aria-label"), b))
    assert not small, small[:5]
    page.goto(server + "/search?q=ice+axe")
    page.locator(".hit h3 a").first.click()
    page.wait_for_selector("#next-hit")
    for sel in ("#prev-hit", "#next-hit", ".permalink", ".doc-nav a"):
        b = box(page.locator(sel).first)
        assert b["width"] >= 24 and b["height"] >= 24, (sel, b)


def test_upload_report_fits_a_phone_and_names_unchanged_files(server, open_page, tmp_path):
    page = open_page(PHONE)
    good = tmp_path / "a-rather-long-file-name-from-the-archive-of-the-villa-in-coyoacan.txt"
    good.write_text("Robert Sheldon Harte opened the gate of the villa in Coyoacán.", encoding="utf-8")
    bad = tmp_path / "blob.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    for round_ in ("first", "again"):
        page.goto(server + "/upload")
        page.set_input_files("#files", [str(good), str(bad)])
        page.click(".upload button[type=submit]")
        page.wait_for_selector(".report")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert box(page.locator(".report table"))["width"] <= 390
    row = page.locator(".report tr.status-unchanged")
    assert good.name in row.locator("td.file").inner_text()
    assert row.locator("td[data-label=Passages]").inner_text().strip() == "1"
    shot(page, "upload-report")


def test_without_javascript_results_lead_and_the_finder_is_a_form(server, open_page):
    page = open_page(PHONE, java_script_enabled=False)
    page.goto(server + "/search?q=Trotsky")
    assert box(page.locator(".hit").first)["y"] < box(page.locator("#filters"))["y"]  # filters follow, visible
    assert not page.locator(".filters-toggle").is_visible()
    page.locator("#h-person ~ form input.facet-filter").fill("ramon")
    page.locator("#h-person ~ form input.facet-filter").press("Enter")
    page.wait_for_url(re.compile(r"/facets/person\?.*contains=ramon"))
    page.locator("a.fv", has_text="Ramón Mercader").click()
    page.wait_for_url(re.compile(r"/search\?.*person=Ram%C3%B3n\+Mercader"))
    assert "q=Trotsky" in page.url and "contains" not in page.url


def test_entities_page_filter_ignores_accents_and_reaches_every_value(server, open_page):
    page = open_page(DESKTOP)
    page.goto(server + "/entities")
    box_ = page.locator("#el-person").locator("xpath=..").locator("input.facet-filter")
    box_.fill("ramon")
    visible = [t for t in page.locator("#el-person li:visible a.fv").all_inner_texts()]
    assert "Ramón Mercader" in visible and all("Ram" in t for t in visible)
    box_.press("Enter")
    page.wait_for_url(re.compile(r"/facets/person\?contains=ramon"))
    assert "Ramón Mercader" in page.locator(".facet-values").inner_text()
