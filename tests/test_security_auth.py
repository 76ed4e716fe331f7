"""Issue 14 item 19: a password beyond loopback — login page and session cookie, bearer token, throttle, and
`sleuth serve` refusing to expose an unprotected server."""
from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest

from indexer import Settings
from indexer.cli.commands import main
from web import create_app
from web.serve import auth_mode

PASSWORD = "correct horse battery"


@pytest.fixture
def app(tmp_path):
    app = create_app(Settings(index_dir=tmp_path / "data", secret_key="t", password=PASSWORD), bind_host="0.0.0.0")
    app.extensions["sleuth"].index_uploads([("note.txt", b"Trotsky lived in Coyoacan.")])
    return app


def _login(client, password: str, next_url: str = "/"):
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post("/login", data={"csrf_token": token, "password": password, "next": next_url},
                       headers={"Origin": "http://localhost"})


def test_pages_ask_for_login_and_the_api_for_a_token(app):
    c = app.test_client()
    r = c.get("/search?q=trotsky")
    assert r.status_code == 302 and r.headers["Location"].startswith("/login?next=")
    r = c.get("/api/search?q=trotsky")
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Bearer" in r.get_json()["error"]
    assert c.get("/static/style.css").status_code == 200  # the login page needs its styles
    r = c.post("/api/documents", data={"file": [(io.BytesIO(b"x y"), "a.txt")]}, content_type="multipart/form-data")
    assert r.status_code == 401 and app.extensions["sleuth"].stats()["documents"] == 1


def test_bearer_token_opens_the_api(app):
    c = app.test_client()
    ok = {"Authorization": f"Bearer {PASSWORD}"}
    assert c.get("/api/search?q=trotsky", headers=ok).get_json()["total"] == 1
    assert c.get("/api/search?q=trotsky", headers={"Authorization": "Bearer nope"}).status_code == 401
    r = c.post("/api/documents", data={"file": [(io.BytesIO(b"Sedova wrote."), "b.txt")]},
               content_type="multipart/form-data", headers=ok)
    assert r.status_code == 201


def test_login_sets_a_session_and_goes_where_the_user_was_going(app):
    c = app.test_client()
    r = _login(c, "wrong")
    assert r.status_code == 401 and "Wrong password" in r.get_data(as_text=True)
    assert c.get("/search?q=trotsky").status_code == 302
    r = _login(c, PASSWORD, "/search?q=trotsky")
    assert r.status_code == 302 and r.headers["Location"] == "/search?q=trotsky"
    page = c.get("/search?q=trotsky")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"  # behind a password: private
    assert c.get("/api/search?q=trotsky").status_code == 200  # the browser's CSV export uses the same cookie


def test_login_never_redirects_to_another_host(app):
    for target in ("//evil.example/", "/\\evil.example", "http://evil.example/"):
        r = _login(app.test_client(), PASSWORD, target)
        assert r.status_code == 302 and r.headers["Location"] == "/search", target


def test_failed_logins_are_throttled(app):
    c = app.test_client()
    for _ in range(5):
        assert _login(c, "guess").status_code == 401
    r = _login(c, PASSWORD)  # even the right password waits: guessing gains nothing
    assert r.status_code == 429 and "try again in" in r.get_data(as_text=True)
    assert c.get("/api/search?q=x", headers={"Authorization": f"Bearer {PASSWORD}"}).status_code == 429


def test_a_changed_password_logs_browsers_out(tmp_path):
    settings = Settings(index_dir=tmp_path / "data", secret_key="t", password="one")
    c = create_app(settings).test_client()
    assert _login(c, "one").status_code == 302
    cookie = c.get_cookie("session")
    c2 = create_app(replace(settings, password="two")).test_client()
    c2.set_cookie("session", cookie.value)
    assert c2.get("/").status_code == 302


def test_serve_says_which_protection_it_uses():
    s = Settings(secret_key="t")
    assert auth_mode(s, "127.0.0.1", False)[1].startswith("No password: only this machine")
    assert auth_mode(s, "::1", False)[0] is s
    refused, message = auth_mode(s, "0.0.0.0", False)
    assert refused is None and "SLEUTH_PASSWORD" in message and "--no-auth" in message
    open_settings, message = auth_mode(replace(s, password="p"), "0.0.0.0", True)
    assert open_settings.password == "" and message.startswith("--no-auth")
    assert auth_mode(replace(s, password="p"), "192.168.1.5", False)[1].startswith("Password required")


def test_serve_on_the_network_without_a_password_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SLEUTH_INDEX_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SLEUTH_PASSWORD", raising=False)
    assert main(["serve", "--host", "0.0.0.0", "--port", "1"]) == 2
    assert "Set SLEUTH_PASSWORD, or pass --no-auth" in capsys.readouterr().err
