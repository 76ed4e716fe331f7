"""Places the model cut short where the text writes the whole name on (issue 25: values cut short).

- A pair written as one country's name: "[Antigua] and [Barbuda]", "the Republic of [Trinidad] and [Tobago]" (a
  territory "X & Y" of the Unicode CLDR, through Babel), or a pair of places the passage writes alike twice or more
  ("[Jammu] and [Kashmir]"), neither of them a country on its own ("France and Germany" is a list).
- A realm's name going on "of" its land or over its peoples: "[Democratic Republic] of the Congo", "the [Free County]
  of Burgundy", "[the Republic of the United States] of Indonesia", "[the Kingdom of Serbs], Croats and Slovenes",
  "[the Union of the Grand Duchy of Lithuania] and the Kingdom of Poland".
- A unit named by generic words alone going on "of" its place: "the [Autonomous Province] of Vojvodina".
- A town's "upon" or "am" and its river: "[Kingston] upon Hull", "[Frankfurt] am Main".
- One of a pair of islands or mountains sharing their head: "the [South Shetland] and South Sandwich Islands", "the
  [Rocky] and Appalachian mountains": "South Shetland Islands", "Rocky Mountains" (the offsets stay on the words).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..folding import fold
from .names import SAINT_S

Span = tuple[int, int, str, str]

_PLACES = frozenset({"GPE", "LOC", "FAC"})
_JOINED = _PLACES | {"PERSON", "ORG", "NORP"}  # "[Antigua] (PERSON) and [Barbuda]": the model's label of a country
_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’]*(?:[-–][A-Z][\w'’]*)*"  # "Guinea-Bissau", "Galicia–Volhynia", not "Tobago-born"
_AND = re.compile(rf"[ ](?:and|&)[ ](?P<y>{_NAME}(?:[ ]{_NAME}){{0,2}})")
_REALM = (r"(?:Republic|Kingdom|Union|Duchy|County|Principality|Federation|Commonwealth|Emirate|Sultanate|Khanate|"
          r"Caliphate|Confederation|Margraviate|Electorate|Realm|Landgraviate|Archduchy|Voivodeship)")
_REALM_END = re.compile(rf"\b{_REALM}$")
_REALM_OF = re.compile(rf"^(?:[Tt]he[ ])?(?:{_NAME}[ ])*{_REALM}[ ]of[ ]")
# A unit named by generic words alone goes on "of" its place: "the [Autonomous Province] of Vojvodina", "the
# [Metropolitan City] of Milan", "the [Old City] of Jerusalem" (not "the Flemish Region of Belgium": named already).
_UNIT_ONLY = re.compile(r"^(?:[Tt]he[ ])?(?:(?:Autonomous|Constitutional|Metropolitan|Special|Old|Hanseatic|"
                        r"Capital|Federal|Administrative|Free|Inner|Outer)[ ])+(?:Province|Region|City|District|Area|"
                        r"Territory|Prefecture|Municipality|Community)$")
# What a realm's name goes on with: "of (the) Land", and a union's second part "and the Kingdom of Poland".
_OF_LAND = re.compile(rf"[ ]of[ ](?:the[ ])?{_NAME}(?:[ ]{_NAME})*(?![\w'’-])")
_UNION_AND = re.compile(rf"[ ]and[ ]the[ ](?:{_NAME}[ ])*{_REALM}[ ]of[ ](?:the[ ])?{_NAME}(?:[ ]{_NAME})*(?![\w'’-])")
_PEOPLES = re.compile(r"(?:,[ ][A-Z][a-z]+s)*,?[ ]and[ ][A-Z][a-z]+s(?![\w'’-])")  # ", Croats and Slovenes"
_RIVER = re.compile(rf"[ ](?:upon|am)[ ]{_NAME}(?![\w'’-])")
_SHARED_HEAD = re.compile(rf"[ ]and[ ](?:{_NAME}[ ]){{1,3}}(?P<head>Islands|Mountains|islands|mountains)"
                          r"(?![\w'’-])")
_NEXT = (" and ", " & ", " of ", ", ", " upon ", " am ")
_HEADS = frozenset({"Islands", "Mountains", "Island", "Mountain", "Isles", "Range"})
_BEARINGS = frozenset({"North", "South", "East", "West"})  # "the North and South Islands": each one "Island"
# Words that describe a realm rather than name it: "[Democratic Republic] of the Congo", "[Free County] of Burgundy",
# not "the Altai Republic of Russia" nor "the Tajik Autonomous County of Xinjiang".
_DESCRIBING = frozenset("The the Democratic Free Grand People's Peoples Federal Federative Socialist Islamic United "
                        "Holy Imperial Royal Most Serene Independent Popular First Second Third".split())
# Before a pair, a plural noun's "of", "between" or a list's comma: two places ("the islands of Taipa and Coloane",
# "between Taipa and Coloane", "England, Scotland, Wales and Northern Ireland").
_TWO_PLACES = re.compile(r"(?:\b[a-z]+s[ ]of|\bbetween)[ ]$")
_LISTED = re.compile(r",[ ]$")
# A saint's possessive is a place's name only where no noun follows it: "St. John's, the capital" (not "Saint John's
# Fair", "St. John's wort").
_NOUN_AFTER = re.compile(r"[ ](?!(?:to|and|or|in|on|at|is|was|from|for|by|with|of|the|as|which|where|has|had|"
                         r"lies|became|remained)\b)[\w-]")


@lru_cache(maxsize=1)
def _countries() -> tuple[frozenset[str], frozenset[str]]:
    """CLDR's English territory names: the pairs ("Antigua and Barbuda") and the one-name countries."""
    try:
        from babel import Locale
        names = Locale("en").territories.values()
    except Exception:  # pragma: no cover - babel is a dependency; no pairs without it
        return frozenset(), frozenset()
    pairs = set()
    for name in names:
        if " & " in name:
            pair = name.replace(" & ", " and ")
            pairs.update(fold(p) for p in (pair, pair.replace("St. ", "Saint "), pair.replace("St. ", "St ")))
    return frozenset(pairs), frozenset(n for n in names if " & " not in n)


