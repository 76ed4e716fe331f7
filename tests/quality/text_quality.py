"""Text quality of the readers on real documentation (issue 24, item 5): per kind, the headings of HTML pages kept as
sections, the running headers and page numbers left in PDF pages, the dot leaders left, and the titles.

    python tests/quality/text_quality.py FOLDER_OR_FILE... [--titles]

Folders are walked for .html, .pdf, .pdf.gz and .txt.gz files. Run it with the code to measure on the path (a
checkout of another commit: `PYTHONPATH=that/checkout python …`): it uses only `read_path` and lxml.
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parents[2]))  # after PYTHONPATH: another checkout wins

import lxml.html  # noqa: E402

from indexer.read.pick import read_path  # noqa: E402

_LEADERS = re.compile(r"(?:[.·] ?){4,}")
_NUMBERS = re.compile(r"\b(?:\d+|[ivxlc]+)\b|/", re.I)
SHARE = 0.4  # a page edge line counts as running when it is on this share of the pages


def kind(path: Path) -> str | None:
    name = path.name.lower()
    for suffix, k in ((".html", "html"), (".pdf", "pdf"), (".pdf.gz", "pdf"), (".txt.gz", "text")):
        if name.endswith(suffix):
            return k
    return None


def files(args: list[str]) -> list[Path]:
    found = []
    for arg in map(Path, args):
        found += sorted(p for p in arg.rglob("*") if p.is_file() and not p.is_symlink() and kind(p)) \
            if arg.is_dir() else [arg]
    return found


def html_headings(path: Path) -> int:
    """The page's own h2–h6 headings."""
    tree = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", path.read_text(errors="replace")))
    return len(tree.xpath("//body//*[self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"))


def edge_lines(pages: list[str]) -> int:
    """Lines at a page's top or bottom edge (first or last two non-blank lines) that, numbers left out, stand at an
    edge of at least SHARE of the pages: the running headers, footers and page numbers still in the text."""
    edges = []
    for page in pages:
        lines = [ln.strip() for ln in page.split("\n") if ln.strip()]
        edges.append([" ".join(_NUMBERS.sub(" ", ln).split()).casefold() or "#" for ln in lines[:2] + lines[-2:]])
    counts = Counter(key for keys in edges for key in set(keys))
    running = {key for key, n in counts.items() if len(pages) >= 3 and n >= SHARE * len(pages)}
    return sum(key in running for keys in edges for key in keys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--titles", action="store_true", help="list each file's title")
    args = parser.parse_args()
    rows: dict[str, Counter] = {}
    for path in files(args.paths):
        k = kind(path) or "other"
        row = rows.setdefault(k, Counter())
        try:
            docs = read_path(path)
        except Exception as exc:  # a measurement: count and go on
            row["failed"] += 1
            print(f"{path}: {exc}", file=sys.stderr)
            continue
        doc = docs[0]
        row["files"] += 1
        row["leaders"] += len(_LEADERS.findall(doc.text))
        if k == "html":
            row["headings"] += html_headings(path)
            row["sections"] += sum(1 for s in doc.sections if s.title)
        if k == "pdf":
            row["pages"] += len(doc.sections)
            row["edge lines"] += edge_lines([s.text for s in doc.sections])
        if args.titles:
            print(f"{path.name}: {doc.title!r}")
    print("| kind | files | h2–h6 in the pages | titled sections | PDF pages | running lines left | dot leaders left |")
    print("|---|---|---|---|---|---|---|")
    for k, row in sorted(rows.items()):
        print(f"| {k} | {row['files']} | {row['headings'] or ''} | {row['sections'] or ''} | {row['pages'] or ''} "
              f"| {row['edge lines'] if k == 'pdf' else ''} | {row['leaders']} |")


if __name__ == "__main__":
    main()
