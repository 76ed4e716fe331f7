"""Score a judged gold draw (tests/quality/gold_draw.py) against the index it was drawn from.

    python -m tests.quality.gold_score --index-dir DIR --seed N [--gold tests/quality/gold]

Prints Markdown: strict (`right`) and lenient (`right` + `cut`) precision per type and stratum with n and a 95%
Wilson interval; the overall figure weights the top 100 (judged whole) and the bands of the rest by their sizes in
the index (a rest draw of any size, `gold_draw --rest K`: the score counts the rows drawn); a type with a drawn
value left unjudged is printed as not judged, never scored on part of its draw; recall of the person and place
names the judge listed in the drawn passages; dates: precision and recall on the judged mentions, and every
date-like mention of the index that is not read, by kind.
"""
from __future__ import annotations

import argparse
import math
import re
import unicodedata
from collections import Counter
from pathlib import Path

from tests.quality.gold_draw import BANDS, GOLD, TOP, TYPES, date_mentions, load, ranked, read_tsv, values_of

Z = 1.96


def wilson(k: int, n: int) -> tuple[float, float]:
    """The 95% Wilson score interval of k successes in n."""
    if n == 0:
        return (float("nan"), float("nan"))
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


def fmt(k: int, n: int) -> str:
    lo, hi = wilson(k, n)
    return f"{k / n:.2f} [{lo:.2f}–{hi:.2f}]" if n else "–"


def precision_table(rows: list[dict], judged: list[dict]) -> list[str]:
    """Per type: the top 100, the rest (weighted over its bands) and overall, strict and lenient."""
    lines = ["| type | values | top 100: n, strict, lenient | rest: n, strict, lenient | overall strict | "
             "overall lenient | top 100 verdicts (right/cut/type/junk) |", "|---|---|---|---|---|---|---|"]
    for kind in TYPES:
        values = values_of(rows, kind)
        rest = ranked(values)[TOP:]
        sizes = {(f"{lo}+" if lo == 3 else str(lo)): sum(lo <= len(values[v]) <= hi for v in rest) for lo, hi in BANDS}
        mine = [r for r in judged if r["type"] == kind]
        missing = [r["value"] for r in mine if r["verdict"] not in ("right", "cut", "type", "junk")]
        if missing:  # never a partial score: the type is reported as not judged
            lines.append(f"| {kind} | {len(values):,} | not judged: {len(missing)} of {len(mine)} drawn values "
                         f"without a verdict (e.g. {', '.join(missing[:3])}) | | | | |")
            continue
        top = [r["verdict"] for r in mine if r["stratum"] == "top"]
        cells, overall = [], []
        for ok in ({"right"}, {"right", "cut"}):
            k_top = sum(v in ok for v in top)
            p_rest, n_rest, lo_rest, hi_rest = _weighted(mine, sizes, ok)
            n_all = len(top) + sum(sizes.values())
            est = (k_top + p_rest * sum(sizes.values())) / n_all
            lo = (k_top + lo_rest * sum(sizes.values())) / n_all
            hi = (k_top + hi_rest * sum(sizes.values())) / n_all
            cells.append((fmt(k_top, len(top)), f"{p_rest:.2f} [{lo_rest:.2f}–{hi_rest:.2f}]" if n_rest else "–"))
            overall.append(f"**{est:.2f}** [{lo:.2f}–{hi:.2f}]")
        n_rest = sum(r["stratum"] == "rest" for r in mine)
        c = Counter(top)
        lines.append(f"| {kind} | {len(values):,} | {len(top)}, {cells[0][0]}, {cells[1][0]} | {n_rest}, "
                     f"{cells[0][1]}, {cells[1][1]} | {overall[0]} | {overall[1]} | "
                     f"{c['right']}/{c['cut']}/{c['type']}/{c['junk']} |")
    return lines


def _weighted(mine: list[dict], sizes: dict[str, int], ok: set) -> tuple[float, int, float, float]:
    """The rest's precision weighted by band sizes; its interval is Wilson's at the pooled sample size."""
    total = sum(sizes.values())
    drawn = [r for r in mine if r["stratum"] == "rest"]
    if not total or not drawn:
        return 0.0, 0, 0.0, 0.0
    p = 0.0
    for band, size in sizes.items():
        got = [r["verdict"] in ok for r in drawn if r["band"] == band]
        p += size / total * (sum(got) / len(got) if got else 0.0)
    k = round(p * len(drawn))
    lo, hi = wilson(k, len(drawn))
    return p, len(drawn), lo, hi


