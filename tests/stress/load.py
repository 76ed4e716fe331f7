"""Abuse under load: three clients loop expensive requests while a fourth runs normal queries, against `sleuth
serve` on loopback. The expensive ones must be cut off or refused within the time limit plus 0.5 s with a clear
answer (never a 5xx), and the normal queries' p95 must stay within 2× of their p95 alone. Then (issue 28 items 14
and 15) the normal queries again while batch searches of fuzzy lines and a large JSONL upload run: p95 within 2×.

    python tests/stress/load.py [--docs 3000] [--seconds 8]

Uses ../shared/data/wiki-vital-summaries.jsonl beside the checkout when present (else a synthetic corpus).
Bounded in time, loopback only.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import re
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
from typing import Callable
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.stress._server import corpus, multipart, request  # noqa: E402
NORMAL = ["river", "world war", '"roman empire"', "who was the first emperor of rome", "physics", "music",
          "painting renaissance", "ancient greece", "china dynasty", "ocean"]
EXPENSIVE = ["a* OR k* OR s*", "?*", " OR ".join(["world", "history", "city", "people", "state", "century", "river",
                                                  "known", "first", "large", "war", "life", "time", "part", "area",
                                                  "used", "form", "country", "early", "species", "water", "also",
                                                  "north", "south", "major", "name", "modern", "group", "made"]),
             "(" * 1000 + "war" + ")" * 1000, "x" * 20000, "th*", "*ing",
             # issue 14: ranges, a bare *, thirty fuzzy terms, stored-only fields (item 3 and 10)
             *(ITEM3 := ["text:[a TO z]", "{a TO z}", "text:[a TO]", "*", " ".join(f"w{i}ord~2" for i in range(30))]),
             "mentions:trotsky", "raw:trotsky"]
# issue 14 items 2 and 10: thousands of filter values, refused (400) at once
EXPENSIVE_ARGS = [[("q", "history")] + [("person", f"p{i}") for i in range(2000)],
                  [("q", "history")] + [("not_person", f"p{i}") for i in range(2000)],
                  [("q", "war")] + [("year", str(1000 + i)) for i in range(1000)]]
ABUSIVE_CLIENTS = 3


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, q: str | list) -> tuple[float, int, str]:
    started = time.perf_counter()
    args = q if isinstance(q, list) else [("q", q)]
    try:
        with urllib.request.urlopen(url + "/api/search?" + urlencode(args), timeout=30) as r:
            status, body = r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        status, body = exc.code, json.loads(exc.read() or b"{}")
        body = {"message": f"HTTP {exc.code}: {body.get('error', '')}"}
    return (time.perf_counter() - started) * 1000, status, body.get("message") or ""


def label(q: str | list) -> str:
    return q[:40] if isinstance(q, str) else f"{q[1][0]}= ×{len(q) - 1}"


def going(until: float | Callable[[], bool]) -> Callable[[], bool]:
    """A deadline (monotonic seconds), or already a test of whether to go on."""
    return until if callable(until) else lambda: time.monotonic() < until


def loop(url: str, queries: list[str], until: float | Callable[[], bool], out: list) -> None:
    i, more = 0, going(until)
    while more():
        out.append((queries[i % len(queries)], *get(url, queries[i % len(queries)])))
        i += 1


def batch_loop(url: str, until: float | Callable[[], bool], out: list) -> None:
    """POST /batch (with its CSRF token) of 100 fuzzy lines, again and again: (ms, status, lines not run)."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(url + "/batch", timeout=30) as r:
        token = re.search(r'name="csrf_token" value="([^"]+)"', r.read().decode()).group(1)
    lines = "\n".join(f"wor~2 hist~2 peop~2 c{n:02d}~2" for n in range(100))
    more = going(until)
    while more():
        started = time.perf_counter()
        data = urlencode({"lines": lines, "format": "html", "csrf_token": token}).encode()
        try:
            with opener.open(url + "/batch", data=data, timeout=120) as r:
                status, page = r.status, r.read().decode()
        except urllib.error.HTTPError as exc:
            status, page = exc.code, exc.read().decode(errors="replace")
        out.append(((time.perf_counter() - started) * 1000, status, page.count("Not run:")))


