"""Where each document was found: (folder, path in it) → document, a table of the registry's database.

A folder indexed again is compared with what was found in it before: a file gone from it, a file moved within it and
two files of the same bytes are told apart by these rows. The folder is kept as its resolved path on this machine,
in the data folder only: pages and reports show the path inside the folder (the document id), never the folder.
"""
from __future__ import annotations

import sqlite3
from typing import Iterable

_SCHEMA = """
CREATE TABLE IF NOT EXISTS locations (
    root TEXT NOT NULL,
    path TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    PRIMARY KEY (root, path, doc_id)
);
CREATE INDEX IF NOT EXISTS locations_doc ON locations(doc_id);
CREATE INDEX IF NOT EXISTS documents_hash ON documents(hash);
"""


class Locations:
    """The locations table, on the registry's connection (its writes are serialised by the index lock)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.db.executescript(_SCHEMA)

    def under(self, root: str) -> dict[str, set[str]]:
        """Every path recorded in one folder, with the documents found there (a JSONL file holds several)."""
        out: dict[str, set[str]] = {}
        for path, doc_id in self.db.execute("SELECT path, doc_id FROM locations WHERE root = ?", (root,)):
            out.setdefault(path, set()).add(doc_id)
        return out

    def of(self, doc_id: str) -> list[tuple[str, str]]:
        """(folder, path) of every place a document was found, in path order."""
        return list(self.db.execute("SELECT root, path FROM locations WHERE doc_id = ? ORDER BY path, root",
                                    (doc_id,)))

    def paths(self, doc_id: str) -> list[str]:
        """The paths (inside their folders) a document was found at, each once."""
        return list(dict.fromkeys(path for _, path in self.of(doc_id)))

    def record(self, rows: Iterable[tuple[str, str, str]], gone: Iterable[tuple[str, str]] = ()) -> None:
        """Add (folder, path, document) rows whose documents are registered, and forget the (folder, path) gone."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany("DELETE FROM locations WHERE root = ? AND path = ?", list(gone))
            self.db.executemany("INSERT OR IGNORE INTO locations SELECT ?, ?, doc_id FROM documents WHERE doc_id = ?",
                                list(rows))
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def by_hash(self, digest: str) -> list[str]:
        """The documents whose bytes have this hash (files of the same content), in id order."""
        return [r[0] for r in self.db.execute("SELECT doc_id FROM documents WHERE hash = ? ORDER BY doc_id",
                                              (digest,))]
