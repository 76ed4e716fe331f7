"""The timeline and facet lists on real Wikipedia summaries, and axe-core over every page at both widths."""
from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from indexer import Settings
from web import create_app

from .conftest import SHARED_DATA
from .ui_fixtures import (DESKTOP, SIZES, _serve, app, box, open_filters, open_page, server,  # noqa: F401
                          shot)

pytestmark = pytest.mark.browser


# --- the timeline and facet lists on real Wikipedia summaries --------------------------------------------------

WIKI = SHARED_DATA / "wiki-vital-summaries.jsonl"
_NUMBER = re.compile(r"\b(\d{3,4})\b")


def wiki_sample(limit_early: int = 15, limit_late: int = 250) -> list[dict]:
    """A few hundred summaries with a wide, gapped span: some naming only years before 400 ("in 220"), the rest
    only years from 1800 on."""
    early, late = [], []
    with WIKI.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            years = [int(y) for y in _NUMBER.findall(rec["text"])]
            if not years:
                continue
            if all(y < 400 for y in years) and re.search(r"\b(?:in|AD|CE) \d{3}\b", rec["text"]):
                if len(early) < limit_early:
                    early.append(rec)
            elif all(1800 <= y <= 2024 for y in years) and len(late) < limit_late:
                late.append(rec)
            if len(early) >= limit_early and len(late) >= limit_late:
                break
    return early + late


@pytest.fixture(scope="module")
def wiki(tmp_path_factory):
    """The app over a few hundred of the 10k wiki summaries (skipped when ../shared is not beside the clone)."""
    if not WIKI.exists():
        pytest.skip("../shared/data/wiki-vital-summaries.jsonl is not beside this clone")
    folder = tmp_path_factory.mktemp("wiki")
    sample = folder / "wiki-sample.jsonl"
    sample.write_text("".join(json.dumps(r) + "\n" for r in wiki_sample()), encoding="utf-8")
    application = create_app(Settings(index_dir=folder / "data", corpus_dir=folder, secret_key="t"))
    assert application.extensions["sleuth"].index_paths([sample]).count("added") > 200
    srv = _serve(application)
    yield f"http://127.0.0.1:{srv.server_port}", application.extensions["sleuth"]
    srv.shutdown()


@SIZES
def test_timeline_is_a_time_axis_with_wide_bars_ticks_gaps_and_counts(wiki, open_page, size):
    base, engine = wiki
    page = open_page(size)
    page.goto(base + "/search")
    open_filters(page)
    bars = page.locator(".timeline a.bar")
    assert bars.count() >= 3
    widths = page.evaluate("() => [...document.querySelectorAll('.timeline .bar rect:not(.hit-area)')]"
                           ".map(r => r.getBoundingClientRect().width)")
    assert min(widths) >= 6, widths
    ticks = page.locator(".timeline .tick-label").all_text_contents()
    assert len(ticks) >= 2 and not any(t.startswith("0") for t in ticks), ticks
    labels = [bars.nth(i).get_attribute("aria-label") for i in range(bars.count())]
    assert all(re.fullmatch(r".+: \d+ (passages?|mentions? of these dates)", t) for t in labels), labels
    assert not any(re.search(r": 1 (passages|mentions)", t) for t in labels)
    # The gap between the 3rd century and the 19th is on the axis, labelled, and really empty.
    years = [int(v.value) for v in engine.facet_values("year")]
    gaps = page.locator(".timeline .gap text").all_text_contents()
    assert gaps, "no gap labelled"
    for label in gaps:
        # the full label, or its years alone where the box is too narrow for it (timeline.py)
        lo, hi = (int(y) for y in re.fullmatch(r"(?:no dates )?(\d+)\D+(\d+)s?", label).groups())
        assert not any(lo <= y <= hi for y in years), label
    # Counts on hover and on keyboard focus.
    bars.last.hover()
    assert page.locator(".timeline .readout").inner_text() == labels[-1]
    bars.first.focus()
    assert page.locator(".timeline .readout").inner_text() == labels[0]
    shot(page, "timeline-wiki")
    # Brushing across bars sets the range they cover.
    want = f"from={bars.nth(0).get_attribute('data-from')}&to={bars.nth(2).get_attribute('data-to')}"
    first, third = box(bars.nth(0).locator("rect.hit-area")), box(bars.nth(2).locator("rect.hit-area"))
    page.mouse.move(first["x"] + first["width"] / 2, first["y"] + first["height"] - 2)
    page.mouse.down()
    page.mouse.move(third["x"] + third["width"] / 2, third["y"] + third["height"] - 2, steps=5)
    page.mouse.up()
    page.wait_for_url(re.compile(want))
    assert page.locator(".message").count() == 0 and int(page.locator("#summary strong").inner_text()) > 0


