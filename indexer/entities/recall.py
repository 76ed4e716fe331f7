"""Recall through the collection: a name found with confidence somewhere is found wherever else it is written.

The small model misses a name in one sentence that it finds in another ("Napoleon Bonaparte" on 2 of the 7 passages
naming him). After NER, the collection's confident values (persons and places of two words or more that it names
at least twice, in every spelling the collection merged into them) become a dictionary, as Datashare's are; a
passage's capitalised words are looked up in it, and a name written there that no mention covers is added.
One-word names are left out ("Paris" or "Jordan" written alone is too often another thing), but for persons and
places the collection names often and almost always as such ("Krishna"; "Algiers", "Himalayas" written untagged).
"""
from __future__ import annotations

import re
import weakref
from functools import lru_cache
from typing import Iterable

from ..folding import name_key

LABELS = {"person": "PERSON", "place": "GPE"}
_MIN_MENTIONS = 2
_MAX_WORDS = 6
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")
_NAME_GOES_ON = re.compile(r"[ –-][A-Z]|\.\w|[ ]of[ ][A-Z]")
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w'’.]*[ –-]|[\w.]|[A-Z]\w* of (?:the )?)$")
# A name followed by a common noun names a thing ("Morse code", "Cao Wei dynasty"); a verb or a small word may.
_THING_AFTER = re.compile(r"[ ](?!(?:was|were|is|are|and|or|had|has|in|of|the|to|who|whose|with|by|at|on|for|from|as|"
                          r"became|died|wrote|said|also|then|later)\b)[a-z]")


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    return name_key(word)


def _solo_never(form: str, facet: str) -> bool:
    return False


class Dictionary:
    """The collection's confident names by their key, indexed by first word."""

    def __init__(self, names: Iterable[tuple[str, str, str]], solo=_solo_never) -> None:
        self.names: dict[str, str] = {}  # key of a written form -> the label it is looked up with
        self.lengths: dict[str, list[int]] = {}  # key of a first word -> word counts of names starting so, longest first
        for form, facet, display in names:
            key = name_key(form)
            words = key.split()
            if (2 <= len(words) <= _MAX_WORDS or (words and solo(form, facet))) and form[:1].isupper():
                self.names.setdefault(key, LABELS[facet])
                lengths = self.lengths.setdefault(words[0], [])
                if len(words) not in lengths:
                    lengths.append(len(words))
                    lengths.sort(reverse=True)

    def __len__(self) -> int:
        return len(self.names)

    def find(self, text: str, covered: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
        """(start, end, label, surface) of the dictionary's names written in the text outside the covered spans: raw
        mentions, resolved as the model's are (in their document's context)."""
        if not self.names:
            return []
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
        out = []
        i = 0
        while i < len(tokens):
            start, _, word = tokens[i]
            lengths = self.lengths.get(_key(word)) if word[:1].isupper() else None
            step = 1
            for n in lengths or ():
                if i + n > len(tokens):
                    continue
                end = tokens[i + n - 1][1]
                surface = text[start:end]
                if "\n" in surface or not tokens[i + n - 1][2][:1].isupper():
                    continue
                if _NAME_GOES_ON.match(text, end) or _NAME_BEFORE.search(text, max(0, start - 30), start) \
                        or _THING_AFTER.match(text, end):
                    continue  # part of a longer name ("Midwestern United States", "T.D.C."), a thing's ("Morse code")
                found = self.names.get(name_key(surface))
                if found and not any(s < end and start < e for s, e in covered):
                    out.append((start, end, found, surface))
                    step = n
                    break
            i += step
        return out


_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()  # Canon -> (its generation, its dictionary)


def confident(canon) -> Dictionary:
    """The dictionary of a Canon's confident persons and places (kept until its names change)."""
    cached = _CACHE.get(canon)
    if cached is None or cached[0] != canon.generation:
        def solo(form: str, facet: str) -> bool:
            return canon.sure_alone(form, facet) or _sure_place(canon, form, facet)
        cached = _CACHE[canon] = (canon.generation, Dictionary(canon.confident_forms(LABELS, _MIN_MENTIONS), solo))
    return cached[1]


_SURE_PLACE = 5  # mentions of a one-word place, all but a tenth of the model's labels for it places
_SURE_SHARE = 0.9


def _sure_place(canon, form: str, facet: str) -> bool:
    """A one-word place the collection always calls one, often enough to be looked for ("Algiers")."""
    votes = canon._facets.get(name_key(form)) if facet == "place" else None  # Canon is full (300 lines): read here
    return bool(votes) and votes["place"] >= _SURE_PLACE and votes["place"] >= _SURE_SHARE * sum(votes.values())
