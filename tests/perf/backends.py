"""Whoosh and OpenSearch side by side in one run (issue 29, item 6; SCALING.md): indexing the same passages, search
p50/p95 at 10k and 200k passages with bench.py's query mix, and the known-item MRR@10 through `/api/search`.

    python tests/perf/backends.py ../shared/data/wiki-vital-summaries.jsonl \
        --whoosh-10k WORK/wiki10k --whoosh-200k WORK/ix-200000 --work WORK

The Whoosh indexes are built beforehand and only read here: the 10k one by `tests/quality/relevance.py
--index-dir WORK/wiki10k` (the corpus itself, entities on), the 200k one by `scaling.build_or_reuse` (bench.py's
replicated corpus; its build time is read from its stamp). One OpenSearch node is started from Maven Central
(`tests/backend/opensearch_node.py`) and both sizes are indexed into it by `Sleuth.index_paths`, the path `sleuth
index` takes (spaCy, registry, bulk writes; each batch's bulk request refreshes once, `refresh=wait_for`), from the
same files. Searches alternate between the backends query by query, so a busy machine weighs on both alike.
Prints a Markdown table and writes every figure as JSON (--out). Not collected by pytest.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]

import bench  # noqa: E402  beside this script
import scaling  # noqa: E402
from indexer import Settings, Sleuth  # noqa: E402
from tests.backend.opensearch_node import start_node  # noqa: E402
from tests.quality import relevance  # noqa: E402


def _os_index(node, corpus: Path, work: Path, passages: int, per_copy: int) -> tuple[Settings, dict]:
    """`passages` passages (the corpus, or its copies with new ids as for Whoosh) indexed into the node."""
    folder = work / f"os-{passages}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    source = corpus if passages <= per_copy else scaling.replicate(corpus, work / f"os-replicated-{passages}.jsonl",
                                                                   passages, per_copy)
    settings = Settings(index_dir=folder / "data", backend="opensearch", opensearch_url=node.url)
    started = time.perf_counter()
    report = Sleuth(settings).index_paths([source])
    seconds = time.perf_counter() - started
    if source != corpus:
        source.unlink()
    with urllib.request.urlopen(f"{node.url}/_cat/indices?format=json&bytes=b") as r:
        size = sum(int(i["store.size"]) for i in json.load(r)) / 2**20
    return settings, {"passages": report.passages, "build_s": seconds, "rate": report.passages / seconds,
                      "node_rss_mb": node.rss_mb(), "cluster_store_mb": size}


def _side_by_side(engines: dict[str, Sleuth], queries: list[dict]) -> dict:
    """Each query on each backend, the order alternating; p50/p95 in ms per backend (after a warm-up of 20)."""
    for engine in engines.values():
        for q in queries[:20]:
            bench._sleuth_query(engine, q)
    times: dict[str, list[float]] = {name: [] for name in engines}
    names = list(engines)
    for i, q in enumerate(queries):
        for name in (names if i % 2 else names[::-1]):
            started = time.perf_counter()
            bench._sleuth_query(engines[name], q)
            times[name].append((time.perf_counter() - started) * 1000)
    return {name: {"p50_ms": statistics.median(t), "p95_ms": bench.pct(t, 95), "n": len(t)}
            for name, t in times.items()}


def _load() -> str:
    return open("/proc/loadavg").read().split()[0]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--whoosh-10k", type=Path, required=True)
    ap.add_argument("--whoosh-200k", type=Path, required=True)
    ap.add_argument("--work", type=Path, required=True, help="where the OpenSearch runs' data folders go")
    ap.add_argument("--passages", type=int, default=200000)
    ap.add_argument("--queries", type=int, default=200, help="bench.py's query mix, this many")
    ap.add_argument("--eval", type=Path, default=relevance.SHARED / "eval" / "known-item-dev.jsonl")
    ap.add_argument("--relevance-time-limit", type=float, default=10.0,
                    help="seconds a known-item search may take (so that the ranking, not the load, is measured)")
    ap.add_argument("--heap", default="1g")
    ap.add_argument("--out", type=Path, default=Path("backends.json"))
    ap.add_argument("--again-10k", action="store_true",
                    help="only the 10k searches again (at another hour's load): the Whoosh 10k index copied into a "
                         "new node by `migrate` (no spaCy), then the same queries on both")
    args = ap.parse_args(argv)
    if args.again_10k:
        return again_10k(args)
    res: dict = {"date": time.strftime("%Y-%m-%d %H:%M"), "commit": scaling._commit()}

    def stage(key: str, value) -> None:
        res[key] = value
        res.setdefault("load", {})[key] = _load()
        args.out.write_text(json.dumps(res, indent=2))
        print(f"{key}: {json.dumps(value)} (load {_load()})", flush=True)

    whoosh_10k = Settings(index_dir=args.whoosh_10k)
    whoosh_big = Settings(index_dir=args.whoosh_200k)
    per_copy = Sleuth(whoosh_10k).stats()["passages"]
    node = start_node(heap=args.heap)
    try:
        os_10k, built = _os_index(node, args.corpus, args.work, per_copy, per_copy)
        stage("opensearch_build_10k", built)
        queries = bench.make_queries(args.corpus, Sleuth(whoosh_10k), args.queries)
        stage("search_10k", _side_by_side({"whoosh": Sleuth(whoosh_10k), "opensearch": Sleuth(os_10k)}, queries))
        items = [json.loads(line) for line in args.eval.open(encoding="utf-8") if line.strip()]
        for name, settings in (("whoosh", whoosh_10k), ("opensearch", os_10k)):
            figures = relevance.evaluate(replace(settings, search_time_limit=args.relevance_time_limit), items)
            stage(f"relevance_{name}", {k: v for k, v in figures.items() if k != "ranks"})
        os_big, built = _os_index(node, args.corpus, args.work, args.passages, per_copy)
        stage("opensearch_build_big", built)
        while not (args.whoosh_200k / scaling.STAMP).exists():  # the Whoosh build still running beside this one
            time.sleep(30)
        stamp = json.loads((args.whoosh_200k / scaling.STAMP).read_text())
        stage("whoosh_build", {k: v for k, v in stamp.items() if k != "schema"})
        stage("search_big", _side_by_side({"whoosh": Sleuth(whoosh_big), "opensearch": Sleuth(os_big)}, queries))
    finally:
        node.stop()
    print(table(res))
    return 0


def again_10k(args) -> int:
    """The 10k row again, in minutes: the Whoosh index's passages copied into a node, then the searches."""
    whoosh = Settings(index_dir=args.whoosh_10k)
    node = start_node(heap=args.heap)
    try:
        on_node = replace(whoosh, backend="opensearch", opensearch_url=node.url)
        started = time.perf_counter()
        docs, passages = Sleuth(replace(whoosh, opensearch_url=node.url)).migrate("opensearch")
        print(f"migrated {passages:,} passages of {docs:,} documents in {time.perf_counter() - started:.0f} s "
              f"(load {_load()})", flush=True)
        queries = bench.make_queries(args.corpus, Sleuth(whoosh), args.queries)
        found = _side_by_side({"whoosh": Sleuth(whoosh), "opensearch": Sleuth(on_node)}, queries)
        print(f"search_10k: {json.dumps(found)} (load {_load()})", flush=True)
    finally:
        node.stop()
    return 0


