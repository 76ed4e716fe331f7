"""Sleuth's benchmark: indexing against raw spaCy, search against SQLite FTS5 at two sizes, upload→searchable,
cold start and memory. Writes JSON and a Markdown table (BENCHMARKS.md) with the command that produced them.

    python tests/perf/bench.py ../shared/data/wiki-vital-summaries.jsonl --out BENCHMARKS.md

Not collected by pytest (tests/perf is excluded). Every figure is a median of several runs, measured side by side
in one process run so that ratios hold on a noisy machine.
"""
from __future__ import annotations

import argparse
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
from indexer import nlp as sleuth_nlp
from indexer.passages import split_passages
from indexer.reading import read_bytes

TARGETS = {"index_ratio": 0.85, "p95_vs_fts_10k": 3.0, "p95_vs_fts_200k": 1.0, "upload_p50_ms": 100,
           "upload_p95_ms": 150, "cold_start_s": 2.0, "rss_mb": 400}


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
    texts = body_texts(jsonl)
    settings = Settings(index_dir=work / "ix-10k")
    model = sleuth_nlp.load(settings.model)
    workers = sleuth_nlp.workers(len(texts), settings.n_process)
    raw, ours = [], []
    for run in range(runs):
        started = time.perf_counter()
        for _ in model.pipe(texts, batch_size=settings.batch_size, n_process=workers):
            pass
        raw.append(len(texts) / (time.perf_counter() - started))
        shutil.rmtree(settings.index_dir, ignore_errors=True)
        started = time.perf_counter()
        report = Sleuth(settings).index_paths([jsonl])
        ours.append(report.passages / (time.perf_counter() - started))
        print(f"  indexing run {run + 1}: raw spaCy {raw[-1]:.0f} passages/s, sleuth index {ours[-1]:.0f}/s",
              flush=True)
    return {"passages": len(texts), "n_process": workers, "raw_spacy_pps": statistics.median(raw),
            "sleuth_pps": statistics.median(ours), "ratio": statistics.median(ours) / statistics.median(raw)}


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


