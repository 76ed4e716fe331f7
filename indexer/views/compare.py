"""Comparing sources: the passages of 2–4 documents that match a query, aligned by what they talk about."""
from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from ..folding import fold
from ..query.request import SearchRequest
from ..query.facets import DOCUMENT_FACET, ENTITY_FACETS
from ..query.results import DocumentInfo, Hit, PassageView, SearchResult

MIN_SIMILARITY = 0.12  # below this two passages are not about the same thing: each gets a row of its own
MAX_SOURCES = 4  # documents side by side
MAX_PER_SEARCH = 100  # hits looked at to find the documents that match
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_MARK = re.compile(r"<mark[^>]*>(.*?)</mark>", re.S)
_STOP = frozenset("""a an the and or but of in on at to from by for with without as is was were be been being are this
that these those it its he she his her him they them their there which who whom whose what when where why how not no
than then so such into onto over under after before during about against between through also has have had do did
does would could should may might can will one two some any all each other more most very only same own just""".split())


@dataclass
class Source:
    """One document in a comparison."""

    doc_id: str
    title: str
    name: str  # the file name it was indexed from
    matches: int  # passages of it matching the query


@dataclass
class Cell:
    """One document's passage in a row: the passage and its text marked (hits and differing words)."""

    hit: Hit
    html: str
    differs: list[str] = field(default_factory=list)  # the words marked as differing from the other columns


@dataclass
class Row:
    """Passages of different documents that talk about the same thing (None where a document has none)."""

    cells: list[Cell | None]
    shared: list[str]  # what aligns them: shared entities, dates and words


@dataclass
class Fact:
    """An entity or date and how each document states it (its spelling there, or None when it does not)."""

    facet: str  # an entity facet, or "date"
    value: str
    stated: list[str | None]

    @property
    def in_all(self) -> bool:
        """True when every document states it."""
        return all(s is not None for s in self.stated)


@dataclass
class Comparison:
    """The compare view: sources as columns, aligned rows of passages, and the facts each source states."""

    query: str
    sources: list[Source]
    rows: list[Row]
    facts: list[Fact]
    candidates: list[Source]  # every document with matching passages, for choosing columns
    message: str | None = None
    capped: int = 0  # when a document had more matching passages: how many of each were compared


def _features(hit: Hit) -> dict[str, set[str]]:
    words = {fold(w) for w in _TOKEN.findall(hit.text)}
    words = {w.rstrip("s") if len(w) > 4 else w for w in words if len(w) > 2 and w not in _STOP}
    return {
        "entities": {f"{f}:{v}" for f in ENTITY_FACETS for v in hit.entities.get(f, [])},
        "dates": set(hit.dates),
        "words": words,
    }


def similarity(a: dict[str, set[str]], b: dict[str, set[str]]) -> float:
    """How much two passages talk about the same thing: Jaccard of entities and dates (weighted 2) and words."""
    total = weight = 0.0
    for kind, w in (("entities", 2.0), ("dates", 2.0), ("words", 1.0)):
        union = a[kind] | b[kind]
        if union:
            total += w * len(a[kind] & b[kind]) / len(union)
            weight += w
    return total / weight if weight else 0.0


def align(columns: list[list[Hit]]) -> list[tuple[list[Hit | None], list[str]]]:
    """Rows of passages: the first column's passages in rank order, each beside its best match in every other
    column (each passage used once, best pairs first); unmatched passages get rows of their own. Metadata
    passages (an Infobox's fields) are paired only with each other: a list of fields is not an account."""
    feats = [[_features(h) for h in col] for col in columns]
    rows: list[list[Hit | None]] = [[h] + [None] * (len(columns) - 1) for h in columns[0]]
    for k in range(1, len(columns)):
        pairs = sorted(((similarity(feats[0][i], feats[k][j]), i, j) for i in range(len(columns[0]))
                        for j in range(len(columns[k])) if columns[0][i].kind == columns[k][j].kind),
                       key=lambda t: (-t[0], t[1], t[2]))
        used_i: set[int] = set()
        used_j: set[int] = set()
        for sim, i, j in pairs:
            if sim < MIN_SIMILARITY:
                break
            if i not in used_i and j not in used_j:
                rows[i][k] = columns[k][j]
                used_i.add(i)
                used_j.add(j)
        for j, hit in enumerate(columns[k]):
            if j not in used_j:
                rows.append([None] * k + [hit] + [None] * (len(columns) - k - 1))
    out = []
    for row in rows:
        present = [_features(h) for h in row if h is not None]
        shared: list[str] = []
        if len(present) > 1:
            for kind in ("entities", "dates", "words"):
                common = set.intersection(*(f[kind] for f in present))
                shared += sorted(v.split(":", 1)[-1] for v in common)[:6]
        out.append((row, shared))
    # Rows where several sources meet come first; within each kind the first source's rank order is kept.
    out.sort(key=lambda r: -sum(h is not None for h in r[0]) if len(columns) > 1 else 0)
    return out


