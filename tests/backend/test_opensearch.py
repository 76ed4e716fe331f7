"""The OpenSearch backend behind the whole engine and web app, on a real node; its failures as messages."""
from __future__ import annotations

import io

import pytest

from indexer import SearchRequest, Settings, Sleuth
from indexer.backend import PassageEntry, open_backend
from indexer.errors import ClusterUnavailable, SettingsError
from web import create_app

from indexer.backend.opensearch.mapping import index_body

from .conftest import _unavailable
from .opensearch_node import Unavailable, free_port, start_node


def test_an_unreachable_cluster_is_a_message_naming_the_fix(tmp_path, monkeypatch):
    monkeypatch.setenv("SLEUTH_OPENSEARCH_URL", f"http://127.0.0.1:{free_port()}")
    backend = open_backend("opensearch", tmp_path)
    with pytest.raises(ClusterUnavailable, match="cannot be reached; start it, or fix SLEUTH_OPENSEARCH_URL"):
        backend.search(SearchRequest.of("axe"))
    monkeypatch.setenv("SLEUTH_OPENSEARCH_URL", "")
    with pytest.raises(SettingsError, match="needs SLEUTH_OPENSEARCH_URL"):
        open_backend("opensearch", tmp_path)


def test_pages_and_api_say_so_when_the_cluster_is_down(tmp_path):
    dead = Settings(index_dir=tmp_path / "ix", backend="opensearch", opensearch_url=f"http://127.0.0.1:{free_port()}",
                    secret_key="t")
    client = create_app(dead).test_client()
    for url in ("/search?q=axe", "/api/search?q=axe"):
        r = client.get(url)
        assert r.status_code == 503 and "Traceback" not in r.get_data(as_text=True)
        assert "cannot be reached; start it, or fix SLEUTH_OPENSEARCH_URL" in r.get_data(as_text=True)


def test_a_red_index_names_the_fix(opensearch_url, tmp_path):
    backend = open_backend("opensearch", tmp_path)
    body = index_body(1)
    body["settings"]["index"]["routing.allocation.require._name"] = "no-such-node"  # its shard can go nowhere
    backend.client.indices.create(index=backend.index, body=body, params={"wait_for_active_shards": "0"})
    with pytest.raises(ClusterUnavailable, match="red.*Bring the missing nodes back"):
        backend.verify()
    with pytest.raises(ClusterUnavailable, match="no live copy.*Bring the missing nodes back"):
        backend.search(SearchRequest.of("axe"))  # the web app's 503 page says it


def test_whoosh_stays_the_default(tmp_path):
    assert type(open_backend("", tmp_path)).__module__ == "indexer.backend.whoosh"


def test_the_engine_and_its_api_on_a_cluster(opensearch_url, tmp_path, light_model, corpus_copy, monkeypatch):
    monkeypatch.delenv("SLEUTH_OPENSEARCH_URL")  # the engine's own settings name the cluster
    settings = Settings(index_dir=tmp_path / "ix", corpus_dir=corpus_copy, model=light_model, backend="opensearch",
                        opensearch_url=opensearch_url, secret_key="t")
    sleuth = Sleuth(settings)
    assert sleuth.index_paths([corpus_copy]).count("added") == 2
    sleuth.settle()
    # The seed questions rank as on Whoosh: feedback words for "what", the re-rank and the spread over documents.
    top = sleuth.search("what weapon was used").hits[:3]
    texts = " ".join(h.text.lower() for h in top)
    assert "ice axe" in texts and "ice pick" in texts and len({h.doc_id for h in top}) == 2
    assert "Mercader" in sleuth.search("who killed Trotsky").hits[0].text
    client = create_app(settings).test_client()
    data = client.get("/api/search?q=Coyoacán").get_json()
    assert data["total"] >= 1 and '<mark class="hit">Coyoacan</mark>' in data["results"][0]["snippet"]
    assert client.get("/api/search?q=assassination").get_json()["total"] >= 1  # "assassinated" in the seed
    # An upload is searchable when the API answers 201 (refresh=wait_for), by its words, through the same pages.
    r = client.post("/api/documents", data={"file": [(io.BytesIO(b"Robert Sheldon Harte guarded the villa."),
                                                      "h.txt")]}, content_type="multipart/form-data")
    assert r.status_code == 201
    assert client.get("/api/search?q=guarded+villa").get_json()["results"][0]["doc_id"] == "upload/h.txt"
    assert "Harte" in client.get("/doc/upload/h.txt?q=villa").get_data(as_text=True)
    assert client.delete("/api/documents/upload/h.txt").status_code == 204
    hits = client.get("/api/search?q=guarded+villa").get_json()["results"]
    assert "upload/h.txt" not in {h["doc_id"] for h in hits}
    sleuth.close()


def test_an_acknowledged_write_survives_kill_9_of_the_node(tmp_path):
    """A write is answered once the translog is synced: killing the node right after loses nothing."""
    try:
        node = start_node()
    except Unavailable as exc:
        _unavailable(str(exc))
    try:
        backend = open_backend("opensearch", tmp_path, settings=Settings(opensearch_url=node.url))
        backend.write({"late": [PassageEntry("late#0", "late", "Late", "", "Written just before the power went.",
                                             facets={"year": []})]})
        node.kill()  # SIGKILL, no flush: only what the translog holds comes back
        node.start().wait()
        again = open_backend("opensearch", tmp_path, settings=Settings(opensearch_url=node.url))
        assert [h.passage_id for h in again.search(SearchRequest.of('"power went"')).hits] == ["late#0"]
    finally:
        node.stop()
