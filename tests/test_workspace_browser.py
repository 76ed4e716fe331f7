"""The workspace pages in headless Chromium: compare, documents (delete), batch search; accessibility at two widths."""
from __future__ import annotations

import csv
import io
import re

import pytest

from .ui_fixtures import SHOTS, app, server  # noqa: F401  (fixtures: a private served index of the seeds)

pytestmark = pytest.mark.browser
PULP = "000_7320f9c5cac2b3a8.txt"
WIDTHS = {"wide": (1366, 900), "phone": (390, 844)}


@pytest.fixture(params=list(WIDTHS))
def page(browser, request):  # noqa: F811
    width, height = WIDTHS[request.param]
    ctx = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    pg = ctx.new_page()
    pg.width_name = request.param
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert not errors, errors


def _check(page, name: str) -> None:
    """No serious or critical axe-core violations, no sideways scrolling of the page; a screenshot to look at."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page).response["violations"]
    bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in found
           if v["impact"] in ("serious", "critical")]
    assert not bad, bad
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{page.width_name}.png"), full_page=True)


def test_compare_from_a_search_marks_pick_and_axe(server, page):  # noqa: F811
    page.goto(server + "/search?q=ice")
    page.locator("a", has_text="Compare sources").click()
    page.wait_for_url(re.compile(r"/compare\?q=ice"))
    row = page.locator("tr.cmp-row").first
    assert row.locator("td").count() == 2
    assert row.locator("mark.diff", has_text=re.compile(r"^pick$")).count() >= 1
    assert row.locator("mark.diff", has_text=re.compile(r"^axe$")).count() >= 1
    facts = page.locator("table.cmp-facts").inner_text()
    assert "1940-08-20" in facts and "not stated" in facts
    _check(page, "compare")


def test_batch_of_five_names(server, page, tmp_path):  # noqa: F811
    page.goto(server + "/batch")
    page.fill("#lines", '"Ramón Mercader"\nNKVD\nCoyoacán\nSiqueiros\nNobody Atall')
    page.click("button[value=html]")
    page.wait_for_selector("table.batch-table")
    assert page.locator("table.batch-table tbody tr").count() == 5
    _check(page, "batch")
    with page.expect_download() as got:
        page.click("button[value=csv]")
    rows = list(csv.reader(io.StringIO(open(got.value.path(), encoding="utf-8").read())))
    assert len(rows) == 6 and rows[0][0] == "query"


def test_documents_page_and_delete(server, page):  # noqa: F811
    page.goto(server + "/documents")
    assert page.locator("table.doc-table tbody tr").count() >= 2
    _check(page, "documents")
    if page.width_name != "phone":
        return  # delete once, at the last width
    page.locator("tr", has_text=PULP).get_by_role("link", name=re.compile("^Delete")).click()
    page.wait_for_url(re.compile(r"/documents/delete\?id="))
    _check(page, "documents-delete")
    page.locator("button.danger").click()
    page.wait_for_url(re.compile(r"/documents$"))  # the message is in the session, not the URL
    assert "Deleted" in page.locator(".message").inner_text()
    assert page.locator("tr", has_text=PULP).count() == 0
    page.goto(server + "/search?q=stabbed+pick")
    assert PULP not in page.locator("main").inner_text()


def _mentions(page, server: str, name: str) -> int:
    page.goto(server + "/entity/person/" + name.replace(" ", "%20"))
    found = re.search(r"mentioned in (\d+) passage", page.locator("article").inner_text())
    return int(found.group(1)) if found else 0


def test_merge_an_uploaded_alias_then_undo(server, page, tmp_path):  # noqa: F811
    if page.width_name == "wide":
        doc = tmp_path / "mornard.txt"
        doc.write_text("Jacques Mornard, who called himself Frank Jacson, struck Leon Trotsky in his study in "
                       "Coyoacán. Later Jacques Mornard was sentenced to twenty years.", encoding="utf-8")
        page.goto(server + "/upload")
        page.set_input_files("#files", [str(doc)])
        page.click(".upload button[type=submit]")
        page.wait_for_selector(".report")
        for _ in range(100):  # searchable by its words now; its entities are found in the background (the API says)
            if not page.request.get(server + "/api/documents/upload/mornard.txt").json()["entities_pending"]:
                break
            page.wait_for_timeout(100)
    before = _mentions(page, server, "Ramón Mercader")
    assert _mentions(page, server, "Jacques Mornard") == 1
    _check(page, "entity-correct")
    page.fill("input[name=into][placeholder]", "Ramón Mercader")
    page.get_by_role("button", name="Merge").click()
    page.wait_for_url(re.compile(r"/corrections$"))
    assert "merged into person “Ramón Mercader”" in page.locator(".message").inner_text()
    _check(page, "corrections")
    page.wait_for_timeout(300)
    for _ in range(50):  # the facets are rewritten in the background within a few seconds
        if _mentions(page, server, "Ramón Mercader") == before + 1:
            break
        page.wait_for_timeout(200)
    assert _mentions(page, server, "Ramón Mercader") == before + 1
    page.goto(server + "/corrections")
    page.get_by_role("button", name=re.compile("^Undo")).first.click()
    page.wait_for_url(re.compile(r"/corrections$"))
    assert page.locator(".message").inner_text().startswith("Undone")
    for _ in range(50):  # polls a page that exists throughout (a merged-away entity's page is a 404 meanwhile)
        if _mentions(page, server, "Ramón Mercader") == before:
            break
        page.wait_for_timeout(200)
    assert _mentions(page, server, "Ramón Mercader") == before
    assert _mentions(page, server, "Jacques Mornard") == 1
