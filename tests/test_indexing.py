"""Incremental indexing, bad input, source copies and rebuilds, on a real index in tmp_path."""
from __future__ import annotations

import shutil

import pytest
from whoosh.index import open_dir  # tests may look inside the index; web code never does

from indexer import Settings, Sleuth
from indexer.errors import IndexCorrupt, SchemaMismatch

GOOD = "On 20 August 1940 Leon Trotsky was attacked in Coyoacán by Ramón Mercader.\n\nHe died the next day."


def _count(sleuth: Sleuth) -> int:
    return sleuth.stats()["passages"]


def test_reindex_is_idempotent_edit_replaces_remove_deletes(tmp_path, corpus_copy):
    folder = tmp_path / "docs"
    shutil.copytree(corpus_copy, folder)
    sleuth = Sleuth(Settings(index_dir=tmp_path / "ix"))
    first = sleuth.index_paths([folder])
    n = _count(sleuth)
    assert first.count("added") == 2 and n == first.passages
    again = sleuth.index_paths([folder])
    assert again.count("unchanged") == 2 and _count(sleuth) == n

    (folder / "note.txt").write_text("Mercader used an ice axe.\n\nThe first version.", encoding="utf-8")
    sleuth.index_paths([folder])
    assert sleuth.search('"first version"').total == 1
    (folder / "note.txt").write_text("Mercader used an ice axe.\n\nThe second version.", encoding="utf-8")
    report = sleuth.index_paths([folder])
    assert report.count("updated") == 1
    assert sleuth.search('"first version"').total == 0 and sleuth.search('"second version"').total == 1
    assert len([h for h in sleuth.search("", filters={}, per_page=100).hits if h.doc_id == "note.txt"]) == 1

    assert sleuth.remove("note.txt") and not sleuth.remove("note.txt")
    assert _count(sleuth) == n and sleuth.search('"second version"').total == 0


