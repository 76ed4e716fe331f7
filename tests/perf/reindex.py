"""Re-indexing unchanged files: `sleuth index DIR` run twice over N small files; the second run is timed.

    python tests/perf/reindex.py --files 1000

The files are made from the bundled corpus's paragraphs (each with its own number, so every file is distinct).
Prints the second run's wall time, the process start alone (`sleuth index --help`: imports, no work) and the
difference, which is what hashing and skipping cost. Not collected by pytest (tests/perf is excluded).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def make_files(folder: Path, n: int) -> None:
    """N distinct small text files from the bundled corpus's paragraphs."""
    paragraphs = [p.strip() for f in sorted((ROOT / "corpus").glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.split()) > 8]
    for i in range(n):
        (folder / f"note-{i:05d}.txt").write_text(f"Note {i}\n\n{paragraphs[i % len(paragraphs)]}\n", "utf-8")


def timed(args: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one `sleuth` process (as a user would run it)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "indexer", *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    """Run the benchmark and print one Markdown line for BENCHMARKS.md."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files, data = Path(tmp, "files"), Path(tmp, "data")
        files.mkdir()
        make_files(files, args.files)
        env = {**os.environ, "SLEUTH_INDEX_DIR": str(data)}
        first = timed(["index", str(files)], env)
        again = statistics.median(timed(["index", str(files)], env) for _ in range(args.runs))
        start = statistics.median(timed(["index", "--help"], env)
                                  for _ in range(args.runs))
    print(f"| re-index {args.files:,} unchanged files (`sleuth index DIR` again) | {again:.2f} s wall, of which "
          f"process start {start:.2f} s → {again - start:.2f} s for the files | first run {first:.1f} s "
          f"| ≤ 3 s + process start | {'met' if again - start <= 3 else '**missed**'} |")


if __name__ == "__main__":
    main()
