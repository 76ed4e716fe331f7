"""Sleuth's benchmark: indexing against raw spaCy, upload→searchable through the web API, cold start, and the
scaling curve (search against SQLite FTS5, size on disk and serving RSS at 10k, 50k and 200k passages).
Writes BENCHMARKS.md (every target with met or missed, and the raw JSON) and the curve into SCALING.md.

    python tests/perf/bench.py ../shared/data/wiki-vital-summaries.jsonl --runs 3 --out BENCHMARKS.md

Not collected by pytest (tests/perf is excluded). Both sides of each comparison run side by side in one process
run, so that ratios hold on a noisy machine. The replicated indexes are kept in --work and reused by later runs
while the schema matches (a 200k build takes over half an hour); with them a run takes ~15 min, without ~1 h.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from indexer import Settings, Sleuth
from indexer.entities import nlp as sleuth_nlp
from indexer.write import upkeep
from indexer.read.passages import split_passages
from indexer.read.pick import read_bytes

import report  # beside this script
import scaling



def pct(values: list[float], q: float) -> float:
    """The q-th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def body_texts(jsonl: Path) -> list[str]:
    """The passage texts the indexer sends to spaCy, read and split the way the indexer does."""
    docs = [d for d in read_bytes(jsonl.name, jsonl.read_bytes()) if not isinstance(d, Exception)]
    return [p.text for d in docs for p in split_passages(d) if p.kind == "body"]


# --- 1. indexing ---------------------------------------------------------------------------------------------
def bench_indexing(jsonl: Path, work: Path, runs: int) -> dict:
    """Raw spaCy NER and `index_paths` over the same passages, one after the other in each run.

    The target holds in every run, not the median: each run's ratio is its own pair's.
    """
    texts = body_texts(jsonl)
    settings = Settings(index_dir=work / "ix-10k")
    model = sleuth_nlp.load(settings.model)
    workers = sleuth_nlp.workers(len(texts), settings.n_process)
    raw, ours, build_s = [], [], 0.0
    for run in range(runs):
        started = time.perf_counter()
        for _ in model.pipe(texts, batch_size=settings.batch_size, n_process=workers):
            pass
        raw.append(len(texts) / (time.perf_counter() - started))
        shutil.rmtree(settings.index_dir, ignore_errors=True)
        started = time.perf_counter()
        report = Sleuth(settings).index_paths([jsonl])
        build_s = time.perf_counter() - started
        ours.append(report.passages / build_s)
        print(f"  indexing run {run + 1}: raw spaCy {raw[-1]:.0f} passages/s, sleuth index {ours[-1]:.0f}/s "
              f"({ours[-1] / raw[-1]:.0%})", flush=True)
    ratios = [o / r for o, r in zip(ours, raw)]
    return {"passages": len(texts), "n_process": workers, "raw_spacy_pps": statistics.median(raw),
            "sleuth_pps": statistics.median(ours), "ratio": statistics.median(ratios), "ratios": ratios,
            "raw_runs": raw, "sleuth_runs": ours, "build_s": build_s}


