"""Issue 14 (round 2), the web side: hosts and origins, login, filter caps, CSV, caches, ids, sources, uploads
under load — through the real app over a real index."""
from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import threading
from urllib.parse import quote
import time

import pytest

from indexer import Settings
from indexer.read import sources as ingest_module
from web import create_app

WIKI = "002_e41d2cd84ffb8d9f.txt"


# `app` and `client` (conftest.py): the session's read-only app over the seeds.
@pytest.fixture
def fresh(tmp_path):
    """An app over an empty index, for tests that write."""
    return create_app(Settings(index_dir=tmp_path / "data", secret_key="t", max_passages=40))


def post_files(client, files, **headers):
    data = {"file": [(io.BytesIO(content), name) for name, content in files]}
    return client.post("/api/documents", data=data, content_type="multipart/form-data", headers=headers)


def jsonl(*records) -> bytes:
    return "\n".join(json.dumps(r) for r in records).encode()


# --- item 2 and 10: many filter values -----------------------------------------------------------------------
@pytest.mark.parametrize("key, n", [("person", 2000), ("not_person", 2000), ("year", 1000), ("place", 21)])
def test_too_many_filter_values_are_refused_fast(client, key, n):
    query = "&".join(f"{key}=p{i}" for i in range(n))
    for path in ("/search", "/api/search"):
        started = time.perf_counter()
        r = client.get(f"{path}?q=trotsky&{query}")
        assert r.status_code == 400 and time.perf_counter() - started < 2
        assert "Too many" in r.get_data(as_text=True) and len(r.get_data()) < 20000


def test_filters_within_the_cap_still_work(client):
    query = "&".join(f"not_person=p{i}" for i in range(19))
    assert client.get(f"/api/search?q=trotsky&{query}").get_json()["total"] > 0


def test_non_ascii_csrf_token_is_a_400_not_a_500(client):
    client.get("/upload")
    r = client.post("/upload", data={"csrf_token": "é", "file": [(io.BytesIO(b"x"), "a.txt")]},
                    content_type="multipart/form-data")
    assert r.status_code == 400 and "expired" in r.get_data(as_text=True)


# --- item 4: hosts and origins -------------------------------------------------------------------------------
def test_unknown_host_is_refused_on_every_request(client):
    r = client.get("/api/search?q=trotsky", headers={"Host": "evil.example:5000"})
    assert r.status_code == 400 and "SLEUTH_ALLOWED_HOSTS" in r.get_json()["error"]
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 400
    for host in ("localhost:5000", "127.0.0.1:8080", "[::1]:5000"):
        assert client.get("/api/search?q=trotsky", headers={"Host": host}).status_code == 200, host


def test_allowed_hosts_setting_and_bound_address(tmp_path):
    app = create_app(Settings(index_dir=tmp_path / "d", secret_key="t", allowed_hosts="sleuth.lan, Notes.example"),
                     bind_host="192.168.1.5")
    c = app.test_client()
    for host in ("sleuth.lan", "notes.example:80", "192.168.1.5:5000"):
        assert c.get("/api/entities", headers={"Host": host}).status_code == 200, host
    assert c.get("/api/entities", headers={"Host": "192.168.1.6"}).status_code == 400


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Sec-Fetch-Site": "same-site"},  # another port of 127.0.0.1
    {"Sec-Fetch-Site": "cross-site"},
    {"Origin": "http://localhost:9999"},
    {"Origin": "null"},
])
def test_writes_from_another_origin_are_refused(fresh, headers):
    c = fresh.test_client()
    assert post_files(c, [("keep.txt", b"Trotsky lived in Coyoacan.")]).status_code == 201
    r = post_files(c, [("plain.txt", b"Mercader came from Spain.")], **headers)
    assert r.status_code == 403 and "another site" in r.get_json()["error"]
    assert c.delete("/api/documents/upload/keep.txt", headers=headers).status_code == 403
    assert fresh.extensions["sleuth"].stats()["documents"] == 1


def test_same_origin_writes_and_tools_without_origin_pass(fresh):
    c = fresh.test_client()
    same = {"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"}
    assert post_files(c, [("a.txt", b"Trotsky lived in Coyoacan.")], **same).status_code == 201
    assert post_files(c, [("b.txt", b"Mercader came from Spain.")]).status_code == 201  # curl: no headers
    assert c.delete("/api/documents/upload/a.txt", headers=same).status_code == 204