def upload_big(url: str, records: int, out: list, done: threading.Event) -> None:
    """One large JSONL upload, then its entities waited for: (ms until acknowledged, status, bytes, ms until its
    entities were written); `done` is set at the end. Its words are none of the normal queries': those match no
    more documents once it is in, so the phase measures the contention, not a larger collection (they were the
    same words until 2026-12-06: p95 alone rose from 104 to 264 ms over the grown collection, workers or not)."""
    words = "quarry marl harbour lantern copper meadow orchard glacier canal ferry bellows anvil loom".split()
    body = "\n".join(json.dumps({"id": f"big{i}", "title": f"Upload {i}", "text": " ".join(
        words[(i * k) % len(words)] for k in range(1, 200))}) for i in range(records)).encode()
    data, headers = multipart([("big.jsonl", body)])
    started = time.perf_counter()
    try:
        ms, status, _ = request(url + "/api/documents", data, headers, timeout=600)
        last = max((f"big{i}" for i in range(records)))  # the upkeep takes the documents in the order of their ids
        while status == 201 and time.perf_counter() - started < 600 and \
                request(url + f"/api/documents/upload/{last}")[2].get("entities_pending", True):
            time.sleep(0.25)
        out.append((ms, status, len(body), (time.perf_counter() - started) * 1000))
    finally:
        done.set()


