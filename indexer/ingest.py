"""Indexing: sources → documents → passages → entities and dates → Whoosh, with the registry kept in step."""
from __future__ import annotations

import json
import re
import time
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import _guard as guard
from . import nlp, ocr
from .backend.whoosh.index import IndexStore
from .dates import day_number, normalise_date
from .entities import Canon
from .errors import ReadError
from .entities import load_infobox_keys
from .passages import Passage, split_passages, with_infobox
from .reading import Document, read_bytes
from .registry import DocRecord, Registry, content_hash
from .results import ENTITY_FACETS, DocumentReport, IndexReport
from .settings import Settings

SKIP_NAMES = {"aliases.toml"}
Progress = Callable[[int, int], None]


@dataclass
class Source:
    """One input: a file's bytes and the document id it gets (JSONL records carry their own ids)."""

    name: str
    doc_id: str
    data: bytes
    suffix: str
    id_prefix: str = ""  # put before JSONL records' own ids ("upload/": uploads never replace indexed documents)
    _read: list | Exception | None = field(default=None, repr=False)

    def read(self, options: "ocr.Options | None" = None) -> list[Document | ReadError]:
        """The documents in this source, read once (so that uploads can be read before taking the write lock)."""
        if self._read is None:
            try:
                self._read = read_bytes(_display_name(self), self.data, options)
            except Exception as exc:
                self._read = exc
        if isinstance(self._read, Exception):
            raise self._read
        return self._read


@dataclass
class _Prepared:
    record: DocRecord
    doc: Document
    passages: list[Passage]
    report: DocumentReport  # already in the run's report, so reports keep the inputs' order
    mentions: list[list[nlp.RawMention]] = field(default_factory=list)


def sources_from_paths(paths: Iterable[Path], report: IndexReport) -> Iterator[Source]:
    """Walk files and folders; a document's id is its path relative to the folder given (or its file name)."""
    for root in paths:
        root = Path(root)
        if root.is_dir():
            files = sorted(p for p in root.rglob("*") if p.is_file() and not _hidden(p.relative_to(root)))
            for p in files:
                if p.name not in SKIP_NAMES:
                    yield from _source(p, p.relative_to(root).as_posix(), report)
        elif root.is_file():
            yield from _source(root, root.name, report)
        else:
            report.documents.append(DocumentReport(str(root), "failed", reason="no such file or folder"))


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def _source(path: Path, doc_id: str, report: IndexReport) -> Iterator[Source]:
    try:
        yield Source(str(path), doc_id, path.read_bytes(), path.suffix)
    except OSError as exc:
        report.documents.append(DocumentReport(str(path), "failed", reason=f"cannot read: {exc.strerror or exc}"))


