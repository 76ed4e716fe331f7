"""The pages' wording in Chromium: plurals, "Did you mean" in the case typed, a correction named by its type's word,
the exclusion chip by the document's title, dates as a reader writes them, and timeline gap labels that fit."""
from __future__ import annotations

import re

import pytest

from .ui_fixtures import SHOTS, SIZES, app, open_filters, open_page, server  # noqa: F401  (the app, on loopback)

pytestmark = pytest.mark.browser
SOLO = ("Around 1930 the quetzalcoatl mural was painted in the villa. On 20 August 1940 Trotsky was attacked there. "
        "From 1901 to 2000 the archive of the house kept growing.")


@pytest.fixture(scope="module")
def solo(app):  # noqa: F811
    engine = app.extensions["sleuth"]
    report = engine.index_uploads([("solo.txt", SOLO.encode())])
    assert not report.failed
    assert engine.settle(), "its dates are found in the background"
    return report.documents[0].doc_id


@SIZES
def test_plurals_and_did_you_mean_keep_the_words_right(server, solo, open_page, size):  # noqa: F811
    page = open_page(size)
    page.goto(server + "/search?q=quetzalcoatl")
    summary = " ".join(page.locator("#summary").inner_text().split())
    assert summary.startswith("1 passage matches “quetzalcoatl” in 1 document"), summary
    page.goto(server + "/search")
    summary = " ".join(page.locator("#summary").inner_text().split())
    assert re.match(r"Browsing all \d+ passages in 3 documents — type a query or pick a filter", summary), summary
    page.goto(server + "/search?q=Trotskey")
    assert page.locator(".suggestion a").inner_text() == "Trotsky"
    page.goto(server + f"/doc/{solo}")
    assert re.search(r"· 1 passage( ·|$)", page.locator(".doc-meta").first.inner_text())


@SIZES
def test_dates_read_as_a_reader_writes_them(server, solo, open_page, size):  # noqa: F811
    page = open_page(size)
    page.goto(server + f"/doc/{solo}")
    tags = page.locator(".passage-dates .tag").all_inner_texts()
    assert "c. 1930" in tags and "20 August 1940" in tags and "20th century" in tags, tags
    assert not any(re.search(r"~|\d{4}/\d{4}|\d{4}-\d\d", t) for t in tags), tags
    page.goto(server + "/search?q=quetzalcoatl")
    assert "c. 1930" in page.locator(".hit .tag.date").all_inner_texts()


@SIZES
def test_exclusion_chip_names_the_document_and_a_retype_says_the_type(server, solo, open_page, size):  # noqa: F811
    page = open_page(size)
    page.goto(server + "/search?q=Trotsky")
    title = page.locator(".hit h3 a").first.inner_text()
    page.get_by_role("link", name="exclude it").first.click()
    page.wait_for_url(lambda url: "not_doc_id=" in url)
    chip = page.locator(".chip-not")
    chip.wait_for(state="attached")
    assert title in chip.inner_text() and "/" not in chip.inner_text().replace(title, "")
    if size["width"] > 600:  # one correction is enough
        token = page.locator("input[name=csrf_token]").first.get_attribute("value") if page.locator(
            "input[name=csrf_token]").count() else None
        page.goto(server + "/entity/person/Trotsky")
        token = token or page.locator("input[name=csrf_token]").first.get_attribute("value")
        page.request.post(server + "/corrections", max_redirects=0, form={
            "csrf_token": token, "action": "retype", "facet": "person", "name": "Natalia Sedova", "into": "org"})
        page.goto(server + "/corrections")
        said = page.locator("[role=status].message").inner_text()
        assert "person “Natalia Sedova” counted as organisation" in said, said


@SIZES
def test_timeline_gap_labels_fit_their_boxes(server, app, open_page, size):  # noqa: F811
    engine = app.extensions["sleuth"]
    # A year that leaves an 86-unit gap, "no dates 1820s–1880s", narrower than that label (about 100 units).
    engine.index_uploads([("chronicle.txt", b"The chronicle of the villa was begun in 1810.")])
    assert engine.settle()
    page = open_page(size)
    page.goto(server + "/search")
    open_filters(page)
    gaps = page.locator(".timeline .gap")
    assert gaps.count() >= 1
    drawn = 0
    for gap in gaps.all():
        rect = gap.locator("rect").bounding_box()
        for text in gap.locator("text").all():
            drawn += 1
            t = text.bounding_box()
            assert rect["x"] <= t["x"] and t["x"] + t["width"] <= rect["x"] + rect["width"], (text.inner_text(), t, rect)
    assert drawn >= 1
    SHOTS.mkdir(exist_ok=True)
    page.locator(".timeline").screenshot(path=str(SHOTS / f"timeline-gaps-{size['width']}.png"))
