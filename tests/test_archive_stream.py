"""Issue 24: a large zip or tar is read from its file a member at a time — never its bytes plus every member's
document in one list — and its members stay documents of their own (linked, dropped when gone, removed with it).
(Memory over a whole indexing run is measured by tests/perf/mbox_index.py, not timed here.)"""
from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from indexer import Settings, Sleuth
from indexer.read import mailbox
from indexer.read.sources import sources_from_paths

REAL = Path(__file__).resolve().parent / "data" / "real"
ROOT = Path(__file__).resolve().parent.parent
NEWS = REAL / "make" / "NEWS"  # a real 72 KB text

_READ = """
import resource, sys
from pathlib import Path
from indexer.read.nested import Limits
from indexer.read.sources import sources_from_paths
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
[src] = list(sources_from_paths([Path(sys.argv[1])]))
docs = [(d.source, d.title) for d in src.read(None, Limits()) if hasattr(d, "title")]
grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
print(len(docs), len(set(docs)), grown // 1024, docs[-1][0] is None)
"""


def archive_of_news(path: Path, size: int) -> int:
    """A zip (or tar) of at least `size` bytes: make's NEWS many times under names of its own. Returns how many."""
    data, n = NEWS.read_bytes(), 0
    if path.suffix == ".zip":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
            while n * len(data) < size:
                z.writestr(f"d{n // 100}/NEWS-{n}.txt", data)
                n += 1
        return n
    with tarfile.open(path, "w") as t:
        while n * len(data) < size:
            info = tarfile.TarInfo(f"d{n // 100}/NEWS-{n}.txt")
            info.size = len(data)
            t.addfile(info, NEWS.open("rb"))
            n += 1
    return n


@pytest.mark.parametrize("name", ["big.zip", "big.tar"])
def test_a_50_mb_archive_is_read_a_member_at_a_time(tmp_path, name):
    path = tmp_path / name
    n = archive_of_news(path, 50 * 2**20)
    out = subprocess.run([sys.executable, "-c", _READ, str(path)], capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout.split()
    count, distinct, grown_mb = map(int, out[:3])
    # Its peak memory grew by a few members, not by the 50 MB archive (nor by its 50 MB of text).
    assert grown_mb < 20, f"reading a 50 MB {name} grew the peak RSS by {grown_mb} MB"
    assert count == distinct == n + 1  # every member once, and the archive's listing (its own document, last)
    assert out[3] == "True"


def write_zip(path: Path, names: list[str]) -> None:
    with zipfile.ZipFile(path, "w") as z:
        for name in names:
            z.write(REAL / "cpython-email" / name if name.startswith("msg") else NEWS, name)


def test_a_streamed_zip_indexes_as_one_held_in_memory(tmp_path, light_model, monkeypatch):
    folder = tmp_path / "box"
    folder.mkdir()
    found = {}
    for way, threshold in (("held", mailbox.STREAM_BYTES), ("streamed", 1)):
        monkeypatch.setattr(mailbox, "STREAM_BYTES", threshold)
        write_zip(folder / "docs.zip", ["msg_02.txt", "msg_10.eml", "NEWS"])
        [src] = sources_from_paths([folder])
        assert (src.path is None) == (way == "held")  # read from its file: its bytes are not loaded
        app = Sleuth(Settings(index_dir=tmp_path / way, model=light_model, round_passages=5))
        report = app.index_paths([folder])
        assert not report.failed
        box = app.document("docs.zip")
        found[way] = (sorted(d.doc_id for d in report.documents if d.status == "added"), box.contains_count,
                      app.document("docs.zip › NEWS").found_in[0], box.title,
                      sorted((h.doc_id, h.ordinal) for h in app.search("make", per_page=100).hits))
        assert not app.index_paths([folder], rebuild=True).failed  # from the copies kept: the listing's is its text
        assert app.document("docs.zip").contains_count == 3 and app.search("make").total
        assert {d.status for d in app.index_paths([folder]).documents} == {"unchanged"}
        write_zip(folder / "docs.zip", ["msg_02.txt", "msg_10.eml"])  # a new version without NEWS drops it
        dropped = [d.doc_id for d in app.index_paths([folder]).documents if d.status == "removed"]
        assert dropped == ["docs.zip › NEWS"] and app.search("make").total == 0
        assert app.remove("docs.zip") and [d.doc_id for d in app.documents()] == []  # its members go with it
        app.close()
    assert found["streamed"] == found["held"]
    assert {"docs.zip", "docs.zip › NEWS", "docs.zip › msg_02.txt › attachment 1.eml"} <= set(found["held"][0])
    assert found["held"][1:3] == (3, "docs.zip")
