"""Folding text for matching: one rule for names, facet finders and compared words ("Ramón" meets "ramon")."""
from __future__ import annotations

import re

from anyascii import anyascii


def fold(text: str) -> str:
    """Text transliterated to ASCII and case folded."""
    return anyascii(text).casefold()


def name_key(name: str) -> str:
    """The matching key of a name: accents folded, case folded, punctuation spacing ignored."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(name)).split())


def spelled_like(keyed: dict[str, list[tuple[str, int]]], value: str, near: int) -> tuple[list[str], list[str]]:
    """Among values grouped by `name_key` (each with its passage count, most first): those spelled like `value`;
    when there is none, up to `near` values sharing most of its words (then most passages, then by name)."""
    key = name_key(value)
    if key in keyed or not near:
        return [v for v, _ in keyed.get(key, [])], []
    words = {w for w in key.split() if len(w) > 1}
    scored = [(len(words & set(k.split())), n, v) for k, pairs in keyed.items() for v, n in pairs]
    best = sorted((s for s in scored if s[0]), key=lambda s: (-s[0], -s[1], s[2]))
    return [], [v for _, _, v in best[:near]]
