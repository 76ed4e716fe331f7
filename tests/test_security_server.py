"""Issue 14 items 7, 8, 16, 18: the CLI and the real waitress server — bad settings, hostile ids in `sleuth index`,
terminal escapes in output, over-long bodies and slow headers."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from indexer import Settings, SettingsError
from indexer.cli.commands import main
from web import create_app
from web.serve import server_limits, slow_headers_cut_off


def run_cli(tmp_path, *args, **env):
    full = dict(os.environ, SLEUTH_INDEX_DIR=str(tmp_path / "data"), **env)
    return subprocess.run([sys.executable, "-m", "indexer", *args], capture_output=True, text=True, env=full,
                          timeout=300)


# --- item 18 -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("var, value, words", [
    ("SLEUTH_SEARCH_TIME_LIMIT", "fast", "not a number"),
    ("SLEUTH_DEBUG", "maybe", "not a yes/no value"),
    ("SLEUTH_MAX_UPLOAD_BYTES", "-5", "out of range"),
    ("SLEUTH_COMMIT_EVERY", "1.5", "not a whole number"),
    ("SLEUTH_SEARCH_TIME_LIMIT", "nan", "out of range"),
])
def test_bad_settings_are_refused_naming_the_variable(tmp_path, var, value, words):
    proc = run_cli(tmp_path, "stats", **{var: value})
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert var in proc.stderr and words in proc.stderr


def test_good_settings_parse():
    s = Settings.from_env({"SLEUTH_DEBUG": "Off", "SLEUTH_SEARCH_TIME_LIMIT": " 2.5 ", "SLEUTH_MAX_PASSAGES": "7"})
    assert (s.debug, s.search_time_limit, s.max_passages) == (False, 2.5, 7)
    with pytest.raises(SettingsError, match="SLEUTH_DEBUG"):
        Settings.from_env({"SLEUTH_DEBUG": "maybe"})


# --- items 7 and 16 ------------------------------------------------------------------------------------------
def test_index_keeps_good_lines_beside_broken_ids_and_never_prints_escapes(tmp_path, light_model):
    lines = [{"id": "\ud800x", "text": "Trotsky"}, {"id": "good", "title": "\u001b[31mRed\u001b[0m title",
                                                    "text": "Natalia Sedova wrote from Coyoacan."},
             {"id": "a\u001b[2Jb", "text": "Mercader"}]
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in lines), encoding="utf-8")
    proc = run_cli(tmp_path, "index", str(src), SLEUTH_MODEL=light_model)  # ids and output, not entities
    assert proc.returncode == 1 and "Traceback" not in proc.stderr  # partial: the bad lines named, the good kept
    assert "1 added" in proc.stdout and "\x1b" not in proc.stdout + proc.stderr
    assert "control characters" in proc.stderr and "broken Unicode" in proc.stderr
    out = run_cli(tmp_path, "search", "Sedova")
    assert out.returncode == 0 and "\x1b" not in out.stdout and "Red" in out.stdout


def test_terminal_controls_in_indexed_text_are_printed_as_visible_escapes():
    from indexer.cli.commands import shown

    assert shown("id\x1b[31mred\x9b2J\u202eevil\tok") == "id\\x1b[31mred\\x9b2J\\u202eevil\tok"
    from indexer.cli.commands import terminal_json

    text = terminal_json({"t": "a\x1b[2J\x9bb\u202ec"})
    assert json.loads(text) == {"t": "a\x1b[2J\x9bb\u202ec"} and not set(text) & {"\x1b", "\x9b", "\u202e"}


def test_cli_remove_echo_is_escaped(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("SLEUTH_INDEX_DIR", str(tmp_path / "data"))
    assert main(["remove", "x\x1b]0;owned\x07"]) == 1
    assert "\x1b" not in capsys.readouterr().err


# --- item 8: the real waitress server ------------------------------------------------------------------------
@pytest.fixture
def server(tmp_path):
    import waitress

    settings = Settings(index_dir=tmp_path / "data", secret_key="t", max_upload_bytes=1024 * 1024,
                        header_timeout=1.0, channel_timeout=5)
    srv = waitress.create_server(create_app(settings), host="127.0.0.1", port=0, threads=2,
                                 **server_limits(settings))
    slow_headers_cut_off(srv, settings.header_timeout, settings.max_upload_bytes)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield srv.effective_port
    srv.close()


def _recv_all(sock: socket.socket, timeout: float) -> bytes:
    sock.settimeout(timeout)
    out = b""
    try:
        while chunk := sock.recv(65536):
            out += chunk
    except (socket.timeout, ConnectionResetError):
        pass
    return out


def test_an_over_limit_content_length_is_answered_before_the_body(server):
    with socket.create_connection(("127.0.0.1", server)) as s:
        s.sendall(b"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
                  b"boundary=x\r\nContent-Length: 314572800\r\n\r\n" + b"x" * 1000)
        t0 = time.perf_counter()
        answer = _recv_all(s, 5)
    assert answer.startswith(b"HTTP/1.1 413") and time.perf_counter() - t0 < 2
    assert b"larger than the 1 MB limit (SLEUTH_MAX_UPLOAD_BYTES)" in answer


def test_slow_headers_are_cut_off(server):
    with socket.create_connection(("127.0.0.1", server)) as s:
        t0 = time.perf_counter()
        s.sendall(b"GET /api/search?q=x HTTP/1.1\r\n")
        closed_after = None
        for _ in range(12):  # one header byte every 0.5 s keeps the connection "active"
            time.sleep(0.5)
            try:
                s.sendall(b"X")
            except OSError:
                closed_after = time.perf_counter() - t0
                break
            s.settimeout(0.01)
            try:
                if s.recv(1) == b"":
                    closed_after = time.perf_counter() - t0
                    break
            except socket.timeout:
                pass
    assert closed_after is not None and closed_after < 4.5, closed_after
    with socket.create_connection(("127.0.0.1", server)) as s:  # a normal request still works
        s.sendall(b"GET /api/entities HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        assert _recv_all(s, 5).startswith(b"HTTP/1.1 200")
