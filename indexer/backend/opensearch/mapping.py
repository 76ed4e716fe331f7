"""The OpenSearch index of passages: its analysis chain, its mapping from `FACET_DEFS`, and a passage's source."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ...query.facets import ENTITY_FACETS, FACET_DEFS, FACETS, HEADERS
from ...query.results import Mention
from .. import PassageEntry
from ..whoosh.schema import lead_predicate, strip_disambiguation

SCHEMA_VERSION = 2  # 2: an email's from, to and thread. Bump when a field changes meaning (an index of another version is refused, naming the fix)
MAX_WINDOW = 50_000  # passages a document may have (Settings.max_passages is 10,000) and facet values read at once

# Accents fold before stemming so "Coyoacán" and "Coyoacan" meet; porter2 is the Snowball English stemmer, as in
# the Whoosh backend, so "assassinated" meets "assassination". `words`: folded, unstemmed (fuzzy `word~`, spelling).
ANALYSIS = {
    "filter": {
        "sleuth_stop": {"type": "stop", "stopwords": "_english_"},
        "sleuth_stem": {"type": "stemmer", "language": "porter2"},
    },
    "analyzer": {
        "sleuth_text": {"type": "custom", "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding", "sleuth_stop", "sleuth_stem"]},
        "sleuth_words": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase", "asciifolding"]},
    },
}
_TEXT = {"type": "text", "analyzer": "sleuth_text", "index_options": "offsets",
         "fields": {"words": {"type": "text", "analyzer": "sleuth_words"}}}
# An entity facet is filtered and counted by its exact value; `person:trotsky` searches its words.
_FACET = {"type": "keyword", "fields": {"words": {"type": "text", "analyzer": "sleuth_words"}}}


def mapping() -> dict:
    """The index's mappings: searched text, keyword facets, day numbers, and the stored passage (_source)."""
    properties: dict = {
        "passage_id": {"type": "keyword"}, "doc_id": {"type": "keyword"}, "kind": {"type": "keyword"},
        "title": _TEXT, "section": {"type": "text", "analyzer": "sleuth_text"}, "text": _TEXT,
        "name": {"type": "text", "analyzer": "sleuth_text"}, "lead": {"type": "text", "analyzer": "sleuth_text"},
        "ocr": {"type": "boolean"}, "ordinal": {"type": "integer"},
        "start": {"type": "integer", "index": False}, "end": {"type": "integer", "index": False},
        # YYYYMMDD of each mentioned date's first and last day: a date filter is a range over them.
        "date": {"type": "integer"},
        "dates": {"type": "keyword", "index": False},
        "mentions": {"type": "object", "enabled": False}, "raw": {"type": "object", "enabled": False},
        # An email's sender and recipients (names and addresses, searched as words) and its thread.
        "from": {"type": "text", "analyzer": "sleuth_text"}, "to": {"type": "text", "analyzer": "sleuth_text"},
        "thread": {"type": "keyword"},
    }
    for facet in FACET_DEFS:
        if facet.name != "doc_id":
            properties[facet.name] = dict(_FACET)
    properties["year"] = {"type": "keyword", "fields": {"n": {"type": "integer", "ignore_malformed": True}}}
    return {"dynamic": "strict", "_meta": {"schema_version": SCHEMA_VERSION}, "properties": properties}


def index_body(shards: int) -> dict:
    """Settings and mappings of a new index: durable writes (the translog synced before a write is answered)."""
    # refresh_interval set explicitly: an idle shard then still refreshes each second, so an upload's
    # `refresh=wait_for` answers within a second even when nobody has searched for a while.
    return {"settings": {"index": {"number_of_shards": shards, "auto_expand_replicas": "0-1",
                                   "max_result_window": MAX_WINDOW, "translog.durability": "request",
                                   "refresh_interval": "1s"},
                         "analysis": ANALYSIS},
            "mappings": mapping()}


def index_name(index_dir: Path, configured: str = "") -> str:
    """The configured index name, else one per data folder (its registry and sources stay in that folder)."""
    if configured:
        return configured.lower()
    digest = hashlib.sha1(str(Path(index_dir).expanduser().resolve()).encode()).hexdigest()[:16]
    return f"sleuth-{digest}"


def source_of(entry: PassageEntry) -> dict:
    """The indexed and stored form of one passage."""
    return {"passage_id": entry.passage_id, "doc_id": entry.doc_id, "title": entry.title,
            "name": strip_disambiguation(entry.title), "section": entry.section, "text": entry.text,
            "lead": lead_predicate(entry.text), "kind": entry.kind, "ocr": entry.ocr, "ordinal": entry.ordinal,
            "start": entry.start, "end": entry.end, "date": entry.days, "dates": entry.dates,
            "mentions": [list(m) for m in entry.mentions], "raw": [list(r) for r in entry.raw],
            **{f: list(v) for f, v in entry.facets.items() if f in FACETS}, **entry.headers}


def entry_of(source: dict) -> PassageEntry:
    """A stored passage back as an entry."""
    return PassageEntry(
        source["passage_id"], source["doc_id"], source.get("title", ""), source.get("section", ""),
        source.get("text", ""), source.get("kind") or "body", bool(source.get("ocr")), source.get("ordinal", 0),
        source.get("start", 0), source.get("end", 0), list(source.get("date") or []),
        list(source.get("dates") or []), [tuple(m) for m in source.get("mentions") or []],
        [tuple(r) for r in source.get("raw") or []],
        {f: list(source[f]) for f in FACETS if source.get(f) is not None},
        {f: source[f] for f in HEADERS if source.get(f)},
    )


def mentions_of(source: dict) -> list[Mention]:
    """The entity mentions stored with a passage."""
    return [Mention(s, e, f, name, surface) for s, e, f, name, surface in source.get("mentions") or []]


def entities_of(source: dict) -> dict[str, list[str]]:
    return {f: list(source.get(f) or []) for f in ENTITY_FACETS}
