"""Folding text for matching: one rule for names, facet finders and compared words ("Ramón" meets "ramon")."""
from __future__ import annotations

from anyascii import anyascii


def fold(text: str) -> str:
    """Text transliterated to ASCII and case folded."""
    return anyascii(text).casefold()
