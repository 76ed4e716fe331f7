"""Passages as Whoosh stores them: a `PassageEntry` to the schema's fields and back."""
from __future__ import annotations

from ...query.facets import FACETS, HEADERS

from ...query.results import Mention
from .. import PassageEntry

METADATA_BOOST = 0.7  # a summary box is short, so BM25 would rank it above the prose that is the evidence


# A lean passage (an email's header beside its body) indexes its text alone: these are stored as they are and
# indexed empty (the body passages post them; a header's lead "sentence" was its whole text posted again).
LEAN_UNINDEXED = ("title", "lead", "from", "to")


def fields_of(entry: PassageEntry) -> dict:
    """The Whoosh document of one passage."""
    fields = dict(
        passage_id=entry.passage_id,
        doc_id=entry.doc_id,
        title=entry.title,
        section=entry.section,
        text=entry.text,
        lead=entry.text,  # the schema's lead analyzer indexes only its first sentence
        kind=entry.kind,
        ocr=entry.ocr,
        ordinal=entry.ordinal,
        start=entry.start,
        end=entry.end,
        date=entry.days,
        dates=entry.dates,
        mentions=entry.mentions,
        raw=entry.raw,
        _boost=METADATA_BOOST if entry.kind == "metadata" else 1.0,
        **entry.facets,
        **entry.headers,
    )
    if entry.lean:
        for name in LEAN_UNINDEXED:
            if name in fields:
                fields[f"_stored_{name}"], fields[name] = fields[name], ""
    return fields


def entry_of(stored: dict) -> PassageEntry:
    """A stored passage back as an entry (its day numbers are not stored: they are recomputed from `raw`)."""
    return PassageEntry(
        stored["passage_id"], stored["doc_id"], stored.get("title", ""), stored.get("section", ""),
        stored.get("text", ""), stored.get("kind") or "body", bool(stored.get("ocr")), stored.get("ordinal", 0),
        stored.get("start", 0), stored.get("end", 0), [], list(stored.get("dates") or []),
        list(stored.get("mentions") or []), list(stored.get("raw") or []),
        {f: list(stored[f]) for f in FACETS if stored.get(f) is not None},
        {f: stored[f] for f in HEADERS if stored.get(f)},
    )


def passage_mentions(stored: dict) -> list[Mention]:
    """The entity mentions stored with a passage."""
    return [Mention(s, e, f, name, surface) for s, e, f, name, surface in stored.get("mentions") or []]
