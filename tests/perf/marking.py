"""What marking a page of hits costs: the query's marks worked out and ten snippets marked, per query.

    python tests/perf/marking.py --index-dir COPY_OF_THE_10K_WIKI_INDEX [--repeat 5]

Runs on the Whoosh backend of the code it is run from (before and after a change: the same script works on both,
it picks the marking API the code has). For every known-item dev query it searches once for page 1, then times, the
best of `--repeat` runs, what the search spends on marks: the query's marks from the parsed query, and each hit's
snippet built from its marked spans. Prints p50/p95 of that time per query beside the search's own p50/p95 (one run
each); `--grouped N` also times the grouped-by-document view (its page of hits and each document's best passage)
of the first N queries. Not collected by pytest.
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from indexer import Settings, Sleuth  # noqa: E402
from indexer.backend.whoosh import highlight as H, search as S  # noqa: E402
from indexer.query.markup import snippet  # noqa: E402
from tests.quality.hit_marks import arguments, dev_queries  # noqa: E402
from tests.quality.relevance import pct  # noqa: E402


def main() -> None:
    ap = arguments(__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--grouped", type=int, default=0, help="also time the grouped-by-document view of the first N")
    args = ap.parse_args()
    queries = dev_queries(args.queries)
    sleuth = Sleuth(Settings(index_dir=args.index_dir))
    searcher, facets = sleuth.backend.index.searcher()
    sleuth.search("warm up")
    searches, marking = [], []
    for query in queries:
        started = time.perf_counter()
        texts = [h.text for h in sleuth.search(query).hits]
        searches.append((time.perf_counter() - started) * 1000)
        parsed = S.parse(query, searcher, facets)
        best = float("inf")
        for _ in range(args.repeat):
            started = time.perf_counter()
            if hasattr(S, "highlight_terms"):  # the code before issue 26: a set of stems
                marks = S.highlight_terms(parsed, searcher)
            else:
                marks = H.marking(parsed, searcher.reader(), query)
            for text in texts:
                snippet(text, H.term_spans(text, marks))
            best = min(best, (time.perf_counter() - started) * 1000)
        marking.append(best)
    print(f"{len(queries)} queries: marking a page p50 {statistics.median(marking):.2f} ms, p95 "
          f"{pct(marking, 95):.2f} ms; the search p50 {statistics.median(searches):.1f} ms, p95 "
          f"{pct(searches, 95):.1f} ms")
    grouped = []
    for query in queries[:args.grouped]:
        result = sleuth.search(query)
        started = time.perf_counter()
        sleuth.group_by_document(result)
        grouped.append((time.perf_counter() - started) * 1000)
    if grouped:
        print(f"{len(grouped)} queries grouped by document (after their search): p50 {statistics.median(grouped):.0f} "
              f"ms, p95 {pct(grouped, 95):.0f} ms")
    sleuth.close()


if __name__ == "__main__":
    main()
