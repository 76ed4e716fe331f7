"""Splitting a document into passages: at sections and paragraphs, tiny ones merged, long ones cut at sentences."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .addresses import header_mentions
from .document import Document

_PARAGRAPH = re.compile(r"\n\s*\n")
# A sentence ends at . ! ? (maybe closed by a quote or bracket) followed by space and a capital or opening mark.
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]?\s+(?=[\"“(\[]?[A-Z0-9])")
_SPACE = re.compile(r"\s+")


@dataclass
class Passage:
    """A searchable chunk of a document; `text == document.text[start:end]`."""

    ordinal: int
    section: str
    text: str
    start: int
    end: int
    kind: str = "body"
    ocr: bool = False  # read from a picture by OCR


def _words(text: str) -> int:
    return len(text.split())


def _spans(text: str, pattern: re.Pattern, base: int) -> list[tuple[int, int]]:
    """Pieces of text between matches of `pattern`, as absolute (start, end) spans."""
    out, pos = [], 0
    for m in pattern.finditer(text):
        # A sentence keeps its closing punctuation; a paragraph break is dropped.
        cut = m.start() + len(m.group(0).rstrip()) if pattern is _SENTENCE_END else m.start()
        out.append((base + pos, base + cut))
        pos = m.end()
    out.append((base + pos, base + len(text)))
    return [(s, e) for s, e in out if e > s]


def _cut_long(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    """Split an over-long paragraph at sentence ends; a sentence with no end is split at whitespace."""
    pieces: list[tuple[int, int]] = []
    for s, e in _spans(text[start:end], _SENTENCE_END, start):
        if _words(text[s:e]) <= max_words:
            pieces.append((s, e))
            continue
        words = list(_SPACE.finditer(text, s, e))
        cut = s
        for i in range(max_words, len(words), max_words):
            pieces.append((cut, words[i - 1].start()))
            cut = words[i - 1].end()
        pieces.append((cut, e))
    merged: list[tuple[int, int]] = []
    for s, e in pieces:
        if merged and _words(text[merged[-1][0]:e]) <= max_words:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _mergeable(prev: int, cur: int, min_words: int) -> bool:
    # Two short paragraphs join; a long one only absorbs a scrap (a lone line), so that a paragraph about one
    # event (the 1940 attack) does not swallow the next one about another (the 1898 arrest).
    return (prev < min_words and cur < min_words) or min(prev, cur) < min_words // 3


def split_passages(doc: Document, min_words: int = 40, max_words: int = 200) -> list[Passage]:
    """Split at sections and paragraphs; merge tiny paragraphs, split long ones at sentence boundaries."""
    text = doc.text
    out: list[Passage] = []
    for section in doc.sections:
        base, body = section.start, section.text
        if section.kind == "metadata":
            spans = [(base, base + len(body))]
        else:
            spans = []
            for s, e in _spans(body, _PARAGRAPH, base):
                if _words(text[s:e]) > max_words:
                    spans.extend(_cut_long(text, s, e, max_words))
                elif spans and _mergeable(_words(text[spans[-1][0]:spans[-1][1]]), _words(text[s:e]), min_words) \
                        and _words(text[spans[-1][0]:e]) <= max_words:
                    spans[-1] = (spans[-1][0], e)
                else:
                    spans.append((s, e))
        for s, e in spans:
            piece = text[s:e]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece.rstrip())
            if trail <= lead:
                continue
            out.append(Passage(len(out), section.title, text[s + lead:s + trail], s + lead, s + trail, section.kind,
                               section.ocr))
    return out


# Infobox keys whose values are facts with a type, as data: the README shows this map, and a user extends it with
# an `[infobox]` table in aliases.toml ("Killed by" = "person"). Keys not listed stay searchable text only (Weapon,
# Fatalities): an unknown key is skipped, never guessed. "agent" is an organisation or a person, by what the name
# is elsewhere in the collection ("Perpetrator: NKVD").
INFOBOX_KEYS: dict[str, str] = {
    "location": "place", "place": "place", "venue": "place", "country": "place", "city": "place",
    "headquarters": "place", "target": "person", "victim": "person", "victims": "person", "assailant": "person",
    "assailants": "person", "perpetrator": "agent", "perpetrators": "agent", "founder": "person",
    "founders": "person", "leader": "person", "author": "person", "director": "person", "spouse": "person",
    "organisation": "org", "organization": "org", "publisher": "org", "date": "date",
}
# An Infobox field is a structured fact: evidence enough for an organisation or a work (entities.Canon).
_TYPE_LABEL = {"person": "PERSON", "place": "GPE", "org": "ORG_CUE", "agent": "AGENT", "group": "NORP",
               "event": "EVENT", "work": "WORK_CUE", "date": "DATE"}
_FIELD = re.compile(r"^[ \t]*(?:[-*•][ \t]+)?(?P<key>[^:\n]{1,40}):[ \t]*(?P<value>[^\n]+)$", re.M)
# Several values in one field: "Coyoacán, Mexico City, Mexico"; a bracketed aside is no value ("1 (Trotsky)").
_VALUE = re.compile(r"[^,;()]+")


def infobox_keys(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The key → type map, keys case-folded, with a user's additions (unknown types are ignored)."""
    keys = dict(INFOBOX_KEYS)
    for key, kind in (extra or {}).items():
        if str(kind).lower() in _TYPE_LABEL:
            keys[str(key).strip().casefold()] = str(kind).lower()
    return keys


