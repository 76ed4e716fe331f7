"""OCR progress: pages read and pages to read, reported to a callback (the CLI's bar) within a block."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator


class _Counter:
    def __init__(self, callback: Callable[[int, int], None]) -> None:
        self.callback, self.done, self.total = callback, 0, 0

    def add(self, total: int = 0, done: int = 0) -> None:
        self.total += total
        self.done += done
        self.callback(self.done, self.total)


_PROGRESS: ContextVar["_Counter | None"] = ContextVar("sleuth_ocr_progress", default=None)


@contextmanager
def reporting(callback: Callable[[int, int], None] | None) -> Iterator[None]:
    """Within the block, OCR calls `callback(pages_done, pages_to_do)` as pages are read (in this thread)."""
    token = _PROGRESS.set(_Counter(callback) if callback else None)
    try:
        yield
    finally:
        _PROGRESS.reset(token)


def current() -> "_Counter | None":
    """The counter of the enclosing `reporting` block in this thread, or None."""
    return _PROGRESS.get()
