"""The document registry: one SQLite row per document (hash, title, metadata, raw mentions) and source copies."""
from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

from .locations import Locations
from ..query.results import DocRecord
from ..read.guard import safe_name
from .registry_file import FILE_NAME, connect

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    hash TEXT NOT NULL,
    title TEXT NOT NULL,
    fmt TEXT NOT NULL,
    source TEXT NOT NULL,
    metadata TEXT NOT NULL,
    url TEXT,
    date TEXT,
    passages INTEGER NOT NULL,
    added TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    surface TEXT NOT NULL,
    label TEXT NOT NULL,
    n INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_id);
CREATE INDEX IF NOT EXISTS mentions_surface ON mentions(surface, label);
CREATE INDEX IF NOT EXISTS emails_thread ON documents(json_extract(metadata, '$.thread')) WHERE fmt = 'email';
CREATE TABLE IF NOT EXISTS sources (
    name TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    touched REAL NOT NULL
);
"""
WAL_LIMIT = 1 << 20  # bytes the write-ahead log keeps after a checkpoint
# Named, not `*`: registries written before 2026-11 carry an unused facet_sig column.
_COLUMNS = "doc_id, name, hash, title, fmt, source, metadata, url, date, passages, added"


def content_hash(data: bytes) -> str:
    """SHA-256 of a document's bytes: unchanged documents are skipped by it."""
    return hashlib.sha256(data).hexdigest()


