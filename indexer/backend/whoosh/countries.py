"""Countries and their language adjectives (Greece/Greek, Netherlands/Dutch), from CLDR's data in Babel.

A description says "Greek philosopher", the article "born in Greece"; the stemmer cannot join them. CLDR links a
language to its likely territory (`likely_subtags`: el → el_Grek_GR) and says where it is official and by what
share of the people spoken (`territory_languages`). A language and a territory are paired when the territory is
the language's likely one, the language is official there and spoken by most of its people: Greek ↔ Greece,
Dutch ↔ Netherlands, Japanese ↔ Japan; not Yoruba ↔ Nigeria (13%) nor English ↔ United States (not official).
A dotted acronym stands for the territory whose code (or CLDR alias) it spells and whose name's initials it is:
U.S. ↔ United States, U.K. ↔ United Kingdom, E.U. ↔ European Union; not I.E. ↔ Ireland (one word).
"""
from __future__ import annotations

import functools

from babel import Locale
from babel.core import get_global
from whoosh import query as Q

from .schema import query_schema

MAJORITY = 50.0  # per cent of a territory's people who speak the language
_TEXT = query_schema()["text"]


def _analyse(name: str) -> tuple[str, ...]:
    return tuple(_TEXT.process_text(name, mode="query"))


@functools.lru_cache(maxsize=1)
def pairs() -> list[tuple[str, str]]:
    """(language name, territory name) in English, each language paired with at most one territory."""
    english = Locale("en")
    likely = get_global("likely_subtags")
    spoken = get_global("territory_languages")
    out = []
    for code, language in english.languages.items():
        if "_" in code or code not in likely:
            continue
        region = likely[code].split("_")[-1]
        data = spoken.get(region, {}).get(code, {})
        if (data.get("official_status") == "official" and data.get("population_percent", 0) >= MAJORITY
                and region in english.territories):
            out.append((language, english.territories[region]))
    return out


def acronyms() -> list[tuple[str, str]]:
    """(dotted acronym, territory name) in English where the name's initials spell the territory's code."""
    english = Locale("en")
    codes = {c: c for c in english.territories if c.isalpha()}
    codes.update({alias: to[0] for alias, to in get_global("territory_aliases").items()
                  if alias.isalpha() and alias.isupper() and len(to) == 1 and to[0] in english.territories})
    out = []
    for letters, code in codes.items():
        words = english.territories[code].split()
        if len(words) > 1 and "".join(w[0] for w in words).upper() == letters:
            out.append((".".join(letters) + ".", english.territories[code]))
    return out


@functools.lru_cache(maxsize=1)
def _links() -> dict[str, tuple[tuple[str, ...], ...]]:
    links: dict[str, list[tuple[str, ...]]] = {}
    for language, territory in pairs() + acronyms():
        a, b = _analyse(language), _analyse(territory)
        if not a or not b or a == b:
            continue
        # Only a one-word name in a query is recognised; the other form may be several words ("South Korea").
        for one, other in ((a, b), (b, a)):
            if len(one) == 1 and other not in links.setdefault(one[0], []):
                links[one[0]].append(other)
    return {k: tuple(v) for k, v in links.items()}


def others(word: str) -> tuple[tuple[str, ...], ...]:
    """The analysed other forms of an analysed query word that names a country or its language (greek → greec)."""
    return _links().get(word, ())


def alternatives(word: str, weights: dict[str, float], skip=()) -> Q.Query | None:
    """The other forms of `word` (but those in `skip`) in each field at its weight (a phrase for "South Korea")."""
    forms = [o for o in others(word) if o[0] not in skip]
    if not forms or not weights:
        return None
    return Q.Or([Q.Term(f, o[0], boost=w) if len(o) == 1 else Q.Phrase(f, list(o), boost=w)
                 for o in forms for f, w in weights.items()])
