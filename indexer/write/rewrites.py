"""Facet rewrites: the passages of earlier documents whose names now resolve otherwise, with their new facets.

A document's facets depend on the whole collection's canonical names ("Trotsky" is "Leon Trotsky" once another
document says so), so writing new documents can make earlier ones stale. Their raw mentions are kept (in the
index, and for the documents of the run in hand, in memory), so a rewrite needs no NER.
"""
from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from ..backend import Backend, PassageEntry
from ..entities import recall
from ..entities.canon import Canon
from ..entities.nlp import RawMention
from ..read.passages import Passage
from .registry import DocRecord, Registry
from .resolve import entries as resolved, passage_of, raw_of


@dataclass
class _Written:
    """A document as this run wrote it: enough to resolve its names again without reading it back."""

    record: DocRecord
    passages: list[Passage]
    found: list[list[RawMention]]
    counts: Counter
    signature: int


class Rewrites:
    """Which of the given documents need their facets rewritten, and their new passages."""

    def __init__(self, registry: Registry, backend: Backend) -> None:
        self.registry = registry
        self.backend = backend
        self._written: dict[str, _Written] = {}  # the run in hand's documents, as written
        self._remembering = False

    @contextmanager
    def run(self, remember: bool) -> Iterator[None]:
        """A run of writes; with `remember`, its documents are kept as written until it ends (any may go stale).

        Only inside the run, with the write lock held, is what it wrote sure to be what the index holds.
        """
        self._written, self._remembering = {}, remember
        try:
            yield
        finally:
            self._written, self._remembering = {}, False

    def forget(self) -> None:
        """Drop what the run has written so far (a long run's next round): those are read back from the index."""
        self._written = {}

    def written(self, record: DocRecord, passages: list[Passage], found: list[list[RawMention]], counts: Counter,
                entries: list[PassageEntry]) -> None:
        """A document was written in this run (kept if the run remembers)."""
        if self._remembering:
            self._written[record.doc_id] = _Written(record, passages, found, counts, _signature(entries))

    def naming_known(self, canon: Canon) -> set[str]:
        """The run's documents whose passages write a name of the collection's dictionary that no mention covers."""
        dictionary = recall.confident(canon)
        return {doc_id for doc_id, mine in self._written.items()
                if any(dictionary.find(p.text, [(m.start, m.end) for m in ms])
                       for p, ms in zip(mine.passages, mine.found) if p.kind != "metadata")}

    def entries(self, canon: Canon, docs: set[str]) -> dict[str, list[PassageEntry]]:
        """The passages of those of these documents whose facets now resolve otherwise, with their new facets."""
        rewritten = {}
        for doc_id in sorted(docs):
            mine = self._written.get(doc_id)
            if mine is not None:
                ctx = canon.context(mine.counts)
                fresh = resolved(mine.record, mine.passages, mine.found, canon, ctx)
                signature = _signature(fresh)
                if signature != mine.signature:
                    rewritten[doc_id] = fresh
                    mine.signature = signature
                continue
            record = self.registry.get(doc_id)
            if record is None:
                continue  # removed since its names went stale
            ctx = canon.context(self.registry.doc_mentions(doc_id))
            stored = self.backend.passages(doc_id)
            fresh = resolved(record, [passage_of(s) for s in stored], [raw_of(s) for s in stored], canon, ctx)
            # About half of those a large run marks stale resolve as before: a rewrite would re-add them unchanged.
            if [_resolved(e) for e in fresh] != [_resolved(s) for s in stored]:
                rewritten[doc_id] = fresh
        return rewritten


def _signature(entries: list[PassageEntry]) -> int:
    """What a rewrite can change in these passages, as one number (kept for every document of a run)."""
    return hash(tuple(repr(_resolved(e)) for e in entries))


def _resolved(e: PassageEntry) -> tuple:
    """What a facet rewrite can change in a stored passage."""
    return e.title, {f: v for f, v in e.facets.items() if v}, [tuple(m) for m in e.mentions]
