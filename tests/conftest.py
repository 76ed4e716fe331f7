"""Shared fixtures: a real index of the bundled corpus, built once per test session with the real spaCy model."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer import Settings, Sleuth

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SHARED_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


@pytest.fixture(scope="session")
def corpus_copy(tmp_path_factory) -> Path:
    """A private copy of the bundled corpus (tests may not change the repo's files)."""
    dest = tmp_path_factory.mktemp("corpus")
    for p in CORPUS.iterdir():
        if p.is_file():
            shutil.copy(p, dest / p.name)
    return dest


@pytest.fixture(scope="session")
def seeded(tmp_path_factory, corpus_copy) -> Sleuth:
    """A Sleuth whose index holds the two seed documents (read-only for tests)."""
    settings = Settings(index_dir=tmp_path_factory.mktemp("seeded-index"), corpus_dir=corpus_copy)
    sleuth = Sleuth(settings)
    report = sleuth.index_paths([corpus_copy])
    assert report.count("added") == 2, report
    return sleuth


@pytest.fixture
def fresh(tmp_path) -> Sleuth:
    """An empty Sleuth in a temporary folder, for tests that write."""
    return Sleuth(Settings(index_dir=tmp_path / "index", corpus_dir=tmp_path / "corpus"))
