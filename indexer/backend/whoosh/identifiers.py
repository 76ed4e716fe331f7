"""Identifiers in text (`assert.deepStrictEqual`, `final_tidyup`, `domainToASCII`) indexed by their parts too."""
from __future__ import annotations

import re

from whoosh.analysis import Filter, StopFilter

# Where an identifier splits: dots and underscores, and case changes (deepStrict|Equal, ASCII|String, to|ASCII).
_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_SPLITS = re.compile(r"[._]|[a-z][A-Z]|[A-Z][A-Z][a-z]")


class IdentifierFilter(Filter):
    """Index time: after a dotted, snake or camel-case token, also its dotted pieces and its words.

    Goes right after the tokenizer (case is still there). Queries are left whole, so `deepStrictEqual` finds
    `assert.deepStrictEqual` and `strict` finds it too, while `assert.deepStrictEqual` still matches only itself.
    The parts keep the whole token's position (`PartStopFilter`), so a phrase that goes on after an identifier
    ("assert.deepEqual will behave") matches, and one across a split identifier ("deep equal") does not.
    """

    def __call__(self, tokens):
        for t in tokens:
            # Read before yielding: the filters downstream change the shared token in place (lowercase it).
            whole, start, pos = t.text, getattr(t, "startchar", None), getattr(t, "pos", None)
            yield t
            if t.mode == "query" or not _SPLITS.search(whole) or whole.replace(".", "").isdigit():
                continue
            seen = {whole}
            for part, offset in _parts(whole):
                if part in seen:
                    continue
                seen.add(part)
                t.text = part
                if pos is not None:  # the word's own position (the stop filter renumbered the shared token)
                    t.pos = pos
                if start is not None:
                    t.startchar, t.endchar = start + offset, start + offset + len(part)
                yield t


class PartStopFilter(StopFilter):
    """Whoosh's StopFilter (stop words out, positions renumbered), except that all the terms of one word (an
    identifier and its parts, which keep the tokenizer's position of their word) share one position.

    Whoosh numbered every term on: `assert.deepEqual` took five positions and the word after it was five away,
    so a quoted phrase that went on past the identifier found nothing. `CachedAnalyzer` numbers the same way.
    An acronym's token (`acronyms.MarkCapsFilter`: "US", "IT") passes even when its lowercase is a stop word.
    """

    def __call__(self, tokens):
        stops, low, high, renumber = self.stops, self.min, self.max, self.renumber
        pos = word = None
        for t in tokens:
            text = t.text
            if len(text) >= low and (high is None or len(text) <= high) and (text not in stops or t.caps):
                if renumber and t.positions:
                    if pos is None:
                        pos = t.pos
                    elif t.pos != word:
                        pos += 1
                    word, t.pos = t.pos, pos
                t.stopped = False
                yield t
            elif not t.removestops:
                t.stopped = True
                yield t


def _parts(word: str) -> list[tuple[str, int]]:
    """Dotted pieces (`deepStrictEqual`), then the words of each (`deep`, `Strict`, `Equal`), with offsets."""
    out: list[tuple[str, int]] = []
    for piece in re.finditer(r"[^._]+", word):
        out.append((piece.group(), piece.start()))
        out.extend((m.group(), piece.start() + m.start()) for m in _PART.finditer(piece.group()))
    return out
