"""Markdown: parsed by markdown-it-py (CommonMark + tables), headings → sections, markup and raw HTML dropped."""
from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

from .document import Builder, Document
from .text import clean_text, is_cruft, one_line

_FRONT_LINE = re.compile(r"^(?:[\w-]+:(?:\s|$)|\s+\S|- )")
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
# Permalink glyphs sites append to headings; a "#" only after a space, so "C#" keeps its name.
_PERMALINK = re.compile(r"(?:\s*[¶§🔗]|\s+#)+$")
_PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")


def read_markdown(text: str, stem: str, fmt: str = "markdown") -> Document:
    """Headings become sections (a leading h1 the title); code is kept verbatim, HTML comments and tags dropped."""
    meta, text = front_matter(text)
    b = Builder()
    title, heading, buf = None, "", []
    tokens = _PARSER.parse(text)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            name = heading_text(_inline(tokens[i + 1]))
            at_top = not b.sections and not "".join(buf).strip()
            b.add(heading, "\n\n".join(buf))
            buf = []
            if title is None and tok.tag == "h1":
                title, heading = name, ("" if at_top else name)
            else:
                heading = name
            i += 3
            continue
        if tok.type in ("fence", "code_block"):
            buf.append(tok.content.rstrip("\n"))
        elif tok.type == "html_block":
            buf.append(html.unescape(_TAG.sub(" ", tok.content)).strip())
        elif tok.type == "table_open":
            i, table = _table(tokens, i)
            buf.append(table)
            continue
        elif tok.type == "inline":
            line = _inline(tok)
            if not is_cruft(line):
                buf.append(line)
        i += 1
    b.add(heading, "\n\n".join(x for x in buf if x.strip()))
    return b.build(one_line(meta.get("title") or title or stem), fmt, meta)


def heading_text(text: str) -> str:
    """A heading as a section name: one line, without the permalink glyphs (#, ¶, §) sites append."""
    return _PERMALINK.sub("", one_line(text))


def _inline(tok) -> str:
    out = []
    for child in tok.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "image":
            out.append(child.content)  # its alt text
        elif child.type == "html_inline" and child.content.lower().startswith("<br"):
            out.append("\n")
    return clean_text("".join(out)).strip()


def _table(tokens, i: int) -> tuple[int, str]:
    """Rows as `cell | cell` lines; returns the index after the table."""
    rows, cells = [], []
    while tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "inline":
            cells.append(" ".join(_inline(tok).split()))
        elif tok.type == "tr_close":
            rows.append(" | ".join(cells))
            cells = []
        i += 1
    return i + 1, "\n".join(rows)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """A leading `---` block of `key: value` lines (Jekyll, Hugo, Obsidian) becomes metadata."""
    if not text.startswith("---\n") or (end := text.find("\n---", 4)) < 0:
        return {}, text
    block = text[4:end].split("\n")
    if not all(_FRONT_LINE.match(ln) for ln in block if ln.strip()):  # a rule opening ordinary text, not YAML
        return {}, text
    meta = {}
    for line in block:
        key, sep, value = line.partition(":")
        if sep and key.strip() and value.strip():
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[end + 4:]
