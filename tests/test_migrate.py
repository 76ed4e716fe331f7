"""`sleuth migrate --to opensearch`: a Whoosh collection, with a correction, moved into a real OpenSearch node (the
session's, tests/conftest.py), its stored passages copied; the same data folder then answers the same
searches, facets, JSON API and CLI with SLEUTH_BACKEND=opensearch, the correction kept."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from indexer import SearchRequest, Settings, Sleuth
from web import create_app

from .copies import copy_index

QUERIES = ["Trotsky", "Coyoacan", '"ice axe"', "assassinated Mexico", "Trotsky AND NOT axe"]


def _sleuth(index_dir, corpus, *args, **env):
    env = {**os.environ, "SLEUTH_INDEX_DIR": str(index_dir), "SLEUTH_CORPUS_DIR": str(corpus), **env}
    return subprocess.run([sys.executable, "-m", "indexer", *args], capture_output=True, text=True, env=env,
                          timeout=300)


def _answers(app: Sleuth) -> dict:
    """What a user sees: per query the total and the passages found (as a set: Lucene's BM25 orders them its own
    way), the facets with their counts, and one entity's page."""
    found = {}
    for q in QUERIES:
        result = app.search(SearchRequest.of(q, per_page=100))
        found[q] = (result.total, {h.passage_id for h in result.hits}, result.message)
    facets = {f: sorted((v.value, v.count) for v in values) for f, values in app.entities().items()}
    return {"search": found, "facets": facets, "documents": sorted(d.doc_id for d in app.documents())}


def test_a_whoosh_collection_moves_to_opensearch_with_its_corrections(seeded_dir, corpus_copy, tmp_path,
                                                                      opensearch_url):
    data = copy_index(seeded_dir, tmp_path)
    whoosh = Sleuth(Settings(index_dir=data, corpus_dir=corpus_copy))
    whoosh.correct("rename", "person", "Leon Trotsky", "Lev Davidovich Bronstein")
    before = _answers(whoosh)
    whoosh.close()
    assert "Lev Davidovich Bronstein" in {v for v, _ in before["facets"]["person"]}
    assert all(total for total, _, _ in before["search"].values()), str({q: a[::2] for q, a in before["search"].items()})

    moved = _sleuth(data, corpus_copy, "migrate", "--to", "opensearch")
    assert moved.returncode == 0, moved.stderr
    assert "2 documents, 14 passages copied" in moved.stdout and "SLEUTH_BACKEND=opensearch" in moved.stderr

    settings = Settings(index_dir=data, corpus_dir=corpus_copy, backend="opensearch", opensearch_url=opensearch_url,
                        secret_key="t")
    cluster = Sleuth(settings)
    after = _answers(cluster)
    assert after == before  # same passages found, same facets and counts, the correction in them
    names = {v for v, _ in after["facets"]["person"]}
    assert "Lev Davidovich Bronstein" in names and "Leon Trotsky" not in names
    cluster.close()

    # The pages and the JSON API over the same data folder, now on the cluster.
    client = create_app(settings).test_client()
    api = client.get("/api/search?q=Trotsky&per_page=100").get_json()
    assert {h["passage_id"] for h in api["results"]} == before["search"]["Trotsky"][1]
    person = client.get("/api/entities/person/Lev Davidovich Bronstein")
    assert person.status_code == 200, person.data
    page = client.get("/search?q=Trotsky&person=Lev+Davidovich+Bronstein")
    assert page.status_code == 200 and b"Lev Davidovich Bronstein" in page.data

    # And the CLI, told the backend.
    cli = _sleuth(data, corpus_copy, "search", "Trotsky", "--json", "--limit", "100", SLEUTH_BACKEND="opensearch")
    assert cli.returncode == 0, cli.stderr
    assert {h["passage_id"] for h in json.loads(cli.stdout)["results"]} == before["search"]["Trotsky"][1]


def test_migrating_an_empty_data_folder_says_so(tmp_path, corpus_copy, opensearch_url):
    moved = _sleuth(tmp_path / "empty", corpus_copy, "migrate", "--to", "opensearch")
    assert moved.returncode == 1 and "nothing to migrate" in moved.stderr and "Traceback" not in moved.stderr
