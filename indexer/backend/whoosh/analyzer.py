"""A word analyzer that runs Whoosh's filter chain once per distinct word, not once per occurrence.

Indexing spends most of its time in the analysis chain (tokenizer → identifier parts → lowercase → accent fold →
stop words → stemmer): six generators a token, half a million tokens for 3,000 passages. Every filter but the
position count looks at one word alone, so the chain's output for a word is cached and only the positions are
counted here. Anything else (queries, highlighting's character offsets) goes through the chain unchanged.
"""
from __future__ import annotations

import re
from typing import Any, Iterator

from whoosh import formats
from whoosh.analysis.acore import Token
from whoosh.analysis.morph import StemFilter
from whoosh.analysis.analyzers import CompositeAnalyzer

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
CACHE_WORDS = 100_000  # distinct words kept (about 20 MB); past this the cache starts again
_SHARED: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {}  # filter chain → word → terms

# Keyword arguments the cached path handles with their default meaning; any other value takes the chain.
_DEFAULTS = {"chars": False, "keeporiginal": False, "removestops": True, "start_pos": 0, "start_char": 0,
             "tokenize": True}


def _chain_key(analyzer: "CachedAnalyzer") -> str:
    """What makes two analyzers' word caches one: their filters and word pattern, not the objects' addresses. (The
    stemmer's repr shows its lru_cache's address: the text's, title's and lead's analyzers had a cache each, a word
    went through the chain once per field: 161,562 times for the 53,000 words of a 10,000-message mailbox.)"""
    return _ADDRESS.sub("", repr(analyzer.items[1:])) + analyzer.items[0].expression.pattern


class CachedAnalyzer(CompositeAnalyzer):
    """The same chain as `tokenizer | filters...`, with each word's terms remembered while indexing."""

    def __call__(self, value: str, no_morph: bool = False, **kwargs: Any) -> Iterator[Token]:
        if kwargs.get("mode") == "query" or any(kwargs.get(k, d) != d for k, d in _DEFAULTS.items()):
            return super().__call__(value, no_morph=no_morph, **kwargs)
        return self._cached(value, no_morph, kwargs)

    def _cached(self, value: str, no_morph: bool, kwargs: dict[str, Any]) -> Iterator[Token]:
        positions = bool(kwargs.get("positions"))
        terms_of = self._terms_of(no_morph)
        t = Token(**{k: v for k, v in kwargs.items() if k not in _DEFAULTS})
        t.boost, t.stopped = 1.0, False
        pos = None
        # The StopFilter's numbering (`PartStopFilter`): the first word kept keeps its own place, every later word
        # takes the next, and all the terms of one word (an identifier and its parts) share its place.
        for i, word in enumerate(self._words(value)):
            terms = terms_of(word)
            if positions and terms:
                pos = i if pos is None else pos + 1
                t.pos = pos
            for term in terms:
                t.text = term
                yield t

    def positions(self, value: str) -> tuple[dict[str, list[int]], set[str]]:
        """Each indexed term's positions in `value` (as `Positions.word_values` counts them), and the unstemmed
        words the spelling list takes from it: one pass, no tokens."""
        both = self._both_of()
        poses: dict[str, list[int]] = {}
        words: set[str] = set()
        pos = None
        for i, word in enumerate(self._words(value)):
            terms, unstemmed = both(word)
            if terms:
                pos = i if pos is None else pos + 1
            for term in terms:
                found = poses.get(term)
                if found is None:
                    poses[term] = [pos]
                else:
                    found.append(pos)
            words.update(unstemmed)
        return poses, words

    def _words(self, value: str) -> Iterator[str]:
        """The value's words as the tokenizer splits them (the title's and lead's keep part of the value first)."""
        tokenizer = self.items[0]
        prepare = getattr(tokenizer, "prepare", None)
        return (m.group(0) for m in tokenizer.expression.finditer(prepare(value) if prepare else value))

    def _both_of(self):
        """word → (its indexed terms, its unstemmed terms), one chain run per word for every analyzer whose
        filters are these (the text's, the title's and the lead's differ only in what part they tokenize)."""
        made = self.__dict__.get("_both")
        if made is not None:
            return made
        cache = _SHARED.setdefault(_chain_key(self), {})
        chain = super().__call__
        stem = self.items[-1] if isinstance(self.items[-1], StemFilter) and not any(
            getattr(f, "is_morph", False) for f in self.items[1:-1]) else None

        def both(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
            found = cache.get(word)
            if found is None:
                if len(cache) >= CACHE_WORDS:
                    cache.clear()
                unstemmed = tuple(t.text for t in chain(word, no_morph=True, mode="index"))
                if stem is not None:  # the stemmer is the last filter: stem what the others let through
                    stemmed = tuple(w if w in stem.ignore else stem._stem(w) for w in unstemmed)
                else:
                    stemmed = tuple(t.text for t in chain(word, mode="index"))
                found = cache[word] = (stemmed, unstemmed)
            return found

        self.__dict__["_both"] = both
        return both

    def _terms_of(self, no_morph: bool):
        both = self._both_of()
        pick = 1 if no_morph else 0
        return lambda word: both(word)[pick]

    def __getstate__(self) -> dict:
        # Whoosh pickles the schema, analyzers included, into the index at each commit: never the cache.
        return {k: v for k, v in self.__dict__.items() if k != "_both"}


class CachedPositions(formats.Positions):
    """Whoosh's Positions format, filled from `CachedAnalyzer.positions` (one pass, no tokens) when it can be."""

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any):
        positions = getattr(analyzer, "positions", None)
        if positions is None or not isinstance(value, str) or kwargs.get("mode", "index") != "index" \
                or set(kwargs) - {"mode"}:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        poses, words = positions(value)
        self.__dict__["_last"] = (value, words)
        boost = self.field_boost
        for term, where in poses.items():
            yield term, len(where), len(where) * boost, self.encode(where)

    def words_of(self, value: str) -> set[str] | None:
        """The unstemmed words of the value this format last indexed, if it is `value` (for the spelling list)."""
        last = self.__dict__.get("_last")
        return last[1] if last is not None and last[0] is value else None

    def __getstate__(self) -> dict:
        # Pickled with the schema at each commit: not the last value read.
        return {k: v for k, v in self.__dict__.items() if k != "_last"}
