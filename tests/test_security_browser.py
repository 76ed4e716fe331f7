"""Issue 14 items 4 and 19 in a real browser (Debian's Chromium through Playwright): logging in, and a page on
another port of 127.0.0.1 trying to upload through the API."""
from __future__ import annotations

import threading

import pytest
from flask import Flask

from indexer import Settings
from web import create_app

pytestmark = pytest.mark.browser
PASSWORD = "s3cret words"


def _serve(app) -> tuple[str, object]:
    from werkzeug.serving import make_server

    srv = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{srv.server_port}", srv


@pytest.fixture(scope="module")
def sleuth_app(tmp_path_factory):
    app = create_app(Settings(index_dir=tmp_path_factory.mktemp("sec-browser"), secret_key="t", password=PASSWORD))
    app.extensions["sleuth"].index_uploads([("note.txt", b"Trotsky lived in Coyoacan with Natalia Sedova.")])
    return app


@pytest.fixture(scope="module")
def sleuth_url(sleuth_app):
    url, srv = _serve(sleuth_app)
    yield url
    srv.shutdown()


@pytest.fixture(scope="module")
def evil_url(sleuth_url):
    """A page on another port of 127.0.0.1 ("same-site", not same-origin) that posts a file to Sleuth's API."""
    evil = Flask("evil")

    @evil.get("/")
    def attack():
        return f"""<!doctype html><title>evil</title><p id=out>waiting</p><script>
        const fd = new FormData();
        fd.append("file", new Blob(["Planted by another site about Trotsky."]), "planted.txt");
        fetch("{sleuth_url}/api/documents", {{method: "POST", body: fd, mode: "no-cors", credentials: "include"}})
          .then(() => document.getElementById("out").textContent = "sent",
                () => document.getElementById("out").textContent = "failed");
        </script>"""

    url, srv = _serve(evil)
    yield url
    srv.shutdown()


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context()
    yield ctx
    ctx.close()


def test_login_in_the_browser_then_search(context, sleuth_url):
    page = context.new_page()
    page.goto(sleuth_url + "/search?q=Coyoacan")
    assert "/login" in page.url and page.locator("h1").inner_text() == "Log in"
    page.fill("#password", "wrong")
    page.click(".login button[type=submit]")
    assert page.locator("[role=alert]").inner_text() == "Wrong password."
    page.fill("#password", PASSWORD)
    page.click(".login button[type=submit]")
    page.wait_for_url("**/search?q=Coyoacan")
    assert page.locator("mark.hit", has_text="Coyoacan").count() >= 1
    page.close()


def test_a_page_of_another_origin_cannot_upload_even_when_logged_in(context, sleuth_url, evil_url, sleuth_app):
    page = context.new_page()  # the context holds the session cookie from the login above (or logs in now)
    page.goto(sleuth_url + "/")
    if "/login" in page.url:
        page.fill("#password", PASSWORD)
        page.click(".login button[type=submit]")
        page.wait_for_url(sleuth_url + "/")
    before = sleuth_app.extensions["sleuth"].stats()["documents"]
    page.goto(evil_url + "/")
    page.wait_for_function("document.getElementById('out').textContent !== 'waiting'")
    page.wait_for_timeout(500)
    assert sleuth_app.extensions["sleuth"].stats()["documents"] == before
    assert sleuth_app.extensions["sleuth"].search("Planted").total == 0
    page.close()
