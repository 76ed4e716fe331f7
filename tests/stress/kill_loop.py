"""Crash safety: `kill -9` of `sleuth index` at random points, N times, then a run to completion.

    python tests/stress/kill_loop.py [--rounds 30] [--docs 60] [--seed 1]

After every kill the index must open, hold only whole documents (each indexed document has exactly the passages
its source splits into, none twice), no stale lock may block the next writer, and a final run completes to the
full count. Loopback only; bounded by --rounds and a per-run timeout.
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from indexer import Settings, Sleuth
from indexer.read.passages import split_passages
from indexer.read.pick import read_path

NAMES = ["Leon Trotsky", "Ramón Mercader", "Natalia Sedova", "Joseph Stalin", "Pavel Sudoplatov", "Nahum Eitingon",
         "David Alfaro Siqueiros", "Robert Sheldon Harte", "Frida Kahlo", "Diego Rivera"]
PLACES = ["Coyoacán", "Mexico City", "Moscow", "Paris", "Norway", "Istanbul", "New York", "Barcelona"]


def make_corpus(folder: Path, docs: int, seed: int) -> None:
    """Synthetic but realistic documents: several paragraphs of sentences with people, places and dates."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(docs):
        paras = []
        for _ in range(rng.randint(3, 8)):
            sentences = [f"On {rng.randint(1, 28)} {rng.choice(['May', 'June', 'August'])} {rng.randint(1920, 1945)}, "
                         f"{rng.choice(NAMES)} met {rng.choice(NAMES)} in {rng.choice(PLACES)} to discuss "
                         f"the {rng.choice(['article', 'trial', 'letter', 'raid', 'plan'])} number {rng.randint(1, 999)}."
                         for _ in range(rng.randint(3, 9))]
            paras.append(" ".join(sentences))
        (folder / f"doc{d:03d}.txt").write_text(f"Report {d}\n\n" + "\n\n".join(paras), encoding="utf-8")


def expected_passages(folder: Path) -> dict[str, int]:
    return {p.name: len(split_passages(read_path(p)[0])) for p in sorted(folder.glob("*.txt"))}


def check(index_dir: Path, versions: dict[str, set[int]]) -> int:
    """The index opens and holds only whole documents (of some version written so far); returns their number."""
    sleuth = Sleuth(Settings(index_dir=index_dir))
    try:
        result = sleuth.search("", per_page=100)
        per_doc: Counter = Counter()
        page = 1
        while True:
            for hit in result.hits:
                per_doc[hit.doc_id] += 1
            if page * 100 >= result.total:
                break
            page += 1
            result = sleuth.search("", page=page, per_page=100)
        assert sum(per_doc.values()) == result.total == sleuth.stats()["passages"]
        for doc_id, n in per_doc.items():
            assert n in versions[doc_id], f"{doc_id}: {n} passages, whole versions have {versions[doc_id]}"
        for record in sleuth.registry.all():
            assert per_doc[record.doc_id] == record.passages, f"registry has {record.doc_id} but the index does not"
        return len(per_doc)
    finally:
        sleuth.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="sleuth-kill-"))
    corpus, index_dir = work / "corpus", work / "index"
    make_corpus(corpus, args.docs, args.seed)
    expected = expected_passages(corpus)
    # A killed run may leave an edited document at an earlier (whole) version: any version's count is whole.
    versions: dict[str, set[int]] = {doc: {n} for doc, n in expected.items()}
    env = dict(os.environ, SLEUTH_INDEX_DIR=str(index_dir), SLEUTH_COMMIT_EVERY="3", SLEUTH_WRITER_TIMEOUT="20")
    cmd = [sys.executable, "-m", "indexer", "index", str(corpus)]
    held = []
    kills = 0
    # The kill falls before the run could end: under the quickest run that finished (a fast machine ends many runs
    # before 5 s, and a round that finishes tests nothing).
    latest = 5.0
    for round_ in range(1, args.rounds + 1):
        # Change a third of the documents so that every round has work to be killed in (and replaces, not adds).
        for p in rng.sample(sorted(corpus.glob("*.txt")), args.docs // 3):
            p.write_text(p.read_text(encoding="utf-8") + f"\n\nAddendum {round_}: Trotsky in Coyoacán.", "utf-8")
        expected = expected_passages(corpus)
        for doc, n in expected.items():
            versions[doc].add(n)
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        delay, began = rng.uniform(0.3, latest), time.monotonic()
        try:
            proc.wait(timeout=delay)
            latest = max(0.6, min(latest, 0.9 * (time.monotonic() - began)))
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            kills += 1
        docs = check(index_dir, versions) if (index_dir / "whoosh").exists() else 0
        held.append(docs)
        what = f"killed after {delay:.1f} s" if proc.returncode == -signal.SIGKILL else "finished before the kill"
        print(f"round {round_:2d}: {what}; index opens with {docs} whole documents", flush=True)
    started = time.monotonic()
    final = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    docs = check(index_dir, {doc: {n} for doc, n in expected.items()})  # now every document is at its latest
    assert docs == args.docs, f"final run holds {docs} of {args.docs} documents"
    print(f"final run: exit 0 in {time.monotonic() - started:.1f} s, {docs}/{args.docs} documents, "
          f"{sum(expected.values())} passages; {kills} of {args.rounds} rounds killed mid-run, every index opened "
          "whole")
    assert kills >= args.rounds * 2 // 3, "too few rounds were killed mid-run to mean anything"
    print(f"{args.rounds + 1} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
