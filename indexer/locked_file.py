"""A small file the product rewrites whole: read-modify-write under a lock that holds across processes, replaced
atomically from a uniquely named temporary file in the same folder, so a reader never sees half of it."""
from __future__ import annotations

import os
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout

from .errors import SleuthError

LOCK_WAIT = 30.0  # seconds a writer waits for another's read-modify-write; each takes milliseconds


class LockedFile:
    """`path` and its lock file `.<name>.lock` beside it (the lock file is left in place: deleting it would race)."""

    def __init__(self, path: Path, wait: float = LOCK_WAIT) -> None:
        self.path = path
        self._lock = FileLock(str(path.with_name(f".{path.name}.lock")), timeout=wait)
        self._threads = threading.Lock()  # FileLock is re-entrant: within a process, threads queue here first

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the lock (an OS lock on the lock file: other threads and processes wait)."""
        if not self._threads.acquire(timeout=self._lock.timeout):
            raise SleuthError(f"{self.path.name} in the data folder is being written by another request; "
                              "try again.")
        try:
            with self._lock:
                yield
        except Timeout:
            raise SleuthError(f"{self.path.name} in the data folder stayed locked by another process for "
                              f"{self._lock.timeout:.0f} s; try again.") from None
        finally:
            self._threads.release()

    def replace(self, text: str) -> None:
        """Write `text` as the file's whole new content: to a unique temporary file, synced, then renamed over it."""
        if self.path.is_dir():
            raise SleuthError(f"{self.path.name} in the data folder is a folder, not a file; move it away and "
                              "try again.")
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _sync_folder(self.path.parent)


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk (not possible on every platform).
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
