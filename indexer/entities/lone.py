"""One-word places the passage gives no sign of: a collection-level test of the model's weakest place labels.

The small model calls many one-word things places: a taxon ("the filamentous Spirogyra"), a work ("the epic
Ramcharitmanas"), a period ("ending the Porfiriato"), a school of thought ("Sankhya-based yoga"). A real place named
once in a collection of summaries mostly stands where a place stands: after "in", "near", "of", in a list beside
other places, in apposition to a city ("Ljubljana, the capital"), or in a sentence about capitals, provinces or
borders. A one-word GPE span that is no country's or region's name and has none of these signs gets the label
LONE_PLACE: it counts as a place vote a little under one mention (`votes.LONE`), so that a value named once with
no sign gets no facet, while two such mentions, or one beside any other place mention, still make a place.
"""
from __future__ import annotations

import re

from .evidence import Span
from .names import MEMBERS, is_territory
from . import placecue, weaksigns

LONE_PLACE = "GPE_LONE"
# A place's preposition or a bearing before the name, maybe over a few capitalised words ("in Upper Lusatia's").
_BEFORE = re.compile(r"(?:\b(?i:in|at|near|of|from|to|into|across|throughout|within|between|around|outside|toward|"
                     r"towards|via|through|past|beyond|on|off|along|north|south|east|west|northern|southern|eastern|western|"
                     r"central|borders?|bordering|capital|city|town|village|officially|known as|spelt|spelled|"
                     r"formerly|renamed|facing|separates|"
                     r"neighbou?ring|atop|over|called|referred to as|collectively as|simply|names|mapped|visited|"
                     r"explored|conquered|ruled|invaded|annexed|settled|reached|entered|left|crossed|governed|"
                     r"coloni[sz]ed|occupied|captured|besieged|founded|built|sacked|raided)\s"
                     r"(?:the\s)?(?:(?:[A-Z][\w'’.-]*|\d+\w*|century|early|late|ancient|medieval|modern|"
                     r"present-day)\s){0,3}|\(\s?)$")
# A city's state or country after it, a bracketed other name or an old one ("Cambria, the Latinized name for
# Wales"), or a definition (the passage's topic: the definition rules of `things` and `kinds` judge it).
_AFTER = re.compile(r",\s(?:the\s)?(?:[\w-]+\s){0,2}name\s(?:for|of)\b|\s?\(|"
                    r"(?:,[^.;\n]{0,60},)?\s(?:is|was|are|were)\s(?:a|an|the|one)\b")
_COUNTRY_AFTER = re.compile(r",\s(?:the\s)?([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2})")  # "Ljubljana, Slovenia"
# A sentence about places: capitals, settlements, provinces, borders, heights.
PLACE_TALK = re.compile(r"\b(?:capitals?|city|cities|towns?|settlements?|provinces?|regions?|mountains?|rivers?|"
                         r"islands?|villages?|districts?|count(?:y|ies)|states?|boundar(?:y|ies)|borders?|ports?|"
                         r"coast|highest point|located|situated|lies|population)\b", re.I)


def mark(text: str, spans: list[Span]) -> list[Span]:
    """The spans with the place spans (GPE, LOC, FAC) that show no sign of a place relabelled LONE_PLACE: one-word
    names read here, names of several words by `placecue`."""
    return [(m[0], m[1], LONE_PLACE, m[3]) if m[2] in ("GPE", "LOC", "FAC") and (
        _lone(text, spans, i) if " " not in m[3] else placecue.unshown(text, m, PLACE_TALK, sentence)
        and not _listed(text, spans, i)) else m
            for i, m in enumerate(spans)]


def _lone(text: str, spans: list[Span], i: int) -> bool:
    m = spans[i]
    if " " in m[3] or not m[3][:1].isupper() or is_territory(m[3]) or MEMBERS.match(m[3]) or m[0] == 0:
        return False  # a passage's first word is its topic: the definition rules judge it
    if (before := _BEFORE.search(text, max(0, m[0] - 60), m[0])) and not weaksigns.weak(text, m, before) \
            or _AFTER.match(text, m[1], m[1] + 60) \
            or (after := _COUNTRY_AFTER.match(text, m[1], m[1] + 40)) and is_territory(after.group(1)):
        return False
    if _listed(text, spans, i):
        return False
    start, end = sentence(text, m)
    return not (PLACE_TALK.search(text, start, end) or placecue.MORE_TALK.search(text, start, end))


# A list's joints ("Corymbia and Angophora", "HPV16 and HPV18") are no sign alone: a place shares them with taxa,
# works and persons. They count beside a country's or region's name, or after a list's first name that shows a place.
_LIST_JOINT = re.compile(r"^(?:,\s+(?:[A-Z][\w'’-]*,\s+)*(?:and\s|or\s)?|\s(?:and|or)\s)(?:the\s)?$")


def _listed(text: str, spans: list[Span], i: int) -> bool:
    """A name in a list that holds a country's or region's name or a place's head word ("Mount Everest and
    Aconcagua"), or whose first name has a place's sign before it
    or a sentence about places around it ("at Liège and Tannenberg", "mainland Japan, Okinawa, the Kurils, Karafuto")."""
    first = last = i
    while first and _LIST_JOINT.match(text[spans[first - 1][1]:spans[first][0]]):
        first -= 1
    while last + 1 < len(spans) and _LIST_JOINT.match(text[spans[last][1]:spans[last + 1][0]]):
        last += 1
    if first == last:
        return False
    if any(is_territory(re.sub(r"^the\s", "", spans[k][3])) or placecue.HEAD.search(spans[k][3])
           for k in range(first, last + 1) if k != i):
        return True
    head = spans[first]
    return first < i and bool(_BEFORE.search(text, max(0, head[0] - 60), head[0])
                              or PLACE_TALK.search(text, *sentence(text, head)))


# A place's strongest cue before its name: "also known simply as the Emirates", "in Paradise".
_NAMED_BEFORE = re.compile(r"\b(?:known(?:\s\w+)?\sas|called|in|at|near|from|to)\s(?:the\s)?$")


def common_noun(text: str, m: Span) -> bool:
    """A one-word place-tagged span whose word its passage writes in lower case too, with no place's cue: "Bacteria
    are ubiquitous … bacteria", "materials into Yarn … yarn": a common noun, not a place."""
    word = re.sub(r"^[Tt]he\s", "", m[3])
    if not re.fullmatch(r"[A-Z][a-z]+", word) or is_territory(word) \
            or not re.search(rf"\b{word.lower()}\b", text):
        return False
    return not (_NAMED_BEFORE.search(text, max(0, m[0] - 24), m[0]) or _AFTER.match(text, m[1], m[1] + 60))


def sentence(text: str, m: Span) -> tuple[int, int]:
    """The start and end of the sentence around a span."""
    start = max(text.rfind(". ", 0, m[0]) + 1, text.rfind("\n", 0, m[0]) + 1)
    return start, min(i for i in (text.find(". ", m[1]), text.find("\n", m[1]), len(text)) if i >= 0)