def test_bad_inputs_are_named_and_the_rest_indexed(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "latin1.txt").write_bytes("Caf\xe9 Coyoac\xe1n: la maison de Trotsky à Mexico.".encode("latin-1"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    sleuth = Sleuth(Settings(index_dir=tmp_path / "ix"))
    report = sleuth.index_paths([folder])
    assert {d.name.rsplit("/", 1)[-1] for d in report.documents if d.status == "added"} == {"good.txt", "latin1.txt"}
    failed = {d.name.rsplit("/", 1)[-1]: d.reason for d in report.failed}
    assert set(failed) == {"empty.txt", "binary.txt"}
    assert "empty" in failed["empty.txt"] and "binary" in failed["binary.txt"]
    assert sleuth.search("Café").total == 1 and sleuth.search("Coyoacan").total == 2


def test_jsonl_records_are_documents_with_their_ids(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"id": "r1", "title": "First", "text": "Trotsky lived in Coyoacán.", "url": "http://example.org/1"}\n'
        '{"title": "no id"}\n'
        '{"id": "r2", "title": "Second", "text": "Stalin ruled the Soviet Union.", "date": "1940"}\n',
        encoding="utf-8",
    )
    sleuth = Sleuth(Settings(index_dir=tmp_path / "ix"))
    report = sleuth.index_paths([path])
    assert report.count("added") == 2 and report.count("failed") == 1
    assert sleuth.document("r1").url == "http://example.org/1"
    assert sleuth.index_paths([path]).count("unchanged") == 2


def test_rebuild_uses_stored_sources_only(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    settings = Settings(index_dir=tmp_path / "ix")
    sleuth = Sleuth(settings)
    sleuth.index_paths([folder])
    before = _count(sleuth)
    shutil.rmtree(folder)  # the originals are gone
    report = Sleuth(settings).index_paths([], rebuild=True)
    assert report.count("added") + report.count("updated") == 1 and not report.failed
    assert _count(Sleuth(settings)) == before and Sleuth(settings).search("Mercader").total == 1


def test_count_is_right_after_optimize(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    sleuth = Sleuth(Settings(index_dir=tmp_path / "ix"))
    for i in range(5):
        (folder / f"d{i}.txt").write_text(f"Document number {i} mentions Trotsky.", encoding="utf-8")
        sleuth.index_paths([folder])
        assert sleuth.search("Trotsky").total == i + 1  # keeps the cached searcher in use across commits
    ix = open_dir(str(tmp_path / "ix" / "whoosh"), indexname="passages")
    ix.optimize()
    assert sleuth.search("Trotsky").total == 5 and sleuth.stats()["passages"] == 5


def test_schema_version_mismatch_names_the_fix(tmp_path):
    settings = Settings(index_dir=tmp_path / "ix")
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    Sleuth(settings).index_paths([tmp_path / "a.txt"])
    (tmp_path / "ix" / "sleuth.json").write_text('{"schema_version": 0}')
    try:
        Sleuth(settings).search("x")
    except SchemaMismatch as exc:
        assert "sleuth index --rebuild" in str(exc)
    else:
        raise AssertionError("no SchemaMismatch")


def test_aliases_file_merges_names(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Ramón Mercader struck. Jacques Mornard was arrested in Mexico City.", "utf-8")
    index_dir = tmp_path / "ix"
    index_dir.mkdir()
    (index_dir / "aliases.toml").write_text('[aliases]\n"Jacques Mornard" = "Ramón Mercader"\n', "utf-8")
    sleuth = Sleuth(Settings(index_dir=index_dir))
    sleuth.index_paths([folder])
    people = {v.value for v in sleuth.search("").facets["person"]}
    assert "Ramón Mercader" in people and "Jacques Mornard" not in people


def test_new_document_refacets_earlier_ones(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Trotsky lived in Norway for a year.", "utf-8")
    sleuth = Sleuth(Settings(index_dir=tmp_path / "ix"))
    sleuth.index_paths([folder])
    (folder / "b.txt").write_text("Leon Trotsky was born in 1879 in Ukraine.", "utf-8")
    sleuth.index_paths([folder])
    hit = sleuth.search("Norway").hits[0]
    assert hit.entities["person"] == ["Leon Trotsky"]


def test_an_upload_refacets_earlier_documents_just_after_it_returns(tmp_path):
    sleuth = Sleuth(Settings(index_dir=tmp_path / "ix"))
    sleuth.index_uploads([("a.txt", b"Trotsky lived in Norway for a year.")])
    sleuth.index_uploads([("b.txt", b"Leon Trotsky was born in 1879 in Ukraine.")])
    assert sleuth.search("Ukraine").total == 1  # the upload itself is searchable at once
    assert sleuth.settle(timeout=20)
    assert sleuth.search("Norway").hits[0].entities["person"] == ["Leon Trotsky"]
    assert {v.value for v in sleuth.search("").facets["person"]} == {"Leon Trotsky"}


def test_many_uploads_are_merged_in_the_background(tmp_path):
    sleuth = Sleuth(Settings(index_dir=tmp_path / "ix"))
    for i in range(12):
        sleuth.index_uploads([(f"n{i}.txt", f"Note {i} about Coyoacán and Trotsky.".encode())])
    assert sleuth.settle(timeout=20)
    assert sleuth.backend.index.small_segments() <= 10
    assert sleuth.search("Coyoacán").total == 12 and sleuth.stats()["passages"] == 12


def _damage(index_dir, suffix: str, how: str) -> None:
    [target] = [p for p in (index_dir / "whoosh").iterdir() if p.name.endswith(suffix)]
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2] if how == "truncate" else data[:64] + b"\xff" * (len(data) - 64))


@pytest.mark.parametrize("suffix, how", [(".toc", "truncate"), (".seg", "truncate"), (".seg", "garble")])
def test_damaged_index_says_rebuild_and_rebuild_restores_it(seeded_copy, suffix, how):
    settings = seeded_copy()  # the seeds, indexed once per session
    expected = Sleuth(settings).search("Mercader").total
    assert expected > 0
    _damage(settings.index_dir, suffix, how)
    with pytest.raises(IndexCorrupt, match=r"sleuth index --rebuild"):
        Sleuth(settings).search("Mercader")
    report = Sleuth(settings).index_paths([], rebuild=True)
    assert not report.failed and Sleuth(settings).search("Mercader").total == expected


def test_names_learnt_in_a_later_batch_fix_earlier_batches(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("Trotsky lived in Norway for a year.", "utf-8")
    (folder / "b.txt").write_text("Leon Trotsky was born in 1879 in Ukraine.", "utf-8")
    sleuth = Sleuth(Settings(index_dir=tmp_path / "ix", commit_every=1))
    sleuth.index_paths([folder])
    assert sleuth.search("Norway").hits[0].entities["person"] == ["Leon Trotsky"]


def test_a_run_collects_young_objects_less_often_and_restores_the_collector(tmp_path):
    import gc

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    before = gc.get_threshold()
    during = []
    sleuth = Sleuth(Settings(index_dir=tmp_path / "ix"))
    sleuth.index_paths([folder], progress=lambda *_: during.append(gc.get_threshold()))
    assert during and all(t[0] >= 50_000 and t[1:] == before[1:] for t in during)
    assert gc.get_threshold() == before
