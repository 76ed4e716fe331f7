"""axe-core on every page at a phone's and a laptop's width: no violation of any impact; a heading-one on each."""
from __future__ import annotations

import pytest

from .ui_fixtures import SIZES, app, open_filters, open_page, server, shot  # noqa: F401  (the app, on loopback)

pytestmark = pytest.mark.browser
WIKI = "002_e41d2cd84ffb8d9f.txt"
PAGES = {
    "browse": "/", "search": "/search?q=Trotsky", "search-filtered": "/search?q=ice+axe&person=Ram%C3%B3n+Mercader"
    "&not_doc_id=000_7320f9c5cac2b3a8.txt&from=1940", "search-grouped": "/search?q=Trotsky&group_by=document",
    "search-none": "/search?q=zzqqxx", "facet-finder": "/facets/person?contains=ramon&q=Trotsky",
    "document": f"/doc/{WIKI}?q=ice+axe", "entity": "/entity/person/Ram%C3%B3n%20Mercader", "entities": "/entities",
    "compare": "/compare?q=ice", "documents": "/documents", "delete": f"/documents/delete?id={WIKI}",
    "batch": "/batch", "corrections": "/corrections", "upload": "/upload",
}


def _violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    # Every rule, the experimental ones too (label-content-name-mismatch is one).
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice", "experimental"]
    found = Axe().run(page, options={"resultTypes": ["violations"], "runOnly": {"type": "tag", "values": tags}}
                      ).response["violations"]
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in found]


@SIZES
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violation_and_one_h1(server, open_page, size, name):  # noqa: F811
    page = open_page(size)
    page.goto(server + PAGES[name])
    assert page.locator("h1").count() == 1, name
    if name.startswith("search") or name == "browse":
        open_filters(page)  # the filters too, on a phone
    assert _violations(page) == [], name
    shot(page, f"axe-{name}")


@SIZES
def test_no_axe_violation_after_an_upload_a_batch_and_on_an_error_page(server, open_page, size, tmp_path):  # noqa: F811
    page = open_page(size, expect_404=True)
    note = tmp_path / "guard-note.txt"
    note.write_text("Robert Sheldon Harte kept the keys of the villa in Coyoacán.", encoding="utf-8")
    page.goto(server + "/upload")
    page.set_input_files("#files", [str(note)])
    page.click(".upload button[type=submit]")
    page.wait_for_selector(".report")
    assert _violations(page) == []
    page.goto(server + "/batch")
    page.fill("textarea", "Trotsky\nRamón Mercader\nzzqqxx")
    page.get_by_role("button", name="Search all").click()
    page.wait_for_selector("table")
    assert page.locator("h1").count() == 1 and _violations(page) == []
    shot(page, "axe-batch-result")
    page.goto(server + "/doc/no-such-document")
    assert page.locator("h1").count() == 1 and _violations(page) == []
