"""Entities still to find: an upload is committed by its words first and searchable at once; its entities, dates
and facets are found afterwards by the background upkeep (spaCy needs a few hundred ms a document).

The documents waiting are kept in a small JSON file beside the index, with the content hash they were uploaded
with, so that a restart finishes them and a document replaced or removed meanwhile is not done twice.
"""
from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from ..entities.finder import entity_stream
from .resolve import passage_of

if TYPE_CHECKING:
    from .ingest import Pipeline

FILE_NAME = "entities-pending.json"


class Pending:
    """The documents whose entities are still to be found: doc id → the content hash they were written with."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME
        self._lock = threading.Lock()
        try:
            self._docs: dict[str, str] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self._docs = {}  # none waiting (or a torn file: those documents keep their words, lose nothing else)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._docs

    def __bool__(self) -> bool:
        return bool(self._docs)

    def snapshot(self) -> dict[str, str]:
        """The documents waiting now, with their hashes."""
        with self._lock:
            return dict(self._docs)

    def add(self, docs: dict[str, str]) -> None:
        """Mark documents (doc id → content hash) as waiting for their entities."""
        if docs:
            with self._lock:
                self._docs.update(docs)
                self._save()

    def done(self, docs: dict[str, str]) -> None:
        """Unmark documents, unless they were written again (another hash) meanwhile."""
        with self._lock:
            for doc_id, digest in docs.items():
                if self._docs.get(doc_id) == digest:
                    del self._docs[doc_id]
            self._save()

    def _save(self) -> None:
        # Written whole and renamed: a crash leaves the old list or the new one, never half of one.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._docs, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.path)


def find_entities(pipeline: "Pipeline", docs: dict[str, str], background: bool = True) -> list:
    """spaCy over the stored passages of these documents (no lock needed): what `Pipeline.add_entities` writes.

    One stream for all of them: a large upload (a book) gets worker processes, as `sleuth index` would, so the
    server's searches keep the interpreter meanwhile; `background` lowers their priority (nice +10), which a worker
    process (`upload_job`), already at nice +10 itself, passes on to them without it.
    """
    waiting = []
    for doc_id, digest in sorted(docs.items()):
        record = pipeline.registry.get(doc_id)
        if record is None or record.hash != digest:
            continue  # removed or replaced since: nothing to do, or a newer upload's turn
        # By passage id: a commit whose registry write a crash lost can leave a copy; the next write replaces both.
        stored = sorted({s.passage_id: s for s in pipeline.backend.passages(doc_id)}.values(), key=lambda s: s.ordinal)
        waiting.append((record, [passage_of(s) for s in stored]))
    texts = [p.text if p.kind == "body" else "" for _, passages in waiting for p in passages]
    settings = pipeline.settings
    with entity_stream(texts, settings, background=background) as spans:
        return [(record, passages, [next(spans) for _ in passages]) for record, passages in waiting]
