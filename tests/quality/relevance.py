"""Known-item ranking quality: MRR@10 over documents, success@1/@10 and latency, through `/api/search`.

    python tests/quality/relevance.py --index-dir /tmp/sleuth-relevance

Indexes the 10,033 wiki summaries (`../shared/data/wiki-vital-summaries.jsonl`) into `--index-dir` once and reuses
that index on later runs (it is rebuilt when the schema version changes or `--rebuild` is given), then sends every
known-item query (`../shared/eval/known-item-dev.jsonl`) through the Flask app's `/api/search`, the code path a
user's search takes. A query scores 1/rank of its article among the first 10 distinct documents of the results.
`--no-entities` builds the index without spaCy (ranking does not read entities; for fast iteration only: report
figures on an index built with entities, as a user gets). `--json` adds each query's rank (for cross-validation over
halves of the queries); `--compare STATEMENT` times every query with a setting (the code before a change) and
without it, interleaved in one process, instead of scoring. Not collected by pytest.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from indexer import Settings, Sleuth  # noqa: E402
from indexer.write import ingest as _ingest  # noqa: E402
from indexer.backend.whoosh.schema import SCHEMA_VERSION  # noqa: E402
from web import create_app  # noqa: E402

SHARED = ROOT.parent / "shared"
DEPTH = 10  # documents that count
PER_PAGE = 30  # passages asked for: enough for 10 distinct documents


def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


@contextlib.contextmanager
class _NoEntities(_ingest.nlp.EntityFinder):
    """No NER: every text has no entities (ranking alone, fast)."""

    def _send(self, chunk):
        pass  # no workers, no model

    def results(self):
        return iter([[] for _ in self.texts])


def ensure_index(index_dir: Path, data: Path, rebuild: bool, entities: bool) -> Settings:
    """Index `data` into `index_dir` unless an index of this schema version (and entity mode) is there."""
    settings = Settings(index_dir=index_dir)
    marker = index_dir / "relevance.json"
    want = {"schema_version": SCHEMA_VERSION, "entities": entities, "data": data.name}
    if not rebuild and marker.exists() and json.loads(marker.read_text()) == want:
        return settings
    if index_dir.exists():
        import shutil
        shutil.rmtree(index_dir)
    started = time.perf_counter()
    original = _ingest.nlp.EntityFinder
    if not entities:
        _ingest.nlp.EntityFinder = _NoEntities
    try:
        sleuth = Sleuth(settings)
        report = sleuth.index_paths([data])
        sleuth.close()
    finally:
        _ingest.nlp.EntityFinder = original
    print(f"indexed {report.passages:,} passages of {len(report.documents):,} documents in "
          f"{time.perf_counter() - started:.0f} s (entities {'on' if entities else 'off'})", flush=True)
    marker.write_text(json.dumps(want))
    return settings


def evaluate(settings: Settings, queries: list[dict], misses: bool = False) -> dict:
    """Run every query through /api/search; MRR@10 over documents, success@1/@10, latency in ms."""
    client = create_app(settings).test_client()
    client.get("/api/search", query_string={"q": "warm up"})
    rr, times, ranks = [], [], []
    for item in queries:
        started = time.perf_counter()
        resp = client.get("/api/search", query_string={"q": item["query"], "per_page": PER_PAGE})
        times.append((time.perf_counter() - started) * 1000)
        body = resp.get_json()
        if resp.status_code != 200:
            raise SystemExit(f"{item['query']!r}: HTTP {resp.status_code} {body}")
        docs: list[str] = []
        for hit in body["results"]:
            if hit["doc_id"] not in docs:
                docs.append(hit["doc_id"])
        docs = docs[:DEPTH]
        rank = docs.index(item["id"]) + 1 if item["id"] in docs else 0
        rr.append(1 / rank if rank else 0.0)
        ranks.append(rank)
        if misses and rank != 1:
            print(f"  rank {rank or '-':>2}  {item['query']!r} → want {item['id']}, got {docs[:3]}"
                  + (f"  [{body['message']}]" if body.get("message") else ""))
    n = len(rr)
    return {"queries": n, "mrr10": sum(rr) / n, "success1": sum(r == 1 for r in rr) / n,
            "success10": sum(r > 0 for r in rr) / n, "p50_ms": statistics.median(times), "p95_ms": pct(times, 95),
            "ranks": ranks}


def compare_latency(settings: Settings, queries: list[dict], before: list[str], names: dict) -> dict:
    """Each query timed with the `before` settings and with the current ones, in one process, the order
    alternating query by query (so a busy machine weighs on both alike); p50/p95 in ms for each."""
    client = create_app(settings).test_client()
    client.get("/api/search", query_string={"q": "warm up"})
    undo = [f"{s.split('=')[0].strip()} = {eval(s.split('=')[0], names)!r}" for s in before]  # noqa: S307
    times: dict[str, list[float]] = {"before": [], "after": []}
    for i, item in enumerate(queries):
        for side in (("before", "after") if i % 2 else ("after", "before")):
            for statement in (before if side == "before" else undo):
                exec(statement, names)  # noqa: S102 - a developer's knob
            started = time.perf_counter()
            client.get("/api/search", query_string={"q": item["query"], "per_page": PER_PAGE})
            times[side].append((time.perf_counter() - started) * 1000)
    for statement in undo:
        exec(statement, names)  # noqa: S102
    return {side: (statistics.median(t), pct(t, 95)) for side, t in times.items()}


def main(argv: list[str] | None = None) -> int:
    """Build or reuse the index, run the queries, print the figures (and JSON with --json)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "wiki-vital-summaries.jsonl")
    ap.add_argument("--queries", type=Path, default=SHARED / "eval" / "known-item-dev.jsonl")
    ap.add_argument("--index-dir", type=Path, default=Path(tempfile.gettempdir()) / "sleuth-relevance")
    ap.add_argument("--rebuild", action="store_true", help="index again even if the index is current")
    ap.add_argument("--no-entities", action="store_true", help="skip spaCy when indexing (fast iteration only)")
    ap.add_argument("--misses", action="store_true", help="list queries whose article is not first")
    ap.add_argument("--json", action="store_true", help="also print the figures and each query's rank (0: not in "
                    "the first 10 documents), in the queries' order, as JSON (for cross-validation)")
    ap.add_argument("--time-limit", type=float, default=None,
                    help="seconds a search may take (default: Settings'); raise it on a busy machine so that no "
                         "search is cut off and the ranking alone is measured")
    ap.add_argument("--set", action="append", default=[], metavar="STATEMENT",
                    help="try a ranking setting for this run, e.g. '_rerank.PROXIMITY = 0.3' (for tuning)")
    ap.add_argument("--compare", action="append", default=[], metavar="STATEMENT",
                    help="time every query with these settings (the code before a change, e.g. "
                         "'_natural.COUNTRY_WEIGHT = 0') and without, interleaved; print p50/p95 of both")
    args = ap.parse_args(argv)
    from whoosh.scoring import BM25F
    from indexer.backend.whoosh import natural as _natural, query as _query, rerank as _rerank
    names = {"_natural": _natural, "_query": _query, "_rerank": _rerank, "BM25F": BM25F}
    for statement in args.set:
        exec(statement, names)  # noqa: S102 - a developer's knob
    settings = ensure_index(args.index_dir, args.data, args.rebuild, not args.no_entities)
    if args.time_limit:
        settings = dataclasses.replace(settings, search_time_limit=args.time_limit)
    queries = [json.loads(line) for line in args.queries.open(encoding="utf-8") if line.strip()]
    if args.compare:
        for side, (p50, p95) in compare_latency(settings, queries, args.compare, names).items():
            print(f"{side}: latency p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        return 0
    res = evaluate(settings, queries, args.misses)
    if args.json:
        print(json.dumps(res))
    print(f"{res['queries']} queries: MRR@10 {res['mrr10']:.4f}, success@1 {res['success1']:.3f}, "
          f"success@10 {res['success10']:.3f}, latency p50 {res['p50_ms']:.1f} ms, p95 {res['p95_ms']:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
