"""Entity names: the spaCy-label → facet map, cleaning, and corpus-wide canonical names with aliases."""
from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
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


@dataclass
class Canon:
    """Corpus-wide canonical names, built from every raw (surface, label) mention with its count."""

    counts: Counter = field(default_factory=Counter)  # (surface, label) -> mentions
    aliases: dict[str, str] = field(default_factory=dict)  # key of variant -> canonical display name
    _display: dict[str, str] = field(default_factory=dict)  # key -> most frequent surface form
    _facet: dict[str, str] = field(default_factory=dict)  # key -> facet (persons win)
    _redirect: dict[str, str] = field(default_factory=dict)  # key -> key ("trotsky" -> "leon trotsky")

    @classmethod
    def build(cls, counts: Counter, aliases: dict[str, str] | None = None) -> "Canon":
        """Compute display names, facets and surname redirects from mention counts."""
        canon = cls(Counter(counts), dict(aliases or {}))
        canon._compute()
        return canon

    def _compute(self) -> None:
        forms: dict[str, Counter] = defaultdict(Counter)
        facets: dict[str, Counter] = defaultdict(Counter)
        for (surface, label), n in self.counts.items():
            name = clean_name(surface)
            facet = LABEL_TO_FACET.get(label)
            if name is None or facet is None:
                continue
            key = self._alias_key(name_key(name))
            forms[key][name] += n
            facets[key][facet] += n
        persons = {k for k, f in facets.items() if f["person"]}
        # A one-word person maps to the unique multi-word person ending in that word ("Trotsky" -> "Leon Trotsky").
        by_last: dict[str, set[str]] = defaultdict(set)
        for key in persons:
            if " " in key and _looks_like_full_name(forms[key].most_common(1)[0][0]):
                by_last[key.rsplit(" ", 1)[1]].add(key)
        self._redirect = {k: next(iter(full)) for k, full in by_last.items() if len(full) == 1 and k in facets}
        for key, counter in forms.items():
            # Deterministic: most mentions first, then the form with most non-ASCII letters (accents kept), then text.
            self._display[key] = min(counter.items(), key=lambda kv: (-kv[1], -_accents(kv[0]), kv[0]))[0]
            f = facets[key]
            # A mention whose key is a known person is a person wherever the model put it ("Mercader" as GPE).
            self._facet[key] = "person" if (key in persons or key in self._redirect) else f.most_common(1)[0][0]
        for key, display in self.aliases.items():
            self._display.setdefault(key, display)

    def _alias_key(self, key: str) -> str:
        target = self.aliases.get(key)
        return name_key(target) if target else key

    def resolve(self, surface: str, label: str) -> tuple[str, str] | None:
        """The (facet, canonical name) of a mention, or None if it is junk or not an entity type we facet."""
        name = clean_name(surface)
        if name is None or label not in LABEL_TO_FACET:
            return None
        key = self._alias_key(name_key(name))
        key = self._redirect.get(key, key)
        facet = self._facet.get(key) or LABEL_TO_FACET[label]
        if facet == "person" or key in self._redirect.values():
            facet = "person"
        display = self._display.get(key)
        if display is None:
            display = self.aliases.get(name_key(name), name)
        return facet, display

    def surface_forms(self, facet: str, display: str) -> Counter:
        """Every written form merged into one canonical entity, with mention counts."""
        out: Counter = Counter()
        for (surface, label), n in self.counts.items():
            resolved = self.resolve(surface, label)
            if resolved == (facet, display):
                out[" ".join(surface.split())] += n
        return out


def _accents(text: str) -> int:
    return sum(1 for ch in text if ord(ch) > 127)
