"""Stars, tags and notes on documents and passages, and saved searches: `annotations.sqlite` in the data folder.

Durable like the registry (WAL, synchronous=FULL, one transaction per write) and apart from it: a rebuild sets a
damaged registry aside and indexes again, and the annotations stay, keyed by document id and passage ordinal.
"""
from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from ..errors import SleuthError
from ..folding import fold

FILE_NAME = "annotations.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS stars (doc_id TEXT NOT NULL, passage TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (doc_id, passage));
CREATE TABLE IF NOT EXISTS tags (doc_id TEXT NOT NULL, passage TEXT NOT NULL, tag TEXT NOT NULL, key TEXT NOT NULL,
    at TEXT NOT NULL, PRIMARY KEY (doc_id, passage, key));
CREATE INDEX IF NOT EXISTS tags_key ON tags(key);
CREATE TABLE IF NOT EXISTS notes (doc_id TEXT NOT NULL, passage TEXT NOT NULL, note TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (doc_id, passage));
CREATE TABLE IF NOT EXISTS saved (key TEXT PRIMARY KEY, name TEXT NOT NULL, search TEXT NOT NULL, at TEXT NOT NULL,
    seen TEXT NOT NULL);
"""


class AnnotationError(SleuthError):
    """A tag, note or saved search that cannot be kept as given (too long, empty); the message names the fix."""


def now() -> str:
    """The time stamps the store and the registry's `added` use: UTC, ISO 8601 to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Marks:
    """What is kept on one document (passage "") or one passage (its ordinal, as text)."""

    doc_id: str
    passage: str = ""
    starred: bool = False
    tags: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def target(self) -> str:
        """"doc_id" or "doc_id#ordinal": the passage id searches give."""
        return f"{self.doc_id}#{self.passage}" if self.passage else self.doc_id

    @property
    def empty(self) -> bool:
        return not (self.starred or self.tags or self.note)

    def to_json(self) -> dict:
        return {"doc_id": self.doc_id, "passage": self.passage, "target": self.target, "starred": self.starred,
                "tags": self.tags, "note": self.note}


@dataclass
class SavedSearch:
    """A search kept by name: its request's matching part, and when it was last opened."""

    name: str
    search: dict
    saved: str
    seen: str
    total: int = 0  # filled by the facade: passages matching now
    new: int = 0  # passages in documents added since `seen`