def infobox_mentions(text: str, keys: dict[str, str]) -> list[tuple[int, int, str, str]]:
    """Typed values of `Key: value` lines as (start, end, label, text), offsets in `text`."""
    out = []
    for m in _FIELD.finditer(text):
        kind = keys.get(m.group("key").strip().casefold())
        if kind is None:
            continue
        if kind == "date":
            out.append((m.start("value"), m.end("value"), "DATE", m.group("value")))
            continue
        depth_free = _outside_brackets(m.group("value"))
        for v in _VALUE.finditer(depth_free):
            raw = m.group("value")[v.start():v.end()]
            lead = len(raw) - len(raw.lstrip())
            value = raw.strip()
            if value:
                start = m.start("value") + v.start() + lead
                out.append((start, start + len(value), _TYPE_LABEL[kind], value))
    return out


def _outside_brackets(value: str) -> str:
    """The value with bracketed parts blanked (same length, so offsets hold)."""
    out, depth = [], 0
    for ch in value:
        depth += ch == "("
        out.append("(" if depth else ch)
        depth -= ch == ")" and depth > 0
    return "".join(out)


def metadata_text(metadata: dict[str, str], keys: dict[str, str]) -> str:
    """The mapped fields of a document's metadata (JSONL `metadata`, front matter) as `Key: value` lines."""
    return "\n".join(f"{k}: {v}" for k, v in metadata.items() if str(k).strip().casefold() in keys and v)


def with_infobox(passages: list[Passage], found: list[list], metadata: dict[str, str],
                 keys: dict[str, str], fmt: str = "") -> list[list[tuple[int, int, str, str]]]:
    """Each passage's entity spans plus the typed Infobox fields: those of its own `Key: value` lines for an
    Infobox passage (an email's header passage: the people of From, To and Cc); a document without one (JSONL
    `metadata`, front matter) gets its mapped metadata on its first passage, as zero-width spans (facets, nothing
    to mark in the text)."""
    out = [[tuple(m) for m in ms] for ms in found]
    boxed = False
    for i, p in enumerate(passages):
        if p.kind == "metadata":
            out[i] += infobox_mentions(p.text, keys)
            if fmt == "email" and i == 0:
                out[i] += header_mentions(p.text)
            boxed = True
    if not boxed and out and metadata:
        text = metadata_text(metadata, keys)
        out[0] += [(0, 0, label, value) for _, _, label, value in infobox_mentions(text, keys)]
    return out
