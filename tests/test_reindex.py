"""Re-indexing unchanged files hashes their bytes and stops there: no reader, no spaCy (issue 15, speed)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import indexer.read.sources

REAL = Path(__file__).resolve().parent / "data" / "real"
ROOT = Path(__file__).resolve().parent.parent


def test_unchanged_files_are_not_parsed_and_spacy_is_not_loaded(tmp_path, monkeypatch, light_model):
    # The light pipeline (conftest.py): whether spaCy is imported is the question, not what it finds.
    docs = tmp_path / "docs"
    shutil.copytree(REAL / "nodejs", docs)
    (docs / "note.txt").write_text("Trotsky was attacked in Coyoacán on 20 August 1940.\n", "utf-8")
    script = ("import sys; from pathlib import Path; from indexer import Settings, Sleuth; "
              f"app = Sleuth(Settings(index_dir=Path({str(tmp_path / 'data')!r}), n_process=1, "
              f"model={light_model!r})); "
              f"r = app.index_paths([{str(docs)!r}]); "
              "print(sorted(d.status for d in r.documents), 'spacy' in sys.modules)")
    run = lambda: subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                                 check=True).stdout.strip()
    # nodejs/ holds three files (synopsis.json is read as text by content, issue 24) and the note.
    assert run() == "['added', 'added', 'added', 'added'] True"
    assert run() == "['unchanged', 'unchanged', 'unchanged', 'unchanged'] False"  # hashed, not parsed; no spaCy
    (docs / "note.txt").write_text("Trotsky died on 21 August 1940.\n", "utf-8")
    assert run() == "['unchanged', 'unchanged', 'unchanged', 'updated'] True"

    from indexer import Settings, Sleuth

    def no_reading(*_):
        raise AssertionError("an unchanged file was parsed")

    monkeypatch.setattr(indexer.read.sources, "read_bytes", no_reading)
    app = Sleuth(Settings(index_dir=tmp_path / "data", n_process=1, model=light_model))
    try:
        report = app.index_paths([docs])
        assert [(d.status, d.title) for d in report.documents if d.doc_id == "punycode.html"] == \
            [("unchanged", "Punycode")]
    finally:
        app.close()
