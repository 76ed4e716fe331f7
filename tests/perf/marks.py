"""Stars, tags and saved searches at size: what a mark, a `tag:` search and the saved-search list cost.

    python tests/perf/marks.py --docs 2000 --tagged 1000

Indexes N small JSONL records with the light pipeline (entities do not matter here), tags half of the tagged ones
as whole documents and the other half by one passage, then prints the median wall time of one tag write (a
transaction with synchronous=FULL), of a plain search, of the same search with `tag:`, of `tag:` alone, and of
listing 20 saved searches with their new counts. Not collected by pytest (tests/perf is excluded).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from indexer import Settings, Sleuth  # noqa: E402
from tests.light_model import save_light_model  # noqa: E402


def median_ms(run, times: int = 15) -> float:
    took = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        took.append((time.perf_counter() - start) * 1000)
    return statistics.median(took)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--tagged", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        records = work / "notes.jsonl"
        with records.open("w", encoding="utf-8") as out:
            for i in range(args.docs):
                text = f"Note {i} on the ice axe at Coyoacán.\n\nA second paragraph, number {i}, about Mexico."
                out.write(json.dumps({"id": f"n{i}", "title": f"Note {i}", "text": text}) + "\n")
        settings = Settings(index_dir=work / "data", model=str(save_light_model(work / "model")))
        sleuth = Sleuth(settings)
        sleuth.index_paths([records])
        ids = [d.doc_id for d in sleuth.documents()][: args.tagged]
        start = time.perf_counter()
        for n, doc_id in enumerate(ids):
            sleuth.tag(doc_id if n % 2 else f"{doc_id}#0", ["bench"])
        write = (time.perf_counter() - start) * 1000 / len(ids)
        for n in range(20):
            sleuth.save_search(f"s{n}", sleuth.search(f"ice {n}").request)
        plain = median_ms(lambda: sleuth.search("ice axe"))
        tagged = median_ms(lambda: sleuth.search("ice axe tag:bench"))
        alone = median_ms(lambda: sleuth.search("tag:bench"))
        listing = median_ms(lambda: sleuth.saved_searches(), 5)
        hits = sleuth.search("tag:bench").total
        print(f"| {args.docs:,} docs, {len(ids):,} tagged ({hits:,} passages) | tag write {write:.1f} ms | "
              f"search {plain:.0f} ms, with tag: {tagged:.0f} ms, tag: alone {alone:.0f} ms | "
              f"20 saved searches listed {listing:.0f} ms |")
        sleuth.close()


if __name__ == "__main__":
    main()
