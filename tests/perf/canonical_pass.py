"""The canonical-name pass at a collection's size (SCALING.md, the next limit): how long one process takes to read
the registry's mention counts and build the names from them, which it does whenever another process has written.

    python tests/perf/canonical_pass.py WORK/wiki10k WORK/ix-200000

Each data folder's registry is only read. Best of --runs, in seconds, with the registry's size on disk.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from indexer.entities.canon import Canon  # noqa: E402
from indexer.write.registry import FILE_NAME, Registry  # noqa: E402


def measure(folder: Path, runs: int) -> dict:
    registry = Registry(folder)
    reads, builds = [], []
    for _ in range(runs):
        started = time.perf_counter()
        counts = registry.mention_counts()
        reads.append(time.perf_counter() - started)
        started = time.perf_counter()
        Canon.build(counts)
        builds.append(time.perf_counter() - started)
    rows = registry.db.execute("SELECT COUNT(*), COUNT(DISTINCT doc_id) FROM mentions").fetchone()
    return {"documents": rows[1], "mention_rows": rows[0], "distinct_names": len(counts),
            "read_s": min(reads), "build_s": min(builds), "registry_mb": (folder / FILE_NAME).stat().st_size / 2**20}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", type=Path, nargs="+")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print("| data folder | documents with mentions | mention rows | distinct (name, label) | read counts | build names "
          "| registry on disk |")
    print("|---|---|---|---|---|---|---|")
    for folder in args.folders:
        m = measure(folder, args.runs)
        print(f"| {folder.name} | {m['documents']:,} | {m['mention_rows']:,} | {m['distinct_names']:,} | "
              f"{m['read_s']:.2f} s | {m['build_s']:.2f} s | {m['registry_mb']:.0f} MB |", flush=True)


if __name__ == "__main__":
    main()
