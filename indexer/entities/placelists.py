"""Lists of one-word places the model tags only in part: every name of the list is a place.

"Greater Tehran includes several municipalities, including Eslamshahr [PERSON], Shahriar, Qods [PERSON], Malard,
Golestan [GPE]…, Tajrish [NORP], and Rey [PERSON]", "the four former provinces that make up the island: Awa, Tosa,
Sanuki [PERSON], and Iyo", "extending into Collin, Denton, Kaufman, and Rockwall [ORG] counties": the model tags
some names, calls others persons, and leaves some untagged. A list written as one ("A, B, C and D", three names at
least, each one capitalised word) is a list of places when a plural noun of a kind of place heads it ("municipalities,
including", "provinces…: ") or follows it ("… and Rockwall counties"), or when two of its names at least are the
model's places in a sentence about places and none is a people's or a tongue's. Each of its names becomes a place;
no list of seasons, months or bearings ("Summer, Autumn and Winter").
"""
from __future__ import annotations

import re

from .evidence import Span
from .lone import PLACE_TALK, sentence

_NAME = r"[A-Z][^\W\d_A-Z][\w'’-]*"
# A list of one-word names: "A, B, C, and D" (a comma or none before "and"/"or").
_LIST = re.compile(rf"(?<![\w'’-]){_NAME}(?:,\s{_NAME}){{1,}},?\s(?:and|or)\s{_NAME}(?![\w'’-]|\s[A-Z])")
_ITEM = re.compile(_NAME)
_KINDS = (r"(?:municipalities|provinces|prefectures|counties|districts|regions|states|cities|towns|villages|"
          r"settlements|suburbs|boroughs|neighbou?rhoods|islands|rivers|lakes|mountains|oblasts|departments|cantons|"
          r"parishes|communes|governorates|emirates|kingdoms|countries|nations|republics)")
# A plural kind before the list: "several municipalities, including ", "the four former provinces that make up the
# island: ", "the counties of ", "towns such as ".
_HEADED = re.compile(rf"\b{_KINDS}(?:(?:\s[a-z]+){{0,6}}?(?::\s|,?\s(?:include|includes|including|are|were|such\sas|"
                     rf"like|of|namely)\s))$")
# The same kind right after the list: "Collin, Denton, Kaufman, and Rockwall counties".
_FOLLOWED = re.compile(rf"\s{_KINDS}\b")
NOT_NAMES = frozenset("""january february march april may june july august september october november december monday
tuesday wednesday thursday friday saturday sunday spring summer autumn fall winter north south east west northern
southern eastern western central upper lower greater i""".split())
# Adjectives, most of a list's names ("Arctic, Alpine, and Antarctic", "Slavic… and Iranic-speaking"), and a sentence's first word ("Together, Fuzhou and Ningde").
_ADJECTIVE = re.compile(r"(?:ic|ian|ean|ese|ish|ern|-speaking)$")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s|\n)$")
_PLACES = ("GPE", "LOC", "GPE_DEFINED")
_WEAK = ("PERSON", "ORG", "NORP", "WORK_OF_ART")
_TONGUES = re.compile(r"\b(?:languages?|dialects?|spoken|speak\w*|tongues?|peoples?|tribes?|ethnic\w*|minorit\w+|"
                      r"groups?|clans?|population\sis|populations)\b")


def listed_towns(text: str, spans: list[Span]) -> list[Span]:
    """The spans with every name of a list of one-word places a place: the model's persons, organisations, peoples
    and works among them relabelled GPE (a span over two names split), the names it left untagged added."""
    if ", " not in text:
        return spans
    out = spans
    for found in _LIST.finditer(text):
        items = list(_ITEM.finditer(text, found.start(), found.end()))
        if any(i.group().lower() in NOT_NAMES for i in items) \
                or 2 * sum(bool(_ADJECTIVE.search(i.group())) for i in items) > len(items) \
                or _SENTENCE_START.search(text, max(0, found.start() - 3), found.start()):
            continue
        over = [m for m in out if m[0] < found.end() and m[1] > found.start()]
        if any(m[0] < found.start() or m[1] > found.end() or m[2] not in _PLACES + _WEAK for m in over):
            continue  # a span reaching out of the list, or of another kind (a date, a number)
        if not (_HEADED.search(text, max(0, found.start() - 90), found.start())
                or _FOLLOWED.match(text, found.end()) or _by_places(text, found, over)):
            continue
        kept = [m for m in over if m[2] in _PLACES and any(m[:2] == i.span() for i in items)]
        places = kept + [(i.start(), i.end(), "GPE", i.group()) for i in items
                         if not any(m[:2] == i.span() for m in kept)]
        out = sorted([m for m in out if m not in over] + places, key=lambda m: (m[0], -m[1]))
    return out


def _by_places(text: str, found: re.Match, over: list[Span]) -> bool:
    """Two names of the list at least are the model's places, none a people's, in a sentence about places and not
    about tongues or peoples."""
    if sum(m[2] in _PLACES for m in over) < 2 or any(m[2] == "NORP" for m in over):
        return False
    start, end = sentence(text, (found.start(), found.end(), "", ""))
    return bool(PLACE_TALK.search(text, start, end)) and not _TONGUES.search(text, start, end)