# --- 2. search -------------------------------------------------------------------------------------------------
def make_queries(jsonl: Path, sleuth: Sleuth, n: int, seed: int = 7) -> list[dict]:
    """Realistic queries: words, pairs, phrases, questions, a facet filter and a date range."""
    rng = random.Random(seed)
    recs = [json.loads(line) for line in jsonl.open(encoding="utf-8")]
    titles = [r["title"] for r in recs]
    words = sorted({w for t in titles for w in t.split() if w.isalpha() and len(w) >= 5})
    people = [v.value for v in sleuth.entities("person")["person"][:200]]
    out: list[dict] = []
    for _ in range(n // 4):
        out.append({"kind": "word", "q": rng.choice(words)})
    for _ in range(n // 5):
        out.append({"kind": "two words", "q": f"{rng.choice(words)} {rng.choice(words)}"})
    for _ in range(n // 8):
        text = rng.choice(recs)["text"].split()
        i = rng.randrange(max(1, len(text) - 2))
        phrase = " ".join(w.strip(".,;:()\"'") for w in text[i:i + 2])
        out.append({"kind": "phrase", "q": f'"{phrase}"'})
    for _ in range(n // 8):
        title = rng.choice(titles)
        out.append({"kind": "question", "q": rng.choice(["who was {}", "what is {}", "when did {} happen",
                                                          "where is {}"]).format(title)})
    for _ in range(n // 8):
        out.append({"kind": "facet", "q": rng.choice(words), "filters": {"person": [rng.choice(people)]}})
    while len(out) < n:
        start = rng.randrange(1500, 1990, 10)
        out.append({"kind": "date range", "q": rng.choice(words), "from": str(start), "to": str(start + 20)})
    return out


def time_sleuth(sleuth: Sleuth, queries: list[dict]) -> list[float]:
    for q in queries[:20]:  # warm the searcher and caches once, as a running server would be
        _sleuth_query(sleuth, q)
    times = []
    for q in queries:
        started = time.perf_counter()
        _sleuth_query(sleuth, q)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _sleuth_query(sleuth: Sleuth, q: dict):
    return sleuth.search(q["q"], filters=q.get("filters"), date_from=q.get("from"), date_to=q.get("to"), per_page=10)


def build_fts(sleuth: Sleuth, path: Path) -> sqlite3.Connection:
    """The same passages, entities and dates in SQLite FTS5."""
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE VIRTUAL TABLE p USING fts5(title, text, tokenize='porter unicode61 remove_diacritics 2');
        CREATE TABLE ents(pid INTEGER, facet TEXT, value TEXT);
        CREATE TABLE dates(pid INTEGER, day INTEGER);
    """)
    searcher, _ = sleuth.backend.index.searcher()
    rows, ents, dates = [], [], []
    for docnum, stored in searcher.reader().iter_docs():
        rows.append((docnum, stored.get("title", ""), stored.get("text", "")))
        for facet in ("person", "org", "place", "group", "event", "work", "year"):
            ents.extend((docnum, facet, v) for v in stored.get(facet) or [])
        for d in stored.get("dates") or []:
            first = d.split("/")[0]
            parts = (first + "-01-01").split("-")[:3] if len(first) == 4 else (first + "-01").split("-")[:3]
            try:
                dates.append((docnum, int(parts[0]) * 10000 + int(parts[1]) * 100 + int(parts[2])))
            except ValueError:
                pass
    db.executemany("INSERT INTO p(rowid, title, text) VALUES (?,?,?)", rows)
    db.executemany("INSERT INTO ents VALUES (?,?,?)", ents)
    db.executemany("INSERT INTO dates VALUES (?,?)", dates)
    db.executescript("CREATE INDEX ents_pid ON ents(pid); CREATE INDEX ents_fv ON ents(facet, value);"
                     "CREATE INDEX dates_day ON dates(day, pid); ANALYZE;")
    db.commit()
    return db


def _fts_match(q: dict) -> str:
    text = q["q"]
    if text.startswith('"'):
        return text
    words = ['"' + w.replace('"', "") + '"' for w in text.split() if w.strip('"')]
    # Questions use OR (FTS5's AND would return nothing for most); the rest AND, like Sleuth's first tier.
    return " OR ".join(words) if q["kind"] == "question" else " ".join(words)


def time_fts(db: sqlite3.Connection, queries: list[dict]) -> list[float]:
    times = []
    for q in queries:
        match = _fts_match(q)
        where, args = "p MATCH ?", [match]
        for facet, values in (q.get("filters") or {}).items():
            for v in values:
                where += " AND rowid IN (SELECT pid FROM ents WHERE facet = ? AND value = ?)"
                args += [facet, v]
        if q.get("from"):
            where += " AND rowid IN (SELECT pid FROM dates WHERE day BETWEEN ? AND ?)"
            args += [int(q["from"]) * 10000 + 101, int(q["to"]) * 10000 + 1231]
        started = time.perf_counter()
        try:
            db.execute(f"SELECT rowid, snippet(p, 1, '<mark>', '</mark>', '…', 24), bm25(p) FROM p "
                       f"WHERE {where} ORDER BY bm25(p) LIMIT 10", args).fetchall()
            db.execute(f"SELECT count(*) FROM p WHERE {where}", args).fetchone()
            rows = db.execute(f"SELECT e.facet, e.value, count(*) AS n FROM ents e WHERE e.pid IN "
                              f"(SELECT rowid FROM p WHERE {where}) GROUP BY e.facet, e.value", args).fetchall()
            by_facet: dict[str, list] = {}
            for facet, value, n in rows:
                by_facet.setdefault(facet, []).append((n, value))
            for values in by_facet.values():
                sorted(values, reverse=True)[:200]
        except sqlite3.OperationalError:
            pass  # a query FTS5's syntax rejects still costs its parse
        times.append((time.perf_counter() - started) * 1000)
    return times


def bench_search(sleuth: Sleuth, queries: list[dict], fts_path: Path) -> dict:
    db = build_fts(sleuth, fts_path)
    ours = time_sleuth(sleuth, queries)
    fts = time_fts(db, queries)
    db.close()
    return {"passages": sleuth.stats()["passages"], "sleuth_p50": statistics.median(ours),
            "sleuth_p95": pct(ours, 95), "fts_p50": statistics.median(fts), "fts_p95": pct(fts, 95)}


# --- 3. upload → searchable ---------------------------------------------------------------------------------
def bench_upload(index_dir: Path, jsonl: Path, n: int) -> dict:
    """POST a 5 KB document to the web API, then search its words: the time from sending to found.

    Through the real Flask app (its test client: no sockets), as a user's upload is. Between uploads the
    background upkeep (entities, facets, merges) is waited for, untimed: each upload meets a settled index.
    """
    from web import create_app

    app = create_app(Settings(index_dir=index_dir, secret_key="bench"))
    client, sleuth = app.test_client(), app.extensions["sleuth"]
    client.get("/api/search?q=warm")
    sleuth.canon()  # a server builds the canonical names once, at its first write
    sleuth_nlp.load(sleuth.settings.model)
    recs = [json.loads(line) for line in jsonl.open(encoding="utf-8")]
    times, settled = [], []
    for i in range(n):
        body = " ".join(r["text"] for r in recs[i * 7:(i + 1) * 7 + 20])[:5000]
        marker = f"benchmarkmarker{i}"
        data = f"Upload {i}\n\n{marker} {body}".encode()
        started = time.perf_counter()
        r = client.post("/api/documents", data={"file": [(io.BytesIO(data), f"bench-{i}.txt")]},
                        content_type="multipart/form-data")
        assert r.status_code == 201, r.get_json()
        assert client.get(f"/api/search?q={marker}").get_json()["total"] == 1
        times.append((time.perf_counter() - started) * 1000)
        assert sleuth.settle(120)
        settled.append(time.perf_counter() - started)
    sleuth.close()
    return {"uploads": n, "p50_ms": statistics.median(times), "p95_ms": pct(times, 95),
            "entities_p50_s": statistics.median(settled)}


# --- 4/5. serving: cold start and memory ----------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(index_dir: Path) -> tuple[subprocess.Popen, str, float]:
    port = _free_port()
    env = dict(os.environ, SLEUTH_INDEX_DIR=str(index_dir))
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "indexer", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            with urllib.request.urlopen(url + "/", timeout=30) as r:
                if r.status == 200:
                    return proc, url, time.perf_counter() - started
        except OSError:
            if proc.poll() is not None or time.perf_counter() - started > 120:
                raise RuntimeError("sleuth serve did not come up")
            time.sleep(0.02)


def bench_cold_start(index_dir: Path, runs: int) -> dict:
    times = []
    for _ in range(runs):
        proc, _, took = serve(index_dir)
        proc.terminate()
        proc.wait()
        times.append(took)
    return {"median_s": statistics.median(times), "runs": times}


def bench_memory(index_dir: Path, queries: list[dict]) -> dict:
    proc, url, _ = serve(index_dir)
    try:
        from urllib.parse import urlencode

        for q in queries[:60]:
            params = [("q", q["q"])] + [(f, v) for f, vs in (q.get("filters") or {}).items() for v in vs]
            if q.get("from"):
                params += [("from", q["from"]), ("to", q["to"])]
            urllib.request.urlopen(url + "/search?" + urlencode(params), timeout=60).read()
        rss = next(int(line.split()[1]) for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines()
                   if line.startswith("VmRSS"))
        return {"rss_mb": rss / 1024}
    finally:
        proc.terminate()
        proc.wait()


# --- 6. the scaling curve ------------------------------------------------------------------------------------
def curve_point(index_dir: Path, queries: list[dict], work: Path, build: dict) -> dict:
    """One point of the curve: search against FTS5, size on disk and serving RSS at this index's size."""
    sleuth = Sleuth(Settings(index_dir=index_dir))
    point = {**bench_search(sleuth, queries, work / f"fts-{index_dir.name}.sqlite"), **scaling.disk_mb(index_dir)}
    sleuth.close()
    point.update(bench_memory(index_dir, queries), build_s=build["build_s"], reused=build.get("reused", False),
                 built=build.get("date", ""), commit=build.get("commit", ""))
    return point


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--sizes", default="50000,200000",
                    help="passages of the replicated indexes beyond the corpus itself (comma-separated)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--uploads", type=int, default=30)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "sleuth-bench",
                    help="where indexes are built; replicated ones are kept and reused while the schema matches")
    ap.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    ap.add_argument("--scaling", type=Path, default=Path("SCALING.md"),
                    help="its figures between the bench:scaling markers are replaced with this run's")
    ap.add_argument("--skip-large", action="store_true", help="only the corpus itself, no replicated indexes")
    args = ap.parse_args(argv)
    began = time.perf_counter()
    args.work.mkdir(parents=True, exist_ok=True)
    res: dict = {"date": time.strftime("%Y-%m-%d"), "runs": args.runs, "upkeep_quiet_s": upkeep.QUIET,
                 "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"}

    def stage(title: str) -> None:
        print(f"[{(time.perf_counter() - began) / 60:5.1f} min] {title}", flush=True)

    stage("1. indexing: raw spaCy, then sleuth index, per run")
    res["indexing"] = bench_indexing(args.corpus, args.work, args.runs)
    small_dir = args.work / "ix-10k"
    queries = make_queries(args.corpus, Sleuth(Settings(index_dir=small_dir)), args.queries)
    res["query_mix"] = {k: sum(1 for q in queries if q["kind"] == k) for k in dict.fromkeys(q["kind"] for q in queries)}
    # Searching first: like any server's first start after `sleuth index`, it saves the facet arrays that the
    # next start (the cold start below) loads instead of reading the postings.
    stage(f"2. search, size and memory at {res['indexing']['passages']:,} passages")
    res["curve"] = [curve_point(small_dir, queries, args.work, {"build_s": res["indexing"]["build_s"]})]
    stage("3. upload → searchable")
    upload_dir = args.work / "ix-upload"
    shutil.rmtree(upload_dir, ignore_errors=True)
    shutil.copytree(small_dir, upload_dir)
    res["upload"] = bench_upload(upload_dir, args.corpus, args.uploads)
    stage("4. cold start")
    res["cold_start"] = bench_cold_start(small_dir, args.runs)
    sizes = [] if args.skip_large else [int(n) for n in args.sizes.split(",") if n.strip()]
    for n in sizes:
        stage(f"5. {n:,} passages: build (or reuse), search, size, memory")
        index_dir, build = scaling.build_or_reuse(args.corpus, args.work, n, res["indexing"]["passages"])
        res["curve"].append(curve_point(index_dir, queries, args.work, build))
    res["elapsed_s"] = time.perf_counter() - began
    command = "python tests/perf/bench.py " + " ".join(argv if argv is not None else sys.argv[1:])
    (args.work / "bench.json").write_text(json.dumps(res, indent=2))
    text = report.markdown(res, command)
    report.write_run(args.out, text + "\nRaw figures (JSON):\n\n```json\n" + json.dumps(res, indent=2) + "\n```\n")
    if report.update_block(args.scaling, report.curve_table(res)):
        print(f"updated the curve in {args.scaling}")
    print(text)
    print(f"The whole run took {(time.perf_counter() - began) / 60:.1f} min.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
