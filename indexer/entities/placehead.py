"""The head of a definition's kind, read as a kind of place: "a major coastal city located in…" -> "city".

`subject.opening_place` takes a passage's untagged opening name for a place when its definition's head is one. The
head is the last word before the first word that is no adjective or noun of the kind (a preposition, a relative, a
participle: "a mountain| in the Alps", "a vast semiarid lowland region| in"). A kind of `kinds.PLACE_KIND` ends it
at a word's start ("region", "city-state", "subregion", "stratovolcano"), not inside another word ("sport",
"termination", "capacity", "amount"). Heads with other senses ("a state of matter", "an area of mathematics", "a
range of practices", "a complex and multifaceted mental state", "the physical world") count only with a where right
after them: "a partially recognised state in the Horn of Africa", "a prehistoric megalithic structure on Salisbury
Plain", or after a kind of place: "a vast mountain range", "an island state"; "a range of mountains".
"""
from __future__ import annotations

import re

from .kinds import PLACE_KIND

_STOP = re.compile(r"\s(?:who|whose|which|that|of|in|from|and|with|to|for|at|by|on|during|between|near|along|off|"
                   r"within|across|about|like|as|than|into|over|under|through|after|before|around|against|among|"
                   r"located|situated|bordered|bounded|known|formed|found|named|founded|built|where|or|such|once|now|"
                   r"(?!king\b)[a-z]+ing|[a-z]{3,}ly(?=\s[a-z]+ed\b))\b|[,;.(]")
# "one of the major rivers", "the smallest of the four main islands": the kind after the "of".
_OF_THE = re.compile(r"^(?:[\w-]+est\s+)?of\s+the\s+")
# What may come before a kind of place in one word: "subregion", "supercontinent", "ecoregion", "stratovolcano".
_PREFIXES = ("", "sub", "super", "eco", "bio", "strato", "micro", "mega", "main")
_DOUBTFUL = frozenset("""state states area areas structure structures complex complexes world worlds power powers union
unions center centre centers centres site sites place places location locations zone zones land lands community
communities colony colonies base bases camp camps circle circles range ranges seat seats belt belts barrier barriers
border borders frontier frontiers destination destinations landmark landmarks civilization civilisation civilizations
civilisations confederation confederations federation federations realm realms polity polities dependency
dependencies mandate mandates port ports quarter quarters road roads route routes square squares wall walls
building buildings base basin basins plain plains church churches museum museums gallery galleries""".split())
_WHERE = re.compile(r"\s(?:located\s|situated\s|lying\s)?(?:in|on|at|near|along|off|within|between|across)\s"
                    r"(?:the\s)?[A-Z]")
_MOUNTAINS = re.compile(r"\s(?:of\s)?(?:mountains|hills)\b")


# A building that is an institution too ("an art museum in Trafalgar Square"): for a name the model called an
# organisation, the organisation.
_INSTITUTIONS = frozenset("museum museums gallery galleries church churches library libraries theatre theatres "
                          "theater theaters zoo zoos".split())


def place_head(kind: str, institutions: bool = True) -> bool:
    """The head of a definition's kind ("a major coastal city located in…") is a kind of place (without
    `institutions`, none that is an institution's building too)."""
    kind = kind[_OF_THE.match(kind).end():] if _OF_THE.match(kind) else kind
    stop = _STOP.search(kind)
    words = kind[:stop.start() if stop else len(kind)].split()
    head = words[-1] if words else ""
    if not head.islower() or not institutions and head in _INSTITUTIONS:
        return False
    found = PLACE_KIND.search(head)
    if found is None or head[:found.start()].rstrip("-–") not in _PREFIXES and not head[:found.start()].endswith(
            ("-", "–")):
        return False
    if head not in _DOUBTFUL:
        return True
    after = kind[len(" ".join(words)):] if stop is None else kind[stop.start():]
    if after.startswith((" and ", " or ")):
        return place_head(after.split(None, 1)[1], institutions)  # "the areas and regions of the continent of Africa"
    if len(words) > 1 and PLACE_KIND.fullmatch(words[-2]) and words[-2] not in _DOUBTFUL:
        return True  # "an island state", "a mountain range", "a mangrove forest area"
    return bool(_MOUNTAINS.match(after) if head in ("range", "ranges") else _WHERE.match(after))
