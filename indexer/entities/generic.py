"""A body named by common words alone is one of several countries' ("the Liberal Party", "the Council of State",
"the Natural History Museum"): Gladstone's Liberal Party is not Benito Juárez's. Each mention is read as its
passage's country's when the passage names one country more than any other ("Liberal Party (Mexico)"); the
collection (`variants`) then shows such a name plain while one country is seen, with the country once several are.
Bodies of the whole world keep their name: the words are those of a country's parties, chambers, councils, courts
and museums, not "United", "International", "World", "Royal", "Modern" or "General" ("the General Assembly" is mostly the
United Nations'); a one-word name ("Parliament") and a name before its acronym are left alone.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..folding import name_key

_HEADS = frozenset("""party council senate parliament assembly congress museum court academy government cabinet
legislature diet convention""".split())
_WORDS = _HEADS | frozenset("""liberal conservative labour labor communist democratic republican socialist social
christian green national people s popular progressive radical workers state supreme constitutional high
federal legislative constituent privy executive natural history art arts science sciences fine provisional
revolutionary central upper lower of the and justice ministers representatives""".split())
_THE = re.compile(r"^[Tt]he\s")
_OF_COUNTRY = re.compile(r"^.*\sof\s(?:the\s)?")  # "the Commonwealth of England", "Republic of the Congo"
_POSSESSIVE = re.compile(r"['’]s?$")
_UK_NATIONS = ("England", "Scotland", "Wales")  # countries CLDR counts in the United Kingdom


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Countries by their keys (CLDR two-letter territories, through Babel; none without it): key -> name."""
    try:
        from babel import Locale
    except ImportError:
        return {}
    names = [n for code, n in Locale("en").territories.items() if code.isalpha() and len(code) == 2
             and not n.startswith(("Pseudo", "Euro", "United Nations", "Unknown"))]
    out = {name_key(n): n for n in (*names, *_UK_NATIONS)}
    for n in names:  # "Congo - Kinshasa": "the Congo"; "Myanmar (Burma)": "Burma"; "Trinidad & Tobago"
        out.update({name_key(part): part.strip() for part in re.split(r"[()]", n.split(" - ")[0]) if part.strip()})
        out.setdefault(name_key(n.replace("&", "and")), n)
    return out


def generic_key(key: str) -> bool:
    """A name of common words alone with a body's head ("liberal party", "council of state")."""
    words = key.split()
    return len(words) > 1 and all(w in _WORDS for w in words) and any(w in _HEADS for w in words) \
        and words[0] not in ("of", "and") and words[-1] not in ("of", "and", "the")


def qualified_base(key: str) -> str | None:
    """The generic name a country's key is ("liberal party mexico" → "liberal party"), else None."""
    words = key.split()
    for n in range(1, min(4, len(words) - 1) + 1):
        if " ".join(words[-n:]) in _countries() and generic_key(base := " ".join(words[:-n])):
            return base
    return None


def passage_country(spans: list) -> str | None:
    """The country a passage names more than any other: a GPE mention, or the country after "of" in a GPE's or an
    ORG's name ("the Commonwealth of England", "the Democratic Republic of the Congo")."""
    seen = Counter(_countries()[k] for m in spans if m[2].startswith(("GPE", "ORG"))
                   and ((k := name_key(_THE.sub("", m[3]))) in _countries() and m[2].startswith("GPE")
                        or (k := name_key(_OF_COUNTRY.sub("", m[3]))) in _countries()))
    top = seen.most_common(2)
    return top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None


def with_country(text: str, spans: list) -> list:
    """Generic bodies' ORG mentions written with their passage's country ("the Liberal Party (Mexico)"); the offsets
    stay on the words written."""
    country = passage_country(spans)
    if country is None:
        return spans
    return [(m[0], m[1], m[2], f"{name} ({country})") if m[2].startswith("ORG")  # ORG and ORG_CUE
            and generic_key(name_key(name := _POSSESSIVE.sub("", _THE.sub("", m[3])))) and text[m[1]:m[1] + 2] != " ("
            else m for m in spans]  # not before its acronym: "the Liberal Democratic Party (LDP)"
