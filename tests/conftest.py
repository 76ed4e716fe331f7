"""Shared fixtures: the seed index built once per session with the real spaCy model, read-only views of it, private
copies for tests that write, a light spaCy pipeline for tests where entities do not matter, one Chromium."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Callable

import pytest
from flask import Flask

from indexer import Settings, Sleuth
from web import create_app

from .backend.opensearch_node import Unavailable, start_node
from .copies import copy_index
from .light_model import save_light_model

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
# The light pipeline tags these, so a test on it still sees a few entities (not the model's: the ruler's).
@pytest.fixture(scope="session")
def corpus_copy(tmp_path_factory) -> Path:
    """A private copy of the bundled corpus (tests may not change the repo's files)."""
    dest = tmp_path_factory.mktemp("corpus")
    for p in CORPUS.iterdir():
        if p.is_file():
            shutil.copy(p, dest / p.name)
    return dest


@pytest.fixture(scope="session")
def seeded_dir(tmp_path_factory, corpus_copy) -> Path:
    """The index of the two seed documents, built once with the real model; never opened again, only copied."""
    index_dir = tmp_path_factory.mktemp("seeded-template")
    sleuth = Sleuth(Settings(index_dir=index_dir, corpus_dir=corpus_copy))
    report = sleuth.index_paths([corpus_copy])
    assert report.count("added") == 2, report
    sleuth.settle()
    sleuth.close()
    return index_dir


@pytest.fixture(scope="session")
def seeded(tmp_path_factory, seeded_dir, corpus_copy) -> Sleuth:
    """A Sleuth whose index holds the two seed documents (read-only for tests)."""
    return Sleuth(Settings(index_dir=copy_index(seeded_dir, tmp_path_factory.mktemp("seeded")),
                           corpus_dir=corpus_copy))


@pytest.fixture
def seeded_copy(tmp_path, seeded_dir, corpus_copy) -> Callable[..., Settings]:
    """Settings over a private copy of the seed index, for tests that write: `seeded_copy(secret_key="t")`."""
    def make(**changes: object) -> Settings:
        return Settings(index_dir=copy_index(seeded_dir, tmp_path), corpus_dir=corpus_copy, **changes)
    return make


@pytest.fixture(scope="session")
def app(tmp_path_factory, seeded_dir, corpus_copy) -> Flask:
    """The app over the seed index, shared by every test that only reads (a module that writes defines its own)."""
    index_dir = copy_index(seeded_dir, tmp_path_factory.mktemp("seeded-app"))
    return create_app(Settings(index_dir=index_dir, corpus_dir=corpus_copy, secret_key="test"))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def fresh(tmp_path) -> Sleuth:
    """An empty Sleuth in a temporary folder, for tests that write."""
    return Sleuth(Settings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus"))


@pytest.fixture(scope="session")
def light_model(tmp_path_factory) -> str:
    """A blank English spaCy pipeline with an entity ruler, saved once: `Settings(model=light_model)` or
    `SLEUTH_MODEL`. For tests where entities do not matter; it loads in a fraction of the real model's time, which
    counts most in the subprocesses (each `sleuth index` loads its pipeline)."""
    return str(save_light_model(tmp_path_factory.mktemp("light-model") / "pipeline"))


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, one for the whole session (each test opens its own context)."""
    from playwright.sync_api import sync_playwright

    from .ui_fixtures import CHROMIUM_ARGS, _chromium

    executable = _chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _unavailable(reason: str) -> None:
    message = f"OpenSearch node not started: {reason}"
    if os.environ.get("CI"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def opensearch_url():
    """A real OpenSearch node from Maven Central (tests/backend/opensearch_node.py), single-node, on loopback, started
    once per session; its URL is also SLEUTH_OPENSEARCH_URL for the session. Without Java or Maven: skipped with the
    reason (failed under CI=true)."""
    try:
        node = start_node()
    except Unavailable as exc:
        _unavailable(str(exc))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SLEUTH_OPENSEARCH_URL", node.url)
        yield node.url
    node.stop()
