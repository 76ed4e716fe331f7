"""Which words of a passage a query matches, by the schema's own analysis; the marking is indexer/query/markup.py."""
from __future__ import annotations

from typing import Iterable

from ...query.markup import markup
from ...query.results import Mention
from .schema import TEXT_ANALYZER


def term_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Character spans of the words in `text` whose analysed form is one of `terms` (stemmed, folded)."""
    if not terms or not text:
        return []
    return [
        (t.startchar, t.endchar)
        for t in TEXT_ANALYZER(text, chars=True, mode="index", removestops=False)
        if t.text in terms
    ]


def passage_html(text: str, terms: set[str], mentions: Iterable[Mention]) -> tuple[str, int]:
    """A passage's full text marked with query hits and entity mentions, and its number of hits."""
    spans = term_spans(text, terms)
    return markup(text, spans, mentions), len(spans)
