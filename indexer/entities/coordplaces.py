"""Coordinated regions: "Central and South America", "Western and Central Europe", "the Northern and Southern
Hemispheres" name one place per bearing.

The model tags such a phrase whole ("Central and South America" [LOC], a value that is no place's name) or its
last region only ("Western" [NORP], "Central Europe" [LOC]: Western Europe is lost). Where the model calls the last
bearing and its head a place (alone or inside the whole phrase), each bearing with the head becomes a place of its
own, a plural head made singular ("Hemispheres": Western Hemisphere, Southern Hemisphere). A head the model calls no
place ("South Poles" [NORP]) or a people's word ("West and Central African") is left as it is.
"""
from __future__ import annotations

import re

from .evidence import Span

_BEARING = r"(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|Upper|Lower|Middle)"
_COORDINATED = re.compile(rf"(?<![\w'’-])(?P<first>{_BEARING}(?:,\s{_BEARING})*),?\s(?:and|or)\s(?P<last>{_BEARING})"
                          rf"\s(?P<head>[A-Z][^\W\d_]+)(?![\w'’-])")
_WORD = re.compile(rf"{_BEARING}(?!\w)")
_PEOPLE_WORD = re.compile(r"(?:an|ans|ish|ese|ic|ics|i|is)$")  # "African", "Azerbaijani", "Slavic": no region's head
_PLACES = ("GPE", "LOC")
_INSIDE = _PLACES + ("GPE_LONE", "NORP", "ORG", "MISC")  # the model's labels of the other bearings ("Eastern" [ORG])
# Heads that make a region whatever the model says: "the Western and Southern Hemispheres", "North and South Poles".
_REGION_HEADS = frozenset({"Hemisphere", "Pole"})


def _singular(head: str) -> str:
    return head[:-1] if head.endswith("s") and not head.endswith(("ss", "us", "is")) else head


def coordinated_places(text: str, spans: list[Span]) -> list[Span]:
    """The spans with each bearing of a coordinated region its own place (the spans inside the phrase replaced)."""
    if " and " not in text and " or " not in text:
        return spans
    out = spans
    for found in _COORDINATED.finditer(text):
        head = found.group("head")
        if _PEOPLE_WORD.search(head):
            continue
        over = [m for m in out if m[0] < found.end() and m[1] > found.start()]
        single = _singular(head)
        last = [m[2] for m in over if m[2] in _PLACES and m[0] <= found.start("last") and m[1] >= found.end("head")]
        if single in _REGION_HEADS:
            last = last or ["LOC"]
        if not last or any(m[0] < found.start() or m[1] > found.end() or m[2] not in _INSIDE for m in over):
            continue  # the model calls the last region no place, or a span reaches out of the phrase
        label = last[0]
        new = [(w.start(), w.end(), label, f"{w.group()} {single}")
               for w in _WORD.finditer(text, found.start(), found.end("first"))]
        new.append((found.start("last"), found.end(), label, f"{found.group('last')} {single}"))
        out = sorted([m for m in out if m not in over] + new, key=lambda m: (m[0], -m[1]))
    return out
