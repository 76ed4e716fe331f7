"""First OpenSearch figures on this machine (SCALING.md): node start and memory, writing the seeds and 2,000 wiki
summaries, search latency, and a three-node cluster losing a node. Small on purpose (the machine is shared).

    python -m tests.perf.opensearch_figures          # from the top of a checkout, with ../shared/data beside it
    python -m tests.perf.opensearch_figures --seeds  # the first five hits of ten questions on both backends
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from indexer import SearchRequest, Settings, Sleuth
from indexer.backend import open_backend

from ..backend.opensearch_node import start_cluster, start_node
from ..backend.test_opensearch_cluster import _collection, _everything_found, _wait_green
from ..conftest import CORPUS

QUERIES = ["ice axe", "classical music", "roman empire", '"world war"', "Coyoacn~", "river delta", "person:trotsky",
           "photosynthesis plants"]
BATCH = 500
QUESTIONS = ["who killed Trotsky", "what weapon was used", "when did Trotsky die?", "Trotsky Coyoacan 1940",
             "ice axe", "Mercader prison", "Trotsky's house", "Stalin", "what happened in 1940", "Mexico City police"]


def _write(backend, docs: dict) -> float:
    names = list(docs)
    began = time.perf_counter()
    for i in range(0, len(names), BATCH):
        backend.write({d: docs[d] for d in names[i:i + BATCH]})
    return time.perf_counter() - began


def _searches(backend, rounds: int = 3) -> tuple[float, float]:
    took = []
    for _ in range(rounds):
        for q in QUERIES:
            began = time.perf_counter()
            backend.search(SearchRequest.of(q))
            took.append((time.perf_counter() - began) * 1000)
    took.sort()
    return statistics.median(took), took[int(len(took) * 0.95) - 1]


def _opensearch(label: str, nodes, shards: int, docs: dict) -> object:
    settings = Settings(opensearch_url=",".join(n.url for n in nodes), opensearch_shards=shards)
    backend = open_backend("opensearch", Path(tempfile.mkdtemp()), settings=settings)
    passages = sum(map(len, docs.values()))
    seconds = _write(backend, docs)
    p50, p95 = _searches(backend)
    print(f"{label}: wrote {passages} passages in {seconds:.1f} s ({passages / seconds:.0f}/s); "
          f"search p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    return backend


def compare_seeds() -> None:
    """The seeds indexed with the real model by each backend; the first five hits of each question side by side."""
    node = start_node()
    try:
        engines = {name: Sleuth(Settings(index_dir=Path(tempfile.mkdtemp()), corpus_dir=CORPUS, backend=name,
                                         opensearch_url=node.url)) for name in ("whoosh", "opensearch")}
        for engine in engines.values():
            engine.index_paths([CORPUS])
            engine.settle()
        same1 = same3 = same5 = 0
        for q in QUESTIONS:
            tops = {n: [h.passage_id.split("_")[0] + "#" + h.passage_id.split("#")[1] for h in e.search(q).hits[:5]]
                    for n, e in engines.items()}
            a, b = tops["whoosh"], tops["opensearch"]
            same1, same3, same5 = same1 + (a[:1] == b[:1]), same3 + (a[:3] == b[:3]), same5 + (a == b)
            print(f"{q!r:26} whoosh {a}  opensearch {b}")
        print(f"same first hit {same1}/{len(QUESTIONS)}, same first three {same3}, same first five {same5}")
    finally:
        node.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", action="store_true", help="compare the seed questions' hits on both backends")
    if parser.parse_args().seeds:
        return compare_seeds()
    docs = _collection()
    print(f"{len(docs)} documents, {sum(map(len, docs.values()))} passages")
    began = time.monotonic()
    node = start_node()
    print(f"1 node: green in {time.monotonic() - began:.1f} s, RSS {node.rss_mb():.0f} MB")
    try:
        _opensearch("1 node, 1 shard", [node], 1, docs)
    finally:
        node.stop()
    whoosh = open_backend("whoosh", Path(tempfile.mkdtemp()))
    seconds = _write(whoosh, docs)
    p50, p95 = _searches(whoosh)
    print(f"whoosh: wrote in {seconds:.1f} s; search p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    began = time.monotonic()
    nodes = start_cluster(3)
    print(f"3 nodes: one cluster in {time.monotonic() - began:.1f} s, RSS {[round(n.rss_mb()) for n in nodes]} MB")
    try:
        backend = _opensearch("3 nodes, 3 shards x 1 replica", nodes, 3, docs)
        _wait_green(nodes[0])
        nodes[1].kill()
        began = time.perf_counter()
        _everything_found(backend, docs)
        print(f"after kill -9 of one node: every document found in {time.perf_counter() - began:.1f} s")
        began = time.monotonic()
        nodes[1].start().wait()
        _wait_green(nodes[0])
        print(f"the node restarted and the cluster green again in {time.monotonic() - began:.1f} s")
    finally:
        for n in nodes:
            n.stop()


if __name__ == "__main__":
    main()
