"""Running headers, footers and page numbers: lines a paged document repeats at the top or bottom of its pages.

"Shared MIME-info Database" headed all 17 pages of its spec, and "Debian Reference 3 / 233" made "Debian Reference"
the top person of that book (182 of its 188 passages). A line is running when, with its numbers left out ("3 / 233",
"iv", "Page 3 of 9"), it is among the first or last ZONE lines of at least RUNNING_SHARE of the pages (books
alternate their headers between left and right pages, so "most" is counted as two pages in five), and of at least
MIN_PAGES pages; it is dropped from each page where it sits in that zone, and nowhere else.
"""
from __future__ import annotations

import re
from collections import Counter

ZONE = 3  # lines at the top and at the bottom of a page where running lines sit
RUNNING_SHARE = 0.4
MIN_PAGES = 3
MAX_RUNNING_CHARS = 150  # a running line is short; a long line repeated is text (a licence paragraph)
# Page numbers: arabic, roman (i–xxxix and beyond), "/" and "of" between them, "page"/"p." before them, dashes.
_NUMBERING = re.compile(r"^(?:\d+|(?=[mdclxvi])m{0,3}(?:c[md]|d?c{0,3})(?:x[cl]|l?x{0,3})(?:i[xv]|v?i{0,3})"
                        r"|page|p\.?|of|/|[-–—|·•]+)$", re.I)


def drop_running_lines(pages: list[str]) -> tuple[list[str], int, set[str]]:
    """The pages without their running headers, footers and page numbers, how many lines were dropped, and the
    running lines' keys (for `is_running`)."""
    if len(pages) < MIN_PAGES:
        return pages, 0, set()
    zones = [_zone(page.split("\n")) for page in pages]
    counts: Counter[str] = Counter()
    for lines, where in zones:
        counts.update({_key(lines[i]) for i in where})
    needed = max(MIN_PAGES, RUNNING_SHARE * len(pages))
    running = {key for key, n in counts.items() if n >= needed}
    if not running:
        return pages, 0, running
    out, dropped = [], 0
    for (lines, where), page in zip(zones, pages):
        gone = {i for i in where if _key(lines[i]) in running}
        dropped += len(gone)
        out.append("\n".join(line for i, line in enumerate(lines) if i not in gone) if gone else page)
    return out, dropped, running


def is_running(line: str, running: set[str]) -> bool:
    """Whether the line is one of the running lines `drop_running_lines` found."""
    return _key(line) in running


def unnumbered(line: str) -> str:
    """A running line without its page numbers: "Debian Reference iv" → "Debian Reference"."""
    words = line.split()
    while words and _NUMBERING.match(words[-1]):
        words.pop()
    while words and _NUMBERING.match(words[0]):
        words.pop(0)
    return " ".join(words)


def _zone(lines: list[str]) -> tuple[list[str], set[int]]:
    """The page's lines and the indexes of its first and last ZONE non-blank short lines."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    where = {i for i in filled[:ZONE] + filled[-ZONE:] if len(lines[i].strip()) <= MAX_RUNNING_CHARS}
    return lines, where


def _key(line: str) -> str:
    """The line without its numbering, case or spacing: "Debian Reference 3 / 233" and "… iv" are one key; a line
    that is only a page number keys as "#"."""
    words = [w for w in line.casefold().split() if not _NUMBERING.match(w)]
    return " ".join(words) or "#"
