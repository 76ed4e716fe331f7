"""A folder kept in sync: what was found in it before (`locations`) against what it holds now.

- A file gone from a folder given to `sleuth index`: its document is removed (unless `keep_missing`), reported
  "removed".
- A file moved within the folder (the same bytes at a new path, the old path gone): its document is kept, now found
  at the new path, reported "moved"; nothing is read again.
- A file whose bytes are already indexed under another path: not indexed twice; the document lists both paths,
  reported "duplicate".

JSONL files are tracked as files only when they hold one document; their records keep their own ids.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .locations import Locations
from .registry import Registry
from ..query.results import DocumentReport, IndexReport
from ..read.sources import Source, walk


@dataclass
class FolderSync:
    """One run's comparison; `sources()` feeds the pipeline, `finish()` removes and records after it."""

    registry: Registry
    locations: Locations
    paths: list[Path]
    keep_missing: bool = False
    found: list[tuple[str, str, str]] = field(default_factory=list)  # (folder, path, document) seen this run
    forget: list[tuple[str, str]] = field(default_factory=list)  # (folder, path) no longer where a document is

    def __post_init__(self) -> None:
        self.walked = list(walk(self.paths))
        folders = {str(Path(p).resolve()) for p in self.paths if Path(p).is_dir()}
        here = {(w.root, w.rel) for w in self.walked if not isinstance(w, DocumentReport)}
        self.before = {root: self.locations.under(root) for root in folders}
        gone = [(root, path) for root, held in self.before.items() for path in held if (root, path) not in here]
        self.forget += gone
        gone_set = set(gone)
        # A document all of whose places are gone is removed at the end, unless a moved file claims it first.
        candidates = {d for root, path in gone for d in self.before[root][path]}
        self.orphans: dict[str, str] = {}  # hash → document (first by id) with no place left
        for doc_id in sorted(candidates):
            if all((root, path) in gone_set for root, path in self.locations.of(doc_id)):
                digest = self.registry.hash_of(doc_id)
                if digest is not None:
                    self.orphans.setdefault(digest, doc_id)
        self.claimed: set[str] = set()

    def sources(self) -> Iterator[Source | DocumentReport]:
        """The sources to index, in walk order; a moved or duplicate file comes out as its report instead."""
        new: dict[str, str] = {}  # hash → id of a file first indexed in this run
        for item in self.walked:
            if isinstance(item, DocumentReport):
                yield item
                continue
            src = item.source()
            if isinstance(src, DocumentReport) or src.is_jsonl:
                yield src
                continue
            yield self._place(item.root, src, new)

    def _place(self, root: str, src: Source, new: dict[str, str]) -> Source | DocumentReport:
        digest = src.digest()
        path = src.doc_id
        owner = next(iter(sorted(self.before.get(root, {}).get(path, ()))), None)
        if owner is not None and owner != path:
            if self.registry.hash_of(owner) == digest:  # a copy or a moved file, unchanged
                self.found.append((root, path, owner))
                return DocumentReport(path, "unchanged", owner, self._title(owner))
            self.forget.append((root, path))  # it changed: a document of its own from now on
        if self.registry.hash_of(path) is not None:  # the file's own document: the pipeline compares it
            self.found.append((root, path, path))
            return src
        twin = self.orphans.get(digest)
        if twin is not None and twin not in self.claimed:
            self.claimed.add(twin)
            self.found.append((root, path, twin))
            self.registry.rename(twin, path)
            return DocumentReport(path, "moved", twin, self._title(twin), reason=f"moved from {twin}")
        same = new.get(digest) or next(iter(self.locations.by_hash(digest)), None)
        if same is not None:
            self.found.append((root, path, same))
            return DocumentReport(path, "duplicate", same, self._title(same) or same,
                                  reason=f"the same bytes as {same}: indexed once")
        new[digest] = path
        self.found.append((root, path, path))
        return src

    def _title(self, doc_id: str) -> str | None:
        record = self.registry.get(doc_id)
        return record.title if record else None

    def finish(self, report: IndexReport, remove: Callable[[str], bool]) -> IndexReport:
        """Remove the documents whose files are gone (unless kept), record where each document is now."""
        removed = []
        for doc_id in sorted(set(self.orphans.values()) - self.claimed):
            record = self.registry.get(doc_id)
            if record is None:
                continue
            if self.keep_missing:
                removed.append(DocumentReport(record.name, "missing", doc_id, record.title,
                                              reason="its file is gone; kept (--keep-missing)"))
                continue
            remove(doc_id)
            removed.append(DocumentReport(record.name, "removed", doc_id, record.title,
                                          reason="its file is gone from the folder"))
        kept = {d.doc_id for d in removed if d.status == "missing"}
        forget = [(root, path) for root, path in self.forget
                  if not (self.before.get(root, {}).get(path, set()) & kept)]
        self.locations.record(self.found, forget)
        # A document still found elsewhere after its own path went (a copy's original deleted) shows where it is.
        for doc_id in {d for root, path in forget for d in self.before.get(root, {}).get(path, ())}:
            record, paths = self.registry.get(doc_id), self.locations.paths(doc_id)
            if record is not None and paths and record.name not in paths:
                self.registry.rename(doc_id, paths[0])
        return IndexReport(report.documents + removed, report.passages, report.entities, report.seconds)
