"""Headings an HTML page has and trafilatura's extraction lost, put back where the page has them.

trafilatura drops the h2/h3 of DocBook pages (Debian's FAQ, Reference and Handbook: every heading sits in a
`titlepage` div with an empty anchor, which its precise mode takes for boilerplate), so a page read as one section
and the FAQ's questions were gone. The page's own structure says where each heading goes: before the extracted block
that starts with the words the page has right after that heading.
"""
from __future__ import annotations

import re

from lxml import etree

from .markdown import heading_text

KEY_WORDS = 6  # words after a heading that find its place in the extraction
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_SKIPPED = frozenset({"script", "style", "template", "head", "title", "h1"})
_WORD = re.compile(r"\w+")


def unwrap_divs(main) -> None:
    """Lift the blocks of trafilatura's <div>s (DocBook's sections and paras) up into <main>, so the headings inside
    them start sections like any other; loose text in a div, or after a block in one, becomes a <p> of its own."""
    while divs := [el for el in main if el.tag == "div"]:
        for div in divs:
            blocks = []
            for text, child in [(div.text, None)] + [(c.tail, c) for c in div]:
                if child is not None:
                    child.tail = None
                    blocks.append(child)
                if text and text.strip():
                    p = etree.Element("p")
                    p.text = text
                    blocks.append(p)
            if div.tail and div.tail.strip():
                p = etree.Element("p")
                p.text = div.tail
                blocks.append(p)
            at = main.index(div)
            main.remove(div)
            for k, block in enumerate(blocks):
                main.insert(at + k, block)


def restore(headings: list[tuple[str, tuple[str, ...]]], main) -> int:
    """Put the page's headings (`page_headings`, taken before trafilatura changed the tree) that `main`
    (trafilatura's <main>) lacks back into it as <head> elements; how many were."""
    kept = {heading_text("".join(el.itertext())).casefold() for el in main if el.tag == "head"}
    lost = [(name, key) for name, key in headings if name.casefold() not in kept and key]
    if not lost:
        return 0
    blocks = list(main)
    words: list[str] = []
    starts: dict[tuple[str, ...], list[int]] = {}  # the first KEY_WORDS words from a block's start → the blocks
    firsts = []
    for el in blocks:
        firsts.append(len(words))
        words.extend(_WORD.findall("".join(el.itertext()).casefold()))
    for i, at in enumerate(firsts):
        starts.setdefault(tuple(words[at:at + KEY_WORDS]), []).append(i)
    restored, cursor = 0, 0
    for name, key in lost:
        found = next((i for i in starts.get(key, ()) if i >= cursor), None)
        if found is None:  # the heading's text was not extracted (or starts inside a block): left out
            continue
        head = etree.Element("head")
        head.text = name
        blocks[found].addprevious(head)
        restored, cursor = restored + 1, found
    return restored


def page_headings(tree) -> list[tuple[str, tuple[str, ...]]]:
    """Each h2–h6 of the page in order, with the first KEY_WORDS words of the text that follows it (headings
    and scripts left out): one walk over the page, however many headings it has."""
    found: list[tuple[str, list[str]]] = []
    open_keys: list[list[str]] = []  # keys still short of KEY_WORDS words
    skip = 0

    def feed(text: str | None) -> None:
        if not text or not open_keys:
            return
        new = _WORD.findall(text.casefold())
        for key in open_keys:
            key.extend(new[:KEY_WORDS - len(key)])
        open_keys[:] = [k for k in open_keys if len(k) < KEY_WORDS]

    for event, el in etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(el.tag, str):  # a comment or processing instruction: only its tail is text
            if event == "end" and not skip:
                feed(el.tail)
            continue
        tag = el.tag
        if event == "start":
            if tag in _HEADINGS and not skip:
                key: list[str] = []
                found.append((heading_text(el.text_content()), key))
                open_keys.append(key)
            if tag in _HEADINGS or tag in _SKIPPED:
                skip += 1
            elif not skip:
                feed(el.text)
        else:
            if tag in _HEADINGS or tag in _SKIPPED:
                skip -= 1
            if not skip:
                feed(el.tail)
    return [(name, tuple(key)) for name, key in found if name]
