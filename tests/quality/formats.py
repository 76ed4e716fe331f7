"""Every kind of file in a mixed collection read as `sleuth index` reads it: read, refused (with the reason) or
crashed, per kind, and what came out (documents, text, titles). Prints a Markdown table for QUALITY.md.

    python tests/quality/formats.py tests/data/real SDIST_TEST_FOLDERS... --doc-sample 220 --man-sample 15 --seed 1

Folders are walked; `--doc-sample N` adds N files drawn (with `--seed`) from /usr/share/doc, `--man-sample N` man
pages from /usr/share/man/man1. Not collected by pytest.
"""
from __future__ import annotations

import argparse
import collections
import random
import time
from pathlib import Path

from indexer.errors import ReadError
from indexer.read.document import Document, Refused
from indexer.read.pick import read_bytes

MAX_BYTES = 5_000_000
GZ_INNER = (".pdf", ".html", ".txt", ".tar")


def kind_of(path: Path) -> str:
    """The kind a user would name: the extension (two for .pdf.gz, .tar.gz), '(none)' without one."""
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] in (".gz", ".bz2", ".xz") and len(suffixes) == 2 and suffixes[0] in GZ_INNER:
        return "".join(suffixes)
    return suffixes[-1] if suffixes and len(suffixes[-1]) <= 6 else "(none)"


def collect(paths: list[Path], doc_sample: int, man_sample: int, seed: int) -> list[Path]:
    files = [f for p in paths for f in (sorted(p.rglob("*")) if p.is_dir() else [p]) if f.is_file()]
    rng = random.Random(seed)
    doc = sorted(p for p in Path("/usr/share/doc").glob("*/*") if p.is_file())
    man = sorted(Path("/usr/share/man/man1").glob("*.gz"))
    files += rng.sample(doc, min(doc_sample, len(doc))) + rng.sample(man, min(man_sample, len(man)))
    return [f for f in files if f.stat().st_size < MAX_BYTES]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--doc-sample", type=int, default=0)
    ap.add_argument("--man-sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    files = collect(args.paths, args.doc_sample, args.man_sample, args.seed)
    stats: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    reasons: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    started = time.perf_counter()
    for f in files:
        kind = kind_of(f)
        try:
            out = read_bytes(f.name, f.read_bytes())
        except ReadError as exc:
            stats[kind]["refused"] += 1
            reasons[kind][str(exc).split(";")[0][:60]] += 1
            continue
        except Exception as exc:  # noqa: BLE001 - a crash is what this counts
            stats[kind]["crashed"] += 1
            reasons[kind][f"CRASH {type(exc).__name__}"] += 1
            continue
        docs = [d for d in out if isinstance(d, Document)]
        c = stats[kind]
        c["read"] += 1
        c["documents"] += len(docs)
        c["members refused"] += sum(isinstance(d, Refused) for d in out)
        c["chars"] += sum(len(d.text) for d in docs)
        c["titled"] += sum(1 for d in docs if d.title and d.title != Path(f.name).stem and d.title != f.name)
    total = collections.Counter()
    print(f"{len(files)} files, {len(stats)} kinds, {time.perf_counter() - started:.0f} s\n")
    print("| kind | files | read | refused | crashed | documents | members refused | titled from the text | "
          "mean text chars | refusals |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for kind in sorted(stats, key=lambda k: (-sum(stats[k][x] for x in ("read", "refused", "crashed")), k)):
        c = stats[kind]
        total.update(c)
        n = c["read"] + c["refused"] + c["crashed"]
        why = "; ".join(f"{r} ({m})" for r, m in reasons[kind].most_common(2))
        mean = c["chars"] // c["documents"] if c["documents"] else 0
        print(f"| {kind} | {n} | {c['read']} | {c['refused']} | {c['crashed']} | {c['documents']} | "
              f"{c['members refused']} | {c['titled']} | {mean:,} | {why} |")
    n = total["read"] + total["refused"] + total["crashed"]
    print(f"| **all** | {n} | {total['read']} | {total['refused']} | {total['crashed']} | {total['documents']} | "
          f"{total['members refused']} | {total['titled']} | | |")


if __name__ == "__main__":
    main()
