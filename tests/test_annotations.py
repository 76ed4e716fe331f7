"""Stars, tags, notes and saved searches (issue 27): kept in the data folder's annotations.sqlite, durable across a
restart, a rebuild and concurrent writers, searchable with `tag:`, and reachable from the CLI."""
from __future__ import annotations

import json
import multiprocessing
import sqlite3
import threading

import pytest

from indexer import AnnotationError, Settings, Sleuth

from .test_cli import sleuth as run

TROTSKY, ASSASSINATION = "000_7320f9c5cac2b3a8.txt", "002_e41d2cd84ffb8d9f.txt"


@pytest.fixture
def collection(seeded_copy):
    settings = seeded_copy()
    s = Sleuth(settings)
    yield s
    s.close()


def test_marks_survive_a_restart_and_a_rebuild(collection, corpus_copy):
    s = collection
    s.star(TROTSKY)
    s.tag(TROTSKY, ["To check", "  Soviet   exiles "])
    s.tag(f"{ASSASSINATION}#1", ["weapon"])
    s.note(f"{ASSASSINATION}#1", "Ice axe, not an ice pick.")
    settings = s.settings
    s.close()
    again = Sleuth(settings)
    again.index_paths([corpus_copy], rebuild=True)
    marks = {m.target: m for m in again.all_marks()}
    assert marks[TROTSKY].starred and marks[TROTSKY].tags == ["Soviet exiles", "To check"]
    assert marks[f"{ASSASSINATION}#1"].note == "Ice axe, not an ice pick."
    assert again.tags() == [("Soviet exiles", 1), ("To check", 1), ("weapon", 1)]
    db = sqlite3.connect(settings.index_dir / "annotations.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    again.close()


def test_tag_in_a_query_restricts_to_tagged_documents_and_passages(collection):
    s = collection
    assert s.search("ice").documents == 2
    s.tag(TROTSKY, ["to check"])
    s.tag(f"{ASSASSINATION}#1", ["To Check"])  # the same tag, case ignored
    found = s.search('ice tag:"TO CHECK"', per_page=20)
    assert found.total and found.query == 'ice tag:"TO CHECK"'
    assert {h.doc_id for h in found.hits if h.doc_id == ASSASSINATION} == {ASSASSINATION}
    assert all(h.doc_id == TROTSKY or h.passage_id == f"{ASSASSINATION}#1" for h in found.hits)
    s.tag(TROTSKY, ["weapon"])
    both = s.search('tag:"to check" tag:weapon', per_page=50)
    assert {h.doc_id for h in both.hits} == {TROTSKY}
    # Facet counts follow the tag as the hits do.
    people = {v.value for v in s.facet_values("person", query='tag:"to check"')}
    assert "Leon Trotsky" in people
    typo = s.search("Trotksy tag:weapon")  # "did you mean" keeps the tag
    assert typo.suggestion and typo.suggestion.lower() == "trotsky tag:weapon"
    nothing = s.search("tag:unknown")
    assert nothing.total == 0 and "Nothing is tagged “unknown”" in nothing.message and "To Check" in nothing.message


def test_bad_marks_are_refused_naming_the_fix(collection):
    s = collection
    with pytest.raises(AnnotationError, match="SLEUTH_MAX_TAG_CHARS"):
        s.tag(TROTSKY, ["x" * 61])
    with pytest.raises(AnnotationError, match="passage id"):
        s.tag("no-such.txt", ["a"])
    with pytest.raises(AnnotationError, match="passage id"):
        s.star(f"{TROTSKY}#9999")
    with pytest.raises(AnnotationError, match="double quote"):
        s.tag(TROTSKY, ['say "hi"'])
    with pytest.raises(AnnotationError, match="letter or digit"):
        s.tag(TROTSKY, ["   "])
    assert s.all_marks() == []


def test_saved_search_counts_what_is_new_since_it_was_opened(collection, tmp_path):
    s = collection
    s.save_search("axes", s.search("ice axe").request)
    [saved] = s.saved_searches()
    assert saved.total > 0 and saved.new == 0
    # A document added after the search was last opened: its hits are new.
    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "axe.txt").write_text("An ice axe was found in the study at Coyoacán.\n")
    import time
    time.sleep(1.1)  # `added` and `seen` are kept to the second
    s.index_paths([tmp_path / "new"])
    [saved] = s.saved_searches()
    assert saved.new == 1 and saved.total > 1
    assert s.open_saved("AXES").query == "ice axe"
    [saved] = s.saved_searches()
    assert saved.new == 0
    with pytest.raises(AnnotationError, match="axes"):
        s.open_saved("nope")


