"""A life span in a query ("French painter (1840–1926)", "American filmmaker (born 1946)") and whose years a
passage gives.

The years in parentheses after a description are the described one's. A passage that gives them in parentheses
after another name ("oil paintings by French Impressionist Claude Monet (1840–1926)", "alongside Tyagaraja
(1767–1847)") is about something else that mentions that one: the years are no match for it, though they are the
rarest words of the query. Given after the passage's own name ("Omar Khayyam (1048–1131) was a Persian poet"), in
its first sentence's subject ("Vladimir Ilyich Ulyanov (1870–1924), better known as Lenin, was…"), or anywhere
outside such parentheses, they count as any word does.
"""
from __future__ import annotations

import re

from ...folding import name_key
from .schema import lead_predicate, lead_sentence

SPAN = re.compile(r"\((?:born |died |c\. ?)?(\d{3,4})(?:\s*[–-]\s*(\d{2,4}))?\)")
_PARENTHESIS = re.compile(r"\(([^()]{1,80})\)")
_YEAR = re.compile(r"\b\d{3,4}\b")
_NAME_WORDS = 6  # words before a parenthesis read as the name it belongs to


def years(query: str) -> set[str]:
    """The years of the query's life span in parentheses (none when it has no such span)."""
    m = SPAN.search(query)
    return {y for y in m.groups() if y} if m else set()


def others(text: str, title: str, wanted: set[str]) -> set[str]:
    """The `wanted` years the passage gives only in parentheses after a name that is not its title's."""
    if not wanted:
        return set()
    own, foreign = set(), set()
    named = name_key(title).split()
    lead = lead_sentence(text)
    subject = len(lead) - len(lead_predicate(text))  # the first sentence's subject: the passage's own name
    for m in _PARENTHESIS.finditer(text):
        held = set(_YEAR.findall(m.group(1))) & wanted
        if held:
            mine = m.end() <= subject or _names(named, text[max(0, m.start() - 80):m.start()])
            (own if mine else foreign).update(held)
    rest = _PARENTHESIS.sub(" ", text)
    return {y for y in foreign - own if not re.search(rf"\b{y}\b", rest)}


def _names(title: list[str], before: str) -> bool:
    """Whether the words before a parenthesis end with the title's name: its last word and all its others but one
    ("Oscar-Claude Monet" for Claude Monet)."""
    words = name_key(before).split()[-_NAME_WORDS:]
    return bool(title) and title[-1] in words and sum(w in words for w in title) >= len(title) - 1
