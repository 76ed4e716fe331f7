"""Paired check of entity rules on the cached NER of the 10k wiki summaries (issue 25, rounds 12-15).

  python -m tests.quality.entities                        # builds the NER cache once (WORK/wiki-ner.jsonl)
  PYTHONPATH=TREE python tests/quality/paired.py facets OUT.json     # a source tree's rules on the cache
  python tests/quality/paired.py compare BEFORE.json AFTER.json [--gold DIR] [--show 40]
  python tests/quality/paired.py wrong FACETS.json FACET  # judged values present that are not right

The honest measure of a rule before a fresh draw: the values that leave and enter each facet, with the verdicts of
every earlier round (a value's newest verdict wins); the unjudged ones are to be read by hand.

facets: applies TREE's rules (tests.quality.entities.apply_rules) to the cache (SLEUTH_NER_CACHE, default the one `tests.quality.entities` builds) and writes
{facet: {value: mentions}} and, for every passage of the recall gold files, its facet values.
wrong: python paired.py wrong FACETS.json FACET  lists judged values present that are not right.
compare: values that leave or enter each facet, with the verdicts of every earlier gold file (wiki-values.tsv, then
values-*.tsv round by round, the newest winning); precision over the judged values present; recall of the recall gold files.
"""
import csv
import json
import os
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

CACHE = Path(os.environ.get("SLEUTH_NER_CACHE", Path(tempfile.gettempdir()) / "sleuth-entities-quality" / "wiki-ner.jsonl"))
GOLD = Path(__file__).parent / "gold"
# The rounds' seeds in the order they were drawn: a later verdict for the same value wins.
ROUNDS = [7301, 90412, 52817, 30617, 64123, 63996, 48383, 59670, 70719, 38308, 28089, 15160, 16326, 34736, 27815, 12156, 52865, 15020, 82007, 62307, 8586, 32031]


def facets(out):
    from tests.quality import entities as E
    from indexer.entities import recall
    from indexer.entities.canon import Canon
    from indexer.entities.mentions import refine
    rows = [json.loads(l) for l in CACHE.open(encoding="utf-8")]
    values, _, _ = E.apply_rules(rows)
    # per passage values for recall (same loop as apply_rules)
    per_doc = defaultdict(Counter); refined = []
    for row in rows:
        spans = refine(row["text"], [tuple(e) for e in row["ents"]]); refined.append(spans)
        per_doc[row["doc"]].update((m[3], m[2]) for m in spans)
    total = Counter()
    for c in per_doc.values(): total.update(c)
    canon = Canon.build(total)
    ctxs = {d: canon.context(c) for d, c in per_doc.items()}
    dictionary = recall.confident(canon)
    seen = Counter(); per_pid = {}
    for row, spans in zip(rows, refined):
        pid = f"{row['doc']}#{seen[row['doc']]}"; seen[row['doc']] += 1
        again = dictionary.find(row["text"], [(m[0], m[1]) for m in spans])
        got = set()
        for s, e, label, surface in spans + again:
            if label == "DATE": continue
            r = canon.resolve(surface, label, ctxs[row["doc"]])
            if r: got.add((r[0], r[1]))
        per_pid[pid] = sorted(got)
    json.dump({"values": {f: dict(c) for f, c in values.items()}, "pids": per_pid}, open(out, "w"))


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s.lower()) if not unicodedata.combining(c))


def gold_verdicts(gold):
    v = {}
    for row in csv.DictReader(open(gold / "wiki-values.tsv", encoding="utf-8"), delimiter="\t",
                              quoting=csv.QUOTE_NONE, escapechar="\\"):
        ok = row["verdict"] == "right"
        v[(row["sampled_as"], row["value"])] = "right" if ok else ("junk" if row["verdict"] == "junk" else "type")
    files = sorted(gold.glob("values-*.tsv"), key=lambda p: (ROUNDS.index(int(p.stem[7:])) if int(p.stem[7:]) in ROUNDS else 99, p.name))
    for p in files:
        for row in csv.DictReader(open(p, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE):
            if row.get("verdict") in ("right", "cut", "type", "junk"):
                v[(row["type"], row["value"])] = row["verdict"]
    return v


def recall_gold(gold):
    out = []
    for p in sorted(gold.glob("recall-*.tsv")):
        for row in csv.DictReader(open(p, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE):
            out.append(row)
    return out


def found(name, vals):
    spellings = [s for s in name.split("/") if s]
    fv = [set(fold(v).replace("-", " ").split()) for v in vals]
    return any(all(w in f for w in fold(s).replace("-", " ").split()) for s in spellings for f in fv)


def compare(a, b, gold, show):
    A, B = json.load(open(a)), json.load(open(b)); V = gold_verdicts(gold)
    for facet in ("person", "org", "place", "work", "group", "event"):
        va, vb = set(A["values"].get(facet, {})), set(B["values"].get(facet, {}))
        print(f"\n## {facet}: {len(va)} -> {len(vb)} values")
        for label, s in (("OUT", va - vb), ("IN", vb - va)):
            c = Counter(V.get((facet, x), "unjudged") for x in s)
            print(f"{label} {len(s)}: {dict(c)}")
            ranked = sorted(s, key=lambda x: -(A if label == 'OUT' else B)["values"][facet][x])
            print("   ", "; ".join(f"{x} [{V.get((facet, x), '?')}]" for x in ranked[:show]))
        for name, vs in (("before", va), ("after", vb)):
            j = [V[(facet, x)] for x in vs if (facet, x) in V]
            if j:
                print(f"  judged present {name}: {sum(x == 'right' for x in j)}/{len(j)} = {sum(x == 'right' for x in j)/len(j):.3f}")
    for kind in ("person", "place"):
        for name, D in (("before", A), ("after", B)):
            k = n = 0; missed = []
            for row in recall_gold(gold):
                names = [x for x in row[f"gold_{kind}"].split("|") if x and x != "-"]
                vals = [v for f, v in D["pids"].get(row["pid"], []) if f == kind]
                for x in names:
                    n += 1
                    if found(x, vals): k += 1
                    else: missed.append(x)
            print(f"recall {kind} {name}: {k}/{n}")


if __name__ == "__main__":
    if sys.argv[1] == "wrong":  # wrong FACETS.json FACET: judged values present whose verdict is not right
        D, V = json.load(open(sys.argv[2])), gold_verdicts(GOLD)
        for x, n in sorted(D["values"].get(sys.argv[3], {}).items(), key=lambda kv: -kv[1]):
            if V.get((sys.argv[3], x), "right") != "right":
                print(n, x, V[(sys.argv[3], x)], sep="\t")
    elif sys.argv[1] == "facets":
        facets(sys.argv[2])
    else:
        args = sys.argv[2:]
        gold = Path(args[args.index("--gold") + 1]) if "--gold" in args else GOLD
        show = int(args[args.index("--show") + 1]) if "--show" in args else 40
        compare(args[0], args[1], gold, show)