class Annotations:
    """The store. Safe to share between threads (a lock per write) and processes (SQLite's own locking)."""

    def __init__(self, data_dir: Path, max_tag: int = 60, max_note: int = 10000) -> None:
        self.max_tag, self.max_note = max_tag, max_note
        self._lock = threading.Lock()  # one write transaction at a time on the shared connection
        self._opening = threading.Lock()
        self.path = data_dir / FILE_NAME
        self._db: sqlite3.Connection | None = None

    @property
    def db(self) -> sqlite3.Connection:
        """The database, opened on first use: a damaged file stops the marks (naming the fix), not searches."""
        if self._db is None:
            with self._opening:
                self._db = self._db or self._open()
        return self._db

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
            db.execute("PRAGMA busy_timeout=60000")
            db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            db.close()
            if isinstance(exc, sqlite3.OperationalError):  # locked, no space, no permission: not damage
                raise
            raise AnnotationError(f"The stars, tags, notes and saved searches ({FILE_NAME} in the data folder) cannot "
                                  f"be read ({exc}). Restore the file from a backup, or move it aside to start "
                                  "again without them; documents and searches are not affected.") from None
        return db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    # --- checks ----------------------------------------------------------------------------------
    def clean_tag(self, tag: str, what: str = "tag") -> str:
        """A tag (or a saved search's name) as kept: spaces collapsed; refused when empty or longer than
        SLEUTH_MAX_TAG_CHARS."""
        tag = " ".join(tag.split())
        if not tag:
            raise AnnotationError(f"A {what} needs at least one letter or digit; type one, e.g. “to check”.")
        if '"' in tag and what == "tag":
            raise AnnotationError('A tag cannot hold a double quote ("): it would end the tag in a `tag:"…"` search. '
                                  "Leave it out, or use ’ or « » instead.")
        if len(tag) > self.max_tag:
            raise AnnotationError(f"The {what} is {len(tag)} characters long; at most {self.max_tag} are kept "
                                  "(SLEUTH_MAX_TAG_CHARS). Shorten it, or raise the setting.")
        return tag

    def _clean_note(self, note: str) -> str:
        note = note.strip()
        if len(note) > self.max_note:
            raise AnnotationError(f"The note is {len(note):,} characters long; notes are at most {self.max_note:,} "
                                  "(SLEUTH_MAX_NOTE_CHARS). Shorten it, or raise the setting.")
        return note

    # --- writes ----------------------------------------------------------------------------------
    def star(self, doc_id: str, passage: str = "", on: bool = True) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM stars WHERE doc_id = ? AND passage = ?", (doc_id, passage))
            if on:
                db.execute("INSERT INTO stars VALUES (?, ?, ?)", (doc_id, passage, now()))

    def tag(self, doc_id: str, passage: str, tags: list[str], remove: bool = False) -> list[str]:
        """Add (or remove) tags; returns them as kept."""
        kept = [self.clean_tag(t) for t in tags]
        with self._tx() as db:
            for tag in kept:
                db.execute("DELETE FROM tags WHERE doc_id = ? AND passage = ? AND key = ?",
                           (doc_id, passage, fold(tag)))
                if not remove:
                    db.execute("INSERT INTO tags VALUES (?, ?, ?, ?, ?)", (doc_id, passage, tag, fold(tag), now()))
        return kept

    def note(self, doc_id: str, passage: str, note: str) -> None:
        """Set a target's note; an empty one deletes it."""
        note = self._clean_note(note)
        with self._tx() as db:
            db.execute("DELETE FROM notes WHERE doc_id = ? AND passage = ?", (doc_id, passage))
            if note:
                db.execute("INSERT INTO notes VALUES (?, ?, ?, ?)", (doc_id, passage, note, now()))

    def save(self, name: str, search: dict) -> None:
        name = self.clean_tag(name, "saved search's name")
        with self._tx() as db:
            db.execute("INSERT INTO saved VALUES (?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET "
                       "name = excluded.name, search = excluded.search, at = excluded.at",
                       (fold(name), name, json.dumps(search), now(), now()))

    def seen(self, name: str) -> None:
        with self._tx() as db:
            db.execute("UPDATE saved SET seen = ? WHERE key = ?", (now(), fold(name)))

    def forget(self, name: str) -> bool:
        with self._tx() as db:
            return db.execute("DELETE FROM saved WHERE key = ?", (fold(name),)).rowcount > 0

    # --- reads -----------------------------------------------------------------------------------
    def marks(self, doc_id: str, passage: str = "") -> Marks:
        """What is kept on one target (an empty Marks when nothing is)."""
        key = (doc_id, passage)
        where = "WHERE doc_id = ? AND passage = ?"
        starred = self.db.execute(f"SELECT 1 FROM stars {where}", key).fetchone() is not None
        tags = [r[0] for r in self.db.execute(f"SELECT tag FROM tags {where} ORDER BY key", key)]
        note = self.db.execute(f"SELECT note FROM notes {where}", key).fetchone()
        return Marks(doc_id, passage, starred, tags, note[0] if note else "")

    def all_marks(self, doc_id: str | None = None) -> list[Marks]:
        """Every marked target (of one document if given), by document then passage."""
        found: dict[tuple[str, str], Marks] = {}
        only, args = ("WHERE doc_id = ?", (doc_id,)) if doc_id is not None else ("", ())

        def at(d: str, p: str) -> Marks:
            return found.setdefault((d, p), Marks(d, p))

        for d, p in self.db.execute(f"SELECT doc_id, passage FROM stars {only}", args):
            at(d, p).starred = True
        for d, p, t in self.db.execute(f"SELECT doc_id, passage, tag FROM tags {only} ORDER BY key", args):
            at(d, p).tags.append(t)
        for d, p, n in self.db.execute(f"SELECT doc_id, passage, note FROM notes {only}", args):
            at(d, p).note = n
        return [found[k] for k in sorted(found, key=lambda k: (k[0], int(k[1]) if k[1].isdigit() else -1))]

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag (one of its spellings) with how many documents and passages carry it, by name."""
        rows = self.db.execute("SELECT MIN(tag), COUNT(*) FROM tags GROUP BY key ORDER BY key")
        return [(t, n) for t, n in rows]

    def tagged(self, tag: str) -> list[tuple[str, str]]:
        """The (doc_id, passage) pairs carrying a tag, case and accents ignored."""
        return [(d, p) for d, p in self.db.execute("SELECT doc_id, passage FROM tags WHERE key = ? ORDER BY doc_id",
                                                   (fold(" ".join(tag.split())),))]

    def saved(self, name: str | None = None) -> list[SavedSearch]:
        """Every saved search by name (or the one named)."""
        only, args = ("WHERE key = ?", (fold(name),)) if name is not None else ("", ())
        rows = self.db.execute(f"SELECT name, search, at, seen FROM saved {only} ORDER BY key", args)
        return [SavedSearch(n, json.loads(s), at, seen) for n, s, at, seen in rows]
