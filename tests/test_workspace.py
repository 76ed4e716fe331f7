"""The investigator's workspace through the Flask test client: compare, documents, document facet, batch, export."""
from __future__ import annotations

import csv
import io
import re

import pytest
from flask import Flask

from indexer import Settings
from indexer.cli.commands import main as cli_main
from web import create_app

PULP = "000_7320f9c5cac2b3a8.txt"  # the Crime Library account: "ice pick", "Ramòn", "Coyoacan"
WIKI = "002_e41d2cd84ffb8d9f.txt"  # the Wikipedia article: "ice axe", "Ramón", "Coyoacán"


@pytest.fixture(scope="module")
def app(seeded) -> Flask:
    """The app over the session's read-only index of the seeds."""
    return create_app(seeded.settings)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def writable(seeded_copy) -> Flask:
    """A private copy of the seed index for tests that delete or re-index."""
    return create_app(seeded_copy(secret_key="test"))


def _token(client, url: str = "/batch") -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).get_data(as_text=True)).group(1)


def test_compare_aligns_the_weapon_passages_and_marks_the_difference(app):
    view = app.extensions["sleuth"].compare("ice")
    assert [s.doc_id for s in view.sources] == [PULP, WIKI] or [s.doc_id for s in view.sources] == [WIKI, PULP]
    first = view.rows[0]
    assert all(c is not None for c in first.cells), "the top row holds a passage of each source"
    by_doc = {c.hit.doc_id: c for c in first.cells}
    assert "pick" in by_doc[PULP].differs and "axe" in by_doc[WIKI].differs
    assert '<mark class="diff"' in by_doc[PULP].html and ">pick</mark>" in by_doc[PULP].html
    # The two accounts of the attack on 20 August 1940 sit side by side, whichever row they are in.
    attack = next(r for r in view.rows if "1940-08-20" in r.shared)
    assert all(c is not None for c in attack.cells) and "Ramón Mercader" in attack.shared
    assert {c.hit.doc_id: c.differs for c in attack.cells} == {PULP: ["pick"], WIKI: ["axe"]}
    assert not any(c and c.hit.kind == "metadata" and any(o for o in r.cells if o is not c)
                   for r in view.rows for c in r.cells), "the Infobox's fields are not paired with prose"
    facts = {(f.facet, f.value): f for f in view.facts}
    assert facts[("date", "1940-08-20")].in_all
    mercader = facts[("person", "Ramón Mercader")]
    spelled = dict(zip([s.doc_id for s in view.sources], mercader.stated))
    assert spelled[PULP] == "Ramòn Mercader" and spelled[WIKI] == "Ramón Mercader"
    assert any(not f.in_all for f in view.facts), "facts one source states and the other does not are listed"


def test_compare_page_without_javascript_is_a_permalink(client):
    url = f"/compare?q=ice&doc={WIKI}&doc={PULP}"
    page = client.get(url).get_data(as_text=True)
    heads = re.findall(r'<th scope="col"><a href="/doc/([^"?]+)', page)
    assert heads[:2] == [WIKI, PULP], "columns follow the permalink's order"
    assert re.search(r'<mark class="diff"[^>]*>axe</mark>', page) and re.search(r'<mark class="diff"[^>]*>pick</mark>', page)
    assert "not stated" in page and "“Ramòn Mercader”" in page


def test_compare_with_one_matching_source_says_so(client):
    page = client.get("/compare?q=adze").get_data(as_text=True)
    assert "Only one document has passages matching" in page


def test_search_counts_documents_and_offers_compare_and_exports(client):
    page = client.get("/search?q=ice").get_data(as_text=True)
    assert re.search(r'<strong>6</strong> passages match.*?in <b class="docs">2</b> documents', page, re.S)
    assert 'href="/compare?q=ice"' in page
    assert "/api/search?q=ice&amp;format=csv" in page
    data = client.get("/api/search?q=ice&format=csv&per_page=100").get_data(as_text=True)
    assert len(list(csv.reader(io.StringIO(data)))) == 7  # header + 6 passages
    assert client.get("/api/search?q=ice").get_json()["documents"] == 2


def test_document_facet_keeps_or_drops_one_source(client):
    only = client.get(f"/api/search?q=ice&doc_id={PULP}").get_json()
    assert only["total"] == 2 and {r["doc_id"] for r in only["results"]} == {PULP}
    without = client.get(f"/api/search?q=ice&not_doc_id={PULP}").get_json()
    assert without["total"] == 4 and {r["doc_id"] for r in without["results"]} == {WIKI}
    page = client.get(f"/search?q=ice&not_doc_id={PULP}").get_data(as_text=True)
    # The chip names the document by its title; its id is the chip's tooltip.
    assert re.search(rf'title="{re.escape(PULP)}"><span class="chip-kind">Excluding</span> Document: [^<{{]*[A-Za-z]', page)
    assert f"Excluding</span> Document: {PULP}" not in page