def differing_words(hits: list[Hit | None]) -> list[set[str]]:
    """Per passage, the words that differ around the query's hits: where the same hit word is followed or preceded
    by another word in another source ("ice pick" / "ice axe"), those neighbours, if the other passage lacks them."""
    tokens = [[fold(w) for w in _TOKEN.findall(h.text)] if h else [] for h in hits]
    marked = [{fold(w) for m in _MARK.findall(h.snippet) for w in _TOKEN.findall(html.unescape(m))} if h else set()
              for h in hits]
    vocab = [set(t) for t in tokens]
    out: list[set[str]] = [set() for _ in hits]
    for a in range(len(hits)):
        for b in range(len(hits)):
            if a == b or not tokens[a] or not tokens[b]:
                continue
            for anchor in marked[a] & marked[b]:
                mine = _neighbours(tokens[a], anchor)
                theirs = _neighbours(tokens[b], anchor)
                for word in mine - theirs:
                    if word not in _STOP and word not in vocab[b] and word not in marked[a]:
                        out[a].add(word)
    return out


def _neighbours(tokens: list[str], anchor: str) -> set[str]:
    found: set[str] = set()
    for i, tok in enumerate(tokens):
        if tok == anchor:
            found.update(tokens[max(0, i - 1):i] + tokens[i + 1:i + 2])
    return found


def mark(text: str, hits_words: set[str], differs: set[str]) -> str:
    """Escaped passage text with the query's words in <mark class="hit"> and differing words in <mark class="diff">."""
    out: list[str] = []
    last = 0
    for m in _TOKEN.finditer(text):
        word = fold(m.group())
        cls = "diff" if word in differs else "hit" if word in hits_words else None
        if cls:
            out.append(html.escape(text[last:m.start()]))
            title = ' title="Differs between the sources"' if cls == "diff" else ""
            out.append(f'<mark class="{cls}"{title}>{html.escape(m.group())}</mark>')
            last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def cells_for(row: list[Hit | None]) -> list[Cell | None]:
    """A row's passages marked for display."""
    diffs = differing_words(row)
    cells: list[Cell | None] = []
    for hit, differs in zip(row, diffs):
        if hit is None:
            cells.append(None)
            continue
        words = {fold(w) for m in _MARK.findall(hit.snippet) for w in _TOKEN.findall(html.unescape(m))}
        cells.append(Cell(hit, mark(hit.text, words, differs), sorted(differs)))
    return cells


def facts(columns: list[list[PassageView]]) -> list[Fact]:
    """Entities and dates stated in each column's passages, spelled as that source spells them; shared first."""
    found: dict[tuple[str, str], list[str | None]] = {}
    for k, passages in enumerate(columns):
        for p in passages:
            for m in p.mentions:
                stated = found.setdefault((m.facet, m.name), [None] * len(columns))
                stated[k] = stated[k] or m.surface
            for d in p.dates:
                found.setdefault(("date", d), [None] * len(columns))[k] = d
    order = {f: i for i, f in enumerate(ENTITY_FACETS + ("date",))}
    out = [Fact(f, v, s) for (f, v), s in found.items()]
    out.sort(key=lambda x: (not x.in_all, order.get(x.facet, 99), x.value.lower()))
    return out


def compare_sources(search: Callable[[SearchRequest], SearchResult], info: Callable[[str], DocumentInfo | None],
                    passages: Callable[[str, set[str]], list[PassageView]], request: SearchRequest,
                    doc_ids: list[str] | None, cap: int) -> Comparison:
    """The compare view through the facade's own `search`, `info` and `passages` (a document's passages by id): the
    chosen documents (else the first two matching), each with its `cap` best matching passages
    (SLEUTH_COMPARE_PASSAGES); `Comparison.capped` says when a document had more."""
    overall = search(request.changed(page=1, per_page=MAX_PER_SEARCH))
    per_doc = Counter(h.doc_id for h in overall.hits)
    candidates = [_source(info, d, n) for d, n in per_doc.items()]
    wanted = [d for d in dict.fromkeys(doc_ids or []) if info(d) is not None][:MAX_SOURCES]
    if not wanted:
        wanted = [s.doc_id for s in candidates[:2]]
    sources, columns, views = [], [], []
    for doc_id in wanted:
        found = search(request.changed(filters={**request.filters, DOCUMENT_FACET: [doc_id]}, page=1,
                                       per_page=cap))
        sources.append(_source(info, doc_id, found.total))
        columns.append(found.hits)
        views.append(passages(doc_id, {h.passage_id for h in found.hits}))
    message = overall.message
    if len(sources) < 2 and not message:
        message = ("Only one document has passages matching this search: compare needs two. Try broader words."
                   if sources else "No document has passages matching this search.")
    rows = [Row(cells_for(row), shared) for row, shared in align(columns)] if columns else []
    capped = cap if any(s.matches > cap for s in sources) else 0
    return Comparison(request.query, sources, rows, facts(views), candidates, message, capped)


def _source(info: Callable[[str], DocumentInfo | None], doc_id: str, matches: int) -> Source:
    found = info(doc_id)
    return Source(doc_id, found.title if found else doc_id, found.name if found else doc_id, matches)
