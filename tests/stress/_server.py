"""Starting `sleuth serve` on a free loopback port for the stress scripts, and plain HTTP helpers."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "wiki-vital-summaries.jsonl"


def corpus(dest: Path, docs: int) -> Path:
    """A JSONL file of `docs` documents: the shared wiki summaries beside the checkout when present, else synthetic."""
    if SHARED.exists():
        lines = SHARED.read_text(encoding="utf-8").splitlines()[:docs]
    else:
        words = "river empire music physics war city people ocean history painting dynasty rome greece".split()
        lines = [json.dumps({"id": f"s{i}", "title": f"Doc {i}", "text": " ".join(
            words[(i * k) % len(words)] for k in range(1, 120))}) for i in range(docs)]
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


def free_port() -> int:
    """A port nobody listens on, on loopback."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(index_dir: Path, **env: str) -> tuple[subprocess.Popen, str]:
    """`sleuth serve` on loopback over `index_dir` (the bundled corpus if it is empty), once it answers."""
    port = free_port()
    full = dict(os.environ, SLEUTH_INDEX_DIR=str(index_dir), **env)
    proc = subprocess.Popen([sys.executable, "-m", "indexer", "serve", "--port", str(port)], env=full,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            request(url + "/api/entities", timeout=5)
            return proc, url
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("sleuth serve exited") from None
            time.sleep(0.2)
    stop(proc)
    raise RuntimeError("sleuth serve did not answer within 300 s")


def stop(proc: subprocess.Popen) -> None:
    """End the server this script started."""
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def request(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None,
            timeout: float = 60) -> tuple[float, int, dict]:
    """(milliseconds, status, JSON body or {}) of one request; HTTP errors are answers, not exceptions."""
    started = time.perf_counter()
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            status, raw = r.status, r.read()
    except urllib.error.HTTPError as exc:
        status, raw = exc.code, exc.read()
    try:
        body = json.loads(raw) if raw else {}
    except ValueError:
        body = {}
    return (time.perf_counter() - started) * 1000, status, body


def multipart(files: list[tuple[str, bytes]]) -> tuple[bytes, dict]:
    """A multipart/form-data body with the files in field `file`, and its Content-Type header."""
    boundary = "sleuthstress7b3c"
    out = bytearray()
    for name, content in files:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode() + content + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank)."""
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def report(checks: dict[str, bool]) -> int:
    """Print each check, then the tally; the exit code."""
    for name, ok in checks.items():
        print(("ok    " if ok else "FAIL  ") + name)
    print(f"{sum(checks.values())} passed, {len(checks) - sum(checks.values())} failed")
    return 0 if all(checks.values()) else 1