class Registry:
    """Documents, their raw entity mentions and a copy of every source, beside the index."""

    def __init__(self, data_dir: Path, set_aside_damaged: bool = False) -> None:
        """Open (or create) the registry; a damaged one raises RegistryDamaged, or with `set_aside_damaged` is
        renamed aside and a new one started (for `sleuth index --rebuild`)."""
        # Copies are rows of the `sources` table; data folders written before 2026-11-27 keep them as files here.
        self.legacy = data_dir / "sources"
        self._unflushed: dict[str, bytes] = {}  # source copies kept and not yet committed
        # set_aside: where a damaged registry was moved (`set_aside_damaged`), else None.
        self.db, self.set_aside = connect(data_dir / FILE_NAME, self._prepare, set_aside_damaged)

    def _prepare(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA busy_timeout=60000")
        # The write-ahead log is cut back to this after each checkpoint: after a large write (source copies) or a
        # full disk it would otherwise keep its largest size for good.
        self.db.execute(f"PRAGMA journal_size_limit={WAL_LIMIT}")
        self.db.executescript(_SCHEMA)
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(documents)")}
        if "added" not in columns:  # registries written before the documents page
            self.db.execute("ALTER TABLE documents ADD COLUMN added TEXT NOT NULL DEFAULT ''")
        self.locations = Locations(self.db)  # where each document was found (`write/sync.py`)

    def close(self) -> None:
        """Close the database."""
        self.db.close()

    # --- sources ---------------------------------------------------------------------------------
    @staticmethod
    def source_name(data: bytes, suffix: str) -> str:
        """The name a source's copy is kept under (its hash), before `keep_source` writes it."""
        suffix = suffix.lower() if suffix.lower().lstrip(".").isalnum() and len(suffix) <= 10 else ".bin"
        return content_hash(data) + suffix

    def keep_source(self, data: bytes, suffix: str) -> str:
        """Keep a copy of a source under a generated name (its hash); returns that name.

        It is written by `flush_sources`, before the registry refers to it.
        """
        name = self.source_name(data, suffix)
        self._unflushed[name] = data
        return name

    def flush_sources(self) -> None:
        """Commit the source copies kept since the last call, in one transaction."""
        if not self._unflushed:
            return
        # Rows, not files: a JSONL file's 10k records were 10k files, whose creation and fsyncs cost the
        # indexing process ~3 s of system time per 10k records. `touched` (a copy in use again) lets `orphans`
        # spare the copies a run in another process has kept and not yet registered.
        now = time.time()
        with self._tx():
            self.db.executemany("INSERT INTO sources VALUES (?, ?, ?) "
                                "ON CONFLICT(name) DO UPDATE SET touched = excluded.touched",
                                [(name, data, now) for name, data in self._unflushed.items()])
        self._unflushed = {}
        self._checkpoint()

    def previous(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, Counter]]:
        """What these documents are registered with now (before they are replaced): source copy and mentions."""
        ids = list(doc_ids)
        out: dict[str, tuple[str, Counter]] = {}
        for start in range(0, len(ids), 500):  # SQLite binds at most 999 values a statement
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for doc_id, source in self.db.execute(
                    f"SELECT doc_id, source FROM documents WHERE doc_id IN ({marks})", chunk):
                out[doc_id] = (source, Counter())
            for doc_id, surface, label, n in self.db.execute(
                    f"SELECT doc_id, surface, label, n FROM mentions WHERE doc_id IN ({marks})", chunk):
                out[doc_id][1][(surface, label)] += n
        return out

    def drop_unreferenced(self, names: Iterable[str]) -> int:
        """Delete those of these source copies no document refers to any more (after a replace commits)."""
        unused = [name for name in names
                  if not self.db.execute("SELECT 1 FROM documents WHERE source = ?", (name,)).fetchone()]
        self.drop_sources(unused)
        return len(unused)

    def orphans(self, min_age: float = 0.0) -> list[str]:
        """Source copies no document refers to (left by a killed run), untouched for `min_age` seconds."""
        cutoff = time.time() - min_age
        rows = self.db.execute("SELECT name FROM sources WHERE touched <= ? AND name NOT IN "
                               "(SELECT source FROM documents)", (cutoff,))
        found = [row[0] for row in rows]
        if self.legacy.is_dir():
            used = {row[0] for row in self.db.execute("SELECT source FROM documents")}
            found += [p.name for p in self.legacy.iterdir()
                      if p.is_file() and p.name not in used and p.stat().st_mtime <= cutoff]
        return found

    def drop_sources(self, names: Iterable[str]) -> None:
        """Delete these source copies."""
        names = list(names)
        if not names:
            return  # every batch asks (its replaced copies): no write transaction for none
        with self._tx():
            self.db.executemany("DELETE FROM sources WHERE name = ?", [(name,) for name in names])
        self._checkpoint()
        if self.legacy.is_dir():
            for name in names:
                (self.legacy / name).unlink(missing_ok=True)

    def stored_sources(self) -> set[str]:
        """The names of every source copy kept."""
        names = {row[0] for row in self.db.execute("SELECT name FROM sources")}
        return names | ({p.name for p in self.legacy.iterdir()} if self.legacy.is_dir() else set())

    def source_bytes(self, record: DocRecord) -> bytes:
        """The stored copy of a document's source."""
        row = self.db.execute("SELECT data FROM sources WHERE name = ?", (record.source,)).fetchone()
        return bytes(row[0]) if row else (self.legacy / record.source).read_bytes()

    def original(self, doc_id: str) -> tuple[str, bytes] | None:
        """A document's source as indexed (a file name to save it as, its bytes), or None if unknown."""
        record = self.get(doc_id)
        if record is None:
            return None
        suffix = Path(record.source).suffix
        stem = Path(doc_id).name if suffix != ".jsonl" else safe_name(doc_id)
        return (stem if stem.endswith(suffix) else stem + suffix), self.source_bytes(record)

    # --- documents -------------------------------------------------------------------------------
    def get(self, doc_id: str) -> DocRecord | None:
        """One document's record."""
        row = self.db.execute(f"SELECT {_COLUMNS} FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return _record(row) if row else None

    def hash_of(self, doc_id: str) -> str | None:
        """The content hash a document was indexed with, or None if it is not indexed."""
        row = self.db.execute("SELECT hash FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def all(self) -> Iterator[DocRecord]:
        """Every document, in id order."""
        for row in self.db.execute(f"SELECT {_COLUMNS} FROM documents ORDER BY doc_id"):
            yield _record(row)

    def added_since(self, stamp: str) -> list[str]:
        """The documents first indexed after a time stamp (UTC, ISO 8601, as `added` keeps it)."""
        return [r[0] for r in self.db.execute("SELECT doc_id FROM documents WHERE added > ?", (stamp,))]

    def count(self) -> int:
        """Number of documents."""
        return self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def put(self, records: Iterable[tuple[DocRecord, Counter]]) -> None:
        """Insert or replace documents with their mention counts, in one transaction."""
        with self._tx():
            now = datetime.now(timezone.utc).isoformat(timespec="seconds")
            for rec, mentions in records:
                row = self.db.execute("SELECT added FROM documents WHERE doc_id = ?", (rec.doc_id,)).fetchone()
                rec.added = rec.added or (row[0] if row and row[0] else now)
                self.db.execute("DELETE FROM documents WHERE doc_id = ?", (rec.doc_id,))
                self.db.execute(
                    f"INSERT INTO documents ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (rec.doc_id, rec.name, rec.hash, rec.title, rec.fmt, rec.source,
                     json.dumps(rec.metadata, ensure_ascii=False), rec.url, rec.date, rec.passages, rec.added),
                )
                self.db.executemany(
                    "INSERT INTO mentions VALUES (?,?,?,?)",
                    [(rec.doc_id, s, label, n) for (s, label), n in mentions.items()],
                )

    def rename(self, doc_id: str, name: str) -> None:
        """Show a document under another name (a moved file's new path); its id stays."""
        with self._tx():
            self.db.execute("UPDATE documents SET name = ? WHERE doc_id = ?", (name, doc_id))

    def delete(self, doc_id: str) -> bool:
        """Forget a document (its source copy stays if another document shares it)."""
        rec = self.get(doc_id)
        if rec is None:
            return False
        with self._tx():
            self.db.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))
        self.drop_unreferenced([rec.source])
        return True

    def mention_counts(self) -> Counter:
        """Corpus-wide (surface, label) -> mentions, the input of canonical names."""
        rows = self.db.execute("SELECT surface, label, SUM(n) FROM mentions GROUP BY surface, label")
        return Counter({(s, label): n for s, label, n in rows})

    def doc_mentions(self, doc_id: str) -> Counter:
        """One document's (surface, label) -> mentions."""
        rows = self.db.execute("SELECT surface, label, n FROM mentions WHERE doc_id = ?", (doc_id,))
        return Counter({(s, label): n for s, label, n in rows})

    def docs_mentioning(self, surfaces: Iterable[tuple[str, str]]) -> set[str]:
        """Documents that mention any of the given (surface, label) pairs."""
        out: set[str] = set()
        for s, label in surfaces:
            out.update(r[0] for r in self.db.execute(
                "SELECT DISTINCT doc_id FROM mentions WHERE surface = ? AND label = ?", (s, label)))
        return out

    def neighbours(self, doc_id: str) -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
        """The (doc_id, title) of the documents before and after this one, by id."""
        before = self.db.execute("SELECT doc_id, title FROM documents WHERE doc_id < ? ORDER BY doc_id DESC LIMIT 1",
                                 (doc_id,)).fetchone()
        after = self.db.execute("SELECT doc_id, title FROM documents WHERE doc_id > ? ORDER BY doc_id LIMIT 1",
                                (doc_id,)).fetchone()
        return (tuple(before) if before else None), (tuple(after) if after else None)

    def version(self) -> int:
        """A number that changes when another connection (another process) commits to the registry."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    def _checkpoint(self) -> None:
        """Copy the write-ahead log into the database and truncate it (it held source copies: megabytes)."""
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error:
            pass  # busy (a reader) or no room to copy: the next one tries again, SQLite's own checkpoints too

    def _tx(self):
        return _Transaction(self.db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb) -> None:
        self.db.execute("COMMIT" if exc_type is None else "ROLLBACK")


def _record(row: tuple) -> DocRecord:
    doc_id, name, h, title, fmt, source, metadata, url, date, passages, added = row
    return DocRecord(doc_id, name, h, title, fmt, source, json.loads(metadata), url, date, passages, added)