def _tag_many(index_dir: str, worker: int) -> None:
    s = Sleuth(Settings(index_dir=__import__("pathlib").Path(index_dir)))
    for i in range(20):
        s.tag(TROTSKY, [f"w{worker}-{i}"])
    s.close()


def test_concurrent_writers_lose_nothing(collection):
    s = collection
    threads = [threading.Thread(target=lambda n=n: [s.tag(ASSASSINATION, [f"t{n}-{i}"]) for i in range(20)])
               for n in range(4)]
    procs = [multiprocessing.get_context("spawn").Process(target=_tag_many, args=(str(s.settings.index_dir), n))
             for n in range(2)]
    for worker in (*threads, *procs):
        worker.start()
    for worker in (*threads, *procs):
        worker.join(120)
    assert all(p.exitcode == 0 for p in procs)
    counts = dict(s.tags())
    assert len(counts) == 4 * 20 + 2 * 20


def test_cli_tag_notes_and_saved(seeded_copy):
    ix = seeded_copy().index_dir
    run(ix, "tag", TROTSKY, "to check", "--star", check_code=0)
    assert run(ix, "tag", check_code=0).stdout == "to check\t1\n"
    assert "No document or passage “nope.txt”" in run(ix, "tag", "nope.txt", "x", check_code=1).stderr
    run(ix, "notes", f"{ASSASSINATION}#1", "Mercader's \x1b[31m weapon", check_code=0)
    notes = run(ix, "notes", check_code=0).stdout
    assert f"{ASSASSINATION}#1" in notes and "\\x1b[31m" in notes and "\x1b" not in notes
    rows = json.loads(run(ix, "tag", "--export", "json", check_code=0).stdout)
    assert {(r["target"], r["starred"], tuple(r["tags"])) for r in rows} == {
        (TROTSKY, True, ("to check",)), (f"{ASSASSINATION}#1", False, ())}
    csv_text = run(ix, "tag", "--export", "csv", check_code=0).stdout
    assert csv_text.splitlines()[0] == "doc_id,passage,title,starred,tags,note"
    assert "Leon Trotsky,yes,to check," in csv_text
    run(ix, "saved", "axes", "ice axe", check_code=0)
    listed = json.loads(run(ix, "saved", "--json", check_code=0).stdout)
    assert listed[0]["name"] == "axes" and listed[0]["passages"] > 0 and listed[0]["new"] == 0
    assert "Assassination of Leon Trotsky" in run(ix, "saved", "axes", check_code=0).stdout
    hits = json.loads(run(ix, "search", 'tag:"to check"', "--json", check_code=0).stdout)["results"]
    assert {h["doc_id"] for h in hits} == {TROTSKY}
    assert "no saved search" in run(ix, "saved", "zzz", "--delete", check_code=2).stderr
    run(ix, "saved", "axes", "--delete", check_code=0)
    assert "No saved searches yet" in run(ix, "saved", check_code=0).stdout


_WRITER = """
import sys
from pathlib import Path
from indexer.write.annotations import Annotations
store = Annotations(Path(sys.argv[1]))
for i in range(100000):
    store.tag("doc.txt", "", [f"t{i}"])
    print(i, flush=True)  # acknowledged: committed
"""


def test_every_acknowledged_mark_survives_kill_9(tmp_path):
    import os
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    acknowledged = -1
    for line in proc.stdout:
        acknowledged = int(line)
        if acknowledged >= 150:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    from indexer.write.annotations import Annotations

    kept = {t for t, _ in Annotations(tmp_path).tag_counts()}
    assert {f"t{i}" for i in range(acknowledged + 1)} <= kept


def test_a_damaged_annotations_file_is_named_with_its_fix_and_search_still_works(seeded_copy):
    settings = seeded_copy()
    (settings.index_dir / "annotations.sqlite").write_bytes(b"not a database, " * 100)
    s = Sleuth(settings)
    assert s.search("ice axe").total > 0
    with pytest.raises(AnnotationError, match="annotations.sqlite in the data folder.*from a backup"):
        s.tag(TROTSKY, ["x"])
    proc = run(settings.index_dir, "tag", check_code=1)
    assert "annotations.sqlite" in proc.stderr and "Traceback" not in proc.stderr
    assert (settings.index_dir / "annotations.sqlite").read_bytes().startswith(b"not a database")
    s.close()