# --- item 5, 6, 7, 14: ids in uploaded JSONL -----------------------------------------------------------------
def test_uploaded_jsonl_ids_stay_in_the_upload_namespace(seeded_copy):
    app = create_app(seeded_copy(secret_key="t"))  # a private copy of the seeds: this test writes
    client = app.test_client()
    before = app.extensions["sleuth"].document(WIKI).title
    r = post_files(client, [("x.jsonl", jsonl({"id": WIKI, "title": "Replaced", "text": "Nothing about axes."}))])
    assert r.status_code == 201 and r.get_json()["documents"][0]["doc_id"] == "upload/" + WIKI
    assert app.extensions["sleuth"].document(WIKI).title == before
    assert client.delete("/api/documents/upload/" + WIKI).status_code == 204


def test_duplicate_ids_in_one_upload_are_refused_per_line(fresh):
    lines = jsonl({"id": "dup", "text": "Trotsky in Coyoacan."}, {"id": "dup", "text": "Mercader in Mexico."},
                  {"id": "other", "text": "Sedova wrote."})
    r = post_files(fresh.test_client(), [("d.jsonl", lines)])
    body = r.get_json()
    assert r.status_code == 201 and [d["doc_id"] for d in body["documents"]] == ["upload/dup", "upload/other"]
    assert body["failed"] == [{"name": "d.jsonl line 2",
                               "reason": "the id 'upload/dup' appears twice; the first one is indexed, give this "
                                         "one another id"}]
    engine = fresh.extensions["sleuth"]
    assert engine.stats()["passages"] == engine.stats()["documents"] == 2
    assert engine.search("Mercader").total == 0


@pytest.mark.parametrize("bad_id, reason", [
    ("/etc/passwd", "empty, '.' or '..' part"), ("a/../b", "'.' or '..' part"), (".", "'.' or '..' part"),
    ("a\nb", "control characters"), ("\ud800x", "broken Unicode"), ("\u001b[31mred", "control characters"),
    ("a\\b", "backslash"), ("a/", "empty, '.' or '..' part"), ("x" * 301, "longer than 300"),
])
def test_unusable_ids_are_refused_and_the_good_lines_kept(fresh, bad_id, reason):
    lines = jsonl({"id": bad_id, "text": "Trotsky in Coyoacan."}, {"id": "good", "text": "Sedova wrote letters."})
    r = post_files(fresh.test_client(), [("ids.jsonl", lines)])
    assert r.status_code == 201 and [d["doc_id"] for d in r.get_json()["documents"]] == ["upload/good"]
    assert reason in r.get_json()["failed"][0]["reason"] and r.get_json()["failed"][0]["name"] == "ids.jsonl line 1"


def test_surrogates_outside_the_text_are_cleaned(fresh):
    rec = {"id": "s", "title": "Bad \ud800title", "text": "Trotsky in Coyoacan.", "metadata": {"k\udc00": "v\ud800"}}
    r = post_files(fresh.test_client(), [("s.jsonl", jsonl(rec))])
    assert r.status_code == 201 and r.get_json()["documents"][0]["title"] == "Bad title"


def test_odd_but_valid_ids_round_trip_through_urls(fresh):
    c = fresh.test_client()
    odd = "a b?c#d%20é/ü&x=1;y"
    assert post_files(c, [("o.jsonl", jsonl({"id": odd, "text": "Trotsky in Coyoacan."}))]).status_code == 201
    page = c.get("/search?q=coyoacan").get_data(as_text=True)
    link = html.unescape(re.search(r'href="(/doc/upload/a%20b[^"]*)"', page).group(1))
    doc = c.get(link)  # the link the results page gives opens the document
    assert doc.status_code == 200 and "Coyoacan" in doc.get_data(as_text=True)
    assert c.get("/api/documents/upload/" + quote(odd, safe="/")).get_json()["doc_id"] == "upload/" + odd
    assert c.delete("/api/documents/upload/" + quote(odd, safe="/")).status_code == 204


# --- item 11: CSV formula injection --------------------------------------------------------------------------
def test_csv_cells_that_would_be_formulas_are_made_text(fresh):
    rec = {"id": "f", "title": "=HYPERLINK(\"http://evil.example\",\"x\")", "text": "-2+3 Trotsky in Coyoacan."}
    assert post_files(fresh.test_client(), [("f.jsonl", jsonl(rec))]).status_code == 201
    r = fresh.test_client().get("/api/search?q=trotsky&format=csv")
    rows = list(csv.reader(io.StringIO(r.get_data(as_text=True))))
    assert rows[1][1].startswith("'=HYPERLINK") and rows[1][5].startswith("'-2+3")
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)


