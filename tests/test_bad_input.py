"""Bad uploads through the real app: each gets its documented answer, nothing lands outside the data folder,
and a refused file leaves the index unchanged."""
from __future__ import annotations

import io
import json
import os
import zipfile

import pytest

from indexer import Settings
from web import create_app


@pytest.fixture
def app(tmp_path):
    return create_app(Settings(index_dir=tmp_path / "data", secret_key="t", max_upload_bytes=3 * 1024 * 1024))


@pytest.fixture
def client(app):
    return app.test_client()


def _post(client, name: str, data: bytes):
    return client.post("/api/documents", data={"file": [(io.BytesIO(data), name)]},
                       content_type="multipart/form-data")


def _files(root) -> set[str]:
    return {os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs}


def _passages(app) -> int:
    return app.extensions["sleuth"].stats()["passages"]


GOOD = "Leon Trotsky lived in Coyoacán with his wife Natalia Sedova.".encode()


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * (210 * 1024 * 1024) + b"</w:document>")
    return buf.getvalue()


@pytest.mark.parametrize("name, data, status, reason", [
    ("empty.txt", b"", 400, "empty"),
    ("blob.txt", bytes(range(256)) * 16, 400, "binary"),
    ("nul.txt", b"Trotsky\x00wrote", 400, "binary"),
    ("bomb.docx", None, 400, "over the 200 MB limit"),
    ("program.exe", b"MZ\x90\x00", 415, "unsupported file type .exe, and this file is not text"),
])
def test_refused_uploads_leave_the_index_unchanged(app, client, tmp_path, name, data, status, reason):
    _post(client, "base.txt", GOOD)
    before, copies = _passages(app), app.extensions["sleuth"].registry.stored_sources()
    r = _post(client, name, _zip_bomb() if data is None else data)
    assert r.status_code == status
    body = r.get_json()
    assert reason in json.dumps(body, ensure_ascii=False)
    assert _passages(app) == before and app.extensions["sleuth"].registry.stored_sources() == copies
    assert len(copies) == 1


def test_over_the_size_limit_is_413(client):
    r = _post(client, "big.txt", b"word " * (800 * 1024))
    assert r.status_code == 413 and "limit" in r.get_json()["error"]


def test_invalid_utf8_is_decoded_by_detection_not_refused(app, client):
    # Declared UTF-8 by nobody but the user's hope: cp1252 bytes are detected and indexed.
    r = _post(client, "cp1252.txt", "Trotsky’s café in Coyoacán — “the fortress”.".encode("cp1252"))
    assert r.status_code == 201
    assert app.extensions["sleuth"].search("café").total == 1


@pytest.mark.parametrize("name, doc_id", [
    # ".." has no name left: a safe one is made; its bytes are text, read whatever the name (issue 24)
    ("../../x.txt", "upload/x.txt"), ("..", "upload/unnamed-5ec1f7e7"), ("文書.txt", "upload/文書.txt"),
    ("a" * 300 + ".txt", "upload/" + "a" * 107 + "-ecba145f.txt"),  # cut names carry a hash of the whole name
])
def test_hostile_file_names_stay_inside_the_data_folder(app, client, tmp_path, name, doc_id):
    outside_before = _files(tmp_path)
    r = _post(client, name, GOOD)
    assert r.status_code == 201 and r.get_json()["documents"][0]["doc_id"] == doc_id
    new = _files(tmp_path) - outside_before
    assert all(p.startswith("data" + os.sep) for p in new), new
    assert not (tmp_path.parent / "x.txt").exists()


def test_a_document_over_a_million_characters_is_indexed_in_pieces(app, client):
    para = "Trotsky wrote to Natalia Sedova from Coyoacán about the Fourth International. " * 12
    text = ("\n\n".join([para] * 1100)).encode()
    assert len(text) > 1_000_000
    r = _post(client, "huge.txt", text)
    assert r.status_code == 201 and r.get_json()["documents"][0]["passages"] > 500
    assert app.extensions["sleuth"].search("Fourth International").total > 500


def test_lone_surrogates_are_dropped_not_fatal(app, client):
    line = json.dumps({"id": "s1", "title": "Surrogate", "text": "Trotsky \ud800 in Coyoacán."})
    r = _post(client, "s.jsonl", line.encode())
    assert r.status_code == 201
    hit = app.extensions["sleuth"].search("Coyoacán").hits[0]
    assert "\ud800" not in hit.text and "Trotsky" in hit.text
    raw = "Trotsky in Coyoacán \ud800 again.".encode("utf-8", "surrogatepass")  # invalid UTF-8 bytes
    assert _post(client, "raw.txt", raw).status_code == 201
