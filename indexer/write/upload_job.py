"""A large upload read, split and written by its words in a worker process (`workers.Pool`), not in the server's;
and afterwards its entities found and written there too (the upkeep's entity pass, `add_entities`).

Profiled on a 6.8 MB, 5,000-record JSONL upload: reading 1 s, the Whoosh writer's analysis and segment flush 13 s
of 15, all holding the interpreter. In a worker the server's request thread only waits on a pipe: it takes the
write lock when the worker has read the files (the worker asks), lets other writers in between the worker's
commits (the worker asks again after each), and acknowledges the upload once the last commit is done.

Its entity pass was the next thing to hold the server's interpreter: profiled (py-spy) in `tests/stress/load.py`,
the upkeep thread held it 8.4 s for that upload (writing the passages again with their facets 6.3 s, reading them
and taking spaCy's results 1.7 s). A worker does it with its own canonical names (`CanonicalNames` over the
registry); the server's are rebuilt from the registry when next needed.
"""
from __future__ import annotations

from contextlib import AbstractContextManager, ExitStack
from typing import Any, Callable, TypeVar

from ..entities.canon import Canon
from ..entities.corrections import CorrectionsFile
from ..read import ocr
from ..read.nested import Limits
from ..read.sources import Source
from ..settings import Settings
from . import pending
from .canonical import CanonicalNames
from .ingest import Indexed, Pipeline
from .registry import Registry
from .workers import Pool

WRITE, BETWEEN = "write", "between"
T = TypeVar("T")
_pipelines: dict[Settings, Pipeline] = {}  # the worker's own backend and registry, opened once per data folder
_names: dict[Settings, CanonicalNames] = {}  # ... and its canonical names, rebuilt when another process writes
_queued: set[str] = set()  # documents a changed corrections file made stale, handed back to the server's upkeep


def run(pool: Pool, settings: Settings, sources: list[Source], writing: Callable[[], AbstractContextManager],
        between: Callable[[], None], written: Callable[[Indexed], T], cancelled: Callable[[], bool] | None = None) -> T:
    """Index `sources` by their words in one of `pool`'s workers. `writing()` is the caller's write lock (entered
    when the worker has read the files, left when it is done or failed); `between()` lets other writers in between
    the worker's commits; `written(done)` is called with the lock still held; `cancelled` stops the worker (before
    anything is acknowledged)."""
    writes: list[bool] = []
    with ExitStack() as held:
        def answer(question: str) -> None:
            if question == WRITE:
                held.enter_context(writing())
                writes.append(True)
            else:
                between()

        # Cancelled while it reads (OCR may take minutes); once it writes, it finishes: nothing is left half-done.
        stop = None if cancelled is None else (lambda: not writes and cancelled())
        return written(pool.run(index_upload, settings, sources, answer=answer, cancelled=stop))


def index_upload(ask: Callable[[str], Any], settings: Settings, sources: list[Source]) -> Indexed:
    """The worker's side: read every source (no lock held), then ask for the write lock and write them."""
    for src in sources:
        src.read_early(ocr.Options.from_settings(settings), Limits.from_settings(settings))
    ask(WRITE)
    # Words only: no mention is resolved, so canonical names play no part (the upkeep finds entities next).
    return _pipeline(settings).index(sources, Canon(), words_only=True, between=lambda: ask(BETWEEN))


def entities(pool: Pool, settings: Settings, registry: Registry, writing: Callable[[], AbstractContextManager],
             part: dict[str, str]) -> set[str] | None:
    """The upkeep's entity pass over `part` (doc id → content hash) in one of `pool`'s workers when it holds
    `SLEUTH_WORKER_UPKEEP_PASSAGES` passages or more: the documents whose facets the new names made stale. None when
    it is small enough for the server's own upkeep thread (no worker started)."""
    records = [registry.get(doc_id) for doc_id in part]
    if not settings.worker_processes or \
            sum(r.passages for r in records if r is not None) < settings.worker_upkeep_passages:
        return None
    with ExitStack() as held:
        return pool.run(add_entities, settings, part, answer=lambda _: held.enter_context(writing()))


def add_entities(ask: Callable[[str], Any], settings: Settings, part: dict[str, str]) -> set[str]:
    """The worker's side: spaCy over the stored passages (no lock held), then the write lock asked for and the
    documents written again with their entities, resolved with the worker's canonical names."""
    pipeline = _pipeline(settings)
    found = pending.find_entities(pipeline, part, background=False)  # at the worker's own nice +10
    ask(WRITE)
    if settings not in _names:
        _names[settings] = CanonicalNames(settings, pipeline.registry, CorrectionsFile(settings.index_dir),
                                          _queued.update)
    try:
        stale = pipeline.add_entities(found, _names[settings].current(), set())
    except BaseException:
        _names[settings].forget()  # updated in place before the write failed: rebuilt from the registry
        raise
    stale |= _queued
    _queued.clear()
    return stale


def _pipeline(settings: Settings) -> Pipeline:
    if settings not in _pipelines:
        from ..backend import open_backend  # the worker opens its own index and registry (never the server's)

        backend = open_backend(settings.backend, settings.index_dir, writer_timeout=settings.writer_timeout,
                               search_time_limit=settings.search_time_limit, settings=settings)
        _pipelines[settings] = Pipeline(settings, backend, Registry(settings.index_dir))
    return _pipelines[settings]
