"""The passage's subject, a person (or, below, a place) the model left untagged at its start.

The small model often tags nothing in a biography's first words: "Homer was an ancient Greek poet who…",
"Brahmagupta was an Indian mathematician…", "Timur, also known as Tamerlane, was a Turco-Mongol conqueror…" (some
ninety of the 10k wiki summaries), and a one-word name the collection rarely tags as a person then takes another
facet ("Homer's Iliad" [GPE]). A passage that opens with an untagged capitalised name defined as a kind of person
(the head noun of its definition a word for a person: "poet", not "a modernist movement" or "the belief that
another person…") gets a PERSON_DEFINED span over the name:
evidence of a person that weighs five mentions, as the article's own definition ("Domitian" is also tagged GPE
twice elsewhere; the one-word "Bede" is no "Adam Bede" of a novel).
"""
from __future__ import annotations

import re

from .attest import _DEFINED, _NOT_A_ROLE
from .evidence import PERSON_CUE, PERSON_DEFINED, Span
from .gaps import TITLE
from .kinds import NAME_GLOSS, person_head
from .lists import DEFINED_PLACE
from .names import org_shaped
from .placehead import place_head

# The opening name: one to four capitalised words, not an article ("The Lord's Prayer") nor a pronoun ("He was…"),
# maybe with a regnal number ("Ahmose I", "Antigonus I Monophthalmus") or a place after "of" ("Hero of Alexandria").
_WORD = r"[A-Z][^\W\d_A-Z][\w'’ʼ-]*"
_NO_NAME = (r"The|A|An|He|She|It|They|We|This|That|These|Those|There|Its|His|Her|Their|One|Some|Many|Most|Each|All|"
            r"Both|Such|Today|Here")  # an article, a pronoun or a determiner opening the passage
_OPENING = re.compile(rf"(?:{TITLE}\s(?=[A-Z]))?(?P<name>(?!(?:{_NO_NAME}|I)\b)"
                      rf"{_WORD}(?:\s{_WORD}|\s[IVX]{{1,5}}(?=[\s,])|\sof\s(?:the\s)?{_WORD}){{0,3}})"
                      r"(?=\s(?:was|is)\s|\s\(|\s?,)")  # no title in the name: "[Emperor] Wu of Han"
_NAME_PARTS = ("PERSON", "GPE", "LOC", "NORP", "ORG")  # the model's labels for a part of "Pythagoras of [Samos]"
# The definition's head ends before its first word that is no adjective or noun of it ("ancient Greek poet| who").
_PLACES = ("GPE", "LOC", "FAC")  # the model's place labels
_STOP = re.compile(r"\s(?:who|whose|which|that|of|in|from|and|with|to|for|at|by|on|during|between|active|known|"
                   r"best|often|credited|whom|born|considered|or|where|such|(?!king\b)[a-z]+ing)\b|[,;.(]")


def opening_person(text: str, spans: list[Span]) -> list[Span]:
    """The spans with a PERSON_DEFINED span over the untagged opening name of a passage that defines a person, or
    over its opening name the model called a place ("Marina or Malintzin, … was a Nahua woman" [LOC])."""
    if spans and spans[0][0] == 0 and spans[0][2] in _PLACES:
        first = spans[0]
        label = _defines_person(text, first[1])
        return [(0, first[1], label, first[3])] + spans[1:] if label else spans
    name = _OPENING.match(text)
    if name is None:
        return spans
    inside = [m for m in spans if m[0] < name.end()]  # "Hero of [Alexandria]" (PERSON): parts of the name, if any
    if inside and not (" of " in name["name"] and all(name.start("name") <= m[0] and m[1] <= name.end()
                                                         and m[2] in _NAME_PARTS for m in inside)) \
            or not (label := _defines_person(text, name.end())):
        return spans
    return [(name.start("name"), name.end(), label, name["name"])] + spans[len(inside):]


