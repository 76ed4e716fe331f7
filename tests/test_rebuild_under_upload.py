"""Issue 28 item 12: uploads posted to the app while `sleuth index --rebuild` runs in another process are held until
the rebuild swaps its new index in (or told clearly that it is running), never failed; none acknowledged is lost, and
searches keep answering from the old index meanwhile."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import io
import time

from indexer import Settings, Sleuth
from web import create_app

WORDS = "quartz granite basalt obsidian pumice slate shale marble gneiss schist".split()


def _corpus(folder, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        text = " ".join(f"{WORDS[(i + k) % len(WORDS)]} stone{i} layer{k}." for k in range(60))
        (folder / f"doc{i:03d}.txt").write_text(f"Rock {i}\n\n{text}\n", encoding="utf-8")


def test_uploads_during_a_rebuild_wait_for_it_and_none_is_lost(tmp_path, light_model):
    corpus = tmp_path / "rocks"
    _corpus(corpus, 400)
    data = tmp_path / "data"
    settings = Settings(index_dir=data, corpus_dir=corpus, model=light_model, writer_timeout=120)
    Sleuth(settings).index_paths([corpus]).count("added")
    app = create_app(Settings(index_dir=data, corpus_dir=corpus, model=light_model, writer_timeout=120,
                              secret_key="t"))
    client = app.test_client()
    assert client.get("/api/search?q=stone7").get_json()["total"] == 1

    env = {**os.environ, "SLEUTH_INDEX_DIR": str(data), "SLEUTH_MODEL": light_model}
    rebuild = subprocess.Popen([sys.executable, "-m", "indexer", "index", "--rebuild", str(corpus)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    answers, searched, seen = [], [], []
    watching = threading.Event()

    def watch():  # when the new index is being written (`.rebuild` exists)
        while not watching.is_set():
            if (data / ".rebuild").exists():
                seen.append(time.monotonic())
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        i = 0
        while rebuild.poll() is None and i < 40:
            began = time.monotonic()
            r = client.post("/api/documents", data={"file": [(_file(i), f"note{i}.txt")]},
                            content_type="multipart/form-data")
            answers.append((i, r.status_code, r.get_data(as_text=True), began, time.monotonic()))
            searched.append(client.get("/api/search?q=stone7").get_json()["total"])
            i += 1
        out, err = rebuild.communicate(timeout=300)
    finally:
        rebuild.kill()
        watching.set()
        watcher.join()
    assert rebuild.returncode == 0, err
    assert seen, "the rebuild was never seen writing its new index"
    assert any(start <= seen[-1] and end >= seen[0] for *_, start, end in answers), \
        "no upload was in flight while the new index was written"
    assert all(code == 201 for _, code, _, _, _ in answers), [(i, c, body[:300]) for i, c, body, _, _ in answers]
    assert set(searched) == {1}  # the old index answered searches all along, then the new one
    for i, *_ in answers:
        found = client.get(f"/api/search?q=uploadword{i}").get_json()
        assert found["total"] == 1, (i, found)
        assert client.get(f"/api/documents/upload/note{i}.txt").status_code == 200
    assert client.get("/api/search?q=stone399").get_json()["total"] == 1


def _file(i: int):
    return io.BytesIO(f"Uploaded note {i}\n\nThe word uploadword{i} is only here.\n".encode())


def test_the_old_index_stays_locked_for_writers_while_the_rebuild_swaps_it_out(tmp_path, light_model, monkeypatch):
    """The swap moves the index folder: a writer of another process taking the old folder's lock between the
    rebuild's last check and the move was half-way into a folder moved under it (an upload answered 500)."""
    from indexer.backend.whoosh import rebuilding
    from indexer.backend.whoosh.durable import DurableFileStorage

    corpus = tmp_path / "rocks"
    _corpus(corpus, 3)
    data = tmp_path / "data"
    settings = Settings(index_dir=data, corpus_dir=corpus, model=light_model, writer_timeout=5)
    engine = Sleuth(settings)
    engine.index_paths([corpus])
    free_during_swap = []
    real_swap = rebuilding.swap_in

    def swap_in(fresh, data_dir):
        other = DurableFileStorage(str(data_dir / "whoosh")).lock("passages_WRITELOCK")  # as another process's
        free_during_swap.append(other.acquire(blocking=False))
        if free_during_swap[-1]:
            other.release()
        real_swap(fresh, data_dir)

    monkeypatch.setattr(rebuilding, "swap_in", swap_in)
    engine.index_paths([corpus], rebuild=True)
    assert free_during_swap == [False]
    assert engine.search("stone2").total == 1


def test_a_writer_arriving_in_the_instant_the_folders_are_swapped_waits_for_the_rebuild(tmp_path, light_model):
    from indexer.backend.whoosh import rebuilding

    corpus = tmp_path / "rocks"
    _corpus(corpus, 3)
    data = tmp_path / "data"
    Sleuth(Settings(index_dir=data, corpus_dir=corpus, model=light_model)).index_paths([corpus])
    server = Sleuth(Settings(index_dir=data, corpus_dir=corpus, model=light_model, writer_timeout=20))
    assert server.search("stone1").total == 1  # its index is open, as a serving process's is
    mid_swap = threading.Event()

    def swap():  # another process's rebuild, between its two moves: no index folder at all for a second
        held = rebuilding.lock(data)
        held.acquire()
        os.replace(data / "whoosh", data / "moved-out")
        mid_swap.set()
        time.sleep(1.0)
        os.replace(data / "moved-out", data / "whoosh")
        held.release()

    swapper = threading.Thread(target=swap)
    swapper.start()
    mid_swap.wait()
    try:
        report = server.index_uploads([("late.txt", b"Late note\n\nThe word latecomer is here.\n")])
    finally:
        swapper.join()
    assert report.count("added") == 1
    assert server.search("latecomer").total == 1
