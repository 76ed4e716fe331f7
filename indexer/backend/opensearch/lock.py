"""The data folder's write lock for the OpenSearch backend: one writer across the processes of this machine."""
from __future__ import annotations

import fcntl
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ...errors import IndexBusy
from .. import OnWait

POLL = 0.1


class FileLock:
    """An exclusive `flock` on a file of the data folder, waited for up to `timeout` seconds, then IndexBusy."""

    def __init__(self, path: Path, timeout: float) -> None:
        self.path, self.timeout = path, timeout
        self._threads = threading.Lock()

    @contextmanager
    def held(self, on_wait: OnWait = None) -> Iterator[None]:
        if not self._threads.acquire(timeout=self.timeout):
            raise self._busy()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a+b") as f:
                deadline, told = time.monotonic() + self.timeout, False
                while True:
                    try:
                        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() >= deadline:
                            raise self._busy() from None
                        if on_wait and not told:
                            on_wait("Waiting for another Sleuth process to finish writing…")
                            told = True
                        time.sleep(POLL)
                try:
                    yield
                finally:
                    fcntl.flock(f, fcntl.LOCK_UN)
        finally:
            self._threads.release()

    def _busy(self) -> IndexBusy:
        return IndexBusy(f"Another process has been writing to this collection for over {self.timeout:.0f} s; "
                         "try again when it is done (or raise SLEUTH_WRITER_TIMEOUT).")
