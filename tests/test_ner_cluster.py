"""NER on a Dask cluster (SLEUTH_NER_CLUSTER): a scheduler and workers started as a user would (`dask scheduler`,
`dask worker`, separate processes), the seeds and wiki summaries indexed through it and on this machine: the same
entities per passage, each worker loading the model once, and a worker killed mid-run losing no passage."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time

import pytest
from distributed import Client

from indexer import Settings, Sleuth

from .conftest import CORPUS, SHARED_DATA
from .dask_cluster import LocalCluster, free_port, wait_for_workers

WIKI = SHARED_DATA / "wiki-vital-summaries.jsonl"


def _folder(dest, summaries: int):
    """The seeds and the first `summaries` wiki summaries, in a folder to index."""
    if not WIKI.exists():
        message = "../shared/data/wiki-vital-summaries.jsonl is not beside this clone"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    dest.mkdir()
    for p in CORPUS.glob("*.txt"):
        shutil.copy(p, dest / p.name)
    with WIKI.open(encoding="utf-8") as f:
        rows = [next(f) for _ in range(summaries)]
    (dest / "wiki.jsonl").write_text("".join(rows), encoding="utf-8")
    return dest


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two workers on loopback, and a client of it for the test's own questions."""
    local = LocalCluster(tmp_path_factory.mktemp("dask"))
    client = None
    try:
        for name in ("w1", "w2"):
            local.add_worker(name)
        client = Client(local.address, timeout=60, set_as_default=False)
        wait_for_workers(client, 2)
        yield local, client
    finally:
        if client is not None:
            client.close()
        local.stop()


def _index(folder, index_dir, **settings):
    """Index the folder; (per passage: its facets and raw NER tuples, the progress calls, the report's counts)."""
    calls = []
    app = Sleuth(Settings(index_dir=index_dir, corpus_dir=folder, batch_size=8, **settings))
    try:
        report = app.index_paths([folder], progress=lambda done, total: calls.append((done, total)))
        assert not report.failed, report
        found = {}
        for info in app.documents():
            for p in app.backend.passages(info.doc_id):
                assert p.passage_id not in found, p.passage_id  # every passage once
                found[p.passage_id] = (p.facets, [tuple(r) for r in p.raw])
        return found, calls, (report.count("added"), report.passages, report.entities)
    finally:
        app.close()


def _models_loaded(client) -> dict[str, int]:
    """Per worker, how many times it has loaded a spaCy pipeline (the cached loader's misses)."""
    def misses() -> int:
        from indexer.entities import nlp
        return nlp.load.cache_info().misses
    return client.run(misses)


def test_cluster_entities_are_the_local_ones_and_each_worker_loads_the_model_once(cluster, tmp_path):
    local, client = cluster
    folder = _folder(tmp_path / "docs", 150)
    on_cluster, cluster_calls, cluster_counts = _index(folder, tmp_path / "c", ner_cluster=local.address)
    here, local_calls, local_counts = _index(folder, tmp_path / "l", n_process=1)
    assert len(here) > 150 and sum(bool(f.get("person")) for f, _ in here.values()) > 40
    assert on_cluster == here  # the real model: every passage's facet values and NER spans, identical
    assert cluster_calls == local_calls and cluster_counts == local_counts  # progress and report as they were
    # Both workers took chunks, and each loaded the model once for all of them.
    assert sorted(_models_loaded(client).values()) == [1, 1], local.log("w1")


def test_a_worker_killed_mid_run_loses_and_duplicates_no_passage(cluster, tmp_path, light_model):
    local, client = cluster
    folder = _folder(tmp_path / "docs", 1500)
    local.add_worker("victim")
    wait_for_workers(client, 3)
    victim = next(a for a, info in client.scheduler_info(n_workers=-1)["workers"].items() if info["name"] == "victim")
    killed = threading.Event()

    def kill_when_busy() -> None:
        # As soon as the victim runs one of the run's chunks (others waiting behind it), it is killed with SIGKILL.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if any(str(k).startswith("sleuth-ner-") for k in client.processing([victim]).get(victim, ())):
                local.kill("victim")
                killed.set()
                return
            time.sleep(0.005)

    killer = threading.Thread(target=kill_when_busy)
    killer.start()
    on_cluster, _, counts = _index(folder, tmp_path / "c", ner_cluster=local.address, model=light_model)
    killer.join()
    assert killed.is_set() and local.workers["victim"].returncode == -9
    assert "victim" in local.log("scheduler") and "Remove worker" in local.log("scheduler")
    here, _, local_counts = _index(folder, tmp_path / "l", n_process=1, model=light_model)
    assert len(here) > 1500 and on_cluster == here and counts == local_counts


def test_an_unreachable_scheduler_is_named_with_the_fix(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(next(CORPUS.glob("*.txt")), folder)
    env = {**os.environ, "SLEUTH_INDEX_DIR": str(tmp_path / "data"), "SLEUTH_CORPUS_DIR": str(folder),
           "SLEUTH_NER_CLUSTER": f"tcp://127.0.0.1:{free_port()}", "SLEUTH_NER_CLUSTER_TIMEOUT": "1"}
    proc = subprocess.run([sys.executable, "-m", "indexer", "index", str(folder)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "SLEUTH_NER_CLUSTER" in proc.stderr and "dask scheduler" in proc.stderr, proc.stderr


def test_a_scheduler_lost_mid_run_is_a_message_and_keeps_what_was_written(tmp_path, light_model):
    own = LocalCluster(tmp_path)
    try:
        own.add_worker("only")
        folder = _folder(tmp_path / "docs", 3000)
        env = {**os.environ, "SLEUTH_INDEX_DIR": str(tmp_path / "data"), "SLEUTH_CORPUS_DIR": str(folder),
               "SLEUTH_NER_CLUSTER": own.address, "SLEUTH_MODEL": light_model, "SLEUTH_BATCH_SIZE": "4",
               "SLEUTH_COMMIT_EVERY": "200"}
        proc = subprocess.Popen([sys.executable, "-m", "indexer", "index", str(folder)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env)
        with Client(own.address, timeout=60, set_as_default=False) as client:
            deadline = time.monotonic() + 60
            while not any(str(k).startswith("sleuth-ner-") for ks in client.processing().values() for k in ks):
                assert time.monotonic() < deadline and proc.poll() is None, proc.communicate()
                time.sleep(0.01)
        own.scheduler.kill()  # SIGKILL: the scheduler's machine is gone
        out, err = proc.communicate(timeout=120)
    finally:
        own.stop()
    assert proc.returncode == 1 and "Traceback" not in err, err
    assert "SLEUTH_NER_CLUSTER" in err and "run the command again" in err, err
