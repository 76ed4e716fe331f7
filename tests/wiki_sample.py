"""A small real index of chosen wiki summaries (the shared data beside the clone), for ranking tests."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer import Settings, Sleuth

from .conftest import SHARED_DATA


def index_summaries(folder: Path, picked: set[str]) -> Sleuth:
    """A Sleuth over the summaries whose ids are `picked`, indexed in `folder` with the real model."""
    source = SHARED_DATA / "wiki-vital-summaries.jsonl"
    if not source.exists():
        pytest.skip("the shared wiki summaries are not on this machine")
    lines = [line for line in source.read_text(encoding="utf-8").splitlines()
             if line.strip() and json.loads(line)["id"] in picked]
    assert len(lines) == len(picked)
    (folder / "summaries.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    sleuth = Sleuth(Settings(index_dir=folder / "index", corpus_dir=folder))
    sleuth.index_paths([folder / "summaries.jsonl"])
    return sleuth


def documents(result) -> list[str]:
    """The result's document ids, each once, in rank order."""
    out: list[str] = []
    for hit in result.hits:
        if hit.doc_id not in out:
            out.append(hit.doc_id)
    return out


def wiki_fixture(picked: set[str]):
    """A module-scoped pytest fixture: `index_summaries` of `picked`, closed after the module's tests."""
    @pytest.fixture(scope="module")
    def wiki(tmp_path_factory):
        sleuth = index_summaries(tmp_path_factory.mktemp("wiki-small"), picked)
        yield sleuth
        sleuth.close()
    return wiki
