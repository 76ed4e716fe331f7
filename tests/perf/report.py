"""BENCHMARKS.md's tables from the benchmark's figures, each row with its target and met or missed, and the
scaling curve that SCALING.md shows between its markers."""
from __future__ import annotations

import re
from pathlib import Path

from scaling import project

TARGETS = {"index_ratio": 0.85, "p95_vs_fts_small": 3.0, "p95_vs_fts_large": 1.0, "upload_p50_ms": 100,
           "upload_p95_ms": 150, "cold_start_s": 2.0, "rss_mb": 400}
CURVE_START, CURVE_END = "<!-- bench:scaling -->", "<!-- /bench:scaling -->"
RUN_START, RUN_END = "<!-- bench:run -->", "<!-- /bench:run -->"
PROJECT_TO = 1_000_000


def ok(good: bool) -> str:
    """A result cell."""
    return "met" if good else "**missed**"


def targets_table(res: dict) -> list[str]:
    """The table of every target: figure, reference, target, met or missed."""
    ix, up, cold = res["indexing"], res["upload"], res["cold_start"]
    small, large = res["curve"][0], res["curve"][-1]
    t = TARGETS
    ratios = ", ".join(f"{r:.0%}" for r in ix["ratios"])
    rows = [
        "| what | Sleuth | reference | target | result |", "|---|---|---|---|---|",
        f"| indexing throughput, {ix['passages']:,} passages (n_process={ix['n_process']}), every run | "
        f"{ix['sleuth_pps']:.0f} passages/s end to end (median) | raw spaCy {ix['raw_spacy_pps']:.0f} passages/s "
        f"(median) | ≥ 85% of raw spaCy in every run | {ratios}: {ok(min(ix['ratios']) >= t['index_ratio'])} |",
        _search_row(small, t["p95_vs_fts_small"]),
    ]
    if large is not small:
        rows.append(_search_row(large, t["p95_vs_fts_large"]))
    rows += [
        f"| upload → searchable by its words, 5 KB into the {small['passages']:,}-passage index through the web API "
        f"({up['uploads']} uploads), p50 / p95 | {up['p50_ms']:.0f} / {up['p95_ms']:.0f} ms | | ≤ 100 / ≤ 150 ms | "
        f"{ok(up['p50_ms'] <= t['upload_p50_ms'])} / {ok(up['p95_ms'] <= t['upload_p95_ms'])} |",
        f"| upload → its entities in the facets (background upkeep, after {res['upkeep_quiet_s']} s without "
        f"uploads), p50 | {up['entities_p50_s']:.2f} s | | (no target) | |",
        f"| cold start: `sleuth serve` on the {small['passages']:,}-passage index to the first 200 | "
        f"{cold['median_s']:.2f} s | | ≤ 2 s | {ok(cold['median_s'] <= t['cold_start_s'])} |",
        f"| RSS of the serving process at {large['passages']:,} passages after 60 searches | {large['rss_mb']:.0f} MB"
        f" | | ≤ 400 MB | {ok(large['rss_mb'] <= t['rss_mb'])} |",
    ]
    return rows


def _search_row(point: dict, times: float) -> str:
    ratio = point["sleuth_p95"] / point["fts_p95"]
    target = "p95 ≤ FTS5" if times == 1 else f"p95 ≤ {times:g}× FTS5"
    return (f"| search at {point['passages']:,} passages, p50 / p95 | {point['sleuth_p50']:.1f} / "
            f"{point['sleuth_p95']:.1f} ms | FTS5 {point['fts_p50']:.1f} / {point['fts_p95']:.1f} ms | {target} | "
            f"{ratio:.1f}×: {ok(ratio <= times)} |")


