"""The registry's database file: opened, and a damaged one (not SQLite, torn, or emptied to 0 bytes) named with its
fix, or set aside for a rebuild."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from ..errors import RegistryDamaged

FILE_NAME = "documents.sqlite"


def damaged_message(exc: Exception) -> str:
    """What to tell the user when the registry cannot be read: the file, and the two ways out."""
    return (f"The document registry ({FILE_NAME} in the data folder) is damaged ({exc}). Restore it from a backup, "
            f"or run `sleuth index --rebuild FOLDER…` to set it aside and index your documents again (uploads and "
            f"documents not in those folders must then be added again).")


def _has_content(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def _set_aside(path: Path) -> Path:
    """Move a damaged registry (and its WAL files) out of the way; returns its new name."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.rename(target.with_name(target.name + suffix))
    return target


def connect(path: Path, prepare: Callable[[sqlite3.Connection], None],
            set_aside_damaged: bool) -> tuple[sqlite3.Connection, Path | None]:
    """The open database (`prepare` sets it up) and where a damaged one was moved (None if it was not)."""
    try:
        return _open(path, prepare), None
    except sqlite3.DatabaseError as exc:
        if isinstance(exc, sqlite3.OperationalError):  # locked, no space, no permission: not damage
            raise
        if not set_aside_damaged:
            raise RegistryDamaged(damaged_message(exc)) from None
        moved = _set_aside(path)
        return _open(path, prepare), moved


def _open(path: Path, prepare: Callable[[sqlite3.Connection], None]) -> sqlite3.Connection:
    if path.is_file() and path.stat().st_size == 0 and not _has_content(path.with_name(path.name + "-wal")):
        # SQLite takes an empty file for a new database: the documents would silently be gone.
        raise sqlite3.DatabaseError("the file is empty (0 bytes)")
    # check_same_thread=False: the web app shares one registry; writes are serialised by the index lock.
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    try:
        prepare(db)
    except sqlite3.DatabaseError:
        db.close()
        raise
    return db
