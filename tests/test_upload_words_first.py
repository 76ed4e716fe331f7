"""Uploads are searchable by their words as soon as the API answers 201; their entities, dates and facets follow
in the background upkeep (real spaCy model, real Whoosh index, real Flask app)."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from indexer import Settings, Sleuth
from indexer.write import upkeep
from indexer.write.pending import Pending
from web import create_app

NOTE = (b"Frida Kahlo welcomed Leon Trotsky to Coyoacan on 9 January 1937. "
        b"The visitors signed the quetzalbook by the door.")


@pytest.fixture
def slow_upkeep(monkeypatch):
    """Background upkeep held back until the test lets it go: what is seen before it is the upload alone."""
    monkeypatch.setattr(upkeep, "QUIET", 3600.0)
    monkeypatch.setattr(upkeep, "MAX_WAIT", 3600.0)
    return lambda: (monkeypatch.setattr(upkeep, "QUIET", 0.0), monkeypatch.setattr(upkeep, "MAX_WAIT", 0.0))


def _post(client, name: str, data: bytes):
    return client.post("/api/documents", data={"file": [(io.BytesIO(data), name)]},
                       content_type="multipart/form-data")


def test_an_upload_is_found_by_its_words_at_201_and_by_its_entities_after_upkeep(tmp_path, slow_upkeep):
    app = create_app(Settings(index_dir=tmp_path / "data", secret_key="t"))
    client, sleuth = app.test_client(), app.extensions["sleuth"]

    answer = _post(client, "note.txt", NOTE)
    assert answer.status_code == 201
    assert answer.get_json()["documents"][0]["entities_pending"] is True
    found = client.get("/api/search?q=quetzalbook").get_json()
    assert found["total"] == 1 and found["results"][0]["doc_id"] == "upload/note.txt"
    assert client.get("/api/documents/upload/note.txt").get_json()["entities_pending"] is True
    assert "still being found" in client.get("/doc/upload/note.txt").get_data(as_text=True)

    slow_upkeep()
    assert sleuth.settle(timeout=120)
    by_person = client.get("/api/search?person=Frida+Kahlo").get_json()
    assert [h["doc_id"] for h in by_person["results"]] == ["upload/note.txt"]
    assert client.get("/api/search?q=quetzalbook&place=Coyoacan").get_json()["total"] == 1
    assert client.get("/api/search?q=quetzalbook&from=1937-01-01&to=1937-01-31").get_json()["total"] == 1
    doc = client.get("/api/documents/upload/note.txt").get_json()
    assert doc["entities_pending"] is False
    assert {m["name"] for m in doc["passages"][0]["mentions"]} >= {"Frida Kahlo", "Leon Trotsky"}
    assert "still being found" not in client.get("/doc/upload/note.txt").get_data(as_text=True)
    # The word list of did-you-mean was left for the second write: it has the upload's words now.
    assert client.get("/api/search?q=quetzalbok").get_json()["suggestion"] == "quetzalbook"


def test_an_upload_replaced_before_upkeep_gets_the_entities_of_its_new_text(tmp_path, slow_upkeep):
    sleuth = Sleuth(Settings(index_dir=tmp_path / "ix"))
    sleuth.index_uploads([("note.txt", b"Frida Kahlo painted in Coyoacan.")])
    sleuth.index_uploads([("note.txt", b"Leon Trotsky wrote in Mexico City.")])
    slow_upkeep()
    assert sleuth.settle(timeout=120)
    assert sleuth.search(filters={"person": ["Leon Trotsky"]}).total == 1
    assert sleuth.search(filters={"person": ["Frida Kahlo"]}).total == 0
    assert not sleuth.entities_pending("upload/note.txt") and sleuth.stats()["passages"] == 1


def test_a_removed_upload_is_dropped_from_the_waiting_list(tmp_path, slow_upkeep):
    sleuth = Sleuth(Settings(index_dir=tmp_path / "ix"))
    sleuth.index_uploads([("gone.txt", b"Frida Kahlo painted in Coyoacan.")])
    assert sleuth.remove("upload/gone.txt")
    slow_upkeep()
    assert sleuth.settle(timeout=120)
    assert not sleuth.entities_pending("upload/gone.txt") and sleuth.stats()["passages"] == 0


def test_the_waiting_list_survives_a_restart_and_is_finished_by_the_next_server(tmp_path):
    data = tmp_path / "data"
    Pending(data).add({"upload/a.txt": "hash-1"})
    again = Pending(data)
    assert "upload/a.txt" in again
    again.done({"upload/a.txt": "hash-0"})  # written again since: still waiting
    assert "upload/a.txt" in Pending(data)
    again.done({"upload/a.txt": "hash-1"})
    assert "upload/a.txt" not in Pending(data)

    # A server stopped before its upkeep ran (a process that exits right after the upload): the next server
    # finds the entities of what was left.
    upload = ("from pathlib import Path; from indexer import Settings, Sleuth; "
              f"Sleuth(Settings(index_dir=Path({str(data)!r}))).index_uploads("
              "[('left.txt', b'Frida Kahlo painted in Coyoacan.')])")
    subprocess.run([sys.executable, "-c", upload], check=True, timeout=120)
    assert "upload/left.txt" in Pending(data)
    app = create_app(Settings(index_dir=data, secret_key="t"))
    assert app.extensions["sleuth"].settle(timeout=120)
    assert app.extensions["sleuth"].search(filters={"person": ["Frida Kahlo"]}).total == 1


def test_spelling_words_are_written_once_per_commit_and_still_serve_near_spellings(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for i, line in enumerate(["Trotsky was assassinated in Coyoacan.", "The assassination shocked Mexico.",
                              "Ramon Mercader was convicted."]):
        (folder / f"{i}.txt").write_text(line, "utf-8")
    sleuth = Sleuth(Settings(index_dir=tmp_path / "ix", commit_every=2))
    sleuth.index_paths([folder])
    reader = sleuth.backend.index.searcher()[0].reader()  # the Whoosh backend's own word list
    words = {w.decode() for w in reader.lexicon("spell_text")}
    assert {"assassinated", "assassination", "coyoacan", "mercader", "convicted"} <= words
    assert all(reader.doc_frequency("spell_text", w) <= len(reader.leaf_readers()) for w in words)
    assert sleuth.search("Mercadr~").total == 1 and sleuth.search("coyoacn~").total == 1  # they walk that list
    assert sleuth.search("Mercadr convicted").suggestion == "Mercader convicted"


def test_the_upkeep_merge_joins_the_small_segments_and_leaves_the_large_ones(tmp_path, slow_upkeep):
    sleuth = Sleuth(Settings(index_dir=tmp_path / "ix"))
    book = "\n".join(json.dumps({"id": f"r{i}", "title": f"Record {i}", "text": f"Entry {i} of the ledger."})
                     for i in range(520))
    sleuth.index_uploads([("ledger.jsonl", book.encode())])  # one segment of 520 passages
    for i in range(12):
        sleuth.index_uploads([(f"n{i}.txt", f"Note {i} about the ledger.".encode())])
    ix = sleuth.backend.index._open()  # the Whoosh backend's own segments
    large = [s.segment_id() for s in ix._segments() if s.doc_count_all() >= 500]
    assert len(large) == 1 and sleuth.backend.upkeep_due()
    sleuth.backend.merge()
    after = ix._segments()
    assert [s.segment_id() for s in after if s.doc_count_all() >= 500] == large
    assert len(after) == 2 and sleuth.search("ledger").total == 532
