"""The write pipeline: source → read → passages → entities and dates → backend → registry.

Every write goes through it: indexing files and uploads, re-indexing, rebuilding, removing and rewriting facets.
It returns what it did; the caller holds the write lock. A document is written whole or not at all.
"""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..read import guard as guard
from ..entities import nlp
from ..entities.finder import entity_finder
from ..read import ocr
from ..backend import Backend
from .collector import fewer_collections
from ..entities.aliases import load_infobox_keys
from ..entities.canon import Canon
from ..errors import ReadError
from ..read.passages import Passage, split_passages, with_infobox
from ..read.document import Document, Refused
from ..read.nested import Limits
from . import members
from .batching import announced, next_round, tapered
from .registry import DocRecord, Registry, content_hash
from .resolve import entries as resolved
from .rewrites import Rewrites
from ..query.results import DocumentReport, IndexReport
from ..settings import Settings
from ..read.sources import Source

Progress = Callable[[int, int], None]
OnWait = Callable[[str], None] | None
ORPHAN_AGE = 600.0  # seconds before an unreferenced source copy counts as left behind (see gc)


@dataclass
class _Prepared:
    """A document read and split, waiting for its entities."""

    record: DocRecord
    doc: Document
    passages: list[Passage]
    report: DocumentReport
    source: tuple[bytes, str] | None = None  # (bytes, suffix) of the copy to keep when the batch is written


@dataclass
class Indexed:
    """What one run did: its report, and the earlier documents whose facets its new names made stale."""

    report: IndexReport
    stale: set[str]


