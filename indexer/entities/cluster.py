"""NER on a Dask cluster (`SLEUTH_NER_CLUSTER=tcp://HOST:8786`): the same texts in, the same entities out, in order.

Each chunk of texts is one task, keyed by the run and its position and pure (the same model and texts give the
same entities): a worker killed mid-run loses nothing, as the scheduler runs its tasks again elsewhere, and
nothing is counted twice, as the results are taken by position, once each. A worker loads the model once (the
cached `nlp.load`), the first time a task reaches it; start workers with `--nthreads 1`, one per core
(`--nworkers N`), as spaCy runs one text at a time per interpreter.
"""
from __future__ import annotations

import logging
import threading
import uuid
from typing import Callable, Iterator

from ..errors import ClusterUnavailable, SleuthError
from . import nlp
from .nlp import RawMention

# A worker started with several threads runs one chunk at a time: the model is shared, and spaCy holds the GIL.
_MODEL_LOCK = threading.Lock()


def run_chunk(model: str, chunk: list[str]) -> list[list[RawMention]]:
    """The entities of a chunk of texts (the task a worker runs): a pure function of its arguments."""
    with _MODEL_LOCK:
        return nlp.find_entities(nlp.load(model), chunk)


def connect(address: str, timeout: float):
    """A client of the scheduler at `address` that has at least one worker, or a message naming the fix."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterUnavailable(f"SLEUTH_NER_CLUSTER={address!r} needs Dask: pip install 'sleuth[cluster]' "
                                 "(or unset SLEUTH_NER_CLUSTER to find entities on this machine).") from None
    # The client logs a lost scheduler with tracebacks while it retries; the user gets one message instead (below).
    # Tornado's loop logs the client's failed callbacks too ("tornado.application").
    for name in [n for n in logging.root.manager.loggerDict if n.split(".")[0] in ("distributed", "tornado")] + \
            ["distributed", "tornado.application"]:
        logging.getLogger(name).setLevel(logging.CRITICAL)
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterUnavailable(f"The Dask scheduler at SLEUTH_NER_CLUSTER={address!r} does not answer ({exc}): "
                                 "start it with `dask scheduler`, or fix or unset SLEUTH_NER_CLUSTER; "
                                 f"SLEUTH_NER_CLUSTER_TIMEOUT={timeout:g} s.") from None
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError:
        client.close()
        raise ClusterUnavailable(f"The Dask scheduler at SLEUTH_NER_CLUSTER={address!r} has no worker after "
                                 f"SLEUTH_NER_CLUSTER_TIMEOUT={timeout:g} s: start one on each machine with "
                                 f"`dask worker {address} --nthreads 1` (Sleuth and its model installed).") from None
    return client


class ClusterEntityFinder(nlp.TextFeed):
    """`nlp.EntityFinder` on a Dask cluster: texts fed as they are read, sent a chunk at a time, results in order.

    Use it as a context manager: leaving cancels what is still running and closes the connection.
    """

    parallel = True  # the work runs elsewhere, ahead of the writing

    def __init__(self, address: str, model: str = "", batch_size: int = 64,
                 progress: Callable[[int, int], None] | None = None, refined: bool = True,
                 timeout: float = 30.0) -> None:
        super().__init__(batch_size)
        self.address, self.model, self.progress, self.refined, self.timeout = address, model, progress, refined, timeout
        self._futures: list = []
        self._run = uuid.uuid4().hex
        self._client = None

    def expect_many(self) -> None:
        """Connect now: many texts are coming (a missing scheduler is told before any reading)."""
        self._connected()

    def next_round(self) -> "ClusterEntityFinder":
        """A finder for the next round of this run (its own connection)."""
        return ClusterEntityFinder(self.address, self.model, self.batch_size, self.progress, self.refined, self.timeout)

    def results(self) -> Iterator[list[RawMention]]:
        """Every fed text's entities, in order (call once, after the last `feed`)."""
        self._flush()
        return nlp.in_order(self.texts, self._gathered(), self.batch_size, self.progress, self.refined)

    def _connected(self):
        if self._client is None:
            self._client = connect(self.address, self.timeout)
        return self._client

    def _send(self, chunk: list[str]) -> None:
        key = f"sleuth-ner-{self._run}-{len(self._futures)}"  # the run and the chunk's position
        self._futures.append(self._connected().submit(run_chunk, self.model, chunk, key=key))

    def _gathered(self) -> Iterator[list[RawMention]]:
        for n in range(len(self._futures)):
            future, self._futures[n] = self._futures[n], None  # taken once: the cluster may forget it
            try:
                found = future.result()
            except SleuthError:
                raise  # from the worker, as it is: a missing model names its install line
            except Exception as exc:  # the scheduler gone, a chunk whose workers all died (KilledWorker)…
                raise ClusterUnavailable(
                    f"The Dask cluster at SLEUTH_NER_CLUSTER={self.address!r} failed during the run "
                    f"({type(exc).__name__}: {exc}); the documents written so far are kept: check the scheduler "
                    "and its workers, then run the command again to finish (or unset SLEUTH_NER_CLUSTER).") from None
            yield from found
            future.release()

    def __enter__(self) -> "ClusterEntityFinder":
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            pending = [f for f in self._futures if f is not None]
            if pending:
                self._client.cancel(pending)
            self._client.close()
            self._client = None
