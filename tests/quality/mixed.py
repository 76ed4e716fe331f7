"""Mixed ranking quality: title, description, acronym and question queries, Sleuth beside SQLite FTS5, in one run.

    python tests/quality/mixed.py [--index-dir DIR]

Every query goes through the Flask app's `/api/search` on the index `relevance.py` builds (or reuses) from the 10k
wiki summaries, and through SQLite FTS5 (porter, bm25 with the title weighing TITLE_WEIGHT) over the same documents.
A query scores 1/rank of its expected article among the first 10 distinct documents. Four kinds, all derived from
the collection by the written rules below (nothing picked by hand):

- title: every title whose folded name (disambiguation cut) no other title shares; the query is that name.
- dev: the dev known-item descriptions (`../shared/eval/known-item-dev.jsonl`).
- acronym: "Long Name (LN)" in a text, the capitals of the long name's words spelling the acronym, and an article
  titled by the long name; the query is the acronym, the long name's article expected (success: in the top 3).
  An acronym defined with two long names is left out. Also counted: the acronym queries with no result at all, plus
  the fixed probes US, IT, C++, WHO.
- question: an article whose first sentence says "<name> (...) was/is a/an/the <predicate>", the name holding every
  word of the title: a person (a title of two words or more, one of the predicate's first five words in PEOPLE)
  gives "who was the <predicate>"; a place (one of the predicate's first four words in PLACES, and a capitalised
  word in it) "where is the <predicate>"; an event (in EVENTS) "when was the <predicate>". The predicate stops at the first
  comma, semicolon, colon, bracket or full stop, at most 12 words.

Each kind is split into two halves by a seeded hash of its query (`--seed`), so that a setting chosen on one half is
checked on the other. `--sample N` scores N queries (drawn by a seeded hash) of each kind that has more.
`--set STATEMENT` tries a ranking setting, as in relevance.py. Not collected by pytest.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import re
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import relevance  # noqa: E402

from indexer.folding import fold  # noqa: E402
from web import create_app  # noqa: E402

TITLE_WEIGHT = 5.0  # FTS5's bm25 weight of the title column (text 1)
PROBES = ("US", "IT", "C++", "WHO")
PLACES = frozenset("city town village country state province region island islands river lake sea ocean mountain "
                   "mountains capital continent peninsula desert valley metropolis municipality county "
                   "territory archipelago".split())
PEOPLE = frozenset("philosopher physician physicist chemist mathematician astronomer biologist economist scientist "
                   "inventor engineer explorer composer pianist conductor singer songwriter musician painter sculptor "
                   "architect poet novelist writer playwright dramatist author journalist actor actress director "
                   "politician statesman lawyer general admiral emperor empress king queen pharaoh sultan pope saint "
                   "theologian priest monk prophet ruler leader revolutionary activist businessman "
                   "historian sociologist psychologist linguist anthropologist geographer".split())
EVENTS = frozenset("war battle revolution siege treaty uprising rebellion revolt coup massacre election "
                   "conference crisis invasion campaign disaster earthquake pandemic epidemic".split())
_DISAMBIGUATION = re.compile(r"\s*\([^()]*\)\s*$")
_ACRONYM = re.compile(r"((?:[A-Z][\w’'-]*[ -](?:(?:of|for|and|the|on|in|de|du|des|la|le|et|&)[ -])*){1,8})"
                      r"\((?:the )?([A-Z][A-Za-z&.+]{1,8})\)")
_LEAD = re.compile(r"^(?:The )?(?P<name>[^(,.]+?)\s*(?:\((?P<par>.*?)\))?,?\s+(?:was|is)\s+(?:an?|the)\s+"
                   r"(?P<pred>.+)")
_PRED_END = re.compile(r"[,;:()\[]|\.\s|\.$")


def name_of(title: str) -> str:
    """The title without its disambiguation: 'Viola (plant)' → 'Viola'."""
    return _DISAMBIGUATION.sub("", title) or title


def titles(docs: list[dict]) -> list[dict]:
    """Every unambiguous title as a query, its article expected."""
    counts = Counter(fold(name_of(d["title"])) for d in docs)
    return [{"query": name_of(d["title"]), "id": d["id"]} for d in docs if counts[fold(name_of(d["title"]))] == 1]


def _initials(long: str) -> str:
    return "".join(w[0] for w in re.split(r"[ -]+", long.strip()) if w[:1].isupper())


def acronyms(docs: list[dict]) -> list[dict]:
    """Acronyms defined in a text whose long name is an article's title (see the module's rules)."""
    by_name = defaultdict(set)
    for d in docs:
        by_name[fold(name_of(d["title"]))].add(d["id"])
    found: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        for m in _ACRONYM.finditer(d["text"]):
            short = m.group(2).replace(".", "")
            words = m.group(1).split()
            for start in range(len(words)):  # the shortest tail of capitalised words spelling the acronym
                long = " ".join(words[start:])
                if _initials(long).upper() == short.upper() and len(by_name.get(fold(long), ())) == 1:
                    found[m.group(2)].add(next(iter(by_name[fold(long)])))
                    break
    return [{"query": a, "id": next(iter(ids))} for a, ids in sorted(found.items()) if len(ids) == 1]


def questions(docs: list[dict]) -> list[dict]:
    """Who/where/when questions from first sentences (see the module's rules)."""
    out = []
    for d in docs:
        m = _LEAD.match(d["text"])
        if not m or not set(fold(name_of(d["title"])).split()) <= set(fold(m.group("name")).split()):
            continue
        pred = " ".join(_PRED_END.split(m.group("pred"))[0].split()[:12])
        first = re.findall(r"[a-z]+", pred)
        if d["title"].count(" ") >= 1 and any(w in PEOPLE for w in first[:5]):
            out.append({"query": f"who was the {pred}", "id": d["id"], "ask": "who"})
        elif first and any(w in PLACES for w in first[:4]) and re.search(r"\b[A-Z]", pred):
            out.append({"query": f"where is the {pred}", "id": d["id"], "ask": "where"})
        elif first and any(w in EVENTS for w in first[:4]):
            out.append({"query": f"when was the {pred}", "id": d["id"], "ask": "when"})
    return out


def half(query: str, seed: int) -> str:
    """'A' or 'B', by a seeded hash of the query."""
    return "AB"[hashlib.sha1(f"{seed}:{query}".encode()).digest()[0] % 2]


def fts_db(docs: list[dict]) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE p USING fts5(id UNINDEXED, title, text, "
               "tokenize='porter unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO p VALUES (?,?,?)", [(d["id"], d["title"], d["text"]) for d in docs])
    return db


def fts_docs(db: sqlite3.Connection, query: str) -> list[str]:
    words = re.findall(r"\w+", query)
    if not words:
        return []
    match = " OR ".join(f'"{w}"' for w in words)
    rows = db.execute(f"SELECT id FROM p WHERE p MATCH ? ORDER BY bm25(p, {TITLE_WEIGHT}, 1.0) LIMIT 10", [match])
    return [r[0] for r in rows]


def sleuth_docs(client, query: str) -> tuple[list[str], int, str]:
    resp = client.get("/api/search", query_string={"q": query, "per_page": relevance.PER_PAGE})
    body = resp.get_json()
    docs: list[str] = []
    for hit in body.get("results") or []:
        if hit["doc_id"] not in docs:
            docs.append(hit["doc_id"])
    return docs[:relevance.DEPTH], body.get("total") or 0, body.get("message") or ""


def score(ranks: list[int], top: int) -> dict:
    n = len(ranks) or 1
    return {"n": len(ranks), "s1": sum(r == 1 for r in ranks) / n, "top": sum(0 < r <= top for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r) / n}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=relevance.SHARED / "data" / "wiki-vital-summaries.jsonl")
    ap.add_argument("--queries", type=Path, default=relevance.SHARED / "eval" / "known-item-dev.jsonl")
    ap.add_argument("--index-dir", type=Path, default=Path(tempfile.gettempdir()) / "sleuth-relevance",
                    help="the index relevance.py builds or reuses (built here if missing or of another schema)")
    ap.add_argument("--no-entities", action="store_true", help="as in relevance.py (fast iteration only)")
    ap.add_argument("--kinds", default="title,dev,acronym,question")
    ap.add_argument("--sample", type=int, default=0, help="score this many queries of each kind (0: all)")
    ap.add_argument("--seed", type=int, default=26)
    ap.add_argument("--misses", action="store_true", help="list Sleuth's misses")
    ap.add_argument("--set", action="append", default=[], metavar="STATEMENT")
    ap.add_argument("--time-limit", type=float, default=None)
    args = ap.parse_args(argv)
    from indexer.backend.whoosh import natural as _natural, query as _query, rerank as _rerank
    names = {"_natural": _natural, "_query": _query, "_rerank": _rerank}
    for statement in args.set:
        exec(statement, names)  # noqa: S102 - a developer's knob
    docs = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    settings = relevance.ensure_index(args.index_dir, args.data, False, not args.no_entities)
    if args.time_limit:
        settings = dataclasses.replace(settings, search_time_limit=args.time_limit)
    dev = [json.loads(line) for line in args.queries.open(encoding="utf-8") if line.strip()]
    kinds = {"title": titles(docs), "dev": dev, "acronym": acronyms(docs), "question": questions(docs)}
    client = create_app(settings).test_client()
    db = fts_db(docs)
    client.get("/api/search", query_string={"q": "warm up"})
    print(f"{'kind':<9} {'half':<4} {'n':>5}  {'Sleuth s@1':>10} {'top3':>6} {'MRR@10':>7}   "
          f"{'FTS5 s@1':>8} {'top3':>6} {'MRR@10':>7}")
    for kind in args.kinds.split(","):
        items = kinds[kind]
        if args.sample:
            items = sorted(items, key=lambda q: hashlib.sha1(f"{args.seed}s{q['query']}".encode()).digest())
            items = items[:args.sample]
        ranks: dict[str, dict[str, list[int]]] = {"A": {"s": [], "f": []}, "B": {"s": [], "f": []}}
        empty, times = [], []
        for item in items:
            started = time.perf_counter()
            got, total, message = sleuth_docs(client, item["query"])
            times.append((time.perf_counter() - started) * 1000)
            rank = got.index(item["id"]) + 1 if item["id"] in got else 0
            f = fts_docs(db, item["query"])
            ranks[half(item["query"], args.seed)]["s"].append(rank)
            ranks[half(item["query"], args.seed)]["f"].append(f.index(item["id"]) + 1 if item["id"] in f else 0)
            if not total:
                empty.append(item["query"])
            if args.misses and rank != 1:
                print(f"  {kind} rank {rank or '-':>2} {item['query']!r} → {item['id']}, got {got[:3]} {message}")
        for h in ("A", "B", "all"):
            s = ranks["A"]["s"] + ranks["B"]["s"] if h == "all" else ranks[h]["s"]
            f = ranks["A"]["f"] + ranks["B"]["f"] if h == "all" else ranks[h]["f"]
            a, b = score(s, 3), score(f, 3)
            print(f"{kind:<9} {h:<4} {a['n']:>5}  {a['s1']:>10.3f} {a['top']:>6.3f} {a['mrr']:>7.4f}   "
                  f"{b['s1']:>8.3f} {b['top']:>6.3f} {b['mrr']:>7.4f}")
        print(f"{kind:<9} latency p50 {relevance.pct(times, 50):.0f} ms, p95 {relevance.pct(times, 95):.0f} ms; "
              f"{len(empty)} with no result{': ' + ', '.join(map(repr, empty[:10])) if empty else ''}", flush=True)
    if "acronym" in args.kinds:
        zero = [p for p in PROBES if not sleuth_docs(client, p)[1]]
        print(f"probes {', '.join(PROBES)}: {len(zero)} with no result {zero or ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
