"""Plain text: a title from the first line, scraped pages' navigation cruft dropped; wiki-style text ("= Title =",
"== Heading ==", an infobox of "- key: value" lines) into sections."""
from __future__ import annotations

import re

from .document import Builder, Document
from .text import drop_leaders, is_cruft, one_line, title_of

WIKI_TITLE = re.compile(r"^=(?!=)\s*(.+?)\s*(?<!=)=$")
_WIKI_HEADING = re.compile(r"^(={2,6})\s*(.+?)\s*\1$")
_INFOBOX = re.compile(r"^infobox(?:\s+[\w ]{1,40})?$", re.I)
_KV = re.compile(r"^\s*[-*]\s*([^:]{1,60}):\s*(.*)$")
MAX_TITLE_LINES = 200  # blank lines before a title looked past
_MODE_LINE = re.compile(r"\s*-\*-.*?-\*-\s*")  # an Emacs mode line ("GNU make NEWS  -*-indented-text-*-")


def read_plain(text: str, stem: str) -> Document:
    lines = [ln for ln in drop_leaders(text)[0].split("\n") if not is_cruft(ln)]
    title = stem
    cand, used = title_of([_MODE_LINE.sub(" ", ln) for ln in lines[:MAX_TITLE_LINES]])
    if used:
        # JSON and XML open with a bracket: their first line names nothing, the file's name does.
        if len(cand) < 120 and not cand.endswith((".", "!", "?")) and not cand.startswith(("{", "[", "<")):
            title = cand
            rest = lines[used:]
            # Scraped pages repeat the title as a heading: drop the repeats that directly follow.
            while rest and one_line(rest[0]) in ("", cand):
                rest = rest[1:]
            if rest:  # a one-line file keeps its line as text, or it would have nothing to search
                lines = rest
    b = Builder()
    b.add("", "\n".join(lines))
    return b.build(title, "text")


def read_wiki(text: str, stem: str) -> Document:
    b = Builder()
    title, heading, buf, meta = None, "", [], {}
    lines = [ln for ln in text.split("\n") if not is_cruft(ln)]
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if m := _WIKI_HEADING.match(line):
            b.add(heading, "\n".join(buf))
            heading, buf = m.group(2), []
        elif title is None and not b.sections and not "".join(buf).strip() and (m := WIKI_TITLE.match(line)):
            title = m.group(1)
        elif _INFOBOX.match(line) and i + 1 < len(lines) and _KV.match(lines[i + 1]):
            box, i = {}, i + 1
            while i < len(lines) and (km := _KV.match(lines[i])):
                box[km.group(1).strip()] = km.group(2).strip()
                i += 1
            b.add(heading, "\n".join(buf))
            buf = []
            # Its own section so the values are searchable but kept out of NER (kind="metadata").
            b.add("Infobox", "\n".join(f"{k}: {v}" for k, v in box.items()), kind="metadata")
            meta.update(box)
            continue
        else:
            buf.append(lines[i])
        i += 1
    b.add(heading, "\n".join(buf))
    return b.build(title or stem, "wiki", meta)
