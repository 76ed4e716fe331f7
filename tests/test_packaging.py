"""The wheel and sdist carry what an installed Sleuth needs (corpus, templates, licence) and build without warnings.

The install itself (a fresh venv outside the checkout, `sleuth index`/`search`/`serve`, and Python 3.10) is run by
`.ci/wheel`, called from `.ci/run`.
"""
from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, str]:
    """The wheel and sdist of this checkout, and the build's output."""
    out = tmp_path_factory.mktemp("dist")
    # `python -m build` builds the sdist, then the wheel from it (so the sdist is proven complete), in isolation.
    proc = subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return next(out.glob("sleuth-*.whl")), next(out.glob("sleuth-*.tar.gz")), proc.stdout + proc.stderr


def test_wheel_ships_the_corpus_templates_and_licence(built):
    wheel, _, log = built
    names = set(zipfile.ZipFile(wheel).namelist())
    corpus = sorted(p.name for p in (ROOT / "corpus").iterdir() if p.suffix in (".txt", ".toml"))
    assert corpus and {f"indexer/corpus/{name}" for name in corpus} <= names
    assert {"web/templates/base.html", "web/static/htmx.min.js", "sleuth-0.1.0.dist-info/licenses/LICENSE",
            "indexer/backend/opensearch/__init__.py", "indexer/backend/opensearch/search.py"} <= names
    assert not any(n.startswith(("tests/", "corpus/")) for n in names)
    assert "would be ignored" not in log and "is deprecated" not in log.replace("--no-build-isolation", "")


def test_metadata_has_spdx_licence_and_bounded_dependencies(built):
    wheel, _, _ = built
    with zipfile.ZipFile(wheel) as zf:
        meta = Parser().parsestr(zf.read("sleuth-0.1.0.dist-info/METADATA").decode())
    assert meta["License-Expression"] == "MIT" and meta.get_all("License-File") == ["LICENSE"]
    requires = meta.get_all("Requires-Dist")
    for dep in ("tomli>=2.0; python_version < \"3.11\"", "waitress>=3.0.1", "tqdm>=4.66.3", "trafilatura<3,>=2.0",
                "pypdfium2<6,>=4.30", "edtf<6,>=5.0", "werkzeug>=3.0", "markdown-it-py<5,>=3.0"):
        assert dep in requires, (dep, requires)
    assert not any(r.split(">")[0].split("=")[0].strip().lower() == "whoosh" for r in requires)


def test_sdist_has_what_the_tests_need(built):
    _, sdist, _ = built
    names = {n.split("/", 1)[1] for n in tarfile.open(sdist).getnames() if "/" in n}
    assert {"tests/__init__.py", "tests/conftest.py", "tests/pdf.py", "tests/data/real/README.md", "LICENSE",
            "corpus/000_7320f9c5cac2b3a8.txt", ".ci/run", ".ci/wheel"} <= names


def test_bundled_corpus_is_found_in_a_checkout_and_in_a_package(tmp_path, monkeypatch):
    import indexer.settings as settings

    assert settings.BUNDLED_CORPUS.is_dir() and any(settings.BUNDLED_CORPUS.glob("*.txt"))
    fake = tmp_path / "indexer"
    (fake / "corpus").mkdir(parents=True)
    monkeypatch.setattr(settings.resources, "files", lambda package: fake)
    assert settings._bundled_corpus() == fake / "corpus"  # an installed wheel's indexer/corpus wins
