"""Entity names: the spaCy-label → facet map, cleaning, and corpus-wide canonical names with aliases."""
from __future__ import annotations

import re
try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser, from PyPI
    import tomli as tomllib
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from anyascii import anyascii

# The one map from spaCy labels to facet names, used by the writer and (through FACETS) by the sidebar.
LABEL_TO_FACET: dict[str, str] = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
    "WORK_OF_ART": "work",
}
NER_LABELS = frozenset(LABEL_TO_FACET) | {"DATE"}

MAX_NAME_CHARS = 80
MAX_NAME_WORDS = 8
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_HAS_LETTER = re.compile(r"[^\W\d_]")
# Lower-case words allowed inside a person's name ("Ludwig van Beethoven"); any other lower-case word
# ("Order of Lenin") means the model took a title or thing for a person.
_NAME_PARTICLES = frozenset("van von der den de del della di da du la le bin ibn al el y dos das ter".split())
# Structure words the reader should already have removed; cleaned here too in case a source slips through.
_JUNK = frozenset({"infobox", "skip to content", "back to top"})


@lru_cache(maxsize=262144)
def clean_name(text: str) -> str | None:
    """Tidy a raw mention (whitespace, leading article, possessive); None for junk values."""
    if "\n" in text or "\r" in text or len(text) > MAX_NAME_CHARS * 2:
        return None
    name = " ".join(text.split())
    name = _ARTICLE.sub("", name)
    name = _POSSESSIVE.sub("", name).strip(" \t-–—,;:·•*\"'“”‘’()[]")
    if not name or len(name) > MAX_NAME_CHARS or len(name.split()) > MAX_NAME_WORDS:
        return None
    if not _HAS_LETTER.search(name) or name.casefold() in _JUNK:
        return None
    return name


@lru_cache(maxsize=262144)
def name_key(name: str) -> str:
    """The matching key of a name: accents folded, case folded, punctuation spacing ignored."""
    return " ".join(re.sub(r"[^\w\s]", " ", anyascii(name).casefold()).split())


def _looks_like_full_name(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() or w.casefold() in _NAME_PARTICLES for w in words)


def load_aliases(paths: Iterable[Path]) -> dict[str, str]:
    """Read `[aliases]` tables ("Jacques Mornard" = "Ramón Mercader") from TOML files that exist; later files win."""
    aliases: dict[str, str] = {}
    for path in paths:
        if not path.is_file():
            continue
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for variant, canonical in (data.get("aliases") or {}).items():
            aliases[name_key(str(variant))] = str(canonical)
    return aliases


