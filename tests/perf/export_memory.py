"""Export of a large search: time and peak memory of streaming every hit as CSV and JSON through the web app.

    python tests/perf/export_memory.py --passages 20000 50000
    python tests/perf/export_memory.py --index-dir WORK/ix-200000   # an existing index (bench.py's 200k copies)

Builds a synthetic index per size (light spaCy model: entities do not matter here) in a temporary folder, then
downloads `/api/search?format=csv` and `format=json` of the browse-all search (every passage is a hit) through
Flask's test client, reading the stream chunk by chunk, and reports rows, seconds and the process's peak RSS growth
during the export. Flat memory shows as the same growth whatever the number of hits. With --index-dir, an index
built beforehand is only read (nothing is indexed into it) and exported the same way.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from indexer import Settings  # noqa: E402
from tests.light_model import save_light_model  # noqa: E402
from web import create_app  # noqa: E402


def _rss_mb() -> float:
    return float(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) / 1024


def build(folder: Path, passages: int, model: str):
    app = create_app(Settings(index_dir=folder / "data", model=model, secret_key="bench", writer_timeout=600))
    engine = app.extensions["sleuth"]
    batch = 5000
    for start in range(0, passages, batch):
        lines = [json.dumps({"id": f"r{i}", "title": f"Record {i}",
                             "text": f"Leon Trotsky wrote letter {i} in Coyoacán on 20 August 1940."})
                 for i in range(start, min(passages, start + batch))]
        engine.index_uploads([(f"part{start}.jsonl", "\n".join(lines).encode())])
        engine.settle(timeout=600)  # the entities of one part are written before the next part comes
    return app


def export(app, kind: str) -> tuple[int, float, float, float]:
    client = app.test_client()
    before, peak, started, size = _rss_mb(), _rss_mb(), time.perf_counter(), 0
    rows = quotes = 0
    response = client.get(f"/api/search?format={kind}", buffered=False)
    for chunk in response.response:
        size += len(chunk)
        if kind == "csv":  # a record ends at a newline outside quotes (passage texts hold newlines too)
            *ended, rest = chunk.split(b"\n")
            for part in ended:
                quotes += part.count(b'"')
                rows += quotes % 2 == 0
            quotes += rest.count(b'"')
        else:
            rows += chunk.count(b'"passage_id"')
        peak = max(peak, _rss_mb())
    response.close()
    return rows - (kind == "csv"), time.perf_counter() - started, before, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--passages", type=int, nargs="+", default=[20000])
    parser.add_argument("--index-dir", type=Path, help="export this existing index instead of building ones")
    args = parser.parse_args()
    print("| passages | format | rows exported | seconds | RSS before (MB) | peak during (MB) |")
    print("|---|---|---|---|---|---|")
    if args.index_dir:
        # SLEUTH_* variables apply (SLEUTH_BACKEND=opensearch SLEUTH_OPENSEARCH_URL=… for a collection on a cluster)
        app = create_app(Settings.from_env(index_dir=args.index_dir, secret_key="bench"))
        n = app.extensions["sleuth"].stats()["passages"]
        for kind in ("csv", "json"):
            rows, seconds, before, peak = export(app, kind)
            print(f"| {n:,} | {kind} | {rows:,} | {seconds:.1f} | {before:.0f} | {peak:.0f} |", flush=True)
        return
    with tempfile.TemporaryDirectory() as tmp:
        model = str(save_light_model(Path(tmp) / "model"))
        for n in args.passages:
            app = build(Path(tmp) / str(n), n, model)
            for kind in ("csv", "json"):
                rows, seconds, before, peak = export(app, kind)
                print(f"| {n:,} | {kind} | {rows:,} | {seconds:.1f} | {before:.0f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
