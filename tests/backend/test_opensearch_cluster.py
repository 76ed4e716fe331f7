"""A cluster that loses a node: three OpenSearch nodes on loopback, an index of 3 shards with 1 replica holding the
seeds and 2,000 wiki summaries; one node killed with SIGKILL. Every search still finds every document, writes go
on, and the node comes back and catches up with nothing lost."""
from __future__ import annotations

import json
import os
import re
import time

import pytest

from indexer import SearchRequest, Settings
from indexer.backend import PassageEntry, open_backend

from .conftest import _unavailable
from .opensearch_node import Unavailable, start_cluster
from ..conftest import CORPUS, SHARED_DATA

WIKI = SHARED_DATA / "wiki-vital-summaries.jsonl"
SUMMARIES = 2000


def _passages(doc_id: str, title: str, text: str) -> list[PassageEntry]:
    parts = [p for p in text.split("\n\n") if p.strip()] or [text]
    return [PassageEntry(f"{doc_id}#{i}", doc_id, title, "", p, ordinal=i, end=len(p), facets={"year": []})
            for i, p in enumerate(parts)]


def _collection() -> dict[str, list[PassageEntry]]:
    docs = {p.name: _passages(p.name, p.stem, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))}
    with WIKI.open(encoding="utf-8") as f:
        for line in f:
            if len(docs) >= SUMMARIES + 2:
                break
            row = json.loads(line)
            docs[row["id"]] = _passages(row["id"], row["title"], row["text"])
    return docs


@pytest.fixture(scope="module")
def cluster():
    if not WIKI.exists():
        pytest.skip("../shared/data/wiki-vital-summaries.jsonl is not beside this clone")
    try:
        nodes = start_cluster(3)
    except Unavailable as exc:
        _unavailable(str(exc))
    yield nodes
    for node in nodes:
        node.stop()


def _wait_green(node, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while (node.health("green", "2s") or {}).get("status") != "green":
        assert time.monotonic() < deadline, node.log_tail()
        time.sleep(0.5)


def _everything_found(backend, docs: dict[str, list[PassageEntry]]) -> None:
    passages = sum(map(len, docs.values()))
    result = backend.search(SearchRequest.of("", per_page=1))
    assert result.total == passages and result.documents == len(docs) and not result.message
    per_doc = backend.facet_lists(None, ["doc_id"])["doc_id"]
    assert {v.value: v.count for v in per_doc} == {d: len(p) for d, p in docs.items()}
    for doc_id in list(docs)[::100]:  # and by their words: a passage's first words find it
        phrase = " ".join(re.findall(r"\w+", docs[doc_id][0].text)[:8])
        hits = backend.search(SearchRequest.of(f'"{phrase}"', per_page=20)).hits
        assert doc_id in {h.doc_id for h in hits}, phrase


def test_a_killed_node_loses_no_search_and_no_write(cluster, tmp_path):
    settings = Settings(opensearch_url=",".join(n.url for n in cluster), opensearch_shards=3)
    backend = open_backend("opensearch", tmp_path, settings=settings)
    docs = _collection()
    names = list(docs)
    for i in range(0, len(names), 500):
        backend.write({d: docs[d] for d in names[i:i + 500]})
    _wait_green(cluster[0])  # 3 primaries and their replicas, spread over the three nodes
    index = cluster[0].health()
    assert index["active_primary_shards"] == 3 and index["active_shards"] == 6
    _everything_found(backend, docs)

    victim = cluster[1]
    victim.kill()  # SIGKILL: no shutdown, no flush
    os.sync()
    _everything_found(backend, docs)  # the replicas of its shards answer; the client skips the dead node
    late = {"late": _passages("late", "Late", "Written while a node was down, then read after it came back.")}
    backend.write(late)
    assert [h.doc_id for h in backend.search(SearchRequest.of('"written while a node was down"')).hits][:1] == ["late"]

    victim.start()  # the same data folder and ports: it rejoins and its shards catch up
    victim.wait()
    _wait_green(cluster[0])
    assert cluster[0].health()["number_of_nodes"] == 3
    _everything_found(open_backend("opensearch", tmp_path, settings=settings), {**docs, **late})