class Canon:
    """Corpus-wide canonical names from every raw (surface, label) mention count, updated incrementally."""

    def __init__(self, aliases: dict[str, str] | None = None) -> None:
        self.aliases = dict(aliases or {})  # key of variant -> canonical display name
        self.counts: Counter = Counter()  # (surface, label) -> mentions
        self._forms: dict[str, Counter] = defaultdict(Counter)  # key -> cleaned surface form -> mentions
        self._facets: dict[str, Counter] = defaultdict(Counter)  # key -> facet -> mentions
        self._surfaces: dict[str, set] = defaultdict(set)  # key -> raw (surface, label) pairs
        self._by_last: dict[str, set[str]] = defaultdict(set)  # last word -> full-name person keys
        self._display: dict[str, str] = {}
        self._facet: dict[str, str] = {}
        self._redirect: dict[str, str] = {}  # key -> key ("trotsky" -> "leon trotsky")
        self._targets: Counter = Counter()  # redirect targets (persons by definition)
        self.corrections = None  # the user's corrections (indexer.corrections.Corrections), applied last

    @classmethod
    def build(cls, counts: Counter, aliases: dict[str, str] | None = None) -> "Canon":
        """Canonical names for a whole corpus's mention counts."""
        canon = cls(aliases)
        canon.add(counts)
        return canon

    def add(self, delta: Counter) -> set[tuple[str, str]]:
        """Add (or, with negative counts, remove) mentions; returns the raw mentions whose resolution changed."""
        keys: set[str] = set()
        for pair in delta:
            key = self._key_of(pair)
            if key is not None:
                keys.add(key)
                keys.add(key.rsplit(" ", 1)[-1])
        # Mentions redirected to an affected name change with it ("Trotsky" follows "Leon Trotsky").
        keys |= {k for k, target in self._redirect.items() if target in keys}
        watched = {pair for k in keys for pair in self._surfaces.get(k, ())} | set(delta)
        before = {pair: self.resolve(*pair) for pair in watched}
        for (surface, label), n in delta.items():
            self.counts[(surface, label)] += n
            key = self._key_of((surface, label))
            if key is None:
                continue
            name = clean_name(surface)
            self._forms[key][name] += n
            self._facets[key][LABEL_TO_FACET[label]] += n
            self._surfaces[key].add((surface, label))
        self.counts = +self.counts
        for key in keys:
            self._refresh(key)
        for word in {k.rsplit(" ", 1)[-1] for k in keys}:
            full = self._by_last.get(word)
            old = self._redirect.pop(word, None)
            if old is not None:
                self._targets[old] -= 1
            if full and len(full) == 1 and word in self._forms and +self._forms[word]:
                self._redirect[word] = next(iter(full))
                self._targets[self._redirect[word]] += 1
        self._targets = +self._targets
        for key in keys:
            self._refresh_facet(key)
        return {pair for pair in watched if self.resolve(*pair) != before[pair]}

    def _key_of(self, pair: tuple[str, str]) -> str | None:
        surface, label = pair
        name = clean_name(surface)
        if name is None or label not in LABEL_TO_FACET:
            return None
        return self._alias_key(name_key(name))

    def _refresh(self, key: str) -> None:
        forms = self._forms.get(key)
        forms = +forms if forms else Counter()
        last = key.rsplit(" ", 1)[-1]
        if not forms:
            for d in (self._forms, self._facets, self._display, self._facet):
                d.pop(key, None)
            self._by_last[last].discard(key)
            return
        self._forms[key] = forms
        self._facets[key] = +self._facets[key]
        # Deterministic: most mentions first, then the form with most non-ASCII letters (accents kept), then text.
        self._display[key] = min(forms.items(), key=lambda kv: (-kv[1], -_accents(kv[0]), kv[0]))[0]
        if " " in key and self._facets[key]["person"] and _looks_like_full_name(self._display[key]):
            self._by_last[last].add(key)
        else:
            self._by_last[last].discard(key)

    def _refresh_facet(self, key: str) -> None:
        facets = self._facets.get(key)
        if not facets:
            return
        # A mention whose key is a known person is a person wherever the model put it ("Mercader" as GPE).
        if facets["person"] or key in self._redirect:
            self._facet[key] = "person"
        else:
            self._facet[key] = max(facets.items(), key=lambda kv: (kv[1], kv[0]))[0]

    def _alias_key(self, key: str) -> str:
        target = self.aliases.get(key)
        return name_key(target) if target else key

    def resolve(self, surface: str, label: str, corrected: bool = True) -> tuple[str, str] | None:
        """The (facet, canonical name) of a mention, or None if it is junk, hidden or not an entity type we facet."""
        found = self._resolve(surface, label)
        return self.corrections.apply(found) if corrected and self.corrections is not None else found

    def _resolve(self, surface: str, label: str) -> tuple[str, str] | None:
        name = clean_name(surface)
        if name is None or label not in LABEL_TO_FACET:
            return None
        key = self._alias_key(name_key(name))
        key = self._redirect.get(key, key)
        facet = "person" if key in self._targets else self._facet.get(key) or LABEL_TO_FACET[label]
        display = self._display.get(key)
        if display is None:
            display = self.aliases.get(name_key(name), name)
        return facet, display

    def surface_forms(self, facet: str, display: str) -> Counter:
        """Every written form merged into one canonical entity, with mention counts."""
        out: Counter = Counter()
        for (surface, label), n in self.counts.items():
            if self.resolve(surface, label) == (facet, display):
                out[" ".join(surface.split())] += n
        return out


def _accents(text: str) -> int:
    return sum(1 for ch in text if ord(ch) > 127)
