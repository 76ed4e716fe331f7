"""Issue 28 items 14 and 19: batch search has an overall time budget and runs one batch at a time; the document page
is paged and the compare page capped, each saying so on the page with its setting."""
from __future__ import annotations

import csv
import io
import re
import threading
import time

import pytest

from web import create_app

FUZZY = [f"wor~2 hist~2 peop~2 c{n:02d}~2" for n in range(100)]  # ~45 ms a line on the seeds


def _token(client) -> str:
    page = client.get("/batch").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _batch(client, lines, fmt="html"):
    return client.post("/batch", data={"lines": "\n".join(lines), "format": fmt, "csrf_token": _token(client)})


@pytest.fixture
def app_with(seeded_copy):
    def make(**changes):
        return create_app(seeded_copy(secret_key="t", **changes))
    return make


def test_a_batch_past_its_time_budget_reports_the_rest_not_run(app_with):
    client = app_with(batch_seconds=0.3).test_client()
    assert _batch(client, ["axe"]).status_code == 200  # the worker process started (`sleuth serve` starts it early)
    began = time.monotonic()
    page = _batch(client, FUZZY).get_data(as_text=True)
    assert time.monotonic() - began < 3  # 100 lines take ~4.5 s unbudgeted
    assert "Not run: the batch used its 0.3 s (SLEUTH_BATCH_SECONDS)" in page
    assert page.count("Not run:") < 100  # the first lines were searched
    rows = list(csv.reader(io.StringIO(_batch(client, FUZZY, "csv").get_data(as_text=True))))[1:]
    assert rows[0][5] == "" and rows[0][1] == "0"
    assert rows[-1][1:3] == ["", ""] and "SLEUTH_BATCH_SECONDS" in rows[-1][5]


def test_a_second_batch_while_one_runs_is_told_the_server_is_busy(app_with):
    app = app_with(batch_seconds=60)
    first: list = []
    running = threading.Thread(target=lambda: first.append(_batch(app.test_client(), FUZZY)))
    running.start()
    time.sleep(0.5)
    began = time.monotonic()
    second = _batch(app.test_client(), ["axe"])
    waited = time.monotonic() - began
    running.join()
    assert second.status_code == 503 and waited < 3
    assert "SLEUTH_MAX_CONCURRENT_BATCHES" in second.get_data(as_text=True)
    assert first[0].status_code == 200 and "Not run" not in first[0].get_data(as_text=True)
    assert _batch(app.test_client(), ["axe"]).status_code == 200  # the slot is free again


def test_the_document_page_is_paged_and_says_so(app_with):
    client = app_with(doc_passages_per_page=3).test_client()
    doc = "002_e41d2cd84ffb8d9f.txt"  # 10 passages
    first = client.get(f"/doc/{doc}").get_data(as_text=True)
    assert 'id="p-2"' in first and 'id="p-3"' not in first
    assert "page 1 of 4" in first and "SLEUTH_DOC_PASSAGES_PER_PAGE" in first and "10 passages" in first
    last = client.get(f"/doc/{doc}?doc_page=4").get_data(as_text=True)
    assert 'id="p-9"' in last and 'id="p-8"' not in last and "page 4 of 4" in last
    assert client.get(f"/doc/{doc}?doc_page=99").status_code == 200  # past the end: the last page
    api = client.get(f"/api/documents/{doc}?page=2").get_json()
    assert [p["ordinal"] for p in api["passages"]] == [3, 4, 5] and api["pages"] == 4 and api["total"] == 10


def test_a_hit_links_to_the_page_its_passage_is_on(app_with):
    client = app_with(doc_passages_per_page=3).test_client()
    page = client.get("/search?q=mountaineering+ice+axe").get_data(as_text=True)
    links = re.findall(r'href="(/doc/[^"#]+)#p-(\d+)"', page)
    assert any(int(n) >= 3 for _, n in links), links
    for url, ordinal in links:
        n = int(ordinal)
        assert (f"doc_page={n // 3 + 1}" in url) == (n >= 3), (url, n)
        target = client.get(url.replace("&amp;", "&")).get_data(as_text=True)
        assert f'id="p-{n}"' in target or n == 0  # passage 0 of the seed with an Infobox is its table


def test_compare_is_capped_and_says_so(app_with):
    client = app_with(compare_passages=1).test_client()
    page = client.get("/compare?q=Trotsky").get_data(as_text=True)
    assert "Only the 1 best matching passages of each document are compared (SLEUTH_COMPARE_PASSAGES)" in page
    assert 1 <= page.count('<tr class="cmp-row">') <= 2  # one passage of each document, aligned or not
