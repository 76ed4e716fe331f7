"""How a run's documents are cut into batches, each written in one commit."""
from __future__ import annotations

from typing import Iterator


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
