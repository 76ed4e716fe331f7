"""Logging in and out in Chromium: a styled login form (readable text, controls a finger can hit on a phone) and a
visible "Log out" that really ends the session."""
from __future__ import annotations

import re

import pytest

from indexer import Settings
from web import create_app

from .copies import copy_index
from .test_ui_axe import _violations
from .ui_fixtures import SIZES, _serve, box, shot

pytestmark = pytest.mark.browser
PASSWORD = "open sesame words"


@pytest.fixture(scope="module")
def guarded(tmp_path_factory, seeded_dir, corpus_copy):
    index_dir = copy_index(seeded_dir, tmp_path_factory.mktemp("login-ui"))
    srv = _serve(create_app(Settings(index_dir=index_dir, corpus_dir=corpus_copy, secret_key="t",
                                     password=PASSWORD)))
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


@SIZES
def test_login_form_is_readable_and_log_out_is_a_visible_button(browser, guarded, size):
    ctx = browser.new_context(viewport=size)
    page = ctx.new_page()
    page.goto(guarded + "/search?q=Trotsky")
    assert "/login" in page.url
    for control in (page.locator("#password"), page.locator(".login button[type=submit]")):
        assert box(control)["height"] >= 44
        assert float(control.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px")) >= 16
    assert _violations(page) == []
    shot(page, "login")
    page.fill("#password", PASSWORD)
    page.click(".login button[type=submit]")
    page.wait_for_url(re.compile(r"/search\?q=Trotsky"))
    out = page.get_by_role("button", name="Log out")
    assert out.is_visible()
    assert box(out)["y"] < 200  # in the header, without scrolling
    assert _violations(page) == []
    shot(page, "logged-in")
    out.click()
    page.wait_for_url(re.compile(r"/login"))
    page.goto(guarded + "/documents")
    assert "/login" in page.url and page.get_by_role("button", name="Log out").count() == 0
    ctx.close()
