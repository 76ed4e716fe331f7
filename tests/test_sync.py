"""A folder kept in sync (issue 24, item 6): `sleuth index FOLDER` again after files were deleted, moved or copied.

Real files written by others (tests/data/real, see SOURCES there), indexed with the `sleuth` command as a user runs
it; the light pipeline, since entities do not matter here.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from indexer import Settings, Sleuth

from .test_cli import sleuth

REAL = Path(__file__).resolve().parent / "data" / "real"
FILES = {"docs/punycode.md": "nodejs/punycode.md", "docs/NEWS": "make/NEWS", "licences/Apache-2.0":
         "common-licenses/Apache-2.0", "AUTHORS": "ed/AUTHORS", "git/README.md": "git/README.md"}


@pytest.fixture
def folder(tmp_path) -> Path:
    root = tmp_path / "collection"
    for rel, src in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REAL / src, root / rel)
    return root


def index(index_dir: Path, folder: Path, model: str, *extra: str) -> dict:
    return json.loads(sleuth(index_dir, "index", str(folder), "--json", *extra, check_code=0, model=model).stdout)


def statuses(report: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for d in report["documents"]:
        out.setdefault(d["status"], []).append(d["doc_id"])
    return {k: sorted(v) for k, v in out.items()}


def documents(index_dir: Path, model: str) -> int:
    return json.loads(sleuth(index_dir, "stats", "--json", check_code=0, model=model).stdout)["documents"]


def hits(index_dir: Path, model: str, query: str) -> set[str]:
    found = json.loads(sleuth(index_dir, "search", query, "--json", check_code=0, model=model).stdout)
    return {h["doc_id"] for h in found["results"]}


def test_files_gone_from_the_folder_are_removed_and_named(tmp_path, folder, light_model):
    index_dir = tmp_path / "data"
    assert index(index_dir, folder, light_model)["added"] == 5
    assert "docs/punycode.md" in hits(index_dir, light_model, "punycode")
    (folder / "docs" / "punycode.md").unlink()
    shutil.rmtree(folder / "licences")
    report = index(index_dir, folder, light_model)
    assert report["removed"] == 2 and report["unchanged"] == 3
    assert statuses(report)["removed"] == ["docs/punycode.md", "licences/Apache-2.0"]
    assert documents(index_dir, light_model) == 3
    assert "docs/punycode.md" not in hits(index_dir, light_model, "punycode")
    # the plain report says so too
    again = sleuth(index_dir, "index", str(folder), check_code=0, model=light_model).stdout
    assert again.startswith("0 added, 0 updated, 3 unchanged, 0 failed")


def test_keep_missing_keeps_the_documents_of_files_gone(tmp_path, folder, light_model):
    index_dir = tmp_path / "data"
    index(index_dir, folder, light_model)
    (folder / "AUTHORS").unlink()
    plain = sleuth(index_dir, "index", str(folder), "--keep-missing", check_code=0, model=light_model).stdout
    assert "1 missing (kept: --keep-missing)" in plain
    assert documents(index_dir, light_model) == 5
    # without the flag, the next run removes it
    assert statuses(index(index_dir, folder, light_model))["removed"] == ["AUTHORS"]
    assert documents(index_dir, light_model) == 4


def test_a_moved_file_keeps_its_document_under_the_new_path(tmp_path, folder, light_model):
    index_dir = tmp_path / "data"
    index(index_dir, folder, light_model)
    (folder / "archive").mkdir()
    (folder / "docs" / "NEWS").rename(folder / "archive" / "NEWS-make")
    report = index(index_dir, folder, light_model)
    assert report["moved"] == 1 and report["added"] == 0 and report["removed"] == 0
    moved = next(d for d in report["documents"] if d["status"] == "moved")
    assert moved["name"] == "archive/NEWS-make" and moved["doc_id"] == "docs/NEWS"
    assert documents(index_dir, light_model) == 5  # one document, not two
    app = Sleuth(Settings(index_dir=index_dir, model=light_model))
    view = app.document("docs/NEWS")
    assert view.source_name == "archive/NEWS-make" and view.found_at == ["archive/NEWS-make"]
    # the next run finds it where it is now: unchanged, nothing removed
    assert statuses(index(index_dir, folder, light_model)).keys() == {"unchanged"}


def test_identical_files_are_indexed_once_and_the_document_lists_every_path(tmp_path, folder, light_model):
    index_dir = tmp_path / "data"
    shutil.copy(folder / "git" / "README.md", folder / "README-copy.md")  # two copies on the first run
    first = index(index_dir, folder, light_model)
    assert first["added"] == 5 and first["duplicate"] == 1
    shutil.copy(folder / "AUTHORS", folder / "docs" / "AUTHORS")  # and one more later
    second = index(index_dir, folder, light_model)
    assert statuses(second)["duplicate"] == ["AUTHORS"] and second["added"] == 0
    assert documents(index_dir, light_model) == 5
    app = Sleuth(Settings(index_dir=index_dir, model=light_model))
    assert app.document("AUTHORS").found_at == ["AUTHORS", "docs/AUTHORS"]
    assert app.document("README-copy.md") is None or app.document("git/README.md") is None
    # the original deleted, the copy still there: the document stays, found at the copy's path
    (folder / "AUTHORS").unlink()
    third = index(index_dir, folder, light_model)
    assert third["removed"] == 0 and documents(index_dir, light_model) == 5
    view = Sleuth(Settings(index_dir=index_dir, model=light_model)).document("AUTHORS")
    assert view.found_at == ["docs/AUTHORS"] and view.source_name == "docs/AUTHORS"


def test_a_changed_copy_becomes_a_document_of_its_own(tmp_path, folder, light_model):
    index_dir = tmp_path / "data"
    shutil.copy(folder / "AUTHORS", folder / "AUTHORS-copy")
    index(index_dir, folder, light_model)
    (folder / "AUTHORS-copy").write_text("Written again: a different file now.\n", encoding="utf-8")
    report = index(index_dir, folder, light_model)
    assert statuses(report)["added"] == ["AUTHORS-copy"]
    app = Sleuth(Settings(index_dir=index_dir, model=light_model))
    assert app.document("AUTHORS").found_at == ["AUTHORS"]


def test_a_file_given_alone_is_never_removed_with_its_folder(tmp_path, folder, light_model):
    index_dir = tmp_path / "data"
    index(index_dir, folder, light_model)
    other = tmp_path / "elsewhere.txt"
    other.write_text("A note kept elsewhere about punycode.\n", encoding="utf-8")
    index(index_dir, other, light_model)
    # indexing the folder again removes nothing that was not found in it
    report = index(index_dir, folder, light_model)
    assert report["removed"] == 0 and documents(index_dir, light_model) == 6
