"""Draw an honest gold sample from an index as a user gets it, to be judged by hand before scoring (issue 25).

    python -m tests.quality.gold_draw --index-dir DIR --seed N [--rest 40] [--out tests/quality/gold]

DIR is a data folder built by the code under test (`tests/quality/relevance.py --index-dir DIR` builds the 10k wiki
index with entities on and the default model); it is only read. The facet values, their passages and the raw DATE
spans are the ones stored in the index, so nothing here re-implements an indexing rule. Writes, with the seed in
the file names:

- `values-N.tsv`: for person, org, place and work, EVERY value of the top 100 (by passages, as the sidebar counts)
  and a random draw of 40 from the rest (`--rest K` for K), stratified by passage count (1, 2, 3+), each with two
  of its passages.
  `verdict` is left empty for the judge: `right` (right type, whole name), `cut` (right type but cut short or
  several names merged), `type` (a name of another type), `junk` (not a name). A verdict already given in an earlier
  `values-*.tsv` for the same (type, value, passages) is copied, so only new values need judging.
- `recall-N.tsv`: 40 random passages with their person and place facet values; the judge lists every person and
  place name in the text (`gold_person`, `gold_place`, `|`-separated).
- `dates-N.tsv`: 100 random date-like mentions (the model's DATE spans holding a digit or a century word) with what
  they were read as; verdict `right` / `wrong` for a read one, `missed` (a definite date not read) or `vague` for
  the rest.

`--rest` sets the size of the rest's draw (default 40, as in rounds 3–7). The rest holds nearly all of a type's
values (some 5,500 of the 5,700 places), so it decides the overall figure, and with 40 its 95% interval spans some
±0.15: the rest's figure swung more between draws than any rule moved it. `--rest 100` narrows that to about ±0.09
at the price of judging 2.5 times as many values. The size changes only how many values the seed draws (and so
which ones); the file's format is the same, and `gold_score` counts what was drawn, so it needs no option.

Score with `python -m tests.quality.gold_score --index-dir DIR --seed N`.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
from collections import defaultdict
from pathlib import Path

from indexer.dates import normalise_date

GOLD = Path(__file__).parent / "gold"
TYPES = ("person", "org", "place", "work")
TOP, REST, RECALL, DATES = 100, 40, 40, 100
BANDS = ((1, 1), (2, 2), (3, 10**9))  # passages per value: the strata of the rest
DATE_LIKE = re.compile(r"\d|centur", re.I)
VALUE_COLS = ["type", "stratum", "band", "rank", "passages", "value", "pid1", "pid2", "verdict", "ctx1", "ctx2"]


def load(index_dir: Path) -> list[dict]:
    """Every stored passage (id, text, facets, mentions, raw spans) of the data folder, read through the facade."""
    from indexer import Sleuth
    from indexer.settings import Settings

    sleuth = Sleuth(Settings.from_env({}, index_dir=index_dir))
    try:
        searcher, _ = sleuth.backend.index.searcher()
        rows = [{"pid": d["passage_id"], "text": d["text"], "kind": d["kind"], "mentions": d.get("mentions") or [],
                 "raw": d.get("raw") or [], **{t: list(d.get(t) or []) for t in TYPES}}
                for d in searcher.documents()]
    finally:
        sleuth.close()
    return sorted(rows, key=lambda r: r["pid"])


def values_of(rows: list[dict], kind: str) -> dict[str, list[str]]:
    """value → the ids of the passages whose facet holds it."""
    out: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        for v in r[kind]:
            out[v].append(r["pid"])
    return out


def ranked(values: dict[str, list[str]]) -> list[str]:
    """Values by passages (most first), then by name: the order of the sidebar and `sleuth entities`."""
    return sorted(values, key=lambda v: (-len(values[v]), v))


def _h(*parts: str) -> str:
    return hashlib.sha1("\x00".join(parts).encode()).hexdigest()


def two_passages(value: str, pids: list[str]) -> list[str]:
    """Two of a value's passages, picked by a hash of the value and passage (not the seed), so that a value whose
    passages have not changed shows the same two in every round and its verdict can be reused."""
    return sorted(pids, key=lambda p: _h(value, p))[:2]


def snippet(row: dict, kind: str, value: str, width: int = 110) -> str:
    """The passage around the value's first mention, the mention in [[ ]]; the passage start if none is marked."""
    text = row["text"]
    spans = [m for m in row["mentions"] if m[2] == kind and m[3] == value]
    if not spans:
        return " ".join(text[: 2 * width].split()) + " [no marked mention]"
    s, e = spans[0][0], spans[0][1]
    return " ".join(f"{text[max(0, s - width):s]}[[{text[s:e]}]]{text[e:e + width]}".split())


def draw_values(rows: list[dict], rng: random.Random, rest_size: int = REST) -> list[dict]:
    """The top 100 of each type whole, and `rest_size` (40) of the rest stratified by passage count (proportional,
    ≥ 5 a band)."""
    by_pid = {r["pid"]: r for r in rows}
    out = []
    for kind in TYPES:
        values = values_of(rows, kind)
        order = ranked(values)
        picks = [(v, "top", "") for v in order[:TOP]]
        rest = order[TOP:]
        bands = [[v for v in rest if lo <= len(values[v]) <= hi] for lo, hi in BANDS]
        quota = allocate([len(b) for b in bands], min(rest_size, len(rest)))
        for (lo, _), band, k in zip(BANDS, bands, quota):
            picks += [(v, "rest", f"{lo}+" if lo == 3 else str(lo)) for v in sorted(rng.sample(band, k))]
        rank = {v: i + 1 for i, v in enumerate(order)}
        for v, stratum, band in picks:
            p = two_passages(v, values[v]) + [""]
            out.append({"type": kind, "stratum": stratum, "band": band, "rank": rank[v], "passages": len(values[v]),
                        "value": v, "pid1": p[0], "pid2": p[1], "verdict": "",
                        **{f"ctx{i + 1}": snippet(by_pid[q], kind, v) if q else "" for i, q in enumerate(p[:2])}})
    return out


