"""Entity and date quality against the hand-annotated gold in tests/quality/gold/.

    python -m tests.quality.entities [--data ../shared/data/wiki-vital-summaries.jsonl] [--work DIR]

Wiki: spaCy runs once over the summaries (cached in --work); the entity and date rules are then applied to the
cached raw spans exactly as indexing applies them (mentions.refine, Canon with per-document context). Each facet's
top values and a hash-drawn tail sample are looked up in gold/wiki-values.tsv, where every value is judged by its
meaning in the text: right type, junk (not a name), or another type. Seeds: the bundled corpus is indexed for real
and each document's facet values and dates are compared with gold/seeds.tsv.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import re
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from indexer.dates import normalise_date
from indexer.entities import recall
from indexer.entities.canon import Canon
from indexer.entities.mentions import refine
from tests.quality.ner_cache import load_or_build

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).parent / "gold"
FACETS = ("person", "org", "place", "group", "event", "work")
TOP = {"person": 100}
TOP_DEFAULT, TAIL = 40, 25

# The junk shapes, written again here on purpose (not imported from the rules they check).
_JUNK_SHAPES = [
    re.compile(r"(?:idae|aceae|inae|iformes|oideae)$"),  # taxa
    re.compile(r"^(?:BCE?|AD|CE)$"),  # era markers
    re.compile(r"^[^A-Z]*$"),  # all lower case
    re.compile(r"\s(?:was|were|is|are|and|or|of|the|in|to|for|with|by|on|at)$"),  # trailing function word
    re.compile(r"^[^(]*\)|\([^)]*$|^[^\"]*\"[^\"]*$"),  # unbalanced bracket or quote
    re.compile(r", (?!Jr|Sr|D\.C)"),  # comma-joined list
    re.compile(r"^[^A-Za-z]*\d[^A-Za-z]*(?:[A-Za-z]{1,2}[^A-Za-z]*)?$"),  # digits without a word
    re.compile(r"^/"),  # path-like
]


def junk_shaped(value: str) -> bool:
    """True when a facet value has one of the shapes issue 11 lists as never a name."""
    return any(p.search(value) for p in _JUNK_SHAPES)


def apply_rules(rows: list[dict]):
    """(facet → value → mentions, value contexts, DATE mention texts) with today's rules on cached spans."""
    per_doc: dict[str, Counter] = defaultdict(Counter)
    refined = []
    for row in rows:
        spans = refine(row["text"], [tuple(e) for e in row["ents"]])
        refined.append(spans)
        per_doc[row["doc"]].update((m[3], m[2]) for m in spans)
    total: Counter = Counter()
    for counts in per_doc.values():
        total.update(counts)
    canon = Canon.build(total)
    ctxs = {doc: canon.context(c) for doc, c in per_doc.items()}
    values: dict[str, Counter] = defaultdict(Counter)
    contexts: dict[tuple[str, str], list[str]] = defaultdict(list)
    dates: Counter = Counter()
    dictionary = recall.confident(canon)
    for row, spans in zip(rows, refined):
        again = dictionary.find(row["text"], [(m[0], m[1]) for m in spans])  # as write/resolve.entry adds them
        for start, end, label, surface in spans + again:
            if label == "DATE":
                dates[surface] += 1
                continue
            got = canon.resolve(surface, label, ctxs[row["doc"]])
            if got:
                values[got[0]][got[1]] += 1
                if len(contexts[got]) < 2:
                    contexts[got].append(_snippet(row["text"], start, end))
    return values, contexts, dates


def _snippet(text: str, start: int, end: int) -> str:
    return " ".join(f"{text[max(0, start - 60):start]}[[{text[start:end]}]]{text[end:end + 60]}".split())


def _h(*parts: str) -> str:
    return hashlib.sha1("\x00".join(parts).encode()).hexdigest()