class Ingest:
    """One indexing run over some sources."""

    def __init__(self, settings: Settings, store: IndexStore, registry: Registry) -> None:
        self.settings = settings
        self.store = store
        self.registry = registry

    def run(self, sources: Iterable[Source], report: IndexReport, canon: Canon, force: bool = False,
            progress: Progress | None = None, on_wait: Callable[[str], None] | None = None,
            defer_stale: set[str] | None = None, entities: bool = True) -> IndexReport:
        """Index the sources: unchanged ones are skipped (unless `force`), changed ones replaced whole.

        `canon` holds the canonical names of what is indexed already; it is updated with this batch. Earlier
        documents whose names it changed are rewritten at the end, or added to `defer_stale` for the caller.
        `entities=False` writes the words alone (no spaCy): `pending.find_entities` adds the rest later.
        """
        started = time.perf_counter()
        prepared = list(self._prepare(sources, force, report))
        stale: set[str] = set()  # documents written with names a later batch changed
        step = max(1, self.settings.commit_every)
        texts = [p.text if p.kind == "body" else "" for item in prepared for p in item.passages]
        stream = nlp.entity_stream(texts, self.settings.model, self.settings.n_process, self.settings.batch_size,
                                   progress) if entities else nullcontext(iter([] for _ in texts))
        with stream as found:
            # Batch by batch: entities, then one commit, so a crash or kill loses at most the batch in hand.
            # The workers keep finding the next batch's entities while this one is written.
            # With worker processes, spaCy runs ahead of the writing: end with small batches (see _tapered).
            parallel = entities and nlp.workers(len(texts), self.settings.n_process) > 1
            for batch in _tapered(prepared, step, 200 if parallel else step):
                stale = self._write_batch(batch, found, canon, stale, report, on_wait, entities)
        if defer_stale is not None:
            defer_stale |= stale
        else:
            self.rewrite_facets(canon, stale, on_wait)
        report.seconds = time.perf_counter() - started
        return report

    def _write_batch(self, batch: list[_Prepared], found: Iterator[list[nlp.RawMention]], canon: Canon,
                     stale: set[str], report: IndexReport, on_wait, entities: bool = True) -> set[str]:
        keys = load_infobox_keys(self.settings.aliases_files)
        for item in batch:
            spans = with_infobox(item.passages, [next(found) for _ in item.passages], item.doc.metadata, keys)
            item.mentions = [[nlp.RawMention(*m) for m in ms] for ms in spans]
        return self.write_found(batch, canon, stale, report, on_wait, entities)

    def write_found(self, batch: list[_Prepared], canon: Canon, stale: set[str], report: IndexReport,
                    on_wait=None, entities: bool = True) -> set[str]:
        """Write documents whose mentions are found, and the registry after them; returns the stale documents.

        Without `entities` (the words first, entities later) the spelling words wait for that second write too,
        and a new document has no passages to delete.
        """
        delta: Counter = Counter()
        for item in batch:
            if item.report.status == "updated":
                delta.subtract(self.registry.doc_mentions(item.record.doc_id))
            delta.update(_raw_counts(item))
        # The registry holds only documents written before this batch: those are the ones to fix later.
        changed = canon.add(delta) if +delta or -delta else set()  # an empty delta changes nothing
        stale = (stale | self.registry.docs_mentioning(changed)) - {item.record.doc_id for item in batch}
        with self.store.writing(on_wait, merge=len(batch) > 200, spelling="once" if entities else "off") as writer:
            for item in batch:
                if entities or item.report.status == "updated":
                    writer.delete_by_term("doc_id", item.record.doc_id)
                ctx = canon.context(_raw_counts(item))  # "Mercader" here is this document's Ramón Mercader
                for passage, mentions in zip(item.passages, item.mentions):
                    writer.add_document(**_fields(item.record, passage, mentions, canon, ctx))
        self.registry.sync()
        superseded = self.registry.sources_of(item.record.doc_id for item in batch if item.report.status == "updated")
        self.registry.put((item.record, _raw_counts(item)) for item in batch)
        self.registry.drop_unreferenced(superseded)
        for item in batch:
            item.report.passages = len(item.passages)
            report.passages += len(item.passages)
            report.entities += sum(1 for ms in item.mentions for m in ms if m.label != "DATE")
            item.mentions = []  # done with them; keeps memory flat on large runs
        return stale

    def _prepare(self, sources: Iterable[Source], force: bool, report: IndexReport) -> Iterator[_Prepared]:
        seen: set[str] = set()  # ids met in this run: a second one is refused, never indexed twice
        for src in sources:
            if not force and self._unchanged(src, report):  # before reading: OCR of a scan costs seconds a page
                continue
            try:
                items = src.read(ocr.Options.from_settings(self.settings))
            except ReadError as exc:
                report.documents.append(DocumentReport(src.name, "failed", reason=str(exc)))
                continue
            except Exception as exc:  # a reader bug must not lose the rest of the batch
                report.documents.append(DocumentReport(src.name, "failed", reason=f"could not read ({exc})"))
                continue
            jsonl = src.suffix.lower() == ".jsonl"
            for n, item in enumerate(items, 1):
                if isinstance(item, ReadError):
                    report.documents.append(DocumentReport(src.name, "failed", reason=str(item)))
                    continue
                doc_id = src.id_prefix + item.doc_id if jsonl and item.doc_id else src.doc_id
                problem = guard.refusal(item, doc_id, seen)
                if problem:
                    report.documents.append(DocumentReport(_line_name(src, n, jsonl), "failed", reason=problem))
                    continue
                data = _record_bytes(item, doc_id) if jsonl else src.data
                digest = content_hash(data)
                # Shown on pages: the id (a relative path), never where the file happened to be on this machine.
                name = f"{Path(src.name).name} [{doc_id}]" if jsonl else src.doc_id
                known = self.registry.hash_of(doc_id)
                if not force and known == digest:
                    report.documents.append(DocumentReport(name, "unchanged", doc_id, item.title))
                    continue
                passages = split_passages(item)
                if not passages:
                    report.documents.append(DocumentReport(name, "failed", doc_id, item.title, reason="no text"))
                    continue
                if len(passages) > self.settings.max_passages:
                    report.documents.append(DocumentReport(name, "failed", doc_id, item.title,
                                                           reason=guard.too_many(len(passages), self.settings)))
                    continue
                source = self.registry.keep_source(data, ".jsonl" if jsonl else src.suffix)
                record = DocRecord(doc_id, name, digest, item.title or doc_id, item.fmt, source,
                                   dict(item.metadata), item.url, item.date, len(passages))
                done = DocumentReport(src.name, "updated" if known else "added", doc_id, record.title)
                report.documents.append(done)
                yield _Prepared(record, item, passages, done)

    def _unchanged(self, src: Source, report: IndexReport) -> bool:
        """A file whose bytes are indexed already is reported unchanged without being parsed (JSONL: per record)."""
        if src.suffix.lower() == ".jsonl":
            return False
        known = self.registry.get(src.doc_id)
        if known is None or known.hash != content_hash(src.data):
            return False
        report.documents.append(DocumentReport(src.doc_id, "unchanged", src.doc_id, known.title))
        return True

    def refacet(self, canon: Canon, changed: set[tuple[str, str]], skip: set[str], on_wait=None) -> int:
        """Rewrite the facet fields of documents whose mentions now resolve to other canonical names."""
        return self.rewrite_facets(canon, self.registry.docs_mentioning(changed) - skip, on_wait)

    def rewrite_facets(self, canon: Canon, docs: set[str], on_wait=None) -> int:
        """Rewrite these documents' facet fields from their stored raw mentions (no NER)."""
        if not docs:
            return 0
        searcher, _ = self.store.searcher()
        with self.store.writing(on_wait) as writer:
            for doc_id in sorted(docs):
                record = self.registry.get(doc_id)
                if record is None:
                    continue  # removed since its names went stale
                ctx = canon.context(self.registry.doc_mentions(doc_id))
                for stored in searcher.documents(doc_id=doc_id):
                    raw = [nlp.RawMention(s, e, label, surface) for s, e, label, surface in stored.get("raw") or []]
                    passage = Passage(stored["ordinal"], stored["section"], stored["text"], stored["start"],
                                      stored["end"], stored["kind"], bool(stored.get("ocr")))
                    fields = _fields(record, passage, raw, canon, ctx)
                    if _same_facets(fields, stored):
                        continue  # about half of them at the end of a large run: Whoosh rewrites are not cheap
                    writer.delete_by_term("passage_id", stored["passage_id"])
                    writer.add_document(**fields)
        return len(docs)