def curve_table(res: dict) -> list[str]:
    """Growth from the smallest to the largest index, with a power-law projection to PROJECT_TO passages."""
    pts = res["curve"]
    rows = ["| passages | build | build rate | index on disk | data folder | search p50 / p95 | FTS5 p50 / p95 | "
            "serving RSS |", "|---|---|---|---|---|---|---|---|"]
    for p in pts:
        built = f"{p['build_s']:.0f} s" + (" (reused)" if p.get("reused") else "")
        rows.append(f"| {p['passages']:,} | {built} | {p['passages'] / p['build_s']:.0f}/s | {p['index_mb']:.0f} MB | "
                    f"{p['total_mb']:.0f} MB | {p['sleuth_p50']:.1f} / {p['sleuth_p95']:.1f} ms | "
                    f"{p['fts_p50']:.1f} / {p['fts_p95']:.1f} ms | {p['rss_mb']:.0f} MB |")
    if len(pts) >= 2:
        xs = [p["passages"] for p in pts]
        proj = {k: project(xs, [p[k] for p in pts], PROJECT_TO)
                for k in ("index_mb", "total_mb", "sleuth_p50", "sleuth_p95", "fts_p50", "fts_p95", "rss_mb")}
        # Build times compare like with like: the copies' (writing) among themselves, without the corpus's own.
        copies = pts[1:]
        build = "(needs two copies) | "
        if len(copies) >= 2:
            secs, b = project([p["passages"] for p in copies], [p["build_s"] for p in copies], PROJECT_TO)
            build = f"{_dur(secs)} writing (n^{b:.2f}) | {PROJECT_TO / secs:.0f}/s"
        rows.append(
            f"| {PROJECT_TO:,} (projected) | {build} | {proj['index_mb'][0]:,.0f} MB (n^{proj['index_mb'][1]:.2f}) | "
            f"{proj['total_mb'][0]:,.0f} MB | {proj['sleuth_p50'][0]:.0f} / {proj['sleuth_p95'][0]:.0f} ms "
            f"(n^{proj['sleuth_p50'][1]:.2f} / n^{proj['sleuth_p95'][1]:.2f}) | {proj['fts_p50'][0]:.0f} / "
            f"{proj['fts_p95'][0]:.0f} ms | {proj['rss_mb'][0]:.0f} MB (n^{proj['rss_mb'][1]:.2f}) |")
    first = pts[0]
    rows += ["", f"The {first['passages']:,}-passage index is the corpus itself (built by the indexing runs, every "
             "passage through spaCy); the larger ones are the corpus copied with new ids, so spaCy sees each text once "
             "and their build time is mostly writing (Whoosh, registry, merges). Projection: a least-squares line "
             "through the measured points on a log-log scale (y = a·n^b, b shown), extended to "
             f"{PROJECT_TO:,}; the build time from the copies alone (writing time; spaCy's time for distinct text "
             "adds about `passages / raw spaCy rate` beside it)."]
    return rows


def _dur(seconds: float) -> str:
    return f"{seconds / 3600:.1f} h" if seconds >= 7200 else f"{seconds / 60:.0f} min"


def markdown(res: dict, command: str) -> str:
    """BENCHMARKS.md's first section."""
    ix = res["indexing"]
    lines = [
        "# Benchmarks", "",
        f"Produced by `{command}` on {res['machine']} ({res['date']}; the whole run took {_dur(res['elapsed_s'])}). "
        f"Medians of {res['runs']} runs where repeated; both sides of each comparison ran in the same process run.",
        "", *targets_table(res), "",
        "Indexing, run by run (raw spaCy then `sleuth index`, one pair a run): " + "; ".join(
            f"{r:.0f} vs {o:.0f} passages/s ({o / r:.0%})" for r, o in zip(ix["raw_runs"], ix["sleuth_runs"])) + ".",
        "", "## Scaling", "", *curve_table(res), "",
        "Queries: " + ", ".join(f"{n} {k}" for k, n in res["query_mix"].items()) +
        " — each returns the top 10 passages with highlighted snippets and every facet's counts over all hits "
        "(FTS5: `bm25()`, `snippet()`, `count(*)` and a `GROUP BY` over an entity table).", ""]
    return "\n".join(lines)


def write_run(path: Path, text: str) -> None:
    """Put this run's section at the top of BENCHMARKS.md, keeping the hand-written sections after it."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if RUN_END in old:
        rest = old.split(RUN_END, 1)[1]
    else:  # a file from before the markers: its own sections start at the first "## " after the title
        at = old.find("\n## ")
        rest = old[at:] if at >= 0 else ""
    rest = rest.lstrip("\n")
    path.write_text(f"{RUN_START}\n{text.rstrip()}\n{RUN_END}\n" + ("\n" + rest if rest else ""), encoding="utf-8")


def update_block(path: Path, block: list[str]) -> bool:
    """Replace the text between the scaling markers of `path` (SCALING.md) with `block`; False if no markers."""
    if not path.exists():
        return False
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(CURVE_START) + ".*?" + re.escape(CURVE_END), re.S)
    if not pattern.search(text):
        return False
    path.write_text(pattern.sub(lambda _: "\n".join([CURVE_START, *block, CURVE_END]), text), encoding="utf-8")
    return True
