"""Exporting a search from the page, in Chromium: every hit (not the first 100), with the filters, as a CSV that
spreadsheets read (UTF-8 with a BOM) and a JSON file that downloads."""
from __future__ import annotations

import csv
import io
import json

import pytest

from web import export

from .ui_fixtures import SIZES, app, server  # noqa: F401  (the app over the corpus, on loopback)

pytestmark = pytest.mark.browser
LEDGER = 230  # passages naming the ledger: more than the old export's 100 and several export pages


@pytest.fixture(scope="module")
def ledger(app):  # noqa: F811
    lines = [json.dumps({"id": f"l{i}", "title": f"Ledger of Ramón, page {i}",
                         "text": f"The ledger entry {i} was written by the clerk in Coyoacán."}) for i in range(LEDGER)]
    report = app.extensions["sleuth"].index_uploads([("ledger.jsonl", "\n".join(lines).encode())])
    assert not report.failed
    return app


def _download(page, name: str):
    with page.expect_download() as got:
        page.get_by_role("link", name=name, exact=True).click()
    d = got.value
    return d, open(d.path(), "rb").read()


@SIZES
def test_export_has_every_hit_with_the_filters_csv_with_bom_and_json_downloads(server, ledger, browser, size,  # noqa: F811
                                                                                monkeypatch):
    monkeypatch.setattr(export, "EXPORT_PAGE", 60)  # several chunks in one export
    ctx = browser.new_context(viewport=size, accept_downloads=True)
    page = ctx.new_page()
    page.goto(server + "/search?q=ledger&page=2")
    page.get_by_role("link", name="exclude it").first.click()  # a filter the export must keep
    page.wait_for_url(lambda url: "not_doc_id=" in url)
    total = int(page.locator(".summary strong").inner_text().replace(",", ""))
    assert total == LEDGER - 1
    d, data = _download(page, "CSV")
    assert d.suggested_filename == "sleuth-results.csv" and data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["doc_id", "title", "passage_id"] and len(rows) == total + 1
    assert len({r[2] for r in rows[1:]}) == total  # every passage once
    assert all("Ramón" in r[1] for r in rows[1:])
    d, data = _download(page, "JSON")
    assert d.suggested_filename == "sleuth-results.json"
    got = json.loads(data)
    assert got["complete"] and got["exported"] == total == len(got["results"])
    assert got["query"] == "ledger" and len(got["exclude"]["doc_id"]) == 1
    assert got["exclude"]["doc_id"][0] not in {r["doc_id"] for r in got["results"]}
    ctx.close()
