"""A passage's raw mentions resolved into what a backend stores: facets, marked mentions and dates."""
from __future__ import annotations

import re

from ..backend import PassageEntry
from ..dates import day_number, normalise_date
from ..entities import patterns, recall
from ..entities.canon import Canon
from ..entities.nlp import RawMention
from ..read.addresses import search_fields
from ..read.passages import Passage
from .registry import DocRecord

_KEY_VALUE = re.compile(r"^[^:\n]{1,40}:\s*(.+)$", re.M)


def entry(record: DocRecord, passage: Passage, found: list[RawMention], canon: Canon,
          ctx: dict[str, str] | None = None) -> PassageEntry:
    """The stored form of one passage: entity mentions resolved to canonical names, dates normalised."""
    facets: dict[str, list[str]] = {}
    mentions = []
    dates: list = []
    # Addresses, numbers and links: found by their patterns, and no name NER saw inside one counts.
    shapes = patterns.find(passage.text, passage.kind)
    for p in shapes:
        facets.setdefault(p.facet, [])
        if p.value not in facets[p.facet]:
            facets[p.facet].append(p.value)
        mentions.append((p.start, p.end, p.facet, p.value, passage.text[p.start:p.end]))
    for m in found:
        if m.end > m.start and any(m.start < p.end and p.start < m.end for p in shapes):
            continue
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
    if passage.kind != "metadata":
        # Names the collection knows, written here where the model missed them (recall through the collection).
        covered = [(m[0], m[1]) for m in mentions] + [(m.start, m.end) for m in found]
        for start, end, label, surface in recall.confident(canon).find(passage.text, covered):
            if (resolved := canon.resolve(surface, label, ctx)) is not None:
                facet, name = resolved
                if name not in facets.setdefault(facet, []):
                    facets[facet].append(name)
                mentions.append((start, end, facet, name, surface))
    if passage.kind == "metadata":
        # Infobox values are kept out of NER, but their dates ("Date: 20 August 1940, 17:20") still count.
        dates += [d for d in (normalise_date(v) for v in _KEY_VALUE.findall(passage.text)) if d]
    facets["year"] = sorted({y for d in dates for y in d.years})
    return PassageEntry(
        passage_id=f"{record.doc_id}#{passage.ordinal}", doc_id=record.doc_id, title=record.title,
        section=passage.section, text=passage.text, kind=passage.kind, ocr=passage.ocr, ordinal=passage.ordinal,
        start=passage.start, end=passage.end,
        days=sorted({day_number(x) for d in dates for x in (d.start, d.end)}),
        dates=sorted({d.edtf for d in dates}), mentions=mentions, raw=[tuple(m) for m in found], facets=facets,
        headers=search_fields(record.metadata) if record.fmt == "email" else {},
    )


def entries(record: DocRecord, passages: list[Passage], found: list[list[RawMention]], canon: Canon,
            ctx: dict[str, str] | None = None) -> list[PassageEntry]:
    """A document's passages in their stored form. An email's header passages are `lean` when it has a body
    passage: that one carries the title and the `from`/`to` words; the header keeps its text, people and date."""
    out = [entry(record, p, ms, canon, ctx) for p, ms in zip(passages, found)]
    if record.fmt == "email" and any(e.kind == "body" for e in out):
        for e in out:
            e.lean = e.kind == "metadata"
    return out


def passage_of(stored: PassageEntry) -> Passage:
    """The passage a stored entry was made from (to resolve its raw mentions again, without NER)."""
    return Passage(stored.ordinal, stored.section, stored.text, stored.start, stored.end, stored.kind, stored.ocr)


def raw_of(stored: PassageEntry) -> list[RawMention]:
    """A stored entry's raw mentions, as NER found them."""
    return [RawMention(s, e, label, surface) for s, e, label, surface in stored.raw]
