"""OCR benchmark: a 10-page image-only PDF (real scanned book pages, text layer removed) indexed by `sleuth index`.

    python tests/perf/ocr_bench.py [--pages 10] [--runs 1]

Prints a Markdown table row for BENCHMARKS.md: seconds per page end to end (the CLI in a fresh process: reading with
OCR, passages, entities, index) and for the reading alone (pypdfium2 rendering at 300 dpi + Tesseract).
Not collected by pytest (tests/perf is excluded).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from indexer.read import ocr  # noqa: E402
from indexer.read.pick import read_bytes  # noqa: E402
from tests.ocr_pages import VICKSBURG, image_only  # noqa: E402


def main() -> int:
    """Run the benchmark and print the table row."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=10)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    why = ocr.problem(ocr.Options())
    if why:
        print(why, file=sys.stderr)
        return 1
    pdf = image_only(VICKSBURG.read_bytes(), repeat=-(-args.pages // 6), pages=args.pages)
    reading, end_to_end, cpu = [], [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        doc = read_bytes("scan.pdf", pdf)[0]
        reading.append(time.perf_counter() - started)
        before = _cpu()
        assert sum(s.ocr for s in doc.sections) == args.pages, "every page should have been read by OCR"
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "in"
            folder.mkdir()
            (folder / "scan.pdf").write_bytes(pdf)
            env = dict(os.environ, SLEUTH_INDEX_DIR=str(Path(tmp) / "index"))
            started = time.perf_counter()
            out = subprocess.run([sys.executable, "-m", "indexer", "index", str(folder), "--json"], env=env,
                                 capture_output=True, text=True, check=True)
            end_to_end.append(time.perf_counter() - started)
            cpu.append(_cpu() - before)
            summary = json.loads(out.stdout)
            assert summary["added"] == 1 and not summary["failed"], summary
    read_s, total_s = statistics.median(reading), statistics.median(end_to_end)
    print(f"| OCR: {args.pages}-page image-only PDF (scanned book pages at 300 dpi, Tesseract "
          f"{_tesseract_version()}, {os.cpu_count()} cores, Python {platform.python_version()}) "
          f"| {total_s / args.pages:.2f} s/page end to end ({total_s:.1f} s, `sleuth index` in a fresh process) "
          f"| CPU {statistics.median(cpu) / args.pages:.2f} s/page end to end; reading with OCR alone "
          f"{read_s / args.pages:.2f} s/page wall | median of {args.runs} run(s), load average "
          f"{os.getloadavg()[0]:.1f} |")
    return 0


def _cpu() -> float:
    """CPU seconds of finished child processes (the CLI and its Tesseract runs): steadier than wall time here."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _tesseract_version() -> str:
    import pytesseract

    return str(pytesseract.get_tesseract_version())


if __name__ == "__main__":
    sys.exit(main())
