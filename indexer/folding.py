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