def test_documents_page_lists_sorts_and_filters(client):
    page = client.get("/documents").get_data(as_text=True)
    assert "2 documents indexed" in page and PULP in page and WIKI in page and "folder" in page
    assert re.search(r"<time datetime=\"\d{4}-\d\d-\d\dT", page), "date added is shown"
    page = client.get("/documents?title=assassination+of").get_data(as_text=True)
    assert WIKI in page and PULP not in page
    rows = re.findall(r"<code>([^<]+)</code>", client.get("/documents?sort=passages&order=desc").get_data(as_text=True))
    assert rows == [WIKI, PULP]
    original = client.get(f"/documents/original?id={WIKI}")
    assert original.headers["Content-Type"] == "application/octet-stream"
    assert original.data.startswith(b"= Assassination") or b"Trotsky" in original.data


def test_delete_needs_confirmation_and_csrf(writable):
    client = writable.test_client()
    confirm = client.get(f"/documents/delete?id={PULP}").get_data(as_text=True)
    assert "Delete this document?" in confirm
    assert client.post("/documents/delete", data={"id": PULP}).status_code == 400  # no token: refused
    assert client.get(f"/api/search?q=pick&doc_id={PULP}").get_json()["total"] > 0
    done = client.post("/documents/delete", data={"id": PULP, "csrf_token": _token(client, "/documents")},
                       follow_redirects=True).get_data(as_text=True)
    assert "Deleted" in done and "1 document indexed" in done
    assert client.get("/api/search?q=pick").get_json()["total"] == 1  # only the wiki's "called the pick" is left


def test_reindex_keeps_the_date_added(writable):
    client = writable.test_client()
    before = writable.extensions["sleuth"].documents()
    done = client.post("/documents/reindex", data={"id": WIKI, "csrf_token": _token(client, "/documents")},
                       follow_redirects=True).get_data(as_text=True)
    assert f"Re-indexed {WIKI}" in done
    after = writable.extensions["sleuth"].documents()
    assert [d.added for d in after] == [d.added for d in before]
    assert client.get("/api/search?q=axe").get_json()["total"] > 0


def test_batch_of_five_names_gives_five_rows_and_a_csv(client):
    names = '"Ramón Mercader"\nNKVD\nCoyoacán\n"Natalia Sedova"\nNobody Atall\n'
    token = _token(client)
    page = client.post("/batch", data={"lines": names, "csrf_token": token}).get_data(as_text=True)
    assert len(re.findall(r'<tr>\s*<th scope="row">', page)) == 5
    got = client.post("/batch", data={"lines": names, "csrf_token": token, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(got.get_data(as_text=True))))
    assert [r["query"] for r in rows] == ['"Ramón Mercader"', "NKVD", "Coyoacán", '"Natalia Sedova"', "Nobody Atall"]
    assert int(rows[0]["documents"]) == 2 and int(rows[2]["documents"]) == 2
    assert rows[4]["passages"] == "0"


def test_batch_csv_cells_are_not_formulas(client):
    got = client.post("/batch", data={"lines": "=HYPERLINK(1)\n", "csrf_token": _token(client), "format": "csv"})
    assert "'=HYPERLINK(1)" in got.get_data(as_text=True)


def test_cli_search_batch(app, tmp_path, capsys):
    names = tmp_path / "names.txt"
    names.write_text("Trotsky\nNKVD\n\nTrotsky\n", encoding="utf-8")
    argv = ["--index-dir", str(app.config["SLEUTH_SETTINGS"].index_dir), "search", "--batch", str(names), "--csv"]
    assert cli_main(argv) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["query"] for r in rows] == ["Trotsky", "NKVD"] and int(rows[0]["documents"]) == 2
    assert cli_main(["--index-dir", str(tmp_path), "search", "--batch", str(tmp_path / "missing.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_hits_grouped_by_document(client):
    page = client.get("/search?q=Trotsky&group_by=document").get_data(as_text=True)
    groups = re.findall(r'<p class="hit-source">([^<]+)</p>', page)
    assert sorted(groups) == sorted([PULP, WIKI]), "one entry per document"
    counts = [int(n) for n in re.findall(r"(\d+) matching passages? in this document", page)]
    total = int(re.search(r"<strong>(\d+)</strong> passages match", page).group(1))
    assert sum(counts) == total
    assert "Show every passage" in page
    assert "Group by document" in client.get("/search?q=Trotsky").get_data(as_text=True)
