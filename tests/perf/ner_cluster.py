"""NER throughput on this machine's processes against a Dask cluster of 1 and 2 workers, on the same texts, in one
run (so the ratios hold on a noisy machine). The cluster is started as a user would (`dask scheduler`, `dask worker
… --nthreads 1`), on loopback; each side is warmed (models loaded) before it is timed.

    python -m tests.perf.ner_cluster ../shared/data/wiki-vital-summaries.jsonl --texts 1000 --runs 2
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from distributed import Client

from indexer import Settings
from indexer.entities.finder import entity_stream

from ..dask_cluster import LocalCluster, wait_for_workers


def _texts(path: Path, n: int) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(next(f))["text"] for _ in range(n)]


def _rate(texts: list[str], settings: Settings, runs: int) -> dict:
    with entity_stream(texts[:64], settings) as warm:  # the models loaded (the pool's, the workers')
        list(warm)
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        with entity_stream(texts, settings) as found:
            n = sum(1 for _ in found)
        seconds.append(time.perf_counter() - started)
    best = min(seconds)
    return {"texts": n, "seconds": [round(s, 2) for s in seconds], "texts_per_s": round(n / best, 1),
            "median_texts_per_s": round(n / statistics.median(seconds), 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--texts", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=64)
    args = ap.parse_args()
    texts = _texts(args.data, args.texts)
    out = {}
    for n in (1, 2):
        out[f"local n_process={n}"] = _rate(texts, Settings(n_process=n, batch_size=args.batch_size), args.runs)
        print(n, out[f"local n_process={n}"], flush=True)
    with tempfile.TemporaryDirectory() as logs:
        cluster = LocalCluster(Path(logs))
        try:
            with Client(cluster.address, timeout=60, set_as_default=False) as client:
                for n in (1, 2):
                    cluster.add_worker(f"w{n}")
                    wait_for_workers(client, n)
                    settings = Settings(ner_cluster=cluster.address, batch_size=args.batch_size)
                    out[f"dask workers={n}"] = _rate(texts, settings, args.runs)
                    print(n, out[f"dask workers={n}"], flush=True)
        finally:
            cluster.stop()
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