def _tapered(items: list, step: int, smallest: int) -> Iterator[list]:
    """Batches of `step` items, then halving ones at the end: the last batch is written after spaCy has finished
    (the workers idle meanwhile), so the smaller it is the less of the run is spent writing alone."""
    start = 0
    while start < len(items):
        left = len(items) - start
        size = step if left >= 2 * step else max(min(step, smallest), min(step, (left + 1) // 2))
        yield items[start:start + size]
        start += size


def _same_facets(fields: dict, stored: dict) -> bool:
    """True when a passage's recomputed facets and marked mentions are what the index holds already."""
    return (all((fields.get(f) or []) == (stored.get(f) or []) for f in ENTITY_FACETS)
            and [tuple(m) for m in fields["mentions"]] == [tuple(m) for m in stored.get("mentions") or []]
            and fields["title"] == stored.get("title"))


def _line_name(src: Source, n: int, jsonl: bool) -> str:
    return f"{Path(src.name).name} line {n}" if jsonl else src.name


def _display_name(src: Source) -> str:
    return Path(src.name).name if src.suffix else src.name


def _record_bytes(doc: Document, doc_id: str) -> bytes:
    rec = {"id": doc_id, "title": doc.title, "text": doc.text, "url": doc.url, "date": doc.date,
           "metadata": doc.metadata}
    return (json.dumps({k: v for k, v in rec.items() if v}, ensure_ascii=False, sort_keys=True) + "\n").encode()


def _raw_counts(item: _Prepared) -> Counter:
    return Counter((m.text, m.label) for ms in item.mentions for m in ms)


_KEY_VALUE = re.compile(r"^[^:\n]{1,40}:\s*(.+)$", re.M)


def _fields(record: DocRecord, passage: Passage, found: list[nlp.RawMention], canon: Canon,
            ctx: dict[str, str] | None = None) -> dict:
    facets: dict[str, list[str]] = {}
    mentions = []
    dates: list = []
    for m in found:
        if m.label == "DATE":
            d = normalise_date(m.text)
            if d:
                dates.append(d)
            continue
        resolved = canon.resolve(m.text, m.label, ctx)
        if resolved:
            facet, name = resolved
            facets.setdefault(facet, [])
            if name not in facets[facet]:
                facets[facet].append(name)
            if m.end > m.start:  # metadata facts have no place in the text to mark
                mentions.append((m.start, m.end, facet, name, m.text))
    if passage.kind == "metadata":
        # Infobox values are kept out of NER, but their dates ("Date: 20 August 1940, 17:20") still count.
        dates += [d for d in (normalise_date(v) for v in _KEY_VALUE.findall(passage.text)) if d]
    years = sorted({y for d in dates for y in d.years})
    return dict(
        passage_id=f"{record.doc_id}#{passage.ordinal}",
        doc_id=record.doc_id,
        title=record.title,
        section=passage.section,
        text=passage.text,
        lead=passage.text,  # the schema's lead analyzer indexes only its first sentence
        kind=passage.kind,
        ocr=passage.ocr,
        ordinal=passage.ordinal,
        start=passage.start,
        end=passage.end,
        date=sorted({day_number(x) for d in dates for x in (d.start, d.end)}),
        dates=sorted({d.edtf for d in dates}),
        mentions=mentions,
        raw=[tuple(m) for m in found],
        year=years,
        # A summary box is short, so BM25 would rank it above the prose that is the evidence; damp it.
        _boost=0.7 if passage.kind == "metadata" else 1.0,
        **facets,
    )
