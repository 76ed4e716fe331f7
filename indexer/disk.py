"""A full disk under the data folder, told as such: the errors the OS and SQLite raise for it become `DiskFull`,
naming the folder, the free space and the fix; writes that add data are refused before they start when the
disk has less than SLEUTH_MIN_FREE_MB free."""
from __future__ import annotations

import errno
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import DiskFull

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_FIX = ("Free space on that disk (delete documents on the documents page or with `sleuth remove`, or move the data "
        "folder to a larger disk and point SLEUTH_INDEX_DIR at it), then try again.")


def is_full(exc: BaseException) -> bool:
    """True for the errors a full disk (or an exhausted quota) raises: OSError ENOSPC/EDQUOT, SQLite's SQLITE_FULL."""
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
            return True
        if isinstance(exc, sqlite3.Error) and (getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
                                               or "disk is full" in str(exc)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def free_bytes(folder: Path) -> int:
    """Bytes free on the disk holding `folder` (for this user)."""
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 1 << 62  # cannot tell: let the write itself say


def message(folder: Path, what: str = "Nothing was written") -> str:
    """The disk-full message: the folder, what it means for this write, the free space and the fix."""
    return (f"The disk holding the data folder {folder} is full ({free_bytes(folder) / 1e6:.1f} MB free). "
            f"{what}. {_FIX}")


@contextmanager
def reported(folder: Path, what: str = "Nothing was written") -> Iterator[None]:
    """Turn a full disk's errors raised inside the block into DiskFull naming `folder` and the fix."""
    try:
        yield
    except DiskFull:
        raise
    except Exception as exc:
        if is_full(exc):
            raise DiskFull(message(folder, what)) from exc
        raise


def check_room(folder: Path, needed: int, min_free_mb: int) -> None:
    """Refuse a write of about `needed` bytes that would leave less than SLEUTH_MIN_FREE_MB free on the disk."""
    free = free_bytes(folder)
    if free - needed < min_free_mb * 1_000_000:
        raise DiskFull(f"The disk holding the data folder {folder} is full: {free / 1e6:.1f} MB free, and writes "
                       f"keep {min_free_mb} MB free (SLEUTH_MIN_FREE_MB) so that deleting and correcting still "
                       f"work. Nothing was written. {_FIX}")
