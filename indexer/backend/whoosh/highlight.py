"""Which words of a passage a query matches, by the schema's own analysis; the marking is indexer/query/markup.py.

A word is marked only where the query matched it: the words of a quoted phrase only where they stand together as the
phrase ("the axe" is not "ice axe"), and a word the user typed only in its own forms. The index's stemmer joins more
than a reader would ("relativity", "related" and "relation" are all `relat`), so a typed word marks the words whose
stem it shares and whose ending, once the stemmer has undone only inflections and normalised derivations (Snowball
English without its step 4, which cuts -ive, -ion, -ate..., and without turning -ity into -ive), is the same:
"assassinated" marks "assassination" (both `assassinat`), "relativity" (`relativiti`) marks neither "related"
(`relat`) nor "relative" (`relativ`). Words the query reached by itself (fuzzy `word~`, wildcards, variants, a
country's adjective) are marked wherever their stem stands.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from whoosh import query as Q
from whoosh.analysis import StemFilter
from whoosh.lang.snowball.english import EnglishStemmer

from ...query.markup import markup
from ...query.results import Mention
from . import natural as _natural
from .schema import TEXT_ANALYZER

_STEMMER = next(f for f in TEXT_ANALYZER.items if isinstance(f, StemFilter))  # the chain's stemmer
_EXPANDING = "*?~"  # a typed word followed by one of these stands for other words: it restricts nothing


class _FormStemmer(EnglishStemmer):
    """Snowball English without step 4, and without step 2's -ity endings: a noun in -ity names another thing than its
    adjective ("relativity", "relatives"). Whoosh's port keeps each step's suffixes in a class attribute."""

    _EnglishStemmer__step2_suffixes = tuple(s for s in EnglishStemmer._EnglishStemmer__step2_suffixes
                                            if not s.endswith("iti"))
    _EnglishStemmer__step4_suffixes = ()


_FORMS = _FormStemmer()


@functools.lru_cache(maxsize=50_000)
def stem_of(word: str) -> str:
    """A folded, unstemmed word as the index stems it."""
    return word if word in _STEMMER.ignore else _STEMMER._stem(word)


@functools.lru_cache(maxsize=50_000)
def form_of(word: str) -> str:
    """A folded, unstemmed word with inflections undone and its derivational ending kept (`assassinat`)."""
    return _FORMS.stem(word)


@dataclass(frozen=True)
class Marking:
    """What a query marks: `words` (stems) wherever they stand, `phrases` (runs of stems) only as a run; a stem in
    `forms` only in the forms the user typed it in."""

    words: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    forms: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases)

    def allows(self, stem: str, word: str) -> bool:
        allowed = self.forms.get(stem)
        return allowed is None or form_of(word) in allowed


def typed_forms(text: str) -> dict[str, frozenset[str]]:
    """The forms of the words typed in a query, by their stem (words ending in a wildcard or `~` left out)."""
    forms: dict[str, set[str]] = {}
    for t in TEXT_ANALYZER(text, no_morph=True, chars=True, mode="index", removestops=False):
        after = text[t.endchar:t.endchar + 1]
        if not after or after not in _EXPANDING:
            forms.setdefault(stem_of(t.text), set()).add(form_of(t.text))
    return {s: frozenset(f) for s, f in forms.items()}


def marking(q: Q.Query, reader, text: str) -> Marking:
    """What the query `q` (parsed from `text`) marks in passage text: its words and phrases, wildcards and fuzzy
    terms expanded, nothing under a NOT."""
    words: set[str] = set()
    phrases: set[tuple[str, ...]] = set()
    leaves = [q] if q.is_leaf() else list(q.leaves())
    for leaf in leaves:
        if getattr(leaf, "fieldname", None) not in ("text", "title", "section"):
            continue
        if isinstance(leaf, Q.Phrase):
            phrases.add(tuple(leaf.words))
        elif isinstance(leaf, Q.MultiTerm):
            # Bounded already by _query's expansion check.
            words.update(t.decode("utf-8") if isinstance(t, bytes) else t for t in leaf._btexts(reader))
        elif isinstance(leaf, Q.Term) and not isinstance(leaf, Q.Not):
            words.add(str(leaf.text))
    for node in _negated(q):
        words.discard(str(getattr(node, "text", "")))
        phrases.discard(tuple(getattr(node, "words", ())))
    # A one-word "phrase" is a word; a phrase all of whose words are marked alone anyway adds nothing.
    runs = tuple(sorted(p for p in phrases if len(p) > 1 and not set(p) <= words))
    words.update(p[0] for p in phrases if len(p) == 1)
    return Marking(frozenset(words), runs, typed_forms(text))


def _negated(q: Q.Query) -> list[Q.Query]:
    """Terms and phrases under a NOT: never marked as hits."""
    found: list[Q.Query] = []
    stack = [q]
    while stack:
        node = stack.pop()
        if isinstance(node, Q.Not):
            found.extend([node.query] if node.query.is_leaf() else node.query.leaves())
        elif isinstance(node, Q.AndNot):
            n = node.b
            found.extend([n] if n.is_leaf() else n.leaves())
            stack.append(node.a)
        elif not node.is_leaf():
            stack.extend(node.children())
    return found


def term_spans(text: str, marks: Marking) -> list[tuple[int, int]]:
    """Character spans of the words of `text` that `marks` marks: its words in an allowed form, its phrases' words
    where they stand as the phrase (at consecutive positions, as the index numbers them: stop words skipped)."""
    if not marks or not text:
        return []
    at: dict[int, list[tuple[str, int, int]]] = {}  # position → (stem, start, end) of its words
    spans: set[tuple[int, int]] = set()
    needed = marks.words | {w for p in marks.phrases for w in p}
    for t in TEXT_ANALYZER(text, no_morph=True, chars=True, positions=True, mode="index"):
        stem = stem_of(t.text)
        if stem not in needed or not marks.allows(stem, t.text):
            continue
        if stem in marks.words:
            spans.add((t.startchar, t.endchar))
        at.setdefault(t.pos, []).append((stem, t.startchar, t.endchar))
    for phrase in marks.phrases:
        for pos in list(at):
            run = [[w for w in at.get(pos + i, ()) if w[0] == stem] for i, stem in enumerate(phrase)]
            if all(run):
                spans.update((s, e) for words in run for _, s, e in words)
    return sorted(spans)


def confine(text: str, spans: Iterable[tuple[int, int]], query: str) -> list[tuple[int, int]]:
    """Another engine's highlights (OpenSearch's) kept to what this marking allows: a word typed in the query only in
    its own forms, a word of a quoted phrase (not also typed alone) only where the phrase stands."""
    forms = typed_forms(query)
    quoted = tuple(tuple(p) for p in (_natural.analyse(q) for q in _natural.PHRASE.findall(query)) if len(p) > 1)
    loose = {stem_of(t.text) for t in TEXT_ANALYZER(_natural.PHRASE.sub(" ", query), no_morph=True, mode="index")}
    alone = {w for p in quoted for w in p} - loose
    in_phrase = set(term_spans(text, Marking(frozenset(), quoted, forms))) if alone else set()
    kept = []
    for s, e in spans:
        words = [t.text for t in TEXT_ANALYZER(text[s:e], no_morph=True, mode="index", removestops=False)]
        if not words:
            continue
        stem = stem_of(words[0])
        if stem in forms and form_of(words[0]) not in forms[stem]:
            continue
        if stem in alone and (s, e) not in in_phrase:
            continue
        kept.append((s, e))
    return kept


def passage_html(text: str, marks: Marking, mentions: Iterable[Mention]) -> tuple[str, int]:
    """A passage's full text marked with query hits and entity mentions, and its number of hits."""
    spans = term_spans(text, marks)
    return markup(text, spans, mentions), len(spans)