# --- item 12: distinct names, distinct ids -------------------------------------------------------------------
def test_distinct_file_names_never_share_an_id(fresh):
    c = fresh.test_client()
    names = ["x(1).txt", "x[1].txt", "😀.md", "😎.md", "x_1_.txt"]
    ids = [post_files(c, [(n, f"Trotsky note {i}.".encode())]).get_json()["documents"][0]["doc_id"]
           for i, n in enumerate(names)]
    assert len(set(ids)) == len(names), ids
    assert fresh.extensions["sleuth"].stats()["documents"] == len(names)


# --- item 13: superseded and orphaned source copies -----------------------------------------------------------
def test_replaced_and_removed_documents_leave_no_source_copies(fresh):
    c = fresh.test_client()
    registry = fresh.extensions["sleuth"].registry
    for i in range(6):
        assert post_files(c, [("same.txt", f"Version {i} of the Trotsky note.".encode())]).status_code == 201
    assert len(registry.stored_sources()) == 1
    assert c.delete("/api/documents/upload/same.txt").status_code == 204
    assert registry.stored_sources() == set()


def _orphan_copies(registry, n: int, age: float) -> list[str]:
    """What a run killed after keeping its copies and before registering them leaves: unreferenced copies."""
    names = [registry.keep_source(f"orphan {i} {age}".encode(), ".txt") for i in range(n)]
    registry.flush_sources()
    registry.db.execute("UPDATE sources SET touched = touched - ? WHERE name IN (%s)" % ",".join("?" * n),
                        [age, *names])
    return names


def test_gc_removes_orphans_left_by_a_killed_run(fresh, tmp_path, monkeypatch, capsys):
    from indexer.cli.commands import main

    c = fresh.test_client()
    registry = fresh.extensions["sleuth"].registry
    assert post_files(c, [("kept.txt", b"Trotsky in Coyoacan.")]).status_code == 201
    old = _orphan_copies(registry, 3, 3600)
    young = _orphan_copies(registry, 1, 0)  # maybe another process's, not registered yet
    monkeypatch.setenv("SLEUTH_INDEX_DIR", str(tmp_path / "data"))
    assert main(["gc"]) == 0 and "deleted 3" in capsys.readouterr().out
    assert len(registry.stored_sources()) == 2 and set(young) < registry.stored_sources()
    assert not set(old) & registry.stored_sources()
    assert main(["gc", "--min-age", "0"]) == 0 and len(registry.stored_sources()) == 1
    assert fresh.extensions["sleuth"].search("Coyoacan").total == 1


def test_copies_kept_as_files_by_older_versions_are_read_and_collected(fresh, tmp_path, monkeypatch, capsys):
    """Data folders written before the copies moved into the registry keep them in `sources/`."""
    from indexer.cli.commands import main

    engine = fresh.extensions["sleuth"]
    engine.index_uploads([("kept.txt", b"Trotsky in Coyoacan.")])
    record = engine.registry.get("upload/kept.txt")
    legacy = tmp_path / "data" / "sources"
    legacy.mkdir()
    (legacy / record.source).write_bytes(engine.registry.source_bytes(record))
    engine.registry.db.execute("DELETE FROM sources")
    orphan = legacy / f"{7:064x}.txt"
    orphan.write_text("left by a killed upload")
    os.utime(orphan, (time.time() - 3600, time.time() - 3600))
    assert engine.original("upload/kept.txt") == ("kept.txt", b"Trotsky in Coyoacan.")
    monkeypatch.setenv("SLEUTH_INDEX_DIR", str(tmp_path / "data"))
    assert main(["gc"]) == 0 and "deleted 1" in capsys.readouterr().out
    assert not orphan.exists() and (legacy / record.source).exists()


# --- item 17: caches and part counts -------------------------------------------------------------------------
def test_private_responses_are_not_cached(client):
    for path in ("/api/search?q=trotsky", f"/doc/{WIKI}", f"/api/documents/{WIKI}"):
        assert client.get(path).headers.get("Cache-Control") == "no-store", path


def test_too_many_parts_says_so(fresh):
    data = {"file": [(io.BytesIO(b"x"), f"p{i}.txt") for i in range(1500)]}
    r = fresh.test_client().post("/api/documents", data=data, content_type="multipart/form-data")
    assert r.status_code == 413 and "too many parts" in r.get_json()["error"]


# --- item 1 (lock side) and 9: slow reads outside the lock, upload slots, passage cap -----------------------
def _slow_reader(monkeypatch, seconds: float, started: threading.Event):
    real = ingest_module.read_bytes

    def slow(name, data, *options):
        started.set()
        time.sleep(seconds)  # stands for a pathological document that takes long to parse
        return real(name, data, *options)

    monkeypatch.setattr(ingest_module, "read_bytes", slow)


