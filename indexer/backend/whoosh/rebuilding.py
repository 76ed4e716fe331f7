"""A rebuild written into a fresh folder beside the index and swapped in at the end, while writers of other processes
wait (searches go on over the old index, uploads are held, not failed).

The index's own write lock cannot be held for a whole rebuild: the rebuild's batches each take it. So a rebuild holds
`rebuild.lock` in the data folder as well, and every writer checks it after taking the index's lock: while another
process holds it, the writer lets go and waits (up to SLEUTH_WRITER_TIMEOUT, then IndexBusy naming the rebuild).
"""
from __future__ import annotations

import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ...errors import IndexBusy
from .durable import DurableFileStorage, fsync_dir

LOCK_NAME = "rebuild.lock"
FRESH = ".rebuild"  # the folder a rebuild writes into, inside the data folder
OLD = ".replaced"  # where the replaced index goes for the moment of the swap
PARTS = ("whoosh", "facet-cache", "sleuth.json")  # what a backend keeps in its data folder


def held_elsewhere(data_dir: Path) -> bool:
    """True while another process (or another lock object) holds this data folder's rebuild lock."""
    lock = FileLock(str(data_dir / LOCK_NAME))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    except OSError:  # a read-only data folder has no rebuild either
        return False
    lock.release()
    return False


def lock(data_dir: Path) -> FileLock:
    """The data folder's rebuild lock (acquire it with a timeout)."""
    return FileLock(str(data_dir / LOCK_NAME))


def fresh_folder(data_dir: Path) -> Path:
    """An empty folder to rebuild into (one a killed rebuild left is deleted first)."""
    fresh = data_dir / FRESH
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    return fresh


@contextmanager
def writers_held(index_dir: Path, lock_name: str, timeout: float):
    """The old index's write lock, once its writers in any process are done, held until the block ends (the swap):
    a writer that took it between a release and the move was half-way into a folder moved under it."""
    if not index_dir.is_dir():
        yield
        return
    lock = DurableFileStorage(str(index_dir)).lock(lock_name)
    deadline = time.monotonic() + timeout
    while not lock.acquire(blocking=False):
        if time.monotonic() >= deadline:
            raise IndexBusy(f"Another Sleuth process kept writing to {index_dir.parent} for {timeout:.0f} s "
                            "(SLEUTH_WRITER_TIMEOUT); the rebuild was not swapped in.")
        time.sleep(0.2)
    try:
        yield
    finally:
        lock.release()  # its file went with the old folder: writers now lock the new one's


def swap_in(fresh: Path, data_dir: Path) -> None:
    """Put the rebuilt index in the old one's place (the caller holds the index's write lock and the rebuild lock)."""
    old = data_dir / OLD
    shutil.rmtree(old, ignore_errors=True)
    old.mkdir()
    for part in PARTS:
        if (data_dir / part).exists():
            os.replace(data_dir / part, old / part)
    for part in PARTS:
        if (fresh / part).exists():
            os.replace(fresh / part, data_dir / part)
    fsync_dir(str(data_dir))
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(fresh, ignore_errors=True)


def recover(data_dir: Path) -> None:
    """A swap killed half-way: the replaced index goes back where it was (the rebuild's work is lost, not the index)."""
    old = data_dir / OLD
    if not old.is_dir():
        return
    if not (data_dir / "whoosh").exists():
        for part in PARTS:
            if (old / part).exists() and not (data_dir / part).exists():
                os.replace(old / part, data_dir / part)
    shutil.rmtree(old, ignore_errors=True)
