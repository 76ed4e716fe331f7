"""Shared pieces of the browser tests of the pages: the app over the bundled corpus served on loopback, Debian's
Chromium (the session's `browser` fixture is in conftest.py), pages at a phone's and a laptop's width that fail a
test on any script error, and small helpers."""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from indexer import Settings
from web import create_app

from .copies import copy_index


SHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]


def _chromium() -> str:
    path = shutil.which("chromium")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium package")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    return path


PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}
SIZES = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390", "1366"])


def _serve(app):
    from werkzeug.serving import make_server

    srv = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


@pytest.fixture(scope="module")
def app(tmp_path_factory, seeded_dir, corpus_copy):
    """The app over a private copy of the seed index, one per module (browser tests upload and delete)."""
    index_dir = copy_index(seeded_dir, tmp_path_factory.mktemp("ui-data"))
    return create_app(Settings(index_dir=index_dir, corpus_dir=corpus_copy, secret_key="t"))


@pytest.fixture(scope="module")
def server(app):
    srv = _serve(app)
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


@pytest.fixture
def open_page(browser):
    """Open pages at a given size; fails the test on any script error, CSP violation or missing file."""
    contexts, errors = [], []

    def make(size: dict, expect_404: bool = False, expect: tuple[int, ...] = (), **options):
        """`expect_404` or `expect`: these error statuses are what the test asks for, not failures."""
        expected = {str(s) for s in (*expect, *((404,) if expect_404 else ()))}
        ctx = browser.new_context(viewport=size, **options)
        contexts.append(ctx)
        pg = ctx.new_page()
        pg.on("console", lambda m: errors.append(m.text) if m.type == "error" and not any(
            s in m.text for s in expected) else None)
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 and str(
            r.status) not in expected else None)
        return pg

    yield make
    for ctx in contexts:
        ctx.close()
    assert not errors, errors


def shot(page, name: str) -> None:
    """A full-page screenshot in tests/screenshots/ (git-ignored), named by page and width."""
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{page.viewport_size['width']}.png"), full_page=True)


def box(locator) -> dict:
    b = locator.bounding_box()
    assert b is not None, locator
    return b


def open_filters(page) -> None:
    """On a phone the filters are behind the "Filters" button."""
    toggle = page.locator(".filters-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()


def focused(page, js: str = "document.activeElement"):
    return page.evaluate(f"(() => {{ const e = {js}; return e ? (e.id || e.className || e.tagName) : null; }})()")
