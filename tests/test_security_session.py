"""Issue 28 items 9, 10 and 17: where a login sends the browser, what logging out ends, and which pages a cache
may keep."""
from __future__ import annotations

import re

import pytest

from indexer import Settings
from web import create_app

from .test_security_auth import PASSWORD, _login


@pytest.fixture
def app(tmp_path):
    app = create_app(Settings(index_dir=tmp_path / "data", secret_key="t", password=PASSWORD), bind_host="0.0.0.0")
    app.extensions["sleuth"].index_uploads([("note.txt", b"Trotsky lived in Coyoacan.")])
    return app


def csrf(client) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/upload").get_data(as_text=True)).group(1)


@pytest.mark.parametrize("target", ["/\t/evil.example", "/\n/x", "/\r\n/x", "/\t\t//evil.example", "/\\evil.example",
                                    "/x\\..\\\\evil.example", "//evil.example", "/\x00/evil.example",
                                    "/\u2028/evil.example", "https:/evil.example", "/%09/evil.example"])
def test_login_goes_only_to_a_path_on_this_site(app, target):
    answer = _login(app.test_client(), PASSWORD, target)
    assert answer.status_code == 302
    location = answer.headers["Location"]
    assert location.startswith("/") and not location.startswith("//") and "\\" not in location, location
    assert "evil.example" not in location.split("?")[0].lstrip("/").split("/")[0]


def test_login_by_the_query_string_never_fails(app):
    for raw in ("/login?next=/%09/evil.example", "/login?next=/%0A/x", "/login?next=%2F%2Fevil.example"):
        page = app.test_client().get(raw)
        assert page.status_code == 200 and "evil.example" not in page.get_data(as_text=True), raw


def test_a_good_next_is_still_followed(app):
    answer = _login(app.test_client(), PASSWORD, "/entity/person/Leon Trotsky?q=ice axe")
    assert answer.headers["Location"].startswith("/entity/person/Leon")


def test_logout_ends_the_session_for_a_copied_cookie_too(app):
    c = app.test_client()
    assert _login(c, PASSWORD).status_code == 302
    copied = c.get_cookie("session").value
    assert c.get("/search?q=trotsky").status_code == 200
    token = csrf(c)
    assert c.post("/logout", data={"csrf_token": token}).status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", copied)
    assert thief.get("/search?q=trotsky").status_code == 302
    assert thief.get("/api/search?q=trotsky").status_code == 401
    # A restarted server (a new app over the same data folder) agrees.
    again = create_app(app.config["SLEUTH_SETTINGS"]).test_client()
    again.set_cookie("session", copied)
    assert again.get("/search?q=trotsky").status_code == 302


def test_another_login_is_not_ended_by_one_logout(app):
    one, two = app.test_client(), app.test_client()
    _login(one, PASSWORD), _login(two, PASSWORD)
    one.post("/logout", data={"csrf_token": csrf(one)})
    assert one.get("/").status_code == 302 and two.get("/").status_code == 200


@pytest.mark.parametrize("path", ["/search?q=trotsky", "/", "/documents", "/entity/person/Trotsky", "/entities",
                                  "/compare?q=trotsky&doc=upload/note.txt", "/facets/person?q=trotsky",
                                  "/corrections", "/batch", "/upload"])
def test_data_pages_are_never_cached_without_a_password(tmp_path, path):
    app = create_app(Settings(index_dir=tmp_path / "data", secret_key="t"))
    app.extensions["sleuth"].index_uploads([("note.txt", b"Trotsky lived in Coyoacan.")])
    answer = app.test_client().get(path)
    assert answer.status_code < 500 and answer.headers.get("Cache-Control") == "no-store", path
