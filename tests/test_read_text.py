"""Issue 24, item 4: text is read whatever its extension; reST without markup, man pages rendered (real files)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from indexer.errors import ReadError
from indexer.read.pick import read_bytes, read_path

REAL = Path(__file__).resolve().parent / "data" / "real"


def test_rst_keeps_its_title_and_text_and_drops_its_markup():
    [doc] = read_path(REAL / "python3-pip" / "architecture-index.rst")
    assert doc.title == "Architecture of pip's internals" and doc.fmt == "rst"
    assert "currently being written" in doc.text and "Using pip from\nyour program" in doc.text
    for markup in (".. _", ".. note::", "toctree", ":ref:", ":maxdepth:", "ERROR", "===="):
        assert markup not in doc.text


def test_rst_sections_are_sections():
    [doc] = read_path(REAL / "libjansson4" / "README.rst")
    assert doc.title == "Jansson README"
    assert [s.title for s in doc.sections] == ["", "Compilation and Installation", "Documentation"]
    assert ".. image::" not in doc.text and "Jansson is a C library" in doc.text


@pytest.mark.parametrize("rel, title, words", [
    ("nodejs/synopsis.json", "synopsis.json", '"textRaw": "Usage and example"'),
    ("libxml-parser-perl/canontst.xml", "canontst.xml", "Here is a PI:"),
    ("ca-certificates/README.Debian", "The Debian Package ca-certificates", "authenticity of SSL connections"),
])
def test_text_files_are_read_whatever_their_extension(rel, title, words):
    [doc] = read_path(REAL / rel)
    assert doc.title == title and words in doc.text


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff renders man pages (apt-get install groff-base)")
def test_man_page_is_rendered_to_text_with_its_sections():
    [doc] = read_path(REAL / "debian-gz" / "ls.1.gz")
    assert doc.title == "ls - list directory contents" and doc.fmt == "man"
    assert {"Synopsis", "Description", "Author"} <= {s.title for s in doc.sections}
    assert "do not ignore entries starting with ." in doc.text
    assert ".TH" not in doc.text and "\\f" not in doc.text and "\x08" not in doc.text


def test_binary_content_is_still_refused_whatever_its_extension():
    with pytest.raises(ReadError, match="unsupported file type .json.*not text"):
        read_bytes("data.json", bytes(range(256)) * 4)
