"""How a run's documents are fed and cut into batches: a large JSONL file announced to NER before it is parsed,
then batches each written in one commit."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from ..entities.finder import Finder
from ..query.results import DocumentReport
from ..read.sources import Source

BULK_BYTES = 1 << 20  # a JSONL file this large holds hundreds of documents: NER workers are started before parsing it


def tapered(items: list, step: int, smallest: int) -> Iterator[list]:
    """Batches of `step` items, then halving ones down to `smallest`: the last batch is written after spaCy has
    finished (its workers idle meanwhile), so the smaller it is, the less of the run is spent writing alone."""
    start = 0
    while start < len(items):
        left = len(items) - start
        size = step if left >= 2 * step else max(min(step, smallest), min(step, (left + 1) // 2))
        if left - size < smallest // 2:
            size = left  # a last batch of a few documents would cost a commit of its own
        yield items[start:start + size]
        start += size


def next_round(items: Iterator, limit: int, finder: Finder, words_only: bool) -> tuple[list, bool]:
    """The next items of a run, read until they hold `limit` passages (SLEUTH_ROUND_PASSAGES; a document is never
    cut), each document's texts fed to NER as it is read; and whether the run has no more."""
    steps, held = [], 0
    for item in items:
        steps.append(item)
        passages = getattr(item, "passages", None) or []  # a document read; a report holds none
        if not words_only:
            for p in passages:
                finder.feed(p.text if p.kind == "body" else "")
        held += len(passages)
        if held >= limit:
            return steps, False
    return steps, True


def announced(sources: Iterable[Source | DocumentReport],
              finder: Callable[[], Finder]) -> Iterator[Source | DocumentReport]:
    """The sources; a large JSONL file starts the NER workers first, so that they start while it is parsed.

    Its records are compared with the registry only once parsed: re-indexing an unchanged file starts workers it
    does not use (they load the model beside the parsing, and are stopped at the end), a fresh one gains the parse.
    """
    for src in sources:
        if isinstance(src, Source) and src.is_jsonl and len(src.data) >= BULK_BYTES:
            finder().expect_many()
        yield src