def _defines_person(text: str, end: int) -> str | None:
    """The label of a passage's opening name (ending at `end`) its definition makes a person: PERSON_DEFINED, or
    PERSON_CUE (one mention's weight) for a capitalised title ("was Queen of the United Kingdom"), which a realm of
    the same name shares ("Victoria", also a state and a capital, stays the places its passages show)."""
    found = _DEFINED.match(text, end, end + 260)
    if found is None:
        return None
    kind = found.group("kind")
    words = kind[:_STOP.search(kind).start() if _STOP.search(kind) else len(kind)].split()
    head = words[-1] if words else ""
    # a ruler's or an officer's title opening the definition is capitalised: "was Emperor of Magadha from c. 268 BCE"
    if not (head.islower() or len(words) == 1 and head.istitle()) or head.lower() in _NOT_A_ROLE \
            or head.endswith("ness") or not person_head(head.lower()):
        return None
    return PERSON_DEFINED if head.islower() else PERSON_CUE


# The passage's subject, a place: "Oran is a major coastal city located in…", "The Gran Chaco is a vast semiarid
# lowland region…", "Pangaea or Pangea was a supercontinent…", "In classical antiquity, Phrygia was a kingdom…" (some
# two hundred of the 10k wiki summaries open with a place the model leaves untagged, or tags as an organisation:
# "Shikoku [ORG] is the smallest of the four main islands of Japan"). The head of the definition must be a kind of
# place (kinds.place_head): a GPE_DEFINED span over the name, weighing five as its own definition.
_OPENING_PLACE = re.compile(rf"(?:In\s[^,.;\n]{{1,40}},\s)?(?:The\s)?(?P<name>(?!(?:{_NO_NAME}|In|On|At|During|After|"
                            rf"Before)\b){_WORD}(?:(?:\s|\sof\s(?:the\s)?){_WORD}){{0,3}})"
                            r"(?=\s+(?:was|is|are|were|refers)\s|\s\(|\s?,|\sor\s)")
_PLACE_DEFINED = re.compile(NAME_GLOSS + r"(?:,[^.;\n]{0,100},|,)?\s+(?:(?:is|was|are|were)\s+(?:a|an|the|one)|"
                            r"refers\sto\s+(?:a|an|the))\s+(?P<kind>[^.;:\"“\n]{1,120})")
_RELABELLED = ("ORG", "NORP", "WORK_OF_ART")  # the model's weak labels for a defined place
_PARTS = ("GPE", "LOC", "NORP", "DATE")


def opening_place(text: str, spans: list[Span]) -> list[Span]:
    """The spans with a GPE_DEFINED span over the opening name of a passage that defines a place: added where the
    model tagged nothing there, relabelled where it tagged the name as an organisation, a people or a work."""
    found = _OPENING_PLACE.match(text)
    if found is None or not found.group("name")[:1].isupper():
        return spans
    start, end = found.span("name")
    over = [m for m in spans if m[0] < end and m[1] > start - 4]  # a span over the name (or "The " and the name)
    tagged = over[0] if len(over) == 1 and over[0][2] in _RELABELLED and over[0][1] == end \
        and over[0][0] in (start, start - 4) and not org_shaped(over[0][3]) else None
    parts = over and all(start <= m[0] and m[1] <= end and m[1] - m[0] < end - start and m[2] in _PARTS
                         for m in over)  # "Sub-Saharan [Africa]": a place's name holding another
    if over and tagged is None and not parts:
        return spans
    definition = _PLACE_DEFINED.match(text, end, end + 260)
    if definition is None or not place_head(definition.group("kind"), tagged is None):
        return spans
    if tagged is not None:
        return [(tagged[0], tagged[1], DEFINED_PLACE, tagged[3]) if m is tagged else m for m in spans]
    return sorted([m for m in spans if m not in over] + [(start, end, DEFINED_PLACE, found.group("name"))], key=lambda m: (m[0], -m[1]))
