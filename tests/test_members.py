"""Documents inside documents (issue 24, item 2): archive members are documents of their own, linked both ways on
their pages, removed with their container, and dropped when a new version of it no longer holds them. Real archives
from py7zr's test data (tests/data/real/py7zr, see the README there), indexed through the folder sync as a user does."""
from __future__ import annotations

import shutil
from pathlib import Path

import py7zr
import pytest

from indexer import Settings, Sleuth
from web import create_app

REAL = Path(__file__).resolve().parent / "data" / "real" / "py7zr"
MEMBERS = ["test_1.7z › scripts/py7zr", "test_1.7z › setup.cfg", "test_1.7z › setup.py"]


@pytest.fixture
def setup(tmp_path, light_model):
    folder = tmp_path / "box"
    folder.mkdir()
    shutil.copy(REAL / "test_1.7z", folder / "test_1.7z")
    settings = Settings(index_dir=tmp_path / "data", model=light_model, secret_key="t")
    report = Sleuth(settings).index_paths([folder])
    assert sorted(d.doc_id for d in report.documents if d.status == "added") == ["test_1.7z", *MEMBERS]
    return folder, settings


def ids(settings: Settings) -> list[str]:
    return [d.doc_id for d in Sleuth(settings).documents()]


def test_a_container_and_its_members_link_to_each_other(setup):
    _, settings = setup
    app = Sleuth(settings)
    box = app.document("test_1.7z")
    assert box.contains == [(d, app.info(d).title) for d in MEMBERS] and box.contains_count == 3
    assert app.document("test_1.7z › setup.py").found_in == ("test_1.7z", box.title)
    client = create_app(settings).test_client()
    page = client.get("/doc/test_1.7z").get_data(as_text=True)
    assert "Contains 3 files" in page and "/doc/test_1.7z%20%E2%80%BA%20setup.py" in page
    member = client.get("/doc/test_1.7z › setup.cfg").get_data(as_text=True)
    assert 'Found in <a href="/doc/test_1.7z">' in member


def test_removing_a_container_removes_its_members(setup):
    folder, settings = setup
    assert Sleuth(settings).remove("test_1.7z")
    assert ids(settings) == [] and Sleuth(settings).search("setup").total == 0


def test_a_container_gone_from_the_folder_takes_its_members(setup):
    folder, settings = setup
    (folder / "test_1.7z").unlink()
    report = Sleuth(settings).index_paths([folder])
    assert [d.doc_id for d in report.documents if d.status == "removed"] == ["test_1.7z"]
    assert ids(settings) == []


def test_members_a_new_version_no_longer_holds_are_dropped(setup, tmp_path):
    folder, settings = setup
    with py7zr.SevenZipFile(REAL / "test_1.7z") as old:
        old.extractall(tmp_path / "x")
    (tmp_path / "x" / "setup.cfg").unlink()
    (folder / "test_1.7z").unlink()
    with py7zr.SevenZipFile(folder / "test_1.7z", "w") as new:  # the same archive, one file fewer
        for f in sorted((tmp_path / "x").rglob("*")):
            if f.is_file():
                new.write(f, f.relative_to(tmp_path / "x").as_posix())
    report = Sleuth(settings).index_paths([folder])
    dropped = [(d.doc_id, d.reason) for d in report.documents if d.status == "removed"]
    assert dropped == [("test_1.7z › setup.cfg", "no longer in its container")]
    assert ids(settings) == ["test_1.7z", "test_1.7z › scripts/py7zr", "test_1.7z › setup.py"]
