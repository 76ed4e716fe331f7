"""Abuse under load: two clients loop expensive queries while a third runs normal ones, against `sleuth serve`
on loopback. The expensive ones must be cut off or refused within about a second with a clear answer, and the
normal queries' p95 must stay within 3× of their p95 alone.

    python tests/stress/load.py [--docs 3000] [--seconds 8]

Uses ../shared/data/wiki-vital-summaries.jsonl beside the checkout when present (else a synthetic corpus).
Bounded in time, loopback only.
"""
from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data" / "wiki-vital-summaries.jsonl"
NORMAL = ["river", "world war", '"roman empire"', "who was the first emperor of rome", "physics", "music",
          "painting renaissance", "ancient greece", "china dynasty", "ocean"]
EXPENSIVE = ["a* OR k* OR s*", "?*", " OR ".join(["world", "history", "city", "people", "state", "century", "river",
                                                  "known", "first", "large", "war", "life", "time", "part", "area",
                                                  "used", "form", "country", "early", "species", "water", "also",
                                                  "north", "south", "major", "name", "modern", "group", "made"]),
             "(" * 1000 + "war" + ")" * 1000, "x" * 20000, "th*", "*ing"]


def corpus(dest: Path, docs: int) -> Path:
    if SHARED.exists():
        lines = SHARED.read_text(encoding="utf-8").splitlines()[:docs]
    else:
        words = "river empire music physics war city people ocean history painting dynasty rome greece".split()
        lines = [json.dumps({"id": f"s{i}", "title": f"Doc {i}", "text": " ".join(
            words[(i * k) % len(words)] for k in range(1, 120))}) for i in range(docs)]
    dest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, q: str) -> tuple[float, int, str]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url + "/api/search?" + urlencode({"q": q}), timeout=30) as r:
            status, body = r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        status, body = exc.code, {"message": f"HTTP {exc.code}"}
    return (time.perf_counter() - started) * 1000, status, body.get("message") or ""


def loop(url: str, queries: list[str], until: float, out: list) -> None:
    i = 0
    while time.monotonic() < until:
        out.append((queries[i % len(queries)], *get(url, queries[i % len(queries)])))
        i += 1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--seconds", type=float, default=8.0)
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="sleuth-load-"))
    env = dict(os.environ, SLEUTH_INDEX_DIR=str(work / "index"))
    subprocess.run([sys.executable, "-m", "indexer", "index", str(corpus(work / "c.jsonl", args.docs))], env=env,
                   check=True, capture_output=True, timeout=900)
    port = _port()
    server = subprocess.Popen([sys.executable, "-m", "indexer", "serve", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                get(url, "warm")
                break
            except OSError:
                time.sleep(0.1)
        for q in NORMAL:
            get(url, q)
        alone: list = []
        loop(url, NORMAL, time.monotonic() + args.seconds, alone)
        loaded: list = []
        abusive: list[list] = [[], []]
        until = time.monotonic() + args.seconds
        threads = [threading.Thread(target=loop, args=(url, EXPENSIVE[i::2], until, abusive[i])) for i in range(2)]
        threads.append(threading.Thread(target=loop, args=(url, NORMAL, until, loaded)))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        server.terminate()
        server.wait()
    p95 = lambda xs: sorted(xs)[max(0, round(0.95 * len(xs)) - 1)]  # noqa: E731
    alone_ms, loaded_ms = [x[1] for x in alone], [x[1] for x in loaded]
    worst = {}
    for q, ms, status, message in abusive[0] + abusive[1]:
        key = q[:40]
        worst[key] = max(worst.get(key, (0, "")), (ms, message or f"answered ({status})"))
    print(f"normal queries alone: {len(alone_ms)} in {args.seconds:.0f} s, p50 {statistics.median(alone_ms):.1f} ms, "
          f"p95 {p95(alone_ms):.1f} ms")
    print(f"normal queries under abuse: {len(loaded_ms)}, p50 {statistics.median(loaded_ms):.1f} ms, "
          f"p95 {p95(loaded_ms):.1f} ms ({p95(loaded_ms) / p95(alone_ms):.1f}× alone)")
    for q, (ms, message) in worst.items():
        print(f"  expensive {q!r}: slowest {ms:.0f} ms — {message[:90]}")
    statuses = [x[2] for x in alone + loaded + abusive[0] + abusive[1]]
    checks = {
        "no request failed (every answer 200)": all(status == 200 for status in statuses),
        "expensive queries answer within ~1 s": all(ms < 1500 for ms, _ in worst.values()),
        "normal p95 within 3x of alone": p95(loaded_ms) <= 3 * p95(alone_ms),
    }
    for name, ok in checks.items():
        print(("ok    " if ok else "FAIL  ") + name)
    print(f"{sum(checks.values())} passed, {len(checks) - sum(checks.values())} failed")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
