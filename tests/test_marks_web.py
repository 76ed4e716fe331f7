"""The security rules on the marks and saved-search pages (issue 27): CSRF on every POST, login when a password is
set, stored text escaped; a bad tag is a 400 naming the fix; the back link never leaves the site."""
from __future__ import annotations

import re

import pytest

from web import create_app

from .test_security_auth import _login

TROTSKY = "000_7320f9c5cac2b3a8.txt"
HOSTILE = "<script>alert(1)</script>"
POSTS = [("/marks", {"target": TROTSKY, "action": "star"}), ("/saved", {"name": "x", "search": "q=ice"}),
         ("/saved/open", {"name": "x"}), ("/saved/delete", {"name": "x"})]


@pytest.fixture
def client(seeded_copy):
    return create_app(seeded_copy(secret_key="t")).test_client()


def _token(client) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(f"/doc/{TROTSKY}").get_data(as_text=True)).group(1)


@pytest.mark.parametrize("path,form", POSTS, ids=[p for p, _ in POSTS])
def test_every_post_needs_the_csrf_token(client, path, form):
    _token(client)
    refused = client.post(path, data=form)
    assert refused.status_code == 400 and "reload the page" in refused.get_data(as_text=True)
    assert client.post(path, data={**form, "csrf_token": "forged"}).status_code == 400
    assert client.application.extensions["sleuth"].all_marks() == []


def test_hostile_tag_note_and_name_are_shown_as_text(client):
    token = _token(client)
    for form in ({"action": "tag", "tag": HOSTILE}, {"action": "note", "note": HOSTILE}):
        assert client.post("/marks", data={"csrf_token": token, "target": TROTSKY, **form}).status_code == 303
    client.post("/saved", data={"csrf_token": token, "name": HOSTILE, "search": "q=ice"})
    for url in (f"/doc/{TROTSKY}", "/tags", "/saved", f"/marks?target={TROTSKY}", "/search?q=Trotsky"):
        page = client.get(url).get_data(as_text=True)
        assert HOSTILE not in page, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get("/tags").get_data(as_text=True)


def test_bad_tag_is_refused_naming_the_setting_and_next_stays_on_site(client):
    token = _token(client)
    r = client.post("/marks", data={"csrf_token": token, "target": TROTSKY, "action": "tag", "tag": "x" * 100})
    assert r.status_code == 400 and "SLEUTH_MAX_TAG_CHARS" in r.get_data(as_text=True)
    r = client.post("/marks", data={"csrf_token": token, "target": TROTSKY, "action": "star",
                                    "next": "//evil.example/"})
    assert r.status_code == 303 and r.headers["Location"].startswith("/marks?target=")
    assert client.get("/marks?target=nothing.txt").status_code == 404


def test_marks_pages_ask_for_login(seeded_copy):
    client = create_app(seeded_copy(secret_key="t", password="pw")).test_client()
    for url in ("/tags", "/saved", f"/marks?target={TROTSKY}", "/tags/export.csv"):
        r = client.get(url)
        assert r.status_code == 302 and "/login" in r.headers["Location"], url
    assert client.post("/marks", data={"target": TROTSKY, "action": "star"}).status_code == 302
    _login(client, "pw")
    assert "Tags, stars and notes" in client.get("/tags").get_data(as_text=True)
    assert client.get("/saved").status_code == 200


def test_a_removed_documents_marks_are_kept_and_named(client):
    engine = client.application.extensions["sleuth"]
    engine.tag(TROTSKY, ["to check"])
    engine.remove(TROTSKY)
    page = client.get("/tags").get_data(as_text=True)
    assert f"{TROTSKY} <span class=\"mark-where\">(no longer indexed)</span>" in page
    assert f'href="/doc/{TROTSKY}"' not in page


def test_a_documents_marks_show_on_its_hits(client):
    client.application.extensions["sleuth"].tag(TROTSKY, ["soviet exiles"])
    page = client.get("/search?q=ice+pick").get_data(as_text=True)
    assert page.count('<span class="mark-where">Document:</span> <a class="tag mark-tag"') == 2  # its two hits


def test_a_damaged_store_leaves_search_and_documents_usable(seeded_copy):
    settings = seeded_copy(secret_key="t")
    (settings.index_dir / "annotations.sqlite").write_bytes(b"not a database, " * 100)
    client = create_app(settings).test_client()
    assert client.get("/search?q=ice+axe").status_code == 200
    assert client.get(f"/doc/{TROTSKY}").status_code == 200
    page = client.get("/tags")
    assert page.status_code == 500 and "annotations.sqlite in the data folder" in page.get_data(as_text=True)