def table(res: dict) -> str:
    """The figures as SCALING.md's side-by-side table."""
    w, o10, obig = res["whoosh_build"], res["opensearch_build_10k"], res.get("opensearch_build_big", {})
    s10, sbig = res["search_10k"], res.get("search_big", {})
    rw, ro = res["relevance_whoosh"], res["relevance_opensearch"]

    def search(s: dict, name: str) -> str:
        return f"{s[name]['p50_ms']:.0f} / {s[name]['p95_ms']:.0f} ms" if s else "not measured"

    def build(b: dict) -> str:
        return f"{b['build_s']:.0f} s ({b['passages'] / b['build_s']:.0f}/s)" if b else "not measured"

    return "\n".join([
        "| | Whoosh (embedded) | OpenSearch 2.19, one node |",
        "|---|---|---|",
        f"| index {o10['passages']:,} passages (the corpus, spaCy on every text) | see BENCHMARKS.md | {build(o10)} |",
        f"| index {w['passages']:,} passages (copies: spaCy once per text) | {build(w)} | {build(obig)} |",
        f"| search p50 / p95, {o10['passages']:,} | {search(s10, 'whoosh')} | {search(s10, 'opensearch')} |",
        f"| search p50 / p95, {w['passages']:,} | {search(sbig, 'whoosh')} | {search(sbig, 'opensearch')} |",
        f"| known-item MRR@10 (dev, {rw['queries']} queries, 10k) | {rw['mrr10']:.4f} | {ro['mrr10']:.4f} |",
        f"| success@1 / @10 | {rw['success1']:.3f} / {rw['success10']:.3f} | "
        f"{ro['success1']:.3f} / {ro['success10']:.3f} |",
    ])


if __name__ == "__main__":
    sys.exit(main())
