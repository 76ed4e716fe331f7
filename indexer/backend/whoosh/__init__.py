"""The Whoosh backend: schema, durable storage, query parsing, reranking, collectors, facet cache, admission."""
from __future__ import annotations

from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from ...query.request import SearchRequest
from ...query.facets import FACETS
from ...query.results import FacetValue, Mention, PassageView, SearchResult
from .. import OnWait, PassageEntry
from . import browse, search
from .highlight import passage_html
from .index import PassageIndex, corruption_as_message
from .schema import SCHEMA_VERSION
from .stored import entry_of, fields_of, passage_mentions

MAX_SMALL_SEGMENTS = 10  # uploads add small segments; past this many a background merge joins them


class Backend:
    """Passages in a Whoosh index under `index_dir`, searched with Sleuth's parser, ranking and facet cache."""

    def __init__(self, index_dir: Path, writer_timeout: float = 60.0, search_time_limit: float = 1.0,
                 settings: object = None) -> None:  # `settings`: what a cluster backend reads; nothing here
        self.index = PassageIndex(index_dir, writer_timeout)
        self.time_limit = search_time_limit

    # --- writing -----------------------------------------------------------------------------------------
    def write(self, documents: Mapping[str, list[PassageEntry]], on_wait: OnWait = None,
              merge: bool = True, draft: bool = False) -> None:
        """Replace each document's passages by these, in one commit (all or nothing); a `draft` leaves the
        spelling words out (they are half of a small commit's terms), its second write puts them in."""
        with self.index.writing(on_wait, merge=merge, spelling="off" if draft else "once") as writer:
            self.index.deleted(writer, sum(writer.delete_by_term("doc_id", doc_id) for doc_id in documents))
            for entries in documents.values():
                for entry in entries:
                    writer.add_document(**fields_of(entry))

    def delete(self, doc_ids: Iterable[str]) -> None:
        """Remove these documents' passages, in one commit."""
        with self.index.writing() as writer:
            self.index.deleted(writer, sum(writer.delete_by_term("doc_id", doc_id) for doc_id in doc_ids))

    @contextmanager
    def write_lock(self, on_wait: OnWait = None) -> Iterator[None]:
        """Hold Whoosh's write lock (across processes) without writing."""
        writer = self.index.writer(on_wait)
        try:
            yield
        finally:
            writer.cancel()

    def wipe(self) -> None:
        """Delete the index and its facet cache (the registry and sources stay)."""
        self.index.wipe()

    def upkeep_due(self) -> bool:
        """True when uploads have left more small segments than a search should walk."""
        return self.index.small_segments() > MAX_SMALL_SEGMENTS

    def merge(self) -> None:
        """Merge the small segments into one: an empty commit runs that merge policy (never the large ones)."""
        with self.index.writing(small_only=True):
            pass

    def warm(self) -> None:
        """Read the facet arrays of new segments now, so that the next search does not pay for them."""
        self.index.searcher()[1].warm(FACETS)

    # --- reading -----------------------------------------------------------------------------------------
    def verify(self) -> None:
        """Open the index: raises SchemaMismatch or IndexCorrupt naming the fix."""
        self.index.searcher()

    def search(self, request: SearchRequest) -> SearchResult:
        """One search, bounded in time; refusals become `message`."""
        with corruption_as_message(self.index.dir):
            return search.search(self.index, request, self.time_limit)

    def passages(self, doc_id: str) -> list[PassageEntry]:
        """A document's stored passages, in index order."""
        searcher, _ = self.index.searcher()
        return [entry_of(stored) for stored in searcher.documents(doc_id=doc_id)]

    def marked_passages(self, doc_id: str, query: str) -> list[PassageView]:
        """A document's passages by ordinal, with the query's words and the entity mentions marked."""
        searcher, facets = self.index.searcher()
        terms = search.terms_of(query, searcher, facets)
        views = []
        for s in sorted(searcher.documents(doc_id=doc_id), key=lambda s: s["ordinal"]):
            html, hits = passage_html(s.get("text", ""), terms, passage_mentions(s))
            views.append(PassageView(s["passage_id"], s["ordinal"], s.get("section", ""), s["text"], html, hits,
                                     passage_mentions(s), list(s.get("dates") or []), bool(s.get("ocr"))))
        return views

    def mentions(self, passage_id: str) -> list[Mention]:
        """The entity mentions stored with one passage."""
        searcher, _ = self.index.searcher()
        return passage_mentions(searcher.document(passage_id=passage_id) or {})

    def facet_lists(self, request: SearchRequest | None, names: Iterable[str], contains: str = "",
                    limit: int | None = None) -> dict[str, list[FacetValue]]:
        """Every value of these facets over the request's hits (the whole index when `request` is None)."""
        return browse.facet_lists(self.index, names, contains, request, limit)

    def match_values(self, facet: str, value: str, near: int = 3) -> tuple[list[str], list[str]]:
        """The facet's values in use spelled like `value`; else up to `near` values sharing most of its words."""
        _, facets = self.index.searcher()
        return facets.matching(facet, value, near)

    def date_counts(self, request: SearchRequest, limit: int) -> Counter:
        """Passages per mentioned day or month over the request's first `limit` hits."""
        return browse.date_counts(self.index, request, limit)

    def date_spans(self, request: SearchRequest, spans: list[tuple[str, str]]) -> list[int]:
        """Passages of the request mentioning a date within each (from, to) span."""
        return browse.date_spans(self.index, spans, request)

    def year_spans(self, request: SearchRequest, spans: list[tuple[int, int]]) -> list[int]:
        """Passages of the request mentioning a year in each span of years."""
        return browse.year_spans(self.index, spans, request)

    def stats(self) -> dict:
        """Passages in the index and the schema version."""
        searcher, _ = self.index.searcher()
        return {"passages": searcher.doc_count(), "schema_version": SCHEMA_VERSION}
