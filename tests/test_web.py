"""The Flask app through its test client, over a real index of the seed documents."""
from __future__ import annotations

import re
import pytest
from flask import Flask

from indexer import Settings
from web import create_app

from .pdf import tiny_pdf

XSS = "<script>alert(1)</script>"
WIKI = "002_e41d2cd84ffb8d9f.txt"


# `app`, `client` and `runner` (conftest.py) share one read-only app over the seeds; tests that write use these.
@pytest.fixture
def writable(seeded_copy) -> Flask:
    """An app over a private copy of the seed index."""
    return create_app(seeded_copy(secret_key="test", max_upload_bytes=2 * 1024 * 1024))


@pytest.fixture
def writer(writable):
    return writable.test_client()


def _token(client) -> str:
    page = client.get("/upload").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _upload(client, files, token=True):
    data = {"file": [(f, name) for name, f in files]}
    if token:
        data["csrf_token"] = _token(client)
    return client.post("/upload", data=data, content_type="multipart/form-data")


def test_search_page_marks_hits_and_keeps_the_query(client):
    page = client.get("/search?q=ice+axe").get_data(as_text=True)
    assert '<mark class="hit">ice</mark> <mark class="hit">axe</mark>' in page
    assert 'value="ice axe"' in page and "Assassination of Leon Trotsky" in page


def test_facet_filter_narrows_and_is_in_links(client):
    everything = client.get("/search?q=Trotsky").get_data(as_text=True)
    assert "person=Ram%C3%B3n+Mercader" in everything
    total = int(re.search(r"<strong>(\d+)</strong> passage", everything).group(1))
    filtered = client.get("/search?q=Trotsky&person=Ramón+Mercader").get_data(as_text=True)
    narrowed = int(re.search(r"<strong>(\d+)</strong> passage", filtered).group(1))
    assert 0 < narrowed < total
    assert "Remove filter People: Ramón Mercader" in filtered
    excluded = client.get("/search?q=Trotsky&not_person=Ramón+Mercader").get_data(as_text=True)
    assert int(re.search(r"<strong>(\d+)</strong> passage", excluded).group(1)) == total - narrowed


def test_year_facet_and_date_range(client):
    page = client.get("/search?from=1940-08-01&to=1940-08-31").get_data(as_text=True)
    assert "1898" not in re.sub(r"<aside.*?</aside>", "", page, flags=re.S)
    assert "ice axe" in page and "ice pick" in page
    spans = re.findall(r"from=(\d{4})&amp;to=(\d{4})", client.get("/search").get_data(as_text=True))
    assert any(int(a) <= 1940 <= int(b) for a, b in spans)  # timeline bars link to the years they stand for
    bad = client.get("/search?from=someday").get_data(as_text=True)
    assert "is not a date" in bad


def test_htmx_request_gets_the_results_fragment(client):
    r = client.get("/search?q=axe&person=Leon+Trotsky", headers={"HX-Request": "true", "HX-Target": "results"})
    body = r.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="results"') and "<html" not in body


def test_empty_query_browses_and_no_result_helps(client):
    page = client.get("/").get_data(as_text=True)
    assert "Browsing all" in page and "Leon Trotsky" in page
    none = client.get("/search?q=zzzzqqq&person=Leon+Trotsky").get_data(as_text=True)
    assert "No passage matches" in none and "Remove the filters" in none
    assert "Did you mean" in client.get("/search?q=Trotskey").get_data(as_text=True)


def test_document_page_opens_at_passage_with_hits(client):
    page = client.get(f"/doc/{WIKI}?q=ice+axe").get_data(as_text=True)
    assert 'id="p-5"' in page and '<mark class="hit">axe</mark>' in page
    assert 'class="ent ent-person"' in page and "Infobox" in page
    assert "<dt>Location</dt><dd>Coyoacán, Mexico City, Mexico</dd>" in re.sub(r"</?(?:a|mark)\b[^>]*>", "", page)
    assert client.get("/doc/nope.txt").status_code == 404


def test_document_hit_count_matches_the_marks_shown(client):
    page = client.get(f"/doc/{WIKI}?q=Mercader").get_data(as_text=True)
    shown = int(re.search(r"<strong>(\d+)</strong> hits? for", page).group(1))
    assert shown == page.count('<mark class="hit">') > 0
    assert re.search(r"\(\d+ of them in the Infobox\)", page)  # the Infobox names the assailant, marked too


def test_entity_pages(client):
    page = client.get("/entity/person/Ramón Mercader").get_data(as_text=True)
    assert "Assassination of Leon Trotsky" in page and "Leon Trotsky</a>" in page
    assert "Ramòn Mercader" in page  # a merged spelling
    assert client.get("/entity/person/Nobody").status_code == 404
    assert client.get("/entity/bogus/x").status_code == 404
    assert "Ramón Mercader" in client.get("/entities").get_data(as_text=True)


