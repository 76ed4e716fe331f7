"""Behaviour check for refactors: the `sleuth search --json` output of ~300 queries over one index, saved and compared.

    python tests/perf/same_json.py build  INDEX_DIR ../shared/data/wiki-vital-summaries.jsonl --docs 1500
    python tests/perf/same_json.py save   INDEX_DIR before.json      # with the old code
    python tests/perf/same_json.py save   INDEX_DIR after.json       # with the new code, on a copy of the same index
    python tests/perf/same_json.py compare before.json after.json

Queries mix words, pairs, phrases, fields, fuzzy, wildcards, facets, exclusions, dates and pages; timing is dropped.
Not collected by pytest (tests/perf is excluded).
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
from pathlib import Path

from indexer.cli.commands import main as sleuth_main


def build(index_dir: Path, jsonl: Path, docs: int) -> None:
    """Index the first `docs` summaries into index_dir."""
    subset = index_dir.parent / f"{index_dir.name}-summaries.jsonl"
    with jsonl.open(encoding="utf-8") as src:
        subset.write_text("".join(line for _, line in zip(range(docs), src)), encoding="utf-8")
    code = sleuth_main(["--index-dir", str(index_dir), "index", str(subset), "--json"])
    print("index exit", code, file=sys.stderr)


def cli(args: list[str]) -> tuple[int, str]:
    """Run the sleuth CLI in-process; its exit code and stdout."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        try:
            code = sleuth_main(args)
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue()


def queries(index_dir: Path, n: int = 300, seed: int = 11) -> list[list[str]]:
    """Search argument lists built from the index's own titles and entities."""
    rng = random.Random(seed)
    _, text = cli(["--index-dir", str(index_dir), "entities", "--json"])
    ents = json.loads(text)
    subset = next(index_dir.parent.glob("*-summaries.jsonl"))  # written by `build` beside the index
    recs = [json.loads(line) for line in subset.open(encoding="utf-8")]
    words = sorted({w for r in recs for w in r["title"].split() if w.isalpha() and len(w) >= 5})
    bodies = [r["text"].split() for r in recs]
    values = {k: [e["value"] for e in v[:60]] for k, v in ents.items() if isinstance(v, list) and v}
    kinds = sorted(values)

    def phrase() -> str:
        text = rng.choice(bodies)
        i = rng.randrange(max(1, len(text) - 2))
        return " ".join(w.strip(".,;:()\"'") for w in text[i:i + 2])

    makers = [
        lambda: [rng.choice(words)],
        lambda: [f"{rng.choice(words)} {rng.choice(words)}"],
        lambda: [f'"{phrase()}"'],
        lambda: [f"title:{rng.choice(words)}"],
        lambda: [f"{rng.choice(words).lower()[:-1]}~"],
        lambda: [f"{rng.choice(words)[:4].lower()}*"],
        lambda: [f"{rng.choice(words)} OR {rng.choice(words)}"],
        lambda: [f"{rng.choice(words)} -{rng.choice(words)}"],
        lambda: [rng.choice(words), "--filter", f"{(k := rng.choice(kinds))}={rng.choice(values[k])}"],
        lambda: ["", "--filter", f"{(k := rng.choice(kinds))}={rng.choice(values[k])}"],
        lambda: [rng.choice(words), "--exclude", f"{(k := rng.choice(kinds))}={rng.choice(values[k])}"],
        lambda: [rng.choice(words), "--from", str(y := rng.randrange(1500, 1990, 10)), "--to", str(y + 30)],
        lambda: ["", "--from", f"{rng.randrange(1800, 1950)}-0{rng.randrange(1, 9)}"],
        lambda: [rng.choice(words), "--page", "2", "--limit", "5"],
        lambda: [f"who was {rng.choice(recs)['title']}"],
        lambda: [rng.choice(["", "((", "title:", "*", "a" * 300, '"unclosed', "x~9", "[1 TO"])],
        lambda: [rng.choice(words), "--limit", str(rng.choice([0, 1, 50, 1000]))],
        lambda: [rng.choice(words), "--from", rng.choice(["banana", "2020-13", "1999-02-30"])],
    ]
    return [rng.choice(makers)() for _ in range(n)]


def save(index_dir: Path, out: Path) -> None:
    """Run every query and save its exit code and JSON (without timings)."""
    saved = []
    for args in queries(index_dir):
        code, text = cli(["--index-dir", str(index_dir), "search", "--json", *args])
        try:
            data = json.loads(text)
            data.pop("took_ms", None)
        except ValueError:
            data = text
        saved.append({"args": args, "exit": code, "json": data})
    out.write_text(json.dumps(saved, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(saved)} queries, {sum(bool(isinstance(s['json'], dict) and s['json'].get('results')) for s in saved)}"
          " with hits", file=sys.stderr)


def compare(before: Path, after: Path) -> int:
    """Count queries whose output differs; print the first few."""
    a, b = json.loads(before.read_text()), json.loads(after.read_text())
    diff = [(x, y) for x, y in zip(a, b) if x != y]
    for x, y in diff[:5]:
        print("DIFF", x["args"], "\n before:", json.dumps(x)[:400], "\n after: ", json.dumps(y)[:400])
    print(f"{len(a)} queries before, {len(b)} after, {len(diff)} differ")
    return 1 if diff or len(a) != len(b) else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=("build", "save", "compare"))
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("--docs", type=int, default=1500)
    o = ap.parse_args()
    if o.cmd == "build":
        build(o.a, o.b, o.docs)
    elif o.cmd == "save":
        save(o.a, o.b)
    else:
        sys.exit(compare(o.a, o.b))