def allocate(sizes: list[int], total: int, floor: int = 5) -> list[int]:
    """Split `total` draws over bands of `sizes` in proportion, at least `floor` a band (or the whole band)."""
    base = [min(s, floor) for s in sizes]
    left = total - sum(base)
    room = [s - b for s, b in zip(sizes, base)]
    extra = [int(left * r / max(1, sum(room))) for r in room]
    for i in sorted(range(len(sizes)), key=lambda i: -room[i]):
        if sum(base) + sum(extra) >= total:
            break
        if extra[i] < room[i]:
            extra[i] += 1
    return [b + e for b, e in zip(base, extra)]


def earlier_verdicts(out_dir: Path, seed: int) -> dict[tuple, tuple[str, tuple[str, str]]]:
    """(type, value, pid1, pid2) → (verdict, the two contexts it was given on) from every other judged values file,
    the rounds in the order they were drawn (a later verdict wins). A verdict copied into a later file stays tied to
    the contexts first judged: when a rule changes the value's mention in the same two passages ("[[Snow White]] and
    the Seven Dwarfs" became the fairy tale "[[Snow White]]" there), the value is judged anew."""
    from tests.quality.paired import ROUNDS
    order = {f"values-{s}.tsv": i for i, s in enumerate(ROUNDS)}
    paths = sorted(out_dir.glob("values-*.tsv"), key=lambda p: (order.get(p.name, len(order)), p.name))
    first: dict[tuple, tuple[str, str]] = {}
    known = {}
    for path in paths:
        if path.name == f"values-{seed}.tsv":
            continue
        for r in read_tsv(path):
            if r["verdict"]:
                key = (r["type"], r["value"], r["pid1"], r["pid2"])
                ctxs = first.setdefault((key, r["verdict"]), (r["ctx1"], r["ctx2"]))
                known[key] = (r["verdict"], ctxs)
    return known


def reused_verdict(known: dict[tuple, tuple[str, tuple[str, str]]], row: dict) -> str:
    """The earlier verdict of a drawn value if it was given on the contexts shown now, else "" (to judge)."""
    verdict, ctxs = known.get((row["type"], row["value"], row["pid1"], row["pid2"]), ("", None))
    return verdict if ctxs == (row["ctx1"], row["ctx2"]) else ""


def draw_recall(rows: list[dict], rng: random.Random) -> list[dict]:
    """40 random passages with their person and place values, for the judge to list every name in them."""
    picks = sorted(rng.sample([r for r in rows if r["kind"] == "body"], RECALL), key=lambda r: r["pid"])
    return [{"pid": r["pid"], "person": "|".join(r["person"]), "place": "|".join(r["place"]), "gold_person": "",
             "gold_place": "", "text": " ".join(r["text"].split())} for r in picks]


def date_mentions(rows: list[dict]) -> list[dict]:
    """Every date-like DATE span in the index with what the code under test reads it as."""
    out = []
    for r in rows:
        for s, e, label, text in r["raw"]:
            if label == "DATE" and DATE_LIKE.search(text):
                d = normalise_date(text)
                ctx = " ".join(f"{r['text'][max(0, s - 60):s]}[[{text}]]{r['text'][e:e + 60]}".split())
                out.append({"pid": r["pid"], "mention": text, "read": d.edtf if d else "none", "ctx": ctx})
    return out


def read_tsv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def write_tsv(path: Path, rows: list[dict], cols: list[str]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("\t".join(cols) + "\n")
        for r in rows:
            fh.write("\t".join(str(r.get(c, "")).replace("\t", " ").replace("\n", " ") for c in cols) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--index-dir", type=Path, required=True)
    ap.add_argument("--seed", type=int, required=True, help="a new one each round; it names the files")
    ap.add_argument("--rest", type=int, default=REST,
                    help=f"values drawn from each type's rest (beyond the top {TOP}); default {REST}, as in rounds "
                         "3-7; a larger draw narrows the rest's interval, which decides the overall figure")
    ap.add_argument("--out", type=Path, default=GOLD)
    args = ap.parse_args()
    if args.rest < 1:
        ap.error("--rest must be at least 1")
    rows = load(args.index_dir)
    rng = random.Random(args.seed)
    drawn = draw_values(rows, rng, args.rest)
    known = earlier_verdicts(args.out, args.seed)
    for r in drawn:
        r["verdict"] = reused_verdict(known, r)
    write_tsv(args.out / f"values-{args.seed}.tsv", drawn, VALUE_COLS)
    write_tsv(args.out / f"recall-{args.seed}.tsv", draw_recall(rows, rng),
              ["pid", "person", "place", "gold_person", "gold_place", "text"])
    dates = date_mentions(rows)
    write_tsv(args.out / f"dates-{args.seed}.tsv", [dict(d, verdict="") for d in rng.sample(dates, DATES)],
              ["pid", "mention", "read", "verdict", "ctx"])
    reused = sum(1 for r in drawn if r["verdict"])
    print(f"seed {args.seed}: {len(drawn)} values ({reused} verdicts reused), {RECALL} passages, {DATES} of "
          f"{len(dates)} date-like mentions written to {args.out}")


if __name__ == "__main__":
    main()