def under_writes(url: str, seconds: float, records: int) -> tuple[list, list, list]:
    """Normal queries while two clients post batches and one a large upload, for `seconds` and until the upload's
    entities are written (the upkeep's entity pass is the upload's work too): (queries, batches, upload)."""
    queries: list = []
    batches: list = []
    upload: list = []
    until, done = time.monotonic() + seconds, threading.Event()
    more = lambda: time.monotonic() < until or not done.is_set()  # noqa: E731
    threads = [threading.Thread(target=batch_loop, args=(url, more, batches)),
               threading.Thread(target=batch_loop, args=(url, more, batches)),
               threading.Thread(target=upload_big, args=(url, records, upload, done)),
               threading.Thread(target=loop, args=(url, NORMAL, more, queries))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return queries, batches, upload


def cpu_seconds(pid: int) -> tuple[float, float]:
    """CPU seconds (user + system) of the server's own process, and of the processes it started (workers, spaCy)."""
    import psutil

    server = psutil.Process(pid)
    total = 0.0
    for child in server.children(recursive=True):
        try:
            total += sum(child.cpu_times()[:2])
        except psutil.Error:
            continue
    return sum(server.cpu_times()[:2]), total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--upload-records", type=int, default=5000, help="records of the large JSONL upload")
    ap.add_argument("--without-item3", action="store_true",
                    help="leave out issue 14 item 3's query forms (ranges, *, fuzzy) to measure the rest alone")
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
        abusive: list[list] = [[] for _ in range(ABUSIVE_CLIENTS)]
        until = time.monotonic() + args.seconds
        requests = [q for q in EXPENSIVE if not (args.without_item3 and q in ITEM3)] + EXPENSIVE_ARGS
        threads = [threading.Thread(target=loop, args=(url, requests[i::ABUSIVE_CLIENTS], until, abusive[i]))
                   for i in range(ABUSIVE_CLIENTS)]
        threads.append(threading.Thread(target=loop, args=(url, NORMAL, until, loaded)))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        before = cpu_seconds(server.pid)
        written, batches, upload = under_writes(url, args.seconds, args.upload_records)
        cpu = [b - a for a, b in zip(before, cpu_seconds(server.pid))]
        # Alone again, over the collection the upload grew (a control: its words are not the normal queries').
        after: list = []
        loop(url, NORMAL, time.monotonic() + args.seconds, after)
    finally:
        server.terminate()
        server.wait()
    p95 = lambda xs: sorted(xs)[max(0, round(0.95 * len(xs)) - 1)]  # noqa: E731
    alone_ms, loaded_ms = [x[1] for x in alone], [x[1] for x in loaded]
    worst = {}
    every_abusive = [x for client in abusive for x in client]
    for q, ms, status, message in every_abusive:
        key = label(q)
        worst[key] = max(worst.get(key, (0, "")), (ms, message or f"answered ({status})"))
    print(f"normal queries alone: {len(alone_ms)} in {args.seconds:.0f} s, p50 {statistics.median(alone_ms):.1f} ms, "
          f"p95 {p95(alone_ms):.1f} ms")
    print(f"normal queries under abuse: {len(loaded_ms)}, p50 {statistics.median(loaded_ms):.1f} ms, "
          f"p95 {p95(loaded_ms):.1f} ms ({p95(loaded_ms) / p95(alone_ms):.1f}× alone)")
    for q, (ms, message) in worst.items():
        print(f"  expensive {q!r}: slowest {ms:.0f} ms — {message[:90]}")
    written_ms = [x[1] for x in written]
    after_ms = [x[1] for x in after]
    print(f"normal queries during batches and a large upload: {len(written_ms)}, p50 "
          f"{statistics.median(written_ms):.1f} ms, p95 {p95(written_ms):.1f} ms "
          f"({p95(written_ms) / p95(alone_ms):.1f}× alone before it, "
          f"{p95(written_ms) / p95(after_ms):.1f}× after it)")
    print(f"normal queries alone after it (the collection grown by the upload): {len(after_ms)}, p50 "
          f"{statistics.median(after_ms):.1f} ms, p95 {p95(after_ms):.1f} ms")
    print(f"  batches of 100 fuzzy lines: {len(batches)} answered "
          f"{sorted({status for _, status, _ in batches})}, slowest {max(ms for ms, _, _ in batches):.0f} ms, "
          f"lines not run {sum(n for _, _, n in batches)}")
    print(f"  CPU seconds meanwhile: {cpu[0]:.1f} in the server's interpreter, {cpu[1]:.1f} in its worker processes")
    print(f"  upload of {args.upload_records} records ({upload[0][2] / 1e6:.1f} MB): {upload[0][1]} in "
          f"{upload[0][0] / 1000:.1f} s, its entities written after {upload[0][3] / 1000:.1f} s")
    normal_ok = all(x[2] == 200 for x in alone + loaded + after)
    refused = {label(q) for q in EXPENSIVE_ARGS}
    checks = {
        "every normal query answered 200": normal_ok,
        "every expensive query answered 200 (filter floods: 400), never a 5xx":
            all(status == (400 if label(q) in refused else 200) for q, _, status, _ in every_abusive),
        "expensive queries answer within the time limit + 0.5 s": all(ms < 1500 for ms, _ in worst.values()),
        # On a quiet machine p95 alone is some 30 ms: a ratio against it is mostly noise, so 50 ms more also passes.
        "normal p95 within 2x of alone (or 50 ms more)": p95(loaded_ms) <= max(2 * p95(alone_ms), p95(alone_ms) + 50),
        "normal queries during batches and an upload answered 200": all(x[2] == 200 for x in written),
        "batches answered 200 or 503 (one at a time), the upload 201":
            all(status in (200, 503) for _, status, _ in batches) and upload[0][1] == 201,
        # Issue 28's target: batches, large uploads and their entity pass run in worker processes
        # (SLEUTH_WORKER_PROCESSES); against alone before it (after it is a control: the upload's words are not
        # the queries'), and no floor: alone p95 was 82-112 ms in the runs of RELIABILITY.md row 65.
        "normal p95 during batches and a large upload (until its entities are written) within 2x of alone":
            p95(written_ms) <= 2 * p95(alone_ms),
    }
    for name, ok in checks.items():
        print(("ok    " if ok else "FAIL  ") + name)
    print(f"{sum(checks.values())} passed, {len(checks) - sum(checks.values())} failed")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
