"""A collection moved into another backend over the same data folder: each document's stored passages (words,
entities, dates, with the corrections applied) copied as they are, so the new backend answers as the old one did."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

from ..backend import Backend, open_backend
from ..settings import Settings
from .registry import Registry

DOCS_PER_WRITE = 200


def migrate(settings: Settings, registry: Registry, source: Backend, to: str,
            progress: Callable[[int, int], None] | None = None) -> tuple[int, int]:
    """Copy every registered document's passages from `source` into the backend `to` (emptied first);
    (documents, passages) copied. The source is left as it was."""
    target = open_backend(to, settings.index_dir, writer_timeout=settings.writer_timeout,
                          search_time_limit=settings.search_time_limit, settings=replace(settings, backend=to))
    target.wipe()
    ids = [r.doc_id for r in registry.all()]
    passages = 0
    for start in range(0, len(ids), DOCS_PER_WRITE):
        batch = {doc_id: source.passages(doc_id) for doc_id in ids[start:start + DOCS_PER_WRITE]}
        target.write({d: p for d, p in batch.items() if p})
        passages += sum(map(len, batch.values()))
        if progress:
            progress(min(start + DOCS_PER_WRITE, len(ids)), len(ids))
    return len(ids), passages
