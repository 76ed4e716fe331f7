"""Splitting a document into passages: at sections and paragraphs, tiny ones merged, long ones cut at sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .reading import Document

_PARAGRAPH = re.compile(r"\n\s*\n")
# A sentence ends at . ! ? (maybe closed by a quote or bracket) followed by space and a capital or opening mark.
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]?\s+(?=[\"“(\[]?[A-Z0-9])")
_SPACE = re.compile(r"\s+")


@dataclass
class Passage:
    """A searchable chunk of a document; `text == document.text[start:end]`."""

    ordinal: int
    section: str
    text: str
    start: int
    end: int
    kind: str = "body"
    ocr: bool = False  # read from a picture by OCR


def _words(text: str) -> int:
    return len(text.split())


def _spans(text: str, pattern: re.Pattern, base: int) -> list[tuple[int, int]]:
    """Pieces of text between matches of `pattern`, as absolute (start, end) spans."""
    out, pos = [], 0
    for m in pattern.finditer(text):
        # A sentence keeps its closing punctuation; a paragraph break is dropped.
        cut = m.start() + len(m.group(0).rstrip()) if pattern is _SENTENCE_END else m.start()
        out.append((base + pos, base + cut))
        pos = m.end()
    out.append((base + pos, base + len(text)))
    return [(s, e) for s, e in out if e > s]


def _cut_long(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    """Split an over-long paragraph at sentence ends; a sentence with no end is split at whitespace."""
    pieces: list[tuple[int, int]] = []
    for s, e in _spans(text[start:end], _SENTENCE_END, start):
        if _words(text[s:e]) <= max_words:
            pieces.append((s, e))
            continue
        words = list(_SPACE.finditer(text, s, e))
        cut = s
        for i in range(max_words, len(words), max_words):
            pieces.append((cut, words[i - 1].start()))
            cut = words[i - 1].end()
        pieces.append((cut, e))
    merged: list[tuple[int, int]] = []
    for s, e in pieces:
        if merged and _words(text[merged[-1][0]:e]) <= max_words:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _mergeable(prev: int, cur: int, min_words: int) -> bool:
    # Two short paragraphs join; a long one only absorbs a scrap (a lone line), so that a paragraph about one
    # event (the 1940 attack) does not swallow the next one about another (the 1898 arrest).
    return (prev < min_words and cur < min_words) or min(prev, cur) < min_words // 3


def split_passages(doc: Document, min_words: int = 40, max_words: int = 200) -> list[Passage]:
    """Split at sections and paragraphs; merge tiny paragraphs, split long ones at sentence boundaries."""
    text = doc.text
    out: list[Passage] = []
    for section in doc.sections:
        base, body = section.start, section.text
        if section.kind == "metadata":
            spans = [(base, base + len(body))]
        else:
            spans = []
            for s, e in _spans(body, _PARAGRAPH, base):
                if _words(text[s:e]) > max_words:
                    spans.extend(_cut_long(text, s, e, max_words))
                elif spans and _mergeable(_words(text[spans[-1][0]:spans[-1][1]]), _words(text[s:e]), min_words) \
                        and _words(text[spans[-1][0]:e]) <= max_words:
                    spans[-1] = (spans[-1][0], e)
                else:
                    spans.append((s, e))
        for s, e in spans:
            piece = text[s:e]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece.rstrip())
            if trail <= lead:
                continue
            out.append(Passage(len(out), section.title, text[s + lead:s + trail], s + lead, s + trail, section.kind,
                               section.ocr))
    return out
