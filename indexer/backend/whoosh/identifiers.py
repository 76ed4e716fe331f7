"""Identifiers in text (`assert.deepStrictEqual`, `final_tidyup`, `domainToASCII`) indexed by their parts too."""
from __future__ import annotations

import re

from whoosh.analysis import Filter

# Where an identifier splits: dots and underscores, and case changes (deepStrict|Equal, ASCII|String, to|ASCII).
_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_SPLITS = re.compile(r"[._]|[a-z][A-Z]|[A-Z][A-Z][a-z]")


class IdentifierFilter(Filter):
    """Index time: after a dotted, snake or camel-case token, also its dotted pieces and its words.

    Goes right after the tokenizer (case is still there). Queries are left whole, so `deepStrictEqual` finds
    `assert.deepStrictEqual` and `strict` finds it too, while `assert.deepStrictEqual` still matches only itself.
    The parts take positions after the whole token (StopFilter renumbers), so a phrase across an identifier
    that was split does not match.
    """

    def __call__(self, tokens):
        for t in tokens:
            # Read before yielding: the filters downstream change the shared token in place (lowercase it).
            whole, start = t.text, getattr(t, "startchar", None)
            yield t
            if t.mode == "query" or not _SPLITS.search(whole) or whole.replace(".", "").isdigit():
                continue
            seen = {whole}
            for part, offset in _parts(whole):
                if part in seen:
                    continue
                seen.add(part)
                t.text = part
                if start is not None:
                    t.startchar, t.endchar = start + offset, start + offset + len(part)
                yield t


def _parts(word: str) -> list[tuple[str, int]]:
    """Dotted pieces (`deepStrictEqual`), then the words of each (`deep`, `Strict`, `Equal`), with offsets."""
    out: list[tuple[str, int]] = []
    for piece in re.finditer(r"[^._]+", word):
        out.append((piece.group(), piece.start()))
        out.extend((m.group(), piece.start() + m.start()) for m in _PART.finditer(piece.group()))
    return out
