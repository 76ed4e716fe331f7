"""Uploads while `sleuth index --rebuild` runs in another process, against `sleuth serve` on loopback (issue 28
item 12).

    python tests/stress/rebuild_upload.py [--docs 800] [--gap 0.3] [--clients 3]

A collection of `--docs` documents is indexed, served, and rebuilt while `--clients` clients each post an upload
every `--gap` seconds (after the answer) and another searches. Every upload must be acknowledged (201) or told why
it is refused (503: the rebuild, or both upload slots taken by uploads waiting for it), never a 500; every
acknowledged upload must be searchable and listed after the rebuild; every search must answer 200. Bounded in time
(the rebuild is given 150 s), loopback only.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.stress._server import corpus, multipart, p95, report, request, start, stop  # noqa: E402

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=800)
    ap.add_argument("--gap", type=float, default=0.3)
    ap.add_argument("--clients", type=int, default=3, help="clients posting uploads at once")
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="sleuth-rebuild-"))
    data = work / "index"
    env = dict(os.environ, SLEUTH_INDEX_DIR=str(data), SLEUTH_WRITER_TIMEOUT="120")
    source = corpus(work / "c.jsonl", args.docs)
    subprocess.run([sys.executable, "-m", "indexer", "index", str(source)], env=env, check=True,
                   capture_output=True, timeout=600)
    server, url = start(data, SLEUTH_WRITER_TIMEOUT="120")
    uploads: list[tuple[int, int, float, bool, str]] = []
    searches: list[tuple[float, int]] = []
    try:
        began = time.monotonic()
        rebuild = subprocess.Popen([sys.executable, "-m", "indexer", "index", "--rebuild", str(source)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        stop_searching = threading.Event()

        def search() -> None:
            while not stop_searching.is_set():
                ms, status, _ = request(url + "/api/search?q=history", timeout=120)
                searches.append((ms, status))
                time.sleep(0.1)

        searcher = threading.Thread(target=search)
        searcher.start()
        def post(client: int) -> None:
            n = 0
            while (rebuild.poll() is None or n < 2) and time.monotonic() - began < 150:
                i = client * 1000 + n
                during = (data / ".rebuild").exists()
                body, headers = multipart([(f"note{i}.txt", f"Note {i}: the word rebuildword{i} is here.".encode())])
                ms, status, answer = request(url + "/api/documents", body, headers, timeout=200)
                uploads.append((i, status, ms, during, answer.get("error", "")))
                n += 1
                time.sleep(args.gap)

        posting = [threading.Thread(target=post, args=(c,)) for c in range(args.clients)]
        for t in posting:
            t.start()
        for t in posting:
            t.join()
        _, err = rebuild.communicate(timeout=60)
        rebuilt_in = time.monotonic() - began
        stop_searching.set()
        searcher.join()
        kept = [n for n, status, *_ in uploads if status == 201]
        found = [n for n in kept if request(f"{url}/api/search?q=rebuildword{n}")[2].get("total") == 1
                 and request(f"{url}/api/documents/{quote(f'upload/note{n}.txt')}")[1] == 200]
        listed = request(url + "/api/search?q=history")[2].get("total", 0)
    finally:
        stop(server)
    during = [u for u in uploads if u[3]]
    print(f"rebuild of {args.docs} documents: {rebuilt_in:.0f} s, exit {rebuild.returncode}")
    print(f"uploads: {len(uploads)} ({len(during)} while the new index was written); "
          f"statuses {sorted({u[1] for u in uploads})}; slowest {max(u[2] for u in uploads) / 1000:.1f} s; "
          f"acknowledged {len(kept)}, found after {len(found)}")
    print(f"searches meanwhile: {len(searches)}, statuses {sorted({s[1] for s in searches})}, "
          f"p95 {p95([s[0] for s in searches]):.0f} ms; 'history' finds {listed} passages after")
    refusals = sorted({f"{status}: {error[:100]}" for _, status, _, _, error in uploads if status != 201})
    for line in refusals:
        print(f"  refused ({sum(1 for u in uploads if u[1] != 201 and line.endswith(u[4][:100]))}×) {line}")
    return report({
        "the rebuild finished": rebuild.returncode == 0,
        "uploads were posted while the new index was written": bool(during),
        "every upload answered 201, or 503 saying why (the rebuild, or both upload slots busy), never a 500":
            all(s == 201 or (s == 503 and ("rebuild" in e or "Other uploads" in e)) for _, s, _, _, e in uploads),
        "uploads posted while the new index was written were acknowledged": any(
            u[3] and u[1] == 201 for u in uploads),
        "every acknowledged upload is searchable and has its page after the rebuild": found == kept,
        "every search answered 200 meanwhile": all(s == 200 for _, s in searches),
    })


if __name__ == "__main__":
    sys.exit(main())