def sample(values: dict[str, Counter]) -> list[tuple[str, str, str]]:
    """(facet, value, stratum): each facet's top values and a tail drawn by hash (stable across rule changes)."""
    out = []
    for facet in FACETS:
        ranked = sorted(values[facet].items(), key=lambda kv: (-kv[1], kv[0]))
        n_top = TOP.get(facet, TOP_DEFAULT)
        out += [(facet, v, "top") for v, _ in ranked[:n_top]]
        tail = sorted((v for v, _ in ranked[100:]), key=lambda v: _h(facet, v))[:TAIL]
        out += [(facet, v, "tail") for v in tail]
    return out


def read_gold(path: Path) -> dict[str, dict]:
    """value → its row (right_type is a facet, "other" for a name of a kind not faceted, "junk")."""
    with path.open(encoding="utf-8") as fh:
        return {r["value"]: r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\")}


def wiki_report(values, dates, gold: dict, date_gold: dict) -> list[str]:
    """Lines of the wiki figures: precision per facet (top, tail, stratified overall), junk share, dates."""
    lines = ["| type | top: judged, precision | tail: judged, precision | overall (stratified) | values |",
             "|---|---|---|---|---|"]
    unjudged = []
    for facet in FACETS:
        ranked = sorted(values[facet].items(), key=lambda kv: (-kv[1], kv[0]))
        strata = {"top": [], "tail": []}
        for f, v, stratum in sample(values):
            if f == facet:
                if v in gold:
                    strata[stratum].append(gold[v]["right_type"] == facet)
                else:
                    unjudged.append((facet, v))
        p = {k: (sum(s) / len(s) if s else float("nan")) for k, s in strata.items()}
        n_top = min(len(ranked), TOP.get(facet, TOP_DEFAULT))
        n_tail = max(0, len(ranked) - 100)
        n_mid = len(ranked) - n_top - n_tail  # between the judged top and the tail: counted at the tail's rate
        overall = (n_top * p["top"] + (n_mid + n_tail) * p["tail"]) / max(1, len(ranked))
        lines.append(f"| {facet} | {len(strata['top'])}, {p['top']:.2f} | {len(strata['tail'])}, {p['tail']:.2f} "
                     f"| {overall:.2f} | {len(ranked)} |")
    total = sum(sum(c.values()) for c in values.values())
    junk = sum(n for c in values.values() for v, n in c.items() if junk_shaped(v))
    lines.append(f"\nJunk-shaped values: {junk} of {total} facet mentions ({junk / max(1, total):.2%}).")
    judged = [(t, gold_edtf["truth"]) for t, gold_edtf in date_gold.items() if normalise_date(t)]
    right = sum(1 for t, truth in judged if normalise_date(t).edtf == truth)
    found = sum(1 for t, g in date_gold.items() if g["truth"] != "none")
    recalled = sum(1 for t, g in date_gold.items() if g["truth"] != "none" and normalise_date(t)
                   and normalise_date(t).edtf == g["truth"])
    lines.append(f"Dates: precision {right}/{len(judged)} = {right / max(1, len(judged)):.3f} of normalised mentions "
                 f"in the {len(date_gold)}-mention sample; recall {recalled}/{found} = {recalled / max(1, found):.3f}.")
    if unjudged:
        lines.append(f"Unjudged sampled values (not counted): {len(unjudged)}: {unjudged[:20]}")
    return lines


def heldout_report(values) -> list[str]:
    """Precision on gold/heldout-values.tsv: values drawn from the previous code's facets by another hash seed and
    judged before the evidence rules were scored; what the rules keep in each facet, and how much of it is right."""
    gold = read_gold(GOLD / "heldout-values.tsv")
    lines = ["| facet | drawn | right before | kept in the facet now | right now | precision before → now |",
             "|---|---|---|---|---|---|"]
    for facet in ("person", "org", "work"):
        drawn = [r for r in gold.values() if r["sampled_as"] == facet]
        before = sum(r["right_type"] == facet for r in drawn)
        kept = [r for r in gold.values() if r["value"] in values[facet]]
        now = sum(r["right_type"] == facet for r in kept)
        lines.append(f"| {facet} | {len(drawn)} | {before} | {len(kept)} | {now} | "
                     f"{before / max(1, len(drawn)):.2f} → {now / max(1, len(kept)):.2f} |")
    return lines


def seeds_report() -> list[str]:
    """Precision and recall of each seed document's facet values and dates, indexed for real."""
    from indexer import Sleuth
    from indexer.settings import Settings

    # One gold row per entity or date; "|" separates spellings that all count as that entity.
    gold: dict[str, list[tuple[str, set]]] = defaultdict(list)
    with (GOLD / "seeds.tsv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            gold[r["doc"]].append((r["type"], set(r["value"].split("|"))))
    with tempfile.TemporaryDirectory() as tmp:
        sleuth = Sleuth(Settings.from_env({}, index_dir=Path(tmp)))
        sleuth.index_paths([ROOT / "corpus"])
        searcher, _ = sleuth.backend.index.searcher()
        found: dict[str, set] = defaultdict(set)
        for stored in searcher.documents():
            for facet in FACETS:
                for v in stored.get(facet) or []:
                    found[stored["doc_id"]].add((facet, v))
            for d in stored.get("dates") or []:
                found[stored["doc_id"]].add(("date", d))
        sleuth.close()
    lines = ["| document | values found | right | precision | gold entities | found | recall |", "|---|---|---|---|---|---|---|"]
    sums = [0, 0, 0, 0]
    extra, missed = [], []
    for doc in sorted(gold):
        right = {v for v in found[doc] if any(v[0] == t and v[1] in names for t, names in gold[doc])}
        hit = [g for g in gold[doc] if any((g[0], n) in found[doc] for n in g[1])]
        extra += sorted(found[doc] - right)
        missed += [(t, "|".join(sorted(n))) for t, n in gold[doc] if (t, n) not in hit]
        row = [len(found[doc]), len(right), len(gold[doc]), len(hit)]
        sums = [a + b for a, b in zip(sums, row)]
        lines.append(_seed_row(doc, row))
    lines.append(_seed_row("both", sums))
    lines.append(f"\nFound, not in gold: {extra}\nIn gold, not found: {missed}")
    return lines


def _seed_row(doc: str, row: list[int]) -> str:
    n_found, n_right, n_gold, n_hit = row
    return (f"| {doc} | {n_found} | {n_right} | {n_right / max(1, n_found):.3f} | {n_gold} | {n_hit} | "
            f"{n_hit / max(1, n_gold):.3f} |")


def write_template(values, contexts, dates, out: Path) -> None:
    """A TSV of sampled values (and dates) with contexts, for judging by hand."""
    with out.open("w", encoding="utf-8") as fh:
        fh.write("value\tsampled_as\tstratum\tmentions\tcontext\n")
        for facet, v, stratum in sample(values):
            fh.write(f"{v}\t{facet}\t{stratum}\t{values[facet][v]}\t{' | '.join(contexts[(facet, v)])}\n")
    texts = sorted((t for t in dates if re.search(r"\d", t)), key=lambda t: _h("date", t))[:250]
    with out.with_suffix(".dates.tsv").open("w", encoding="utf-8") as fh:
        fh.write("mention\tnormalised\n")
        for t in texts:
            d = normalise_date(t)
            fh.write(f"{t}\t{d.edtf if d else 'none'}\n")


def main() -> None:
    """Print the figures (Markdown) for QUALITY.md."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/wiki-vital-summaries.jsonl")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "sleuth-entities-quality")
    ap.add_argument("--template", type=Path, help="write a sample to judge instead of scoring")
    args = ap.parse_args()
    rows = load_or_build(args.data, args.work / "wiki-ner.jsonl")
    values, contexts, dates = apply_rules(rows)
    if args.template:
        write_template(values, contexts, dates, args.template)
        return
    with (GOLD / "wiki-dates.tsv").open(encoding="utf-8") as fh:
        date_gold = {r["mention"]: r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)}
    print("\n".join(wiki_report(values, dates, read_gold(GOLD / "wiki-values.tsv"), date_gold)))
    print()
    print("\n".join(heldout_report(values)))
    print()
    print("\n".join(seeds_report()))


if __name__ == "__main__":
    main()
