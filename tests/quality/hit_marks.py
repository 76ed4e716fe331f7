"""Marks that are not matches of the query: how many of the marks on page 1 mark something the user did not ask for.

    python tests/quality/hit_marks.py --index-dir COPY_OF_THE_10K_WIKI_INDEX [--show 15]

Sends every known-item dev query (`../shared/eval/known-item-dev.jsonl`) and the issue's examples (quoted phrases,
stems) through the Flask app's `/api/search` (page 1, 10 passages, the code path a user's search takes) and judges
each mark of each snippet by a rule that does not use the index's analyser:

- a word of a quoted phrase (not also typed alone) is a match only inside an occurrence of the phrase in the
  snippet (its words in order, with inflected endings, stop words between them allowed, as the index skips them);
- any other marked word is a match when, lower-cased and without accents, it is a word of the query up to an
  inflectional ending (-s, -es, -ies, -ed, -d, -ing, -'s), or has an ending the rule does not know but the same
  first letters as a query word up to that word's last two (assassinat-ed / assassinat-ion): "derived".

Everything else ("related" for "relativity", a word pseudo-relevance feedback added to a what/which question, a
variant such as "dramatic" for "drama") is counted as not a match of the query; the most frequent are listed. Also
prints the search latency p50/p95 of the run (the marking is part of each search). Run it on the code before and
after a change against the same index copy. Not collected by pytest.
"""
from __future__ import annotations

import argparse
import collections
import html
import json
import re
import statistics
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from indexer import Settings  # noqa: E402
from tests.quality.relevance import pct  # noqa: E402
from web import create_app  # noqa: E402

SHARED = ROOT.parent / "shared"
EXAMPLES = ['"Roman Empire"', '"ice axe"', '"World War II"', '"French Revolution"', '"silk road"', "relativity",
            "theory of relativity", "assassinated", "Coyoacan", '"Holy Roman Empire"', "general relativity"]
_MARK = re.compile(r'<mark class="hit">(.*?)</mark>', re.S)
_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"\w+")
_ENDINGS = ("'s", "’s", "ies", "es", "s", "ed", "d", "ing")
_STOP = r"(?:the|of|a|an|and|in|to|on|for|at|by|is|it|as|or|with)"


def fold(text: str) -> str:
    """Lower case without accents, one character for one (so that places in the text stay where they were)."""
    return "".join((unicodedata.normalize("NFKD", c)[:1] or c) for c in text.lower())


def _text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def base(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)] + ("y" if ending == "ies" else "")
    return word


def same_word(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return a == b or base(a) == base(b) or base(a) == b or a == base(b) or \
        base(a).rstrip("e") == base(b).rstrip("e")


def derived(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    stem = base(b)[:-2] if len(base(b)) >= 7 else None
    return bool(stem) and a.startswith(stem)


def phrase_pattern(phrase: str) -> re.Pattern:
    words = [re.escape(base(fold(w))) + r"\w*" for w in _WORD.findall(phrase)]
    return re.compile(r"\b" + (r"\W+(?:" + _STOP + r"\W+)*").join(words) + r"\b", re.I)


def judge(query: str, snippet: str) -> collections.Counter:
    """Counts of a snippet's marks: `match`, `derived`, `lone` (a phrase's word outside the phrase), `other`."""
    phrases = [p for p in _PHRASE.findall(query) if len(_WORD.findall(p)) > 1]
    loose = _WORD.findall(_PHRASE.sub(" ", query)) + [w for p in _PHRASE.findall(query)
                                                      if len(_WORD.findall(p)) == 1 for w in _WORD.findall(p)]
    phrase_words = [w for p in phrases for w in _WORD.findall(p)]
    plain, spans, pos = [], [], 0
    for m in _MARK.finditer(snippet):  # the snippet's text with each mark's place in it
        plain.append(_text(snippet[pos:m.start()]))
        start = sum(map(len, plain))
        word = _text(m.group(1))
        plain.append(word)
        spans.append((start, start + len(word), word))
        pos = m.end()
    plain.append(_text(snippet[pos:]))
    text = fold("".join(plain))
    inside = [(m.start(), m.end()) for p in phrases for m in phrase_pattern(fold(p)).finditer(text)]
    out: collections.Counter = collections.Counter()
    for s, e, word in spans:
        if any(same_word(word, w) for w in loose):
            out["match"] += 1
        elif any(same_word(word, w) for w in phrase_words):
            out["match" if any(lo <= s and e <= hi for lo, hi in inside) else "lone"] += 1
        elif any(derived(word, w) for w in loose + phrase_words):
            out["derived"] += 1
        else:
            out["other"] += 1
            out["word:" + fold(word)] += 1
    return out


def run(index_dir: Path, queries: list[str], show: int) -> None:
    client = create_app(Settings(index_dir=index_dir)).test_client()
    client.get("/api/search", query_string={"q": "warm up"})
    totals: collections.Counter = collections.Counter()
    examples: dict[str, collections.Counter] = {}
    times = []
    for i, query in enumerate(queries):
        started = time.perf_counter()
        body = client.get("/api/search", query_string={"q": query, "per_page": 10}).get_json()
        times.append((time.perf_counter() - started) * 1000)
        counts: collections.Counter = collections.Counter()
        for hit in body.get("results", []):
            counts += judge(query, hit["snippet"])
        totals += counts
        if i >= len(queries) - len(EXAMPLES):
            examples[query] = counts
    marks = sum(totals[k] for k in ("match", "derived", "lone", "other"))
    print(f"{len(queries)} queries, {marks} marks on page 1: {totals['match']} matches, {totals['derived']} "
          f"derived forms, {totals['lone']} lone words of a quoted phrase, {totals['other']} other words "
          f"(not matches: {totals['lone'] + totals['other']}, {100 * (totals['lone'] + totals['other']) / max(marks, 1):.1f}%)")
    print(f"latency p50 {statistics.median(times):.1f} ms, p95 {pct(times, 95):.1f} ms")
    for query, c in examples.items():
        print(f"  {query!r}: {c['match']} matches, {c['derived']} derived, {c['lone']} lone, {c['other']} other")
    common = [(k[5:], n) for k, n in totals.most_common() if k.startswith("word:")][:show]
    print("most frequent other words: " + ", ".join(f"{w} ({n})" for w, n in common))


def arguments(doc: str) -> argparse.ArgumentParser:
    """The options of a script over a copy of the 10k wiki index and the dev queries (this one, tests/perf/marking.py)."""
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--index-dir", type=Path, required=True, help="a copy of the 10k wiki index (it is opened)")
    ap.add_argument("--queries", type=Path, default=SHARED / "eval" / "known-item-dev.jsonl")
    return ap


def dev_queries(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["query"] for line in f if line.strip()]


def main() -> None:
    ap = arguments(__doc__)
    ap.add_argument("--show", type=int, default=15)
    args = ap.parse_args()
    run(args.index_dir, dev_queries(args.queries) + EXAMPLES, args.show)


if __name__ == "__main__":
    main()
