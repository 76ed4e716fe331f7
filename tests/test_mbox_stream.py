"""Issue 24, item 1: a large mailbox is streamed — read from its file a message at a time, never held whole — and a
run larger than SLEUTH_ROUND_PASSAGES is read, found and written in rounds, with the same result as in one.
(Memory over a whole indexing run is measured by tests/perf/mbox_index.py, not timed here.)"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from indexer import Settings, Sleuth
from indexer.entities import nlp

REAL = Path(__file__).resolve().parent / "data" / "real"
ROOT = Path(__file__).resolve().parent.parent

_READ = """
import resource, sys
from pathlib import Path
from indexer.read.nested import Limits
from indexer.read.sources import sources_from_paths
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
[src] = list(sources_from_paths([Path(sys.argv[1])]))
titles = [d.title for d in src.read(None, Limits()) if hasattr(d, "title")]
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(len(titles), len(set(titles)), grown // 1024)
"""


def real_mailbox(path: Path, size: int) -> int:
    """An mbox of at least `size` bytes: msg_10's headers, each message a subject of its own and make's NEWS (a
    real 72 KB text) as its body. Returns the number of messages."""
    head = (REAL / "cpython-email" / "msg_10.eml").read_text().split("\n\n", 1)[0]
    head = "\n".join(ln for ln in head.split("\n") if not ln.lower().startswith(("subject:", "content-", "mime-")))
    body = (REAL / "make" / "NEWS").read_text(encoding="latin-1")
    n = 0
    with open(path, "w", encoding="utf-8") as f:
        while f.tell() < size:
            n += 1
            f.write(f"From barry@python.org Fri Apr 20 19:35:02 2001\n{head}\nSubject: NEWS {n}\n"
                    f"Content-Type: text/plain; charset=utf-8\n\n{body}\n")
    return n


def test_a_50_mb_mailbox_is_read_a_message_at_a_time(tmp_path):
    box = tmp_path / "big.mbox"
    n = real_mailbox(box, 50 * 2**20)
    out = subprocess.run([sys.executable, "-c", _READ, str(box)], capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout.split()
    count, distinct, grown_mb = map(int, out)
    assert count == distinct == n  # every message, each once
    # Its peak memory grew by a few messages, not by the 50 MB file (nor by its 50 MB of text).
    assert grown_mb < 20, f"reading a 50 MB mailbox grew the peak RSS by {grown_mb} MB"


def small_mailbox(folder: Path) -> Path:
    """Four of CPython's test messages (a digest of five among them) in one mbox, in a folder of its own."""
    box = folder / "mail" / "inbox.mbox"
    box.parent.mkdir()
    mail = REAL / "cpython-email"
    messages = [(mail / name).read_bytes() for name in ("msg_02.txt", "msg_10.eml", "msg_20.txt", "msg_04.txt")]
    box.write_bytes(b"".join(b"From barry@python.org Fri Apr 20 19:35:02 2001\n" + m + b"\n" for m in messages))
    return box


def indexed(settings: Settings, folder: Path) -> tuple:
    """The documents added, the passages found, and the facet counts of indexing `folder` with these settings."""
    app = Sleuth(settings)
    report = app.index_paths([folder])
    assert not report.failed
    found = (sorted(d.doc_id for d in report.documents if d.status == "added"),
             sorted((h.doc_id, h.ordinal) for h in app.search("", per_page=100).hits),
             {f: [(v.value, v.count) for v in vs] for f, vs in app.search("").facets.items()})
    app.close()
    return found


def test_a_run_in_rounds_indexes_every_message_as_one_run_does(tmp_path):
    box = small_mailbox(tmp_path)
    found = {rounds: indexed(Settings(index_dir=tmp_path / rounds, round_passages=passages), box.parent)
             for rounds, passages in (("one", 20000), ("rounds", 2))}  # the real model: names resolved across rounds
    assert found["rounds"] == found["one"] and len(found["one"][0]) >= 10
    assert ("Barry A. Warsaw", 8) in found["one"][2]["person"]  # From lines and the digest's Topics


def test_a_run_in_rounds_starts_its_ner_workers_once(tmp_path, light_model, monkeypatch):
    """Each round of a run hands its NER worker processes, the model loaded, to the next: a 1 GB mailbox's rounds
    (and a 10,000-message one whose last messages make a round of their own) do not load the model again."""
    box = small_mailbox(tmp_path)
    starts = []
    start = nlp.EntityFinder._start
    monkeypatch.setattr(nlp.EntityFinder, "_start", lambda finder: (starts.append(finder), start(finder))[1])
    found = {rounds: indexed(Settings(index_dir=tmp_path / rounds, model=light_model, n_process=2,
                                      round_passages=passages), box.parent)
             for rounds, passages in (("one", 20000), ("rounds", 2))}
    # (The facets too but for names the light model leaves to the collection's recall: those wait for a rewrite.)
    assert found["rounds"][:2] == found["one"][:2] and len(found["one"][0]) >= 10
    assert found["rounds"][2]["email"] == found["one"][2]["email"]
    assert len(starts) == 2  # once for each run, however many rounds it had
