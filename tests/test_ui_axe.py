"""axe-core on every page a user reaches, at a phone's and a laptop's width: no violation of any impact, by every
rule (the experimental ones too); a heading-one on each. The seeds and a PDF are indexed, for the original view; a
scan's original view is checked in test_ui_original.py (it needs Tesseract)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import SearchRequest, Settings
from web import create_app

from .copies import copy_index
from .ui_fixtures import SIZES, _serve, open_filters, open_page, server, shot  # noqa: F401  (the app, on loopback)

pytestmark = pytest.mark.browser
WIKI = "002_e41d2cd84ffb8d9f.txt"
PDF = Path(__file__).resolve().parent / "data" / "real" / "zlib" / "crc-doc-pages-1-2.pdf"
PAGES = {
    "browse": "/", "search": "/search?q=Trotsky", "search-filtered": "/search?q=ice+axe&person=Ram%C3%B3n+Mercader"
    "&not_doc_id=000_7320f9c5cac2b3a8.txt&from=1940", "search-grouped": "/search?q=Trotsky&group_by=document",
    "search-none": "/search?q=zzqqxx", "facet-finder": "/facets/person?contains=ramon&q=Trotsky",
    "document": f"/doc/{WIKI}?q=ice+axe", "entity": "/entity/person/Ram%C3%B3n%20Mercader", "entities": "/entities",
    "compare": "/compare?q=ice", "documents": "/documents", "delete": f"/documents/delete?id={WIKI}",
    "batch": "/batch", "corrections": "/corrections", "upload": "/upload",
    # The timeline narrowed to months, a search by tag, the marks and saved searches, a mention marked.
    "timeline-months": "/search?q=Trotsky&from=1940-05&to=1940-09", "search-oldest": "/search?q=Trotsky&sort=oldest",
    "search-tag": "/search?q=tag%3A%22to+check%22", "tags": "/tags", "saved": "/saved",
    "marks": f"/marks?target={WIKI}%230", "document-mention": f"/doc/{WIKI}?mark=person%3ARam%C3%B3n+Mercader",
    "document-marked": f"/doc/{WIKI}",
    # A suggestion, a refused query, a documents list filtered to nothing.
    "search-suggestion": "/search?q=Trotksy", "search-refused": "/search?q=" + "(" * 9 + "x" + ")" * 9,
    "documents-none": "/documents?title=zzqqxx&sort=added&order=desc",
    # A PDF's document page (its page headings link to the original) and the original view, the hits outlined.
    "search-pdf": "/search?q=polynomial", "document-pdf": f"/doc/{PDF.name}?q=polynomial", "original": f"/original/{PDF.name}?q=polynomial&at=1",
    "original-last": f"/original/{PDF.name}?at=2",
}
# Error pages: a page that is not there, a search with more filters than a search may have.
ERRORS = {"not-found": ("/no/such/page", 404),
          "bad-request": ("/search?q=x&" + "&".join(f"person=p{n}" for n in range(60)), 400)}


@pytest.fixture(scope="module")
def app(tmp_path_factory, seeded_dir, corpus_copy):
    """The app over a private copy of the seed index with a PDF added (this module writes marks and corrections)."""
    index_dir = copy_index(seeded_dir, tmp_path_factory.mktemp("axe-data"))
    made = create_app(Settings(index_dir=index_dir, corpus_dir=corpus_copy, secret_key="t"))
    folder = tmp_path_factory.mktemp("axe-pdf")
    shutil.copy(PDF, folder / PDF.name)
    assert made.extensions["sleuth"].index_paths([folder]).count("added") == 1
    made.extensions["sleuth"].settle()
    return made


@pytest.fixture(scope="module", autouse=True)
def marked(app):
    """A star, tags and a note on the wiki document and a passage, and a saved search: the pages that list them."""
    engine = app.extensions["sleuth"]
    engine.star(WIKI)
    engine.tag(f"{WIKI}#0", ["to check", "Coyoacán"])
    engine.note(WIKI, "Compare with the Trotsky memoir: <b>ice pick</b> or ice axe?")
    engine.save_search("Mercader in August", SearchRequest.of("Mercader", date_from="1940-08", date_to="1940-08"))
    engine.correct("hide", "place", engine.entities("place")["place"][-1].value)  # the corrections page lists one


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


@SIZES
@pytest.mark.parametrize("name", list(ERRORS))
def test_no_axe_violation_on_an_error_page(server, open_page, size, name):  # noqa: F811
    path, status = ERRORS[name]
    page = open_page(size, expect=(status,))
    assert page.goto(server + path).status == status
    assert page.locator("h1").count() == 1
    assert _violations(page) == [], name
    shot(page, f"axe-{name}")


@pytest.fixture(scope="module")
def locked(tmp_path_factory, seeded_dir, corpus_copy):
    """The app with a password (SLEUTH_PASSWORD): the login page."""
    index_dir = copy_index(seeded_dir, tmp_path_factory.mktemp("axe-locked"))
    srv = _serve(create_app(Settings(index_dir=index_dir, corpus_dir=corpus_copy, secret_key="t", password="pw")))
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


@SIZES
def test_no_axe_violation_on_the_login_page_and_after_a_wrong_password(locked, open_page, size):
    page = open_page(size, expect=(401,))
    page.goto(locked + "/search?q=Trotsky")
    assert page.locator("h1").inner_text() == "Log in"
    assert _violations(page) == []
    shot(page, "axe-login")
    page.fill("#password", "wrong")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector(".login .error")
    assert _violations(page) == []
    page.fill("#password", "pw")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector(".hits")  # back to the search asked for, logged in: the header's "Log out" too
    open_filters(page)
    assert page.locator("h1").count() == 1 and _violations(page) == []


@SIZES
def test_no_axe_violation_with_every_control_open_and_after_each_action(server, open_page, size, tmp_path):  # noqa: F811
    """The states a page reaches by use: a hit's and a passage's marks open, the save form open, a status line after
    re-indexing, an upload refused for its type, the hits stepped through on a document."""
    page = open_page(size, expect=(415,))
    page.goto(server + "/search?q=ice+axe")
    page.locator("li.hit summary", has_text="Star, tag or note").first.click()
    page.locator("details.save-search summary").click()
    assert _violations(page) == []
    shot(page, "axe-search-controls")
    page.goto(server + f"/doc/{WIKI}?q=ice+axe")
    page.locator(".passage summary", has_text="Star, tag or note").first.click()
    page.keyboard.press("n")  # the next hit
    assert _violations(page) == []
    page.goto(server + "/documents")
    page.locator("form[action$='/documents/reindex'] button").first.click()
    page.wait_for_selector(".message")
    assert _violations(page) == []
    shot(page, "axe-documents-status")
    binary = tmp_path / "tool.exe"
    binary.write_bytes(b"MZ\x90\x00" + bytes(range(256)) * 8)
    page.goto(server + "/upload")
    page.set_input_files("#files", [str(binary)])
    page.click(".upload button[type=submit]")
    page.wait_for_selector(".report, .message")
    assert _violations(page) == []
    shot(page, "axe-upload-refused")