def test_timeline_bar_click_sets_range_and_narrow_spans_go_by_day(server, open_page):
    page = open_page(DESKTOP)
    page.goto(server + "/search?q=Trotsky")
    bar = page.locator(".timeline a.bar").last
    want = (bar.get_attribute("data-from"), bar.get_attribute("data-to"))
    said = int(re.search(r": (\d+) passages?$", bar.get_attribute("aria-label")).group(1))
    bar.click()
    page.wait_for_url(re.compile(rf"from={want[0]}&to={want[1]}"))
    assert int(page.locator("#summary strong").inner_text()) == said  # the bar counts what it finds
    assert page.locator(".chip", has_text="Dates").count() == 1
    page.goto(server + "/search?from=1940-08-01&to=1940-08-31")
    assert page.locator("figure.timeline").get_attribute("data-unit") == "day"
    labels = page.locator(".timeline a.bar").evaluate_all("bs => bs.map(b => b.getAttribute('aria-label'))")
    assert any(re.fullmatch(r"20 Aug 1940: \d+ passages?", t) for t in labels), labels
    assert len(set(labels)) == len(labels) > 1  # not one bar "1940 … 1940"


@SIZES
def test_heading_counts_uncapped_and_finder_reaches_values_beyond_the_top_60(wiki, open_page, size):
    base, engine = wiki
    people = engine.facet_values("person")
    assert len(people) > 60
    page = open_page(size)
    page.goto(base + "/search")
    open_filters(page)
    assert page.locator("#h-person .n").inner_text().replace(",", "") == str(len(people))
    shown = set(page.locator("#fl-person a.fv").all_inner_texts())
    rare = next(v.value for v in reversed(people) if v.value not in shown and len(v.value) > 6)
    page.locator("#h-person ~ form input.facet-filter").fill(rare[:6].lower())
    page.wait_for_function("(name) => [...document.querySelectorAll('#fl-person a.fv')]"
                           ".some(a => a.textContent.trim() === name)", arg=rare)
    page.locator("#fl-person a.fv", has_text=rare).first.click()
    page.wait_for_url(re.compile(r"person="))
    page.wait_for_selector(".chip", state="attached")
    assert rare in page.locator(".active-filters").text_content()
    assert int(page.locator("#summary strong").inner_text()) >= 1


# --- accessibility and screenshots -----------------------------------------------------------------------------

PAGES = {"search": "/search?q=ice+axe&person=Ram%C3%B3n+Mercader", "browse": "/search", "document": None,
         "entity": "/entity/person/Ram%C3%B3n%20Mercader", "entities": "/entities", "upload": "/upload",
         "error": "/doc/no-such-document", "finder": "/facets/person?q=Trotsky&contains=leon",
         "dates-problem": "/search?q=Trotsky&from=1945&to=1940"}


@SIZES
def test_pages_have_no_serious_accessibility_violations(server, open_page, size):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()  # axe-core is bundled with the package: nothing is fetched
    page = open_page(size, expect_404=True, bypass_csp=True)  # axe-core runs as an injected script
    page.goto(server + "/search?q=ice+axe")
    PAGES["document"] = urlsplit(page.locator(".hit h3 a").first.get_attribute("href"))._replace(
        scheme="", netloc="").geturl()
    found = {}
    for name, path in PAGES.items():
        page.goto(server + path)
        results = axe.run(page)
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
        if bad:
            found[name] = bad
        shot(page, name)
    assert not found, found
