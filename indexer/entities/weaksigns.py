"""A place's sign before a name that belongs to another word: the name is a modifier, or "of" hangs on no place.

`lone` and `placecue` count a place's preposition before a name as a sign of a place ("in Kranj", "of Konya"). Two
readings of that sign are no sign:
- the name modifies a lower-case noun after it, and the preposition takes that noun: "in Khoekhoegowab orthography",
  "the pinnacle of Insular illumination", "in Kimmeridgian- to Tithonian-aged strata". A place's kind after the name
  ("in the Ghor region", "of Fars province") or a verb ("the city of Axum served") keeps the sign.
- "of" hangs on a noun that takes a person, a work or an idea, not a place: "the title of Kampaku", "the reign of
  Ashoka", "the religion of Thelema", "the story of Okonkwo".
"""
from __future__ import annotations

import re

# A place's kind, or a part of a place's name, in lower case after the name ("the Ghor region", "Liang Tebo cave").
_KIND = frozenset("""region regions mountain mountains range ranges district districts province provinces county
counties state states peninsula metropolitan census combined statistical peak peaks cave caves neighborhood neighbourhood
coast coastline area areas markaz land capital volcanic valley valleys river rivers basin delta island islands isles city
cities town towns village villages prefecture department municipality governorate oblast plain plains plateau desert lake
lakes sea strait bay gulf border borders frontier highlands hills hill forest park estuary lowlands massif archipelago
territory territories colony country countries kingdom empire emirate sultanate canton commune parish borough suburb
suburbs quarter ward governorship division zone belt corridor metro conurbation agglomeration urban rural proper
mainland interior countryside hinterland uplands steppe jungle rainforest swamp marshes oasis fjord lagoon canal harbour
harbor port airport throne crown station bridge road street square wall gate castle fort palace palaces temple church cathedral
abbey monastery mosque shrine site sites ruins""".split())
# Words after a name that are no noun it modifies: function words, auxiliaries and common irregular verbs.
_NOT_NOUN = frozenset("""and or but nor the a an of in on at to for from by with as which who whom whose that this these
those it its their his her he she they we you is was are were be been being has had have do does did will would can
could shall should may might must not no than then there here where when while since until after before into onto upon
over under about between through during against among within without across along around near beyond toward towards via
per so yet also still only even just ever never now once soon too very out off up down back away all both each either neither every some any most
more much many few such own same other another one two three four five six seven eight nine ten hundred thousand million
fell became began came went grew lay rose stood saw held gave took made won lost led left kept met ran sat set
spoke wrote bore drew fought found brought built sent spent struck taught thought told went wore du de del dell della
des di da do dos das la le les los las el al van von der den und et y e i""".split())
_AFTER_WORD = re.compile(r"\s([a-z][a-z-]*)\b")
# Nouns that "of" hangs on to take a person, a people, a work or an idea: "the title of Kampaku", "the reign of Ashoka".
_NOT_PLACE_OF = re.compile(
    r"\b(?:title|titles|rank|style|name|by-name|nickname|epithet|reign|successors?|predecessors?|sons?|daughters?|"
    r"wife|husband|widow|heirs?|story|life|legend|myth|cult|worship|followers|disciples|teachings|works|writings|"
    r"religion|aspect|aspects|text|texts|form|forms|day|month|member|members|creators?|exception|perspectives?|"
    r"compilation|pinnacle|bust|circle|condensate|language|languages|tongue|dialect|script|theory|school|"
    r"tradition|doctrine|philosophy)\s(?:and\s[a-z]+\s)?$")


def modifier(text: str, end: int, surface: str) -> bool:
    """Whether the name ending at `end` modifies a lower-case noun after it, or is a compound's cut first part
    ("Kimmeridgian-"): a preposition before it then takes the noun, not the name."""
    if surface.endswith("-"):
        return True
    after = _AFTER_WORD.match(text, end, end + 40)
    if not after:
        return False
    word = after.group(1)
    return not (word in _KIND or word in _NOT_NOUN or word.endswith(("ly", "ed", "ing", "s")))


def weak_of(text: str, before: re.Match) -> bool:
    """Whether the sign `before` (a match of a place's word before a name) is an "of" after a noun that takes no
    place ("the title of Kampaku")."""
    return before.group(0)[:3].lower() == "of " and bool(_NOT_PLACE_OF.search(text, max(0, before.start() - 40),
                                                                                 before.start()))


def weak(text: str, m, before: re.Match) -> bool:
    """Whether a place's word before the span `m` (the match `before`) is no sign of a place for it."""
    return modifier(text, m[1], m[3]) or weak_of(text, before)

