"""Worker processes: work a request starts that would hold the server's interpreter for seconds (a large upload's
reading, splitting and writing; a batch search's fuzzy expansion) runs in one of a few processes, started on first
use and kept, so the server's threads only wait on a pipe and its searches keep the interpreter (the GIL).

A job is a module-level function `job(ask, *args)`; `ask(question)` sends a question to the request's thread and
returns its answer (an upload asks there for the write lock, and to let other writers in between its commits).
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from typing import Any, Callable

from ..errors import IndexBusy, SleuthError

POLL = 0.2  # seconds between checks of `cancelled` while a job runs
# Its own process group (killed whole, Tesseract included), not its own session: Linux's autogroup would give a
# new session an equal share of the cores beside the server's whatever its nice value.
# A fresh interpreter, never a fork (the server's other threads may hold locks), and not multiprocessing's spawn
# either (it runs the parent's main script again, which a script using Sleuth need not guard).
_START = "import sys; sys.path[:0] = __import__('json').loads(sys.argv[3]); " \
         "from indexer.write.workers import main; main(int(sys.argv[1]), int(sys.argv[2]))"


class Cancelled(SleuthError):
    """The caller gave up on a job (its client disconnected): the worker was stopped and nothing more is done."""


class WorkerDied(SleuthError):
    """A worker process ended in the middle of a job (killed, or out of memory)."""


def main(fd: int, nice: int) -> None:
    """A worker's loop: run each job sent, answer its result or its exception; end when the pipe closes."""
    if nice:
        os.nice(nice)
    conn = Connection(fd)
    while True:
        try:
            job, args = conn.recv()
        except (EOFError, OSError):
            return

        def ask(question: Any) -> Any:
            conn.send(("ask", question))
            return conn.recv()

        try:
            try:
                conn.send(("done", job(ask, *args)))
            except BaseException as exc:  # noqa: BLE001 - the caller raises it
                try:
                    conn.send(("error", exc))
                except (EOFError, OSError):
                    raise
                except Exception:  # an exception that cannot be pickled: its words are enough
                    conn.send(("error", SleuthError(f"{type(exc).__name__}: {exc}")))
        except (EOFError, OSError):
            return  # the server is gone


# Its own process group (not session: autogroup would give a new session an equal share of the cores);
# Popen's process_group is Python 3.11+, setpgrp the same on 3.10.
_OWN_GROUP: dict = {"process_group": 0} if sys.version_info >= (3, 11) else {"preexec_fn": os.setpgrp}


class _Worker:
    def __init__(self, nice: int) -> None:
        ours, theirs = socket.socketpair()
        self.conn = Connection(ours.detach())
        fd = theirs.fileno()
        self.process = subprocess.Popen([sys.executable, "-c", _START, str(fd), str(nice), json.dumps(sys.path)],
                                        pass_fds=(fd,), stdin=subprocess.DEVNULL, **_OWN_GROUP)
        theirs.close()

    def alive(self) -> bool:
        return self.process.poll() is None

    def run(self, job: Callable, args: tuple, answer: Callable[[Any], Any] | None,
            cancelled: Callable[[], bool] | None) -> Any:
        self.conn.send((job, args))
        while True:
            while cancelled is not None and not self.conn.poll(POLL):
                if cancelled():
                    raise Cancelled("The request was cancelled by its client; its work was stopped.")
            try:
                kind, value = self.conn.recv()
            except (EOFError, OSError):
                raise WorkerDied("The worker process doing this request ended unexpectedly (out of memory?) and "
                                 "nothing was acknowledged. Try again, with smaller files or a shorter batch.") from None
            if kind == "ask":
                self.conn.send(answer(value) if answer else None)
            else:
                return kind, value  # the job's result, or the exception it raised ("error")

    def stop(self, at_once: bool = False) -> None:
        """End the worker; `at_once`: in the middle of a job, killed with what it started (Tesseract's processes)."""
        self.conn.close()  # an idle worker's loop ends on the closed pipe
        try:
            if at_once:
                raise subprocess.TimeoutExpired(self.process.args, 0)
            self.process.wait(1)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)  # its own group: it and its children
            except ProcessLookupError:
                pass
            self.process.wait(5)


class Pool:
    """At most `size` worker processes (SLEUTH_WORKER_PROCESSES), started when first needed, at `nice` priority: below
    the server's, so that on a busy machine its searches get the cores first."""

    def __init__(self, size: int, nice: int = 10, wait: float = 60.0) -> None:
        self.size, self.nice, self.wait = size, nice, wait
        self._slots = threading.BoundedSemaphore(max(1, size))
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()

    def run(self, job: Callable, *args: Any, answer: Callable[[Any], Any] | None = None,
            cancelled: Callable[[], bool] | None = None) -> Any:
        """`job(ask, *args)` in a worker process; its questions go to `answer`. `cancelled` is polled meanwhile:
        when it returns True the worker is stopped and `Cancelled` raised. Exceptions of the job are raised here."""
        if not self._slots.acquire(timeout=self.wait):
            raise IndexBusy(f"All {self.size} worker processes (SLEUTH_WORKER_PROCESSES) stayed busy for "
                            f"{self.wait:.0f} s; try again in a minute.")
        worker = None
        try:
            with self._lock:
                worker = self._idle.pop() if self._idle else None
            if worker is None or not worker.alive():
                worker = _Worker(self.nice)
            kind, result = worker.run(job, args, answer, cancelled)
        except BaseException:
            if worker is not None:
                worker.stop(at_once=True)  # in the middle of a job (cancelled, died, an answer raised): not reused
                worker = None
            raise
        finally:
            if worker is not None:
                with self._lock:
                    self._idle.append(worker)
            self._slots.release()
        if kind == "error":
            raise result
        return result

    def start(self, count: int = 1) -> None:
        """Start `count` workers now (in the background), so that the first request does not wait for one."""
        def spawn() -> None:
            for _ in range(min(count, self.size)):
                worker = _Worker(self.nice)
                with self._lock:
                    if len(self._idle) < self.size:
                        self._idle.append(worker)
                        continue
                worker.stop()
        threading.Thread(target=spawn, name="sleuth-worker-start", daemon=True).start()

    def close(self) -> None:
        """Stop the idle workers (busy ones stop with their process)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()