def _pair_end(text: str, m: Span) -> int | None:
    """Where a place's name ends once "and Y" is taken in, when "X and Y" is one country's or place's name."""
    after = _AND.match(text, m[1])
    if after is None:
        return None
    pairs, countries = _countries()
    two = _TWO_PLACES.search(text, max(0, m[0] - 30), m[0])
    xs = m[3].split()
    ys = after.group("y").split()
    for k in (2, 1):
        x = " ".join(xs[-k:])
        for j in range(len(ys), 0, -1):
            pair = f"{x} and {' '.join(ys[:j])}"
            if fold(pair) in pairs and not two or m[2] in _PLACES and k == 1 and x not in countries \
                    and " ".join(ys[:j]) not in countries and _named_so(text, pair):
                return after.start("y") + len(" ".join(ys[:j]))
    return None


def _named_so(text: str, pair: str) -> bool:
    """A pair the passage writes twice or more, once at least other than in a list or as two of a kind."""
    at = [m.start() for m in re.finditer(re.escape(pair), text)]
    return len(at) >= 2 and not all(_TWO_PLACES.search(text, max(0, s - 30), s) or _LISTED.search(text, max(0, s - 2), s)
                                    for s in at)


def _realm_end(text: str, m: Span) -> int | None:
    """Where a realm's name ends once the land or the peoples the text writes after it are taken in."""
    name = m[3]
    if _UNIT_ONLY.match(name) and (land := _OF_LAND.match(text, m[1])):
        return land.end()  # "the Autonomous Province of Vojvodina"
    if _REALM_END.search(name) and all(w in _DESCRIBING for w in name.split()[:-1]) or _REALM_OF.match(name):
        if name.endswith("s") and _REALM_OF.match(name) and (peoples := _PEOPLES.match(text, m[1])):
            return peoples.end()  # "the Kingdom of Serbs, Croats and Slovenes"
        if (_REALM_END.search(name) or _REALM_OF.match(name) and " of the " in name) \
                and (land := _OF_LAND.match(text, m[1])):
            return land.end()  # "Democratic Republic of the Congo", "Republic of the United States of Indonesia"
        if re.match(r"(?:[Tt]he[ ])?Union[ ]of[ ]", name) and (union := _UNION_AND.match(text, m[1])):
            return union.end()
    return None


def joined_places(text: str, spans: list[Span]) -> list[Span]:
    """The spans (sorted by start) with places cut short taken whole over what the text writes after them."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        m = spans[i]
        i += 1
        if m[3][-1:] == "s" and SAINT_S.match(m[3]) and (m[2] == "PERSON" or _NOUN_AFTER.match(text, m[1])):
            m = (m[0], m[1], m[2], m[3][:-2])  # "Saint John's Fair": the saint's
        if m[2] not in _JOINED or not text.startswith(_NEXT, m[1]):  # a quick test first
            out.append(m)
            continue
        end, label = _pair_end(text, m), m[2]
        if end is not None:
            label = "GPE" if m[2] not in _PLACES else m[2]
        elif m[2] != "NORP" and (end := _realm_end(text, m)) is not None:
            label = "GPE" if m[2] == "PERSON" else m[2]  # "Margraviate of Moravia"
        elif m[2] in _PLACES and (river := _RIVER.match(text, m[1])):
            end = river.end()  # "Kingston upon Hull"
        if end is None:
            if m[2] in _PLACES and m[3].split()[-1] not in _HEADS and m[3].split()[-1] not in _BEARINGS \
                    and (shared := _SHARED_HEAD.match(text, m[1])):
                m = (m[0], m[1], m[2], f"{m[3]} {shared.group('head').capitalize()}")  # "South Shetland Islands"
            out.append(m)
            continue
        while i < len(spans) and spans[i][0] < end:  # the spans met on the way are part of the name
            end = max(end, spans[i][1]) if spans[i][2] in _JOINED else end
            i += 1
        out.append((m[0], end, label, text[m[0]:end]))
    return out
