"""The real pages in headless Chromium (Debian's), driven by Playwright, against the app served on loopback."""
from __future__ import annotations

import re

import pytest

from .pdf import tiny_pdf
from .ui_fixtures import SHOTS, app, server  # noqa: F401  (the app over the corpus, on loopback)

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert not errors, errors  # no CSP violations, missing files or script errors


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _total(page) -> int:
    return int(page.locator(".summary strong").inner_text().replace(",", ""))


def test_search_facet_click_and_exclude(server, page):
    page.goto(server + "/")
    page.fill("#q", "ice axe")
    page.press("#q", "Enter")
    page.wait_for_selector("mark.hit")
    assert page.locator("mark.hit").count() >= 2
    _shot(page, "search")
    before = _total(page)
    page.locator("#fl-person a.fv", has_text="Ramón Mercader").click()
    page.wait_for_url(re.compile(r"person=Ram%C3%B3n\+Mercader"))
    page.wait_for_selector(".chip")
    assert 0 < _total(page) <= before
    assert page.locator("#fl-person li.on", has_text="Ramón Mercader").count() == 1
    _shot(page, "search-facet")
    page.locator(".chip").first.click()  # remove it again
    page.wait_for_url(lambda url: "person=" not in url)
    # Every ice-axe passage names Mercader (the Infobox's Assailant too): exclude someone only some of them name.
    page.locator("#fl-person li", has_text="Pavel Sudoplatov").locator("a.not").click()
    page.wait_for_url(re.compile(r"not_person="))
    page.wait_for_selector(".chip-not")
    assert "Pavel Sudoplatov" not in page.locator(".hit-list .tag.ent-person").all_inner_texts()
    assert page.locator(".hit").count() >= 1


def test_year_timeline_filters(server, page):
    page.goto(server + "/search?q=Trotsky")
    page.locator(".timeline a").first.click()
    page.wait_for_url(re.compile(r"from=\d{4}&to=\d{4}"))
    assert page.locator(".chip").count() == 1


def test_hit_opens_document_at_passage(server, page):
    page.goto(server + "/search?q=ice+axe")
    page.locator(".hit h3 a").first.click()
    page.wait_for_url(re.compile(r"/doc/.*#p-\d+"))
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{anchor} mark.hit").count() >= 1
    assert page.locator(f"#{anchor}").is_visible()
    page.keyboard.press("n")
    assert re.match(r"\d+ of \d+", page.locator("#hit-pos").inner_text())
    _shot(page, "document")


def test_entity_page_lists_both_documents(server, page):
    page.goto(server + "/search?q=Mercader")
    page.locator("#fl-person li", has_text="Ramón Mercader").locator("a.info").click()
    page.wait_for_url(re.compile(r"/entity/person/"))
    text = page.locator("article.entity").inner_text()
    assert "Assassination of Leon Trotsky" in text and "Leon Trotsky" in text and "Ramòn Mercader" in text
    _shot(page, "entity")
    page.goto(server + "/entities")
    _shot(page, "entities")


def test_upload_then_search(server, page, tmp_path):
    good = tmp_path / "harte.txt"
    good.write_text("Robert Sheldon Harte opened the gate of the villa in Coyoacán.", encoding="utf-8")
    html = tmp_path / "utka.html"
    html.write_text("<html><head><title>Operation Utka</title></head><body><article><h1>Operation Utka</h1>"
                    "<p>Operation Utka was planned by Pavel Sudoplatov and Nahum Eitingon in Moscow.</p>"
                    "</article></body></html>", encoding="utf-8")
    pdf = tmp_path / "raid.pdf"
    pdf.write_bytes(tiny_pdf("Siqueiros led the machine-gun raid on the villa in May 1940."))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    page.goto(server + "/upload")
    page.set_input_files("#files", [str(p) for p in (good, html, pdf, empty, binary)])
    page.click(".upload button[type=submit]")
    page.wait_for_selector(".report")
    report = page.locator(".report").inner_text()
    assert report.count("added") == 4  # three rows and the summary line
    assert "empty file" in report and "binary file" in report
    _shot(page, "upload")
    for query, expected in (("gate villa", "gate"), ("Utka Eitingon", "Eitingon"), ("machine-gun raid", "raid")):
        page.goto(server + "/search?q=" + query.replace(" ", "+"))
        assert page.locator("mark.hit", has_text=expected).count() >= 1, query