def test_upload_good_and_bad_files_in_one_batch(writer):
    files = [
        ("note.txt", _bytes("Nahum Eitingon planned Operation Utka.")),
        ("page.html", _bytes("<html><head><title>Utka</title></head><body><h1>Utka</h1><p>Operation Utka was run "
                             "by Pavel Sudoplatov from Moscow in 1940.</p></body></html>")),
        ("scan.pdf", _raw(tiny_pdf("Siqueiros led the May raid on the villa."))),
        ("empty.txt", _raw(b"")),
        ("blob.txt", _raw(bytes(range(256)) * 4)),
    ]
    page = _upload(writer, files).get_data(as_text=True)
    assert page.count(">added<") == 3
    assert "empty file" in page and "binary file" in page
    assert "note.txt" in writer.get("/search?q=Eitingon+Utka").get_data(as_text=True)
    assert "Siqueiros led" in writer.get("/search?q=villa+raid").get_data(as_text=True)


def test_upload_without_csrf_token_is_refused(writer):
    r = _upload(writer, [("x.txt", _bytes("Cross-site text about Trotsky."))], token=False)
    assert r.status_code == 400 and "another site" in r.get_data(as_text=True)
    assert writer.get("/search?q=Cross-site").get_data(as_text=True).count('class="hit"') == 0


def test_script_is_escaped_everywhere(writer):
    text = f"{XSS}\n\nJohn {XSS} Smith met Leon Trotsky in Paris in 1937. {XSS}"
    _upload(writer, [("evil.txt", _bytes(text))])
    pages = [writer.get("/search?q=Paris"), writer.get("/search?q=alert"), writer.get("/doc/upload/evil.txt"),
             writer.get("/entities"), writer.get("/"), writer.get("/entity/person/Leon Trotsky")]
    for r in pages:
        body = r.get_data(as_text=True)
        assert r.status_code == 200
        assert XSS not in body
    assert "&lt;script&gt;" in pages[2].get_data(as_text=True)


def test_security_headers(client):
    for url in ("/", "/api/search?q=axe", "/nope"):
        h = client.get(url).headers
        assert "default-src 'self'" in h["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in h["Content-Security-Policy"]
        assert h["X-Content-Type-Options"] == "nosniff"


def test_api_search_json_and_csv(client):
    data = client.get("/api/search?q=ice+axe&per_page=500").get_json()
    assert data["per_page"] == 100 and data["results"][0]["doc_id"] == WIKI
    assert set(data["facets"]) == {"person", "org", "place", "group", "event", "work", "email", "phone", "iban", "url",
                                   "year", "doc_id"}
    r = client.get("/api/search?q=ice+axe&format=csv")
    assert r.mimetype == "text/csv" and "attachment" in r.headers["Content-Disposition"]
    assert r.get_data(as_text=True).splitlines()[0].startswith("\ufeffdoc_id,title,passage_id")  # a BOM for Excel


def test_api_documents_lifecycle_and_errors(writer):
    r = writer.post("/api/documents", data={"file": [(_bytes("Robert Sheldon Harte guarded the villa."), "h.txt")]},
                    content_type="multipart/form-data")
    assert r.status_code == 201 and r.get_json()["documents"][0]["doc_id"] == "upload/h.txt"
    assert writer.get("/api/documents/upload/h.txt").get_json()["title"]
    assert writer.delete("/api/documents/upload/h.txt").status_code == 204
    assert writer.get("/api/documents/upload/h.txt").status_code == 404
    assert writer.post("/api/documents", data={}).get_json()["error"]
    r = writer.post("/api/documents", data={"file": [(_raw(bytes(range(256))), "a.exe")]},
                    content_type="multipart/form-data")
    assert r.status_code == 415 and "error" in r.get_json()
    r = writer.post("/api/documents", data={"file": [(_raw(b""), "e.txt")]}, content_type="multipart/form-data")
    assert r.status_code == 400
    big = _raw(b"a" * (3 * 1024 * 1024))
    r = writer.post("/api/documents", data={"file": [(big, "big.txt")]}, content_type="multipart/form-data")
    assert r.status_code == 413 and "limit" in r.get_json()["error"]
    assert writer.get("/upload").status_code == 200
    r = writer.post("/api/documents", data={"file": [(_bytes("x y z"), "a.txt")]},
                    content_type="multipart/form-data", headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403


def test_api_entities(client):
    people = client.get("/api/entities?type=person").get_json()["person"]
    assert {"value": "Leon Trotsky", "count": people[0]["count"]} == people[0]
    one = client.get("/api/entities/person/Ramón Mercader").get_json()
    assert one["name"] == "Ramón Mercader" and len(one["per_document"]) == 2
    assert client.get("/api/entities/person/Nobody").status_code == 404


def test_500_page_has_no_traceback(writable):
    app = writable  # a route of its own: an app that has served requests takes no new ones

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    r = app.test_client().get("/boom")
    body = r.get_data(as_text=True)
    assert r.status_code == 500 and "secret internals" not in body and "Traceback" not in body


def test_secret_key_generated_in_data_folder(tmp_path):
    app = create_app(Settings(index_dir=tmp_path / "d"))
    key_file = tmp_path / "d" / "secret_key"
    assert app.config["SECRET_KEY"] == key_file.read_text() and (key_file.stat().st_mode & 0o077) == 0
    assert not app.debug


def test_flask_cli_stats(runner):
    result = runner.invoke(args=["stats"])
    assert result.exit_code == 0 and '"documents": 2' in result.output


def _bytes(text: str):
    import io

    return io.BytesIO(text.encode("utf-8"))


def _raw(data: bytes):
    import io

    return io.BytesIO(data)