def replicate(jsonl: Path, dest: Path, passages: int) -> Path:
    """The corpus copied with new ids until it holds at least `passages` passages."""
    recs = [json.loads(line) for line in jsonl.open(encoding="utf-8")]
    per_copy = len(body_texts(jsonl)) or 1
    copies = -(-passages // per_copy)
    with dest.open("w", encoding="utf-8") as fh:
        for c in range(copies):
            for r in recs:
                fh.write(json.dumps({**r, "id": f"{r['id']}~{c}"}, ensure_ascii=False) + "\n")
    return dest


def bench_search(sleuth: Sleuth, queries: list[dict], fts_path: Path) -> dict:
    db = build_fts(sleuth, fts_path)
    ours = time_sleuth(sleuth, queries)
    fts = time_fts(db, queries)
    db.close()
    return {"passages": sleuth.stats()["passages"], "sleuth_p50": statistics.median(ours),
            "sleuth_p95": pct(ours, 95), "fts_p50": statistics.median(fts), "fts_p95": pct(fts, 95)}


# --- 3. upload → searchable -----------------------------------------------------------------------------------
def bench_upload(index_dir: Path, jsonl: Path, n: int) -> dict:
    sleuth = Sleuth(Settings(index_dir=index_dir))
    sleuth.search("warm")
    sleuth_nlp.load(sleuth.settings.model)
    recs = [json.loads(line) for line in jsonl.open(encoding="utf-8")]
    times = []
    for i in range(n):
        body = " ".join(r["text"] for r in recs[i * 7:(i + 1) * 7 + 20])[:5000]
        marker = f"benchmarkmarker{i}"
        started = time.perf_counter()
        sleuth.index_uploads([(f"bench-{i}.txt", f"Upload {i}\n\n{marker} {body}".encode())])
        assert sleuth.search(marker).total == 1
        times.append((time.perf_counter() - started) * 1000)
    return {"uploads": n, "p50_ms": statistics.median(times), "p95_ms": pct(times, 95)}


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


# --- report ---------------------------------------------------------------------------------------------------
def markdown(res: dict, command: str) -> str:
    ix, s10, s200 = res["indexing"], res["search_10k"], res.get("search_200k")
    up, cold, mem = res["upload"], res["cold_start"], res.get("memory")

    def ok(good: bool) -> str:
        return "met" if good else "**missed**"

    lines = [
        "# Benchmarks", "",
        f"Produced by `{command}` on {res['machine']} ({res['date']}). Medians of {res['runs']} runs where "
        "repeated; both sides of each comparison ran in the same process run.", "",
        "| what | Sleuth | reference | target | result |", "|---|---|---|---|---|",
        f"| indexing throughput, {ix['passages']:,} passages (n_process={ix['n_process']}) | "
        f"{ix['sleuth_pps']:.0f} passages/s end to end | raw spaCy {ix['raw_spacy_pps']:.0f} passages/s | "
        f"≥ 85% of raw spaCy | {ix['ratio']:.0%}: {ok(ix['ratio'] >= TARGETS['index_ratio'])} |",
        f"| search at {s10['passages']:,} passages, p50 / p95 | {s10['sleuth_p50']:.1f} / {s10['sleuth_p95']:.1f} ms |"
        f" FTS5 {s10['fts_p50']:.1f} / {s10['fts_p95']:.1f} ms | p95 ≤ 3× FTS5 | "
        f"{s10['sleuth_p95'] / s10['fts_p95']:.1f}×: {ok(s10['sleuth_p95'] <= 3 * s10['fts_p95'])} |",
    ]
    if s200:
        lines.append(
            f"| search at {s200['passages']:,} passages, p50 / p95 | {s200['sleuth_p50']:.1f} / "
            f"{s200['sleuth_p95']:.1f} ms | FTS5 {s200['fts_p50']:.1f} / {s200['fts_p95']:.1f} ms | p95 ≤ FTS5 | "
            f"{s200['sleuth_p95'] / s200['fts_p95']:.1f}×: {ok(s200['sleuth_p95'] <= s200['fts_p95'])} |")
    lines += [
        f"| upload → searchable, 5 KB into the {s10['passages']:,}-passage index ({up['uploads']} uploads), p50 / p95 | "
        f"{up['p50_ms']:.0f} / {up['p95_ms']:.0f} ms | | ≤ 100 / ≤ 150 ms | "
        f"{ok(up['p50_ms'] <= 100)} / {ok(up['p95_ms'] <= 150)} |",
        f"| cold start: `sleuth serve` on the {s10['passages']:,}-passage index to the first 200 | {cold['median_s']:.2f} s | | ≤ 2 s | "
        f"{ok(cold['median_s'] <= 2)} |",
    ]
    if mem:
        lines.append(f"| RSS of the serving process at {s200['passages']:,} passages after 60 searches | "
                     f"{mem['rss_mb']:.0f} MB | | ≤ 400 MB | {ok(mem['rss_mb'] <= 400)} |")
    if s200:
        lines += ["", f"Growth from {s10['passages']:,} to {s200['passages']:,} passages: Sleuth p50 "
                  f"×{s200['sleuth_p50'] / s10['sleuth_p50']:.1f}, p95 ×{s200['sleuth_p95'] / s10['sleuth_p95']:.1f};"
                  f" FTS5 p50 ×{s200['fts_p50'] / s10['fts_p50']:.1f}, p95 ×{s200['fts_p95'] / s10['fts_p95']:.1f}."]
        if "build_200k_s" in res:
            lines.append(f"Building the {s200['passages']:,}-passage index took {res['build_200k_s']:.0f} s "
                         "(the corpus replicated with new ids; identical passages go through spaCy once)"
                         + (", measured when it was built by an earlier run in the same --work folder."
                            if res.get("build_200k_reused") else "."))
    lines += ["", "Queries: " + ", ".join(f"{n} {k}" for k, n in res["query_mix"].items()) +
              " — each returns the top 10 passages with highlighted snippets and every facet's counts over all "
              "hits (FTS5: `bm25()`, `snippet()`, `count(*)` and a `GROUP BY` over an entity table).", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--passages", type=int, default=200_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--uploads", type=int, default=30)
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "sleuth-bench")
    ap.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    ap.add_argument("--skip-large", action="store_true", help="skip the replicated (200k) index")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    res: dict = {"date": time.strftime("%Y-%m-%d"), "runs": args.runs,
                 "machine": f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"}
    print("1. indexing", flush=True)
    res["indexing"] = bench_indexing(args.corpus, args.work, args.runs)
    small = Sleuth(Settings(index_dir=args.work / "ix-10k"))
    queries = make_queries(args.corpus, small, args.queries)
    res["query_mix"] = {k: sum(1 for q in queries if q["kind"] == k) for k in dict.fromkeys(q["kind"] for q in queries)}
    print("2. search at 10k", flush=True)
    res["search_10k"] = bench_search(small, queries, args.work / "fts-10k.sqlite")
    print("3. upload → searchable", flush=True)
    upload_dir = args.work / "ix-upload"
    shutil.rmtree(upload_dir, ignore_errors=True)
    shutil.copytree(args.work / "ix-10k", upload_dir)
    res["upload"] = bench_upload(upload_dir, args.corpus, args.uploads)
    print("4. cold start", flush=True)
    res["cold_start"] = bench_cold_start(args.work / "ix-10k", args.runs)
    if not args.skip_large:
        print(f"5. search at {args.passages:,} passages", flush=True)
        big_dir = args.work / "ix-large"
        big_json = replicate(args.corpus, args.work / "large.jsonl", args.passages)
        if not (big_dir / "documents.sqlite").exists():
            started = time.perf_counter()
            Sleuth(Settings(index_dir=big_dir)).index_paths([big_json])
            res["build_200k_s"] = time.perf_counter() - started
        elif (args.work / "bench.json").exists():
            # The large index is reused from an earlier run in --work: report the build time measured then.
            earlier = json.loads((args.work / "bench.json").read_text()).get("build_200k_s")
            if earlier:
                res["build_200k_s"], res["build_200k_reused"] = earlier, True
        big = Sleuth(Settings(index_dir=big_dir))
        res["search_200k"] = bench_search(big, queries, args.work / "fts-large.sqlite")
        print("6. memory", flush=True)
        res["memory"] = bench_memory(big_dir, queries)
    command = "python tests/perf/bench.py " + " ".join(argv if argv is not None else sys.argv[1:])
    (args.work / "bench.json").write_text(json.dumps(res, indent=2))
    args.out.write_text(markdown(res, command) + "\nRaw figures (JSON):\n\n```json\n" + json.dumps(res, indent=2)
                        + "\n```\n")
    print(markdown(res, command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
