"""Acronyms written in capitals ("WHO", "US", "IT", "C++") indexed as their own term beside the plain word.

Lowercased, "WHO" is the question word, "US" and "IT" are stop words and "C++" is one letter: all three were
thrown away or drowned. A word of CAPS_MIN to CAPS_MAX capitals (digits, "+" and "&" allowed after the first) is
also indexed as itself in capitals, at its own position; the lowercase word is kept too unless it is a stop word.
A query word in capitals is searched both ways (`natural`), so "WHO" finds the World Health Organization first
and "Who" or "who" still mean the question word.
"""
from __future__ import annotations

import re

from whoosh.analysis import STOP_WORDS, Filter

CAPS_MIN, CAPS_MAX = 2, 8
_CAPS = re.compile(r"[A-Z][A-Z0-9+&#]+")


def is_acronym(word: str) -> bool:
    """A word of capitals that is indexed as itself (`CapsFilter`)."""
    return CAPS_MIN <= len(word) <= CAPS_MAX and bool(_CAPS.fullmatch(word))


class MarkCapsFilter(Filter):
    """Right after the tokenizer: remembers on each token whether the word was an acronym (`caps`)."""

    def __call__(self, tokens):
        for t in tokens:
            t.caps = t.text if is_acronym(t.text) else ""
            yield t


class CapsFilter(Filter):
    """Last in the chain: an acronym's token yields its lowercase term (unless a stop word) and its capitals."""

    def __call__(self, tokens):
        for t in tokens:
            caps = getattr(t, "caps", "")
            if not caps:
                yield t
                continue
            t.caps = ""
            if caps.lower() not in STOP_WORDS and len(t.text) > 1:
                yield t
            t.text = caps
            yield t
