"""An aliases.toml in a folder given to `sleuth index` is used, never indexed as a document (issue 25, item 8); a
broken one is reported with the fix and the folder is indexed without it. The seeds, the real model, the CLI."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .test_cli import sleuth

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture
def folder(tmp_path) -> Path:
    root = tmp_path / "seeds"
    shutil.copytree(CORPUS, root)
    return root


def people(index_dir: Path) -> dict[str, int]:
    found = json.loads(sleuth(index_dir, "entities", "--type", "person", "--json", check_code=0).stdout)
    return {e["value"]: e["count"] for e in found["person"]}


def test_a_folders_aliases_are_used_and_not_indexed(tmp_path, folder):
    (folder / "aliases.toml").write_text('[aliases]\n"Lenin" = "Vladimir Lenin"\n', encoding="utf-8")
    index_dir = tmp_path / "data"
    run = sleuth(index_dir, "index", str(folder), check_code=0)
    assert f"Names from {folder / 'aliases.toml'} are used (1 aliases)." in run.stderr
    assert run.stdout.startswith("2 added,")  # the two seeds; aliases.toml is no document
    names = people(index_dir)
    assert names.get("Vladimir Lenin") == 2 and "Lenin" not in names
    # unchanged: nothing said the second time
    assert "Names from" not in sleuth(index_dir, "index", str(folder), check_code=0).stderr


def test_changed_aliases_say_how_to_apply_them_to_earlier_documents(tmp_path, folder):
    index_dir = tmp_path / "data"
    sleuth(index_dir, "index", str(folder), check_code=0)
    assert people(index_dir).get("Lenin") == 2
    (folder / "aliases.toml").write_text('[aliases]\n"Lenin" = "V. I. Lenin"\n', encoding="utf-8-sig")  # with a BOM
    again = sleuth(index_dir, "index", str(folder), check_code=0)
    assert "documents indexed before it was read or changed keep their names until `sleuth index --rebuild`" in again.stderr
    sleuth(index_dir, "index", "--rebuild", str(folder), check_code=0)
    assert people(index_dir).get("V. I. Lenin") == 2


def test_a_broken_aliases_file_is_reported_and_the_folder_indexed_without_it(tmp_path, folder):
    (folder / "aliases.toml").write_text('[aliases]\n"Lenin" = \n', encoding="utf-8")
    index_dir = tmp_path / "data"
    run = sleuth(index_dir, "index", str(folder), "--json", check_code=1)
    report = json.loads(run.stdout)
    assert report["added"] == 2 and report["failed"] == 1
    failed = next(d for d in report["documents"] if d["status"] == "failed")
    assert failed["name"] == str(folder / "aliases.toml")
    assert failed["reason"].startswith("not valid TOML (") and "fix it and index the folder again" in failed["reason"]
    assert "Traceback" not in run.stderr and people(index_dir).get("Lenin") == 2
