"""Facet arrays saved beside the index: a restarted process counts facets without reading the postings again."""
from __future__ import annotations

import dataclasses
import shutil

import pytest

from indexer import Sleuth
from indexer.backend.whoosh import facets as _facets


def _facets_of(sleuth: Sleuth) -> dict:
    return {f: [(v.value, v.count) for v in values] for f, values in sleuth.search("trotsky").facets.items()}


def test_a_new_process_loads_saved_arrays_instead_of_postings(seeded, monkeypatch):
    expected = _facets_of(seeded)
    saved = sorted(p.name for p in (seeded.settings.index_dir / "facet-cache").glob("*.npz"))
    assert saved and all(name.count(".") == 2 for name in saved)
    monkeypatch.setattr(_facets, "_read_postings", lambda *a: pytest.fail("postings read again"))
    again = Sleuth(seeded.settings)  # a fresh store, as after a restart
    assert _facets_of(again) == expected
    assert any(v.value == "Leon Trotsky" for v in again.search("trotsky").facets["person"])


def test_a_damaged_saved_file_is_read_again_from_the_postings(seeded, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(seeded.settings.index_dir, copy)
    for path in (copy / "facet-cache").glob("*.npz"):
        path.write_bytes(path.read_bytes()[:40])  # truncated
    sleuth = Sleuth(dataclasses.replace(seeded.settings, index_dir=copy))
    assert _facets_of(sleuth) == _facets_of(seeded)
    assert all(p.stat().st_size > 40 for p in (copy / "facet-cache").glob("*.npz"))  # written again whole
