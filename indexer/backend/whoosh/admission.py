"""Admission control for searches: broad queries run one at a time and give way to ordinary ones.

Python threads share one core's worth of the GIL. Two broad queries looping at once (`th*`, a 29-word OR) would
each take a third of it and slow every other user's search threefold; admitted one at a time, and pausing while
an ordinary search is running, they leave ordinary searches nearly their whole speed. A broad search pauses at
every `checkpoint()`: each term's postings it opens (most of a wide OR's or a prefix's time goes there, before
the first hit), every few hits it collects, and between its facet, ranking and hit phases.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator

from whoosh.collectors import TimeLimit, TimeLimitCollector

# A query is broad when it reads more postings than this share of the passages (and at least BROAD_MIN).
BROAD_SHARE = 0.5
BROAD_MIN = 2000
_YIELD_EVERY = 64  # hits collected between checks for waiting ordinary searches
_gate = threading.BoundedSemaphore(1)
_ordinary = 0  # ordinary searches in flight
_count_lock = threading.Lock()
_local = threading.local()  # .deadline: set while this thread runs a broad search


def is_broad(postings: int, passages: int) -> bool:
    """Whether a query reading `postings` postings in an index of `passages` is broad."""
    return postings > max(BROAD_MIN, BROAD_SHARE * passages)


@contextmanager
def ordinary() -> Iterator[None]:
    """Mark an ordinary search in flight, so that broad ones pause for it."""
    global _ordinary
    with _count_lock:
        _ordinary += 1
    try:
        yield
    finally:
        with _count_lock:
            _ordinary -= 1


@contextmanager
def broad(wait: float) -> Iterator[bool]:
    """Admit one broad search at a time; yields False when another held the slot for `wait` seconds."""
    admitted = _gate.acquire(timeout=wait)
    try:
        yield admitted
    finally:
        if admitted:
            _gate.release()


@contextmanager
def yielding(deadline: float) -> Iterator[None]:
    """Run this thread's broad search: its `checkpoint()`s give way to ordinary searches until `deadline`."""
    _local.deadline = deadline
    try:
        yield
    finally:
        _local.deadline = None


def checkpoint() -> None:
    """In a broad search, give way to the ordinary searches running; anywhere else, nothing."""
    deadline = getattr(_local, "deadline", None)
    if deadline is not None and _ordinary:
        give_way(deadline)


def give_way(deadline: float) -> None:
    """Sleep (releasing the GIL) while ordinary searches are running, until `deadline` at the latest."""
    while _ordinary and time.perf_counter() < deadline:
        time.sleep(0.001)


class YieldingCollector(TimeLimitCollector):
    """A time-limited collector that gives way to ordinary searches every few hits (for broad queries)."""

    def __init__(self, child, timelimit: float) -> None:
        super().__init__(child, timelimit, use_alarm=False)  # SIGALRM cannot reach a server's worker threads
        self.deadline = time.perf_counter() + timelimit

    def prepare(self, top_searcher, q, context) -> None:
        super().prepare(top_searcher, q, context)
        self.deadline = time.perf_counter() + self.timelimit
        _local.deadline = self.deadline  # its checkpoints (postings, hits) give way until its timer's deadline

    def collect_matches(self) -> None:
        child = self.child
        n = 0
        for sub_docnum in child.matches():
            if self.timedout:
                raise TimeLimit
            child.collect(sub_docnum)
            n += 1
            if n % _YIELD_EVERY == 0:
                checkpoint()
                if time.perf_counter() >= self.deadline:  # the timer thread may not have run yet
                    raise TimeLimit
        if self.timedout:
            raise TimeLimit
