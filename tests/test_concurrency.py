"""Two writers at once, searches during commits and merges, and a writer that has to wait: real processes.

All on the light spaCy pipeline (conftest.py): these tests are about locks and commits, not entities, and each
`sleuth index` process would otherwise spend seconds loading the real model."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from whoosh.index import open_dir

from indexer import Settings, Sleuth


def _docs(folder, n: int, tag: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{tag}{i}.txt").write_text(
            f"Report {tag} {i}\n\nOn {i + 1} May 1940 Leon Trotsky met Diego Rivera in Coyoacán about item {i}.\n\n"
            f"Natalia Sedova wrote to Paris about {tag} number {i}.", encoding="utf-8")


def _cli(index_dir, model, *args, **env):
    environ = dict(os.environ, SLEUTH_INDEX_DIR=str(index_dir), SLEUTH_MODEL=model, **env)
    return subprocess.Popen([sys.executable, "-m", "indexer", *args], env=environ, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def test_cli_index_and_uploads_at_the_same_time_both_finish(tmp_path, light_model):
    _docs(tmp_path / "cli", 24, "cli")
    index_dir = tmp_path / "ix"
    sleuth = Sleuth(Settings(index_dir=index_dir, commit_every=3, model=light_model))
    sleuth.index_uploads([("first.txt", b"Leon Trotsky arrived in Coyoacan in 1937.")])
    proc = _cli(index_dir, light_model, "index", str(tmp_path / "cli"), SLEUTH_COMMIT_EVERY="3")
    uploaded = 1
    while proc.poll() is None or uploaded < 6:
        sleuth.index_uploads([(f"up{uploaded}.txt", f"Upload {uploaded}: Trotsky wrote in Coyoacán.".encode())])
        uploaded += 1
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    final = Sleuth(Settings(index_dir=index_dir))
    assert final.stats()["documents"] == 24 + uploaded
    assert final.search("Coyoacán", per_page=100).total == final.stats()["passages"]


def test_searches_never_fail_during_commits_and_optimize(tmp_path, light_model):
    _docs(tmp_path / "docs", 30, "d")
    index_dir = tmp_path / "ix"
    reader = Sleuth(Settings(index_dir=index_dir, model=light_model))
    reader.index_uploads([("seed.txt", b"Leon Trotsky in Coyoacan.")])
    errors: list[str] = []
    searches = [0]
    done = threading.Event()

    def search_loop():
        while not done.is_set():
            try:
                result = reader.search("Trotsky")
                assert result.message is None and result.total >= 1
                searches[0] += 1
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                errors.append(repr(exc))

    thread = threading.Thread(target=search_loop)
    thread.start()
    proc = _cli(index_dir, light_model, "index", str(tmp_path / "docs"), SLEUTH_COMMIT_EVERY="2")
    proc.communicate(timeout=180)
    ix = open_dir(str(index_dir / "whoosh"), indexname="passages")
    ix.optimize()
    time.sleep(0.3)
    done.set()
    thread.join()
    assert proc.returncode == 0 and not errors, errors[:3]
    assert searches[0] > 10
    # The count after an optimize is right (Searcher.refresh() in whoosh3 would report old segments too).
    assert reader.stats()["passages"] == Sleuth(Settings(index_dir=index_dir)).stats()["passages"]
    assert reader.search("Trotsky", per_page=100).total == reader.stats()["passages"]


def test_a_writer_waits_for_the_lock_and_says_so(tmp_path, light_model):
    index_dir = tmp_path / "ix"
    Sleuth(Settings(index_dir=index_dir, model=light_model)).index_uploads([("a.txt", b"Leon Trotsky in Coyoacan.")])
    _docs(tmp_path / "docs", 2, "w")
    ix = open_dir(str(index_dir / "whoosh"), indexname="passages")
    holder = ix.writer()  # another process's writer, as far as the CLI can tell
    proc = _cli(index_dir, light_model, "index", str(tmp_path / "docs"), SLEUTH_WRITER_TIMEOUT="60")
    watchdog = threading.Timer(90, proc.kill)
    watchdog.start()
    first = ""
    while "waiting" not in first:  # blocks until the CLI reaches the lock and tells the user it waits
        line = proc.stderr.readline()
        if not line:
            break
        first = line
    holder.cancel()
    out, err = proc.communicate(timeout=120)
    watchdog.cancel()
    assert "waiting" in first and proc.returncode == 0 and "2 added" in out


def test_a_writer_that_waits_too_long_is_told_how_to_proceed(tmp_path, light_model):
    index_dir = tmp_path / "ix"
    Sleuth(Settings(index_dir=index_dir, model=light_model)).index_uploads([("a.txt", b"Leon Trotsky in Coyoacan.")])
    _docs(tmp_path / "docs", 1, "w")
    holder = open_dir(str(index_dir / "whoosh"), indexname="passages").writer()
    try:
        proc = _cli(index_dir, light_model, "index", str(tmp_path / "docs"), SLEUTH_WRITER_TIMEOUT="1")
        out, err = proc.communicate(timeout=120)
    finally:
        holder.cancel()
    assert proc.returncode == 1 and "SLEUTH_WRITER_TIMEOUT" in err and "Traceback" not in err
