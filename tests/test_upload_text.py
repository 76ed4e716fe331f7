"""Issue 24: uploads of text files with unknown extensions or none (.json, .xml, README.Debian, Apache-2.0) go
through the API and the page to the readers, which read any text; binary files are still refused with a reason."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from web import create_app

REAL = Path(__file__).resolve().parent / "data" / "real"
# Each real file and a word that is only in it (not in the seed documents).
FILES = [("nodejs/synopsis.json", "synopsis.json", "usage_and_example"),
         ("libxml-parser-perl/canontst.xml", "canontst.xml", "qtab"),
         ("ca-certificates/README.Debian", "README.Debian", "update-ca-certificates"),
         ("common-licenses/Apache-2.0", "Apache-2.0", "sublicense")]


@pytest.fixture
def writer(seeded_copy):
    return create_app(seeded_copy(secret_key="test", max_upload_bytes=2 * 1024 * 1024)).test_client()


@pytest.mark.parametrize("rel, name, word", FILES)
def test_api_takes_a_text_file_whatever_its_extension(writer, rel, name, word):
    assert word in (REAL / rel).read_text(encoding="latin-1")
    r = writer.post("/api/documents", data={"file": [(io.BytesIO((REAL / rel).read_bytes()), name)]},
                    content_type="multipart/form-data")
    assert r.status_code == 201, r.get_json()
    assert r.get_json()["documents"][0]["doc_id"] == f"upload/{name}"
    hits = writer.get(f"/api/search?q={word}").get_json()["results"]
    assert f"upload/{name}" in {h["doc_id"] for h in hits}


def test_api_still_refuses_binary_of_an_unknown_type_with_the_reason(writer):
    r = writer.post("/api/documents", data={"file": [(io.BytesIO(bytes(range(256)) * 4), "blob.bin")]},
                    content_type="multipart/form-data")
    assert r.status_code == 415
    assert "blob.bin: unsupported file type .bin, and this file is not text" in r.get_json()["error"]


def test_upload_page_lets_any_file_be_chosen_and_reads_text(writer):
    page = writer.get("/upload").get_data(as_text=True)
    chooser = re.search(r'<input id="files"[^>]*>', page).group(0)
    assert "accept=" not in chooser  # the file chooser greyed out .json, .rst and files without an extension
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    files = [(io.BytesIO((REAL / rel).read_bytes()), name) for rel, name, _ in FILES[:2]]
    files.append((io.BytesIO(bytes(range(256)) * 4), "blob.bin"))
    report = writer.post("/upload", data={"file": files, "csrf_token": token},
                         content_type="multipart/form-data").get_data(as_text=True)
    assert report.count(">added<") == 2 and "not text" in report
