"""Issue 24, item 2: archives and compressed files (real ones from CPython's tests and Debian's documentation)."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from indexer.errors import ReadError
from indexer.read.nested import Limits, Unpacking
from indexer.read.pick import Document, Refused, read_bytes, read_path

REAL = Path(__file__).resolve().parent / "data" / "real"
ARCHIVES = REAL / "cpython-archives"


def _docs(items) -> list[Document]:
    return [d for d in items if isinstance(d, Document)]


def test_debian_changelog_gz_is_read_as_the_file_it_holds():
    [doc] = read_path(REAL / "ed" / "changelog.Debian.gz")
    assert doc.title == "ed (1.19-1) unstable; urgency=medium" and "New upstream version 1.19" in doc.text
    assert doc.source is None


def test_pdf_gz_is_read_as_a_pdf():
    [doc] = read_path(REAL / "debian-gz" / "fontconfig-user.pdf.gz")
    assert doc.fmt == "pdf" and "fonts.conf" in doc.text and len(doc.sections) > 5


def test_zip_members_are_documents_of_their_own_named_after_the_archive():
    listing, *members = _docs(read_path(ARCHIVES / "zip_cp437_header.zip"))
    assert listing.fmt == "zip" and listing.metadata["files"] == "2"
    assert "filename_with_æoå.txt" in listing.text  # a cp437 name in the zip's directory
    assert [m.source for m in members] == ["zip_cp437_header.zip › filename_with_æoå.txt",
                                           "zip_cp437_header.zip › filename_without.txt"]
    assert all(m.parent == "zip_cp437_header.zip" and m.text == "EOF" for m in members)


def test_tar_gz_reads_files_skips_links_and_devices_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = set(os.listdir(tmp_path)), set(os.listdir("/tmp"))
    out = read_path(ARCHIVES / "testtar.tar.gz")
    assert (set(os.listdir(tmp_path)), set(os.listdir("/tmp"))) == before
    listing, *members = _docs(out)
    assert listing.fmt == "tar"
    names = [m.source.split(" › ", 1)[1] for m in members]
    assert "ustar/regtype" in names and "pax/umlauts-ÄÖÜäöüß" in names
    assert "ustar/umlauts-ÄÖÜäöüß" in names  # a Latin-1 name in a plain ustar header
    # Symlinks, hard links, devices and fifos are no files: none became a document.
    assert not any(n.endswith(("symtype", "lnktype", "blktype", "chrtype", "fifotype")) for n in names)
    assert all(m.title == 'Foreword for "Programming Python" (1st ed.)' for m in members)
    assert any(isinstance(r, Refused) and "ustar/sparse" in str(r) and "not text" in str(r) for r in out)


def test_tar_xz_member_read():
    listing, *members = read_path(ARCHIVES / "testtar.tar.xz")
    assert listing.text == "test.txt"
    assert [str(m) for m in members] == ["testtar.tar.xz › test.txt: empty file"]


def test_encrypted_zip_is_refused_with_a_reason():
    with pytest.raises(ReadError, match="encrypted"):
        read_path(ARCHIVES / "zipcrypto.zip")


def test_member_count_limit_refuses_the_archive_naming_the_setting():
    data = (ARCHIVES / "zip_cp437_header.zip").read_bytes()
    with pytest.raises(ReadError, match="more than 1 files.*SLEUTH_MAX_ARCHIVE_MEMBERS"):
        read_bytes("x.zip", data, unpack=Unpacking(Limits(members=1)))


def _zip(members: dict[str, bytes]) -> bytes:
    # No real zip bomb or path-trick archive was at hand: these are built, as CPython's own tests build them.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def test_zip_bomb_is_refused_before_inflating_naming_the_limit():
    bomb = _zip({"a.txt": b"a" * 50_000_000})
    assert len(bomb) < 100_000
    with pytest.raises(ReadError, match="expands to more than 10 MB.*SLEUTH_MAX_EXPANDED_BYTES"):
        read_bytes("bomb.zip", bomb, unpack=Unpacking(Limits(expanded=10 * 2**20)))


def test_path_tricks_in_member_names_write_nothing_and_are_shown_cleaned(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    data = _zip({"../../evil.txt": b"climbs out", "/etc/abs.txt": b"absolute", "sub/../../x.txt": b"dots"})
    out = _docs(read_bytes("tricks.zip", data))
    assert os.listdir(tmp_path) == [] and not os.path.exists("/etc/abs.txt")
    assert [d.source for d in out[1:]] == ["tricks.zip › evil.txt", "tricks.zip › etc/abs.txt",
                                           "tricks.zip › sub/x.txt"]


def test_7z_members_are_documents_and_links_are_not_followed(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    listing, *members = _docs(read_path(REAL / "py7zr" / "test_1.7z"))
    assert listing.fmt == "7z" and [m.source for m in members] == [
        "test_1.7z › scripts/py7zr", "test_1.7z › setup.cfg", "test_1.7z › setup.py"]
    assert "from setuptools import setup" in members[2].text
    [umlaut] = _docs(read_path(REAL / "py7zr" / "umlaut-solid.7z"))[1:]
    assert umlaut.source == "umlaut-solid.7z › täst.txt"
    linked = _docs(read_path(REAL / "py7zr" / "symlink.7z"))
    assert linked[0].text == "lib/libabc.so.1.2.3"  # the one file; its four symlinks are not members
    assert os.listdir(tmp_path) == []


def test_encrypted_7z_is_refused_with_a_reason():
    with pytest.raises(ReadError, match="7z archive is encrypted"):
        read_path(REAL / "py7zr" / "encrypted_1.7z")


def test_gz_bomb_is_refused_naming_the_limit():
    import gzip

    bomb = gzip.compress(b"a" * 30_000_000)  # built: no real one was at hand
    with pytest.raises(ReadError, match="SLEUTH_MAX_EXPANDED_BYTES"):
        read_bytes("notes.txt.gz", bomb, unpack=Unpacking(Limits(expanded=10 * 2**20)))


def test_long_member_names_are_shortened_to_usable_ids(tmp_path):
    from indexer import Settings, Sleuth

    app = Sleuth(Settings(index_dir=tmp_path / "ix", n_process=1))
    try:
        report = app.index_paths([ARCHIVES / "testtar.tar.gz"])
        assert not [r for r in report.failed if "cannot be used" in (r.reason or "")]
        long = [d.doc_id for d in report.documents if d.doc_id and "longname" in d.doc_id]
        assert len(long) == 3 and all(len(i) < 300 and "…" in i for i in long)
        assert len(set(long)) == 3
    finally:
        app.close()