def test_an_upload_is_read_outside_the_write_lock(fresh, monkeypatch, tmp_path):
    engine = fresh.extensions["sleuth"]
    engine.index_uploads([("first.txt", b"Trotsky lived in Coyoacan.")])
    started = threading.Event()
    _slow_reader(monkeypatch, 3.0, started)
    upload = threading.Thread(target=engine.index_uploads, args=([("slow.txt", b"Mercader came from Spain.")],))
    upload.start()
    assert started.wait(10)
    t0 = time.perf_counter()
    assert not engine.write_lock.locked()  # reading holds no lock
    assert engine.search("Coyoacan").total == 1
    monkeypatch.undo()
    (tmp_path / "other.txt").write_text("Natalia Sedova wrote letters.")
    engine.index_paths([tmp_path / "other.txt"])  # another writer is not queued behind the read
    assert time.perf_counter() - t0 < 2.5 and upload.is_alive()
    upload.join(30)
    assert engine.search("Mercader").total == 1


def test_uploads_beyond_the_free_slots_are_told_busy_at_once(tmp_path, monkeypatch):
    app = create_app(Settings(index_dir=tmp_path / "data", secret_key="t", max_concurrent_uploads=1))
    started = threading.Event()
    _slow_reader(monkeypatch, 3.0, started)
    first = threading.Thread(target=post_files, args=(app.test_client(), [("a.txt", b"Trotsky wrote.")]))
    first.start()
    assert started.wait(10)
    t0 = time.perf_counter()
    r = post_files(app.test_client(), [("b.txt", b"Sedova wrote.")])
    assert r.status_code == 503 and "try again" in r.get_json()["error"] and time.perf_counter() - t0 < 2
    assert app.test_client().get("/api/search?q=anything").status_code == 200
    first.join(30)


def test_a_document_over_the_passage_cap_is_refused_with_the_setting_named(fresh):
    para = "Trotsky wrote to Natalia Sedova from Coyoacán about the Fourth International. " * 12
    bomb = "\n\n".join([para] * 60).encode()
    r = post_files(fresh.test_client(), [("bomb.txt", bomb), ("fine.txt", b"Mercader came from Spain.")])
    body = r.get_json()
    assert r.status_code == 201 and [d["doc_id"] for d in body["documents"]] == ["upload/fine.txt"]
    assert "over the limit of 40 per document (SLEUTH_MAX_PASSAGES)" in body["failed"][0]["reason"]
    assert fresh.extensions["sleuth"].search("Fourth International").total == 0


def test_rebuild_also_removes_old_orphans(fresh):
    engine = fresh.extensions["sleuth"]
    engine.index_uploads([("kept.txt", b"Trotsky in Coyoacan.")])
    orphan = _orphan_copies(engine.registry, 1, 3600)
    engine.index_paths([], rebuild=True)
    assert orphan[0] not in engine.registry.stored_sources() and engine.search("Coyoacan").total == 1
    assert len(engine.registry.stored_sources()) == 1


def test_a_write_queued_behind_a_long_one_gives_up_after_the_writer_timeout(tmp_path):
    app = create_app(Settings(index_dir=tmp_path / "data", secret_key="t", writer_timeout=0.5))
    engine = app.extensions["sleuth"]
    engine.index_uploads([("a.txt", b"Trotsky in Coyoacan.")])
    with engine.write_lock:  # a long upload or upkeep holds the lock
        t0 = time.perf_counter()
        r = app.test_client().delete("/api/documents/upload/a.txt")
        assert r.status_code == 503 and time.perf_counter() - t0 < 2
    assert app.test_client().delete("/api/documents/upload/a.txt").status_code == 204


def test_refused_searches_answer_after_a_pause_normal_ones_do_not(tmp_path):
    """The tarpit that keeps a client looping refused queries from starving everyone else (RELIABILITY.md case 43)."""
    app = create_app(Settings(index_dir=tmp_path / "data", secret_key="t", refusal_delay=0.3))
    client = app.test_client()
    for url in ("/api/search?q=" + "x" * 600, "/search?q=*ing", "/api/search?q=w&" + "&".join(f"person=p{i}" for i in range(30))):
        t0 = time.perf_counter()
        r = client.get(url)
        assert r.status_code in (200, 400) and time.perf_counter() - t0 >= 0.3, url
    t0 = time.perf_counter()
    assert client.get("/api/search?q=Trotsky").status_code == 200
    assert time.perf_counter() - t0 < 0.3