def _words(name: str) -> set[str]:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return set(re.findall(r"[a-z0-9]+", folded))


def recall_table(judged: list[dict]) -> tuple[list[str], dict[str, list[str]]]:
    """A listed name is found when every word of one of its spellings (`/`) is in one of the passage's values."""
    lines = ["| type | names listed | found | recall |", "|---|---|---|---|"]
    lost: dict[str, list[str]] = {}
    for kind in ("person", "place"):
        found, total, lost[kind] = 0, 0, []
        for r in judged:
            gold = [g for g in r[f"gold_{kind}"].split("|") if g and g != "-"]
            facet = [_words(v) for v in r[kind].split("|") if v]
            for g in gold:
                total += 1
                if any(_words(alt) <= f for alt in g.split("/") for f in facet):
                    found += 1
                else:
                    lost[kind].append(g.split("/")[0])
        lines.append(f"| {kind} | {total} | {found} | {fmt(found, total)} |")
    return lines, lost


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
KINDS = [
    ("BC (the index holds years 1–9999 only)", re.compile(r"\bBCE?\b|B\.C\.", re.I)),
    ("centuries", re.compile(r"centur|millenni", re.I)),
    ("ranges across days or months",
     re.compile(rf"(?:\d|{_MONTH}).*(?:\b(?:to|and|until|through)\b|[-–]).*{_MONTH}", re.I)),
    ("quantities, ages, durations",
     re.compile(r"years?|months?|weeks?|days?|\bage\b|\bold\b|\bago\b|\bhis\b|\bher\b", re.I)),
    ("decades", re.compile(r"\d0s\b")),
    ("other", re.compile("")),
]


def date_lines(rows: list[dict], judged: list[dict]) -> list[str]:
    """Precision and recall on the judged sample, and the unread date-like mentions of the index by kind."""
    v = Counter(r["verdict"] for r in judged)
    read = v["right"] + v["wrong"]
    lines = [f"Judged sample ({len(judged)} date-like mentions): precision {v['right']}/{read} = "
             f"{fmt(v['right'], read)}; recall {v['right']}/{read + v['missed']} = "
             f"{fmt(v['right'], read + v['missed'])} ({v['missed']} definite dates not read, {v['vague']} vague)."]
    mentions = date_mentions(rows)
    unread = [m["mention"] for m in mentions if m["read"] == "none"]
    by_kind: Counter = Counter()
    examples: dict[str, list[str]] = {}
    for text in unread:
        kind = next(k for k, rx in KINDS if rx.search(text))
        by_kind[kind] += 1
        examples.setdefault(kind, [])
        if len(examples[kind]) < 3 and text not in examples[kind]:
            examples[kind].append(text)
    lines.append(f"\nWhole index: {len(mentions):,} date-like mentions, {len(unread):,} not read:\n")
    lines += ["| kind | not read | e.g. |", "|---|---|---|"]
    lines += [f"| {k} | {by_kind[k]:,} | {'; '.join(examples[k])} |" for k, _ in KINDS if by_kind[k]]
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index-dir", type=Path, required=True)
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--pool", type=int, nargs="*", default=[],
                    help="earlier seeds of the same code whose rest values, recall passages and dates join this draw's")
    args = ap.parse_args()
    rows = load(args.index_dir)
    seeds = [args.seed, *args.pool]
    print(f"Seed {' + '.join(map(str, seeds))}, {len(rows):,} passages.\n")
    values = read_tsv(args.gold / f"values-{args.seed}.tsv")
    values += [r for s in args.pool for r in read_tsv(args.gold / f"values-{s}.tsv") if r["stratum"] == "rest"]
    print("\n".join(precision_table(rows, values)))
    lines, lost = recall_table([r for s in seeds for r in read_tsv(args.gold / f"recall-{s}.tsv")])
    print("\n" + "\n".join(lines))
    for kind, names in lost.items():
        print(f"\n{kind} not found ({len(names)}): {', '.join(names)}")
    dates = [r for s in seeds for r in read_tsv(args.gold / f"dates-{s}.tsv")]
    print("\n" + "\n".join(date_lines(rows, dates)))


if __name__ == "__main__":
    main()