class Pipeline:
    """Documents into the backend and the registry, batch by batch."""

    def __init__(self, settings: Settings, backend: Backend, registry: Registry) -> None:
        self.settings = settings
        self.backend = backend
        self.registry = registry
        self.rewrites = Rewrites(registry, backend)
        self._dropped: set[str] = set()  # members whose container's new version no longer holds them

    def index(self, sources: Iterable[Source | DocumentReport], canon: Canon, force: bool = False,
              progress: Progress | None = None, on_wait: OnWait = None, words_only: bool = False,
              rewrite: bool = False, between: Callable[[], None] | None = None) -> Indexed:
        """Index the sources: unchanged ones are skipped (unless `force`), changed ones replaced whole.

        `canon` holds the canonical names of what is indexed already; it is updated with this run. The earlier
        documents whose names it changed are returned as `stale`: the caller rewrites their facets (now or later).
        `words_only` writes the words alone, no spaCy (uploads): `add_entities` writes them again later.
        `rewrite` rewrites the stale documents' facets in the last batch's commit (and returns none stale);
        `between` is called between two batches' commits (an upload lets other writers in there)."""
        started, stale, step = time.perf_counter(), set(), max(1, self.settings.commit_every)
        passages = entities = 0
        reports: list[DocumentReport] = []
        finder = entity_finder(self.settings, progress)
        items = self._read(sources if words_only else announced(sources, lambda: finder), force)
        with self.rewrites.run(remember=rewrite), fewer_collections():
            # A round at a time (one for most runs): SLEUTH_ROUND_PASSAGES read ahead, then written, so that a
            # 1 GB mailbox is never held whole. The texts go to NER as they are read: the workers start meanwhile.
            last = False
            while not last:
                with finder:
                    steps, last = next_round(items, self.settings.round_passages, finder, words_only)
                    prepared = [s for s in steps if isinstance(s, _Prepared)]
                    found = finder.results() if not words_only else iter(lambda: [], None)
                    batches = list(tapered(prepared, step, 200 if finder.parallel else step))
                    # Batch by batch: entities, then one commit, so a crash or kill loses at most the batch in
                    # hand. The workers keep finding the next batch's entities while this one is written.
                    for n, batch in enumerate(batches, 1):
                        mentions = self._entities(batch, found)
                        # After a round's last batch its names are final: that commit carries the rewrites.
                        stale = self._write(batch, mentions, canon, stale, on_wait, draft=words_only,
                                            rewrite=rewrite and n == len(batches))
                        passages += sum(len(item.passages) for item in batch)
                        entities += sum(1 for ms in mentions for m in ms if m.label != "DATE")
                        if between and (n < len(batches) or not last):
                            between()
                    if not last:  # the next round's finder (with this one's workers); this round is written
                        finder = finder.next_round()
                        self.rewrites.forget()
                reports += [s.report if isinstance(s, _Prepared) else s for s in steps]
        for doc_id in sorted(self._dropped):
            if self.remove(doc_id, canon):
                reports.append(DocumentReport(doc_id, "removed", doc_id, reason="no longer in its container"))
        self._dropped = set()
        return Indexed(IndexReport(reports, passages, entities, time.perf_counter() - started), stale)

    def rebuild(self, canon: Canon, progress: Progress | None = None, on_wait: OnWait = None) -> IndexReport:
        """Wipe the backend and index every registered document again from its stored source copy.

        `canon` starts empty (aliases and corrections only): names are rebuilt from the stored sources alone.
        """
        # Into a fresh index, swapped in at the end: the server's uploads wait meanwhile, its searches go on. A
        # document another process committed just before the rebuild took its lock is registered a moment later:
        # the registry is read again until it holds nothing the rebuild has not written (later writers wait).
        report, seen = IndexReport(), set()
        with self.backend.rebuilt(on_wait) as fresh:
            into = Pipeline(self.settings, fresh, self.registry)
            while batch := [r for r in self.registry.all() if r.doc_id not in seen]:
                seen.update(r.doc_id for r in batch)
                stored = [Source(r.name, r.doc_id, self.registry.source_bytes(r), Path(r.source).suffix)
                          for r in batch]
                done = into.index(stored, canon, force=True, progress=progress, on_wait=on_wait, rewrite=True)
                report = report.followed_by(done.report)
        self.registry.drop_sources(self.registry.orphans(ORPHAN_AGE))
        return report

    def remove(self, doc_id: str, canon: Canon) -> bool:
        """Delete a document's passages and record; rewrite the facets its names changed. False if unknown."""
        if self.registry.get(doc_id) is None:
            return False
        ids = [doc_id, *members.under(self.registry, doc_id)]  # its attachments and members go with it
        gone: Counter = Counter()
        for d in ids:
            gone.update(self.registry.doc_mentions(d))
        self.backend.delete(ids)
        for d in ids:
            self.registry.delete(d)
        changed = canon.add(Counter({k: -n for k, n in gone.items()}))
        self.rewrite_facets(canon, self.registry.docs_mentioning(changed) - set(ids))
        return True

    def rewrite_facets(self, canon: Canon, docs: set[str], on_wait: OnWait = None) -> int:
        """Rewrite these documents' facets from their stored raw mentions (no NER), in one commit."""
        rewritten = self.rewrites.entries(canon, docs)
        if rewritten:
            self.backend.write(rewritten, on_wait)
        return len(docs)

    # --- the stages --------------------------------------------------------------------------------------
    def _read(self, sources: Iterable[Source | DocumentReport], force: bool) -> Iterator[_Prepared | DocumentReport]:
        """Read and split each source's documents; what is skipped or refused comes out as its report."""
        seen: set[str] = set()  # ids met in this run: a second one is refused, never indexed twice
        for src in sources:
            if isinstance(src, DocumentReport):
                yield src
                continue
            if not force and (known := self._unchanged(src)):  # before reading: OCR costs seconds a page
                yield known
                continue
            try:
                items = src.read(ocr.Options.from_settings(self.settings), Limits.from_settings(self.settings))
            except ReadError as exc:
                yield DocumentReport(src.name, "failed", reason=str(exc))
                continue
            except Exception as exc:  # a reader bug must not lose the rest of the batch
                yield DocumentReport(src.name, "failed", reason=f"could not read ({exc})")
                continue
            held, n = set(), 0
            try:  # a streamed mailbox is read here, a message at a time
                for n, item in enumerate(items, 1):
                    if isinstance(item, Document) and item.source:
                        held.add(members.inside(src, item.source))
                    yield self._prepare(src, n, item, seen, force)
            except (ReadError, OSError) as exc:  # its messages read so far are kept (a file gone, a limit)
                yield DocumentReport(src.name, "failed", reason=f"after {n:,} documents: {exc}")
                continue
            if not src.is_jsonl:  # a container's members that its new version no longer holds go
                self._dropped |= set(members.under(self.registry, src.doc_id)) - held

    def _prepare(self, src: Source, n: int, item: Document | Refused, seen: set[str],
                 force: bool) -> _Prepared | DocumentReport:
        """One document checked, split into passages and its source copy kept; or why not."""
        if isinstance(item, Refused):
            return DocumentReport(src.name, "failed", reason=str(item))
        jsonl = src.is_jsonl
        doc_id = src.id_prefix + item.doc_id if jsonl and item.doc_id else src.doc_id
        if item.source:  # an attachment, an archive member, a message of an mbox: kept like a JSONL record
            jsonl, doc_id = True, members.inside(src, item.source)
            if item.parent:
                item.metadata.setdefault("found in", members.inside(src, item.parent))
        if doc_id in seen and "found in" in item.metadata:  # a rebuild reads it from its own copy and from its file
            return DocumentReport(doc_id, "unchanged", doc_id, item.title)
        problem = guard.refusal(item, doc_id, seen)
        if problem:
            where = f"{src.display_name} line {n}" if src.is_jsonl else src.name
            return DocumentReport(where, "failed", reason=problem)
        # A streamed file's own document (an archive's listing) is kept as its text: its bytes are never held.
        streamed = src.path is not None and not jsonl
        data = members.record_bytes(item, doc_id) if jsonl or streamed else src.whole()
        digest = src.digest() if streamed else content_hash(data)
        # Shown on pages: the id (a relative path), never where the file happened to be on this machine.
        name = f"{Path(src.name).name} [{doc_id}]" if jsonl else src.doc_id
        known = self.registry.hash_of(doc_id)
        if not force and known == digest:
            return DocumentReport(name, "unchanged", doc_id, item.title)
        passages = split_passages(item)
        if not passages:
            return DocumentReport(name, "failed", doc_id, item.title, reason="no text")
        if len(passages) > self.settings.max_passages:
            return DocumentReport(name, "failed", doc_id, item.title,
                                  reason=guard.too_many(len(passages), self.settings))
        kept = (data, ".jsonl" if jsonl or streamed else src.suffix)
        source = self.registry.source_name(*kept)
        record = DocRecord(doc_id, name, digest, item.title or doc_id, item.fmt, source, dict(item.metadata),
                           item.url, item.date, len(passages))
        report = DocumentReport(src.name, "updated" if known else "added", doc_id, record.title, len(passages))
        return _Prepared(record, item, passages, report, kept)

    def _unchanged(self, src: Source) -> DocumentReport | None:
        """A file whose bytes are indexed already is reported unchanged without being parsed (JSONL: per record)."""
        known = None if src.is_jsonl else self.registry.get(src.doc_id)
        if known is None or known.hash != src.digest():
            return None
        return DocumentReport(src.doc_id, "unchanged", src.doc_id, known.title)

    def _entities(self, batch: list[_Prepared], found: Iterator[list[nlp.RawMention]]) -> list[list[nlp.RawMention]]:
        """Each passage's raw mentions, in batch order: NER's, with the Infobox's facts added."""
        keys = load_infobox_keys(self.settings.aliases_files)
        out: list[list[nlp.RawMention]] = []
        for item in batch:
            spans = with_infobox(item.passages, [next(found) for _ in item.passages], item.doc.metadata, keys, item.doc.fmt)
            out.extend([nlp.RawMention(*m) for m in ms] for ms in spans)
        return out

    def add_entities(self, found: list[tuple[DocRecord, list[Passage], list[list]]], canon: Canon,
                     stale: set[str]) -> set[str]:
        """Write again documents first written by their words alone, with the spans NER found in their passages
        since (`pending.find_entities`); one replaced meanwhile is skipped. Returns the stale documents."""
        keys = load_infobox_keys(self.settings.aliases_files)
        batch, mentions = [], []
        for record, passages, spans in found:
            if self.registry.hash_of(record.doc_id) != record.hash:
                continue  # uploaded again since: that upload queued its own turn
            doc = Document(record.title, "", [], record.metadata, record.fmt)
            report = DocumentReport(record.name, "updated", record.doc_id, record.title, len(passages))
            batch.append(_Prepared(record, doc, passages, report))
            boxed = with_infobox(passages, spans, record.metadata, keys, record.fmt)
            mentions += [[nlp.RawMention(*m) for m in ms] for ms in boxed]
        return self._write(batch, mentions, canon, stale, None) if batch else stale

    def _write(self, batch: list[_Prepared], mentions: list[list[nlp.RawMention]], canon: Canon, stale: set[str],
               on_wait: OnWait, draft: bool = False, rewrite: bool = False) -> set[str]:
        """Resolve names, commit the batch's passages, then record it; returns the documents now stale.

        With `rewrite`, the stale documents' facets are rewritten in the same commit and none is returned.
        """
        per_doc, at = [], 0
        for item in batch:
            per_doc.append(mentions[at:at + len(item.passages)])
            at += len(item.passages)
        counts = [Counter((m.text, m.label) for ms in doc for m in ms) for doc in per_doc]
        previous = self.registry.previous(item.record.doc_id for item in batch if item.report.status == "updated")
        delta: Counter = Counter()
        for item, raw in zip(batch, counts):
            if item.record.doc_id in previous:
                delta.subtract(previous[item.record.doc_id][1])
            delta.update(raw)
        # The registry holds only documents written before this batch: those are the ones to fix later.
        changed = canon.add(delta) if +delta or -delta else set()  # words alone change no name
        stale = (stale | self.registry.docs_mentioning(changed)) - {item.record.doc_id for item in batch}
        entries = {}
        for item, found, raw in zip(batch, per_doc, counts):
            ctx = canon.context(raw)  # "Mercader" here is this document's Ramón Mercader
            entries[item.record.doc_id] = resolved(item.record, item.passages, found, canon, ctx)
            if not draft:
                self.rewrites.written(item.record, item.passages, found, raw, entries[item.record.doc_id])
        if rewrite:  # and the run's documents that write names the collection learnt after them
            entries.update(self.rewrites.entries(canon, stale | self.rewrites.naming_known(canon) - set(entries)))
            stale = set()
        for item in batch:
            if item.source is not None:
                self.registry.keep_source(*item.source)
                item.source = None  # kept; and the bytes need not stay in memory for the rest of the run
        self.registry.flush_sources()  # the copies first (the most bytes: a full disk fails here, nothing written)
        self.backend.write(entries, on_wait, merge=len(batch) > 200, draft=draft)
        try:
            self.registry.put((item.record, raw) for item, raw in zip(batch, counts))
        except BaseException:  # passages without a record could be found, never deleted: the new ones go
            self.backend.delete([item.record.doc_id for item in batch if item.record.doc_id not in previous])
            raise
        self.registry.drop_unreferenced({source for source, _ in previous.values()})
        return stale
