"""Issue 28: work that would hold the server's interpreter for seconds runs in worker processes, so that searches
keep their speed beside it (the figures: `tests/stress/load.py`); an upload being OCRed stops when its client goes.

The first two tests watch the server's own process: a reader (or search) patched in it records every call there,
and a worker process, a fresh interpreter, never sees the patch."""
from __future__ import annotations

import io
import json
import os
import re
import socket
import time

import psutil
import pytest

from indexer import Sleuth
from indexer.entities.canon import Canon
from indexer.read import ocr, sources
from indexer.write.ingest import Pipeline
from web import create_app

from .ocr_pages import VICKSBURG, image_only
from .stress._server import multipart, request, start, stop


def _jsonl(n: int) -> bytes:
    lines = [json.dumps({"id": f"rec{i}", "title": f"Record {i}",
                         "text": f"Record {i} tells of marl{i} and the old quarry. " * 20}) for i in range(n)]
    return ("\n".join(lines) + "\n").encode()


def test_a_large_upload_is_read_and_written_outside_the_servers_interpreter(seeded_copy, light_model, monkeypatch):
    read_here: list[int] = []
    real = sources.read_bytes
    monkeypatch.setattr(sources, "read_bytes", lambda *a, **k: read_here.append(os.getpid()) or real(*a, **k))
    client = create_app(seeded_copy(secret_key="t", model=light_model)).test_client()
    body = _jsonl(1200)
    assert len(body) > 1024 * 1024  # SLEUTH_WORKER_UPLOAD_BYTES' default
    r = client.post("/api/documents", data={"file": [(io.BytesIO(body), "big.jsonl")]},
                    content_type="multipart/form-data")
    assert r.status_code == 201, r.get_json()
    assert len(r.get_json()["documents"]) == 1200
    assert read_here == [], "the upload was read in the server's own process"
    assert client.get("/api/search?q=marl1199").get_json()["total"] == 1  # acknowledged after its last commit
    client.post("/api/documents", data={"file": [(io.BytesIO(b"A small note on marl."), "note.txt")]},
                content_type="multipart/form-data")
    assert read_here == [os.getpid()]  # a small upload is still read here (no worker needed)


def test_a_large_uploads_entities_are_found_and_written_outside_the_servers_interpreter(seeded_copy, light_model,
                                                                                      monkeypatch):
    # After the upload, its entity pass (spaCy's results taken, names resolved, every passage written again with
    # its facets) held the server's interpreter 8.4 s for load.py's 5,000 records; and taking the write lock for the
    # worker built the collection's canonical names there first (0.6 s), names the worker does not use.
    here: list[str] = []
    monkeypatch.setattr(Pipeline, "add_entities", lambda *a, **k: here.append("add_entities"))
    real_build = Canon.build.__func__
    monkeypatch.setattr(Canon, "build", classmethod(lambda cls, *a: here.append("names") or real_build(cls, *a)))
    app = create_app(seeded_copy(secret_key="t", model=light_model))
    client = app.test_client()
    lines = [json.dumps({"id": f"rec{i}", "title": f"Record {i}",
                         "text": f"Record {i} tells of marl{i}, where Diego Rivera painted the old quarry. " * 15})
             for i in range(1200)]
    body = ("\n".join(lines) + "\n").encode()
    assert len(body) > 1024 * 1024  # SLEUTH_WORKER_UPLOAD_BYTES' default
    r = client.post("/api/documents", data={"file": [(io.BytesIO(body), "big.jsonl")]},
                    content_type="multipart/form-data")
    assert r.status_code == 201, r.get_json()
    assert here == [], "the server built its canonical names to let a worker write"
    assert app.extensions["sleuth"].settle(240)
    found = client.get("/api/search?q=marl1199&person=Diego Rivera").get_json()
    assert found["total"] == 1, found  # its entities were found and written
    assert here == [], "the upload's entities were written (or its names built) in the server's own process"


def test_a_batch_searches_in_a_worker_process(seeded_copy, light_model, monkeypatch):
    searched_here: list[str] = []
    real = Sleuth.search
    monkeypatch.setattr(Sleuth, "search", lambda self, q="", **kw: searched_here.append(q) or real(self, q, **kw))
    client = create_app(seeded_copy(secret_key="t", model=light_model)).test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/batch").get_data(as_text=True)).group(1)
    r = client.post("/batch", data={"lines": "Trotsky\nCoyoacan~1\nzzqqxx", "format": "csv", "csrf_token": token})
    assert r.status_code == 200
    rows = {row.split(",")[0]: row.split(",")[1] for row in r.get_data(as_text=True).splitlines()[1:]}
    assert int(rows["Trotsky"]) > 0 and int(rows["Coyoacan~1"]) > 0 and rows["zzqqxx"] == "0"
    assert searched_here == [], "the batch's lines were searched in the server's own process"


def _tesseracts(pid: int) -> list[int]:
    """The Tesseract processes the server (or a process it started) is running."""
    found = []
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    for p in children:
        try:
            if "tesseract" in p.name():
                found.append(p.pid)
        except psutil.Error:  # ended meanwhile
            continue
    return found


def test_an_ocr_upload_stops_when_its_client_disconnects(seeded_copy, light_model, tmp_path):
    if ocr.problem(ocr.Options()) is not None:
        if os.environ.get("CI"):
            pytest.fail("Tesseract is missing; .ci/run installs tesseract-ocr and tesseract-ocr-eng")
        pytest.skip("Tesseract is not installed")
    index_dir = seeded_copy().index_dir
    server, url = start(index_dir, SLEUTH_MODEL=light_model)
    try:
        body, headers = multipart([("scan.pdf", image_only(VICKSBURG.read_bytes(), repeat=12))])  # minutes of OCR
        host, port = url.removeprefix("http://").split(":")
        client = socket.create_connection((host, int(port)))
        client.sendall(f"POST /api/documents HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Length: {len(body)}\r\n"
                       f"Content-Type: {headers['Content-Type']}\r\n\r\n".encode() + body)
        deadline = time.monotonic() + 60
        while not _tesseracts(server.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _tesseracts(server.pid), "OCR did not start"
        client.close()  # the user closed the tab
        gone_by = time.monotonic() + 10
        while _tesseracts(server.pid) and time.monotonic() < gone_by:
            time.sleep(0.2)
        assert _tesseracts(server.pid) == [], "OCR went on after its client disconnected"
        ms, status, found = request(url + "/api/search?q=Vicksburg")
        assert status == 200 and not any(h["doc_id"] == "upload/scan.pdf" for h in found["results"])
        time.sleep(1)
        assert _tesseracts(server.pid) == []  # and it was not started again
    finally:
        stop(server)
