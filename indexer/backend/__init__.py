"""Search backends: the protocol every index engine implements, and the one place that picks an engine.

A backend stores passages (whole documents at a time), answers a `SearchRequest` with a `SearchResult`, counts
facets and dates over a request's hits, and hands a document's passages back. Everything else (reading, NER,
canonical names, the registry of documents and their sources) is the engine's, and the same for every backend.
A new backend is a subpackage here with a `Backend` class; `Settings.backend` names it.
"""
from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, Protocol, runtime_checkable

from ..errors import SettingsError
from ..query.request import SearchRequest
from ..query.results import FacetValue, Mention, PassageView, SearchResult

OnWait = Callable[[str], None] | None


@dataclass
class PassageEntry:
    """One passage as a backend stores it: its text, where it sits, and its entities and dates already resolved."""

    passage_id: str
    doc_id: str
    title: str
    section: str
    text: str
    kind: str = "body"
    ocr: bool = False
    ordinal: int = 0
    start: int = 0
    end: int = 0
    days: list[int] = field(default_factory=list)  # YYYYMMDD of each mentioned date's first and last day
    dates: list[str] = field(default_factory=list)  # EDTF strings, for display
    mentions: list[tuple] = field(default_factory=list)  # (start, end, facet, canonical name, surface)
    raw: list[tuple] = field(default_factory=list)  # (start, end, label, text) as NER saw them
    facets: dict[str, list[str]] = field(default_factory=dict)  # entity facets and "year" → values
    # An email's `from` and `to` (names and addresses, searched as words) and `thread` (the first message's id):
    # the same on each of its passages, so `from:barry` filters a document's passages like a facet does.
    headers: dict[str, str] = field(default_factory=dict)
    # An email's header passage beside a body passage: its words are fields of the document already (the title,
    # `from`, `to`), which the body passages carry; a backend may index its text alone (Whoosh does).
    lean: bool = False


@runtime_checkable
class Backend(Protocol):
    """What the engine asks of an index. Writes replace whole documents; each write is one durable commit."""

    def write(self, documents: Mapping[str, list[PassageEntry]], on_wait: OnWait = None,
              merge: bool = True, draft: bool = False) -> None:
        """Replace each document's passages by these (a document not indexed yet is added), in one commit.

        `draft`: an upload's words, written again with its entities within seconds; searchable by its words at
        once, the backend may leave out what only that second write needs (Whoosh: the did-you-mean word list).
        """

    def delete(self, doc_ids: Iterable[str]) -> None:
        """Remove these documents' passages, in one commit."""

    def passages(self, doc_id: str) -> list[PassageEntry]:
        """A document's stored passages, in index order."""

    def search(self, request: SearchRequest) -> SearchResult:
        """A page of hits, facet counts over all hits and a suggestion; refusals become `message`."""

    def every_hit(self, request: SearchRequest) -> SearchResult:
        """The search with every hit in order as `hits`, a sequence built as it is read (exports stream it)."""

    def marked_passages(self, doc_id: str, query: str, start: int = 0, count: int | None = None,
                        only: set[str] | None = None) -> list[PassageView]:
        """A document's passages in order, with the query's words and the entity mentions marked: `count` of them
        from the `start`-th (all when None), or only the passages whose ids are in `only`."""

    def mentions(self, passage_id: str) -> list[Mention]:
        """The entity mentions stored with one passage."""

    def facet_lists(self, request: SearchRequest, names: Iterable[str], contains: str = "",
                    limit: int | None = None) -> dict[str, list[FacetValue]]:
        """Every value of these facets over the request's hits (accents and case ignored in `contains`)."""

    def match_values(self, facet: str, value: str, near: int = 3) -> tuple[list[str], list[str]]:
        """The facet's values in use spelled like `value` (accents, case, punctuation aside), most passages first;
        when there is none, up to `near` values sharing most of its words."""

    def date_counts(self, request: SearchRequest, limit: int) -> Counter:
        """Passages per mentioned day or month over the request's first `limit` hits."""

    def date_spans(self, request: SearchRequest, spans: list[tuple[str, str]]) -> list[int]:
        """Passages of the request mentioning a date within each (from, to) span."""

    def year_spans(self, request: SearchRequest, spans: list[tuple[int, int]]) -> list[int]:
        """Passages of the request mentioning a year in each (first, last) span, each passage once a span."""

    def stats(self) -> dict:
        """Counts over the whole index: passages, values per facet, the schema version."""

    def verify(self) -> None:
        """Open the index; raise SchemaMismatch or IndexCorrupt (naming the fix) when it cannot be used."""

    def rebuilt(self, on_wait: OnWait = None) -> AbstractContextManager["Backend"]:
        """A new, empty backend to rebuild into, put in this one's place when the block ends without error; writers
        of other processes wait meanwhile (up to the writer timeout), searches read the old index."""

    def wipe(self) -> None:
        """Delete the index (the registry and the sources stay) so that it can be rebuilt from them."""

    def write_lock(self, on_wait: OnWait = None) -> AbstractContextManager:
        """Hold the index's write lock (across processes) without writing."""

    def upkeep_due(self) -> bool:
        """True when small segments left by uploads should be merged."""

    def merge(self) -> None:
        """Merge small segments (the caller holds the write lock)."""

    def warm(self) -> None:
        """Read now what the next search would read first (after a merge, outside the write lock)."""


DEFAULT = "whoosh"


def available() -> list[str]:
    """The backends installed: this package's subpackages."""
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.ispkg)


def open_backend(name: str, index_dir: Path, **options: object) -> Backend:
    """The backend called `name` over `index_dir` (the one place where an engine is chosen).

    An empty name is the embedded default, Whoosh.
    """
    name = name or DEFAULT
    if name not in available():
        raise SettingsError(f"SLEUTH_BACKEND={name!r} is not a search backend; use one of {', '.join(available())}.")
    return importlib.import_module(f"{__name__}.{name}").Backend(index_dir, **options)
