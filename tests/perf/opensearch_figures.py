"""First OpenSearch figures on this machine (SCALING.md): node start and memory, writing the seeds and 2,000 wiki
summaries, search latency, and a three-node cluster losing a node. Small on purpose (the machine is shared).

    python -m tests.perf.opensearch_figures        # from the top of a checkout, with ../shared/data beside it
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from indexer import SearchRequest, Settings
from indexer.backend import open_backend

from ..backend.opensearch_node import start_cluster, start_node
from ..backend.test_opensearch_cluster import _collection, _everything_found, _wait_green

QUERIES = ["ice axe", "classical music", "roman empire", '"world war"', "Coyoacn~", "river delta", "person:trotsky",
           "photosynthesis plants"]
BATCH = 500


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


def main() -> None:
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
