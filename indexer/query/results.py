"""Plain data the search API hands out: hits, facets, documents, entities and indexing reports."""
from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from .facets import FACETS

if TYPE_CHECKING:
    from .request import SearchRequest


@dataclass
class FacetValue:
    """One value of a facet and the number of matching passages carrying it."""

    value: str
    count: int

    def to_json(self) -> dict:
        """`{"value", "count"}`: a page carries up to 200 a facet, and `asdict` took 2.6 µs each (30× this)."""
        return {"value": self.value, "count": self.count}


@dataclass
class Mention:
    """An entity mention inside a passage: character offsets relative to the passage text."""

    start: int
    end: int
    facet: str
    name: str  # canonical name
    surface: str  # the text as written


@dataclass
class Hit:
    """One matching passage."""

    passage_id: str
    doc_id: str
    title: str
    section: str
    score: float
    snippet: str  # HTML: escaped text with <mark> around matched terms; safe to render as markup
    text: str  # plain passage text (not escaped)
    entities: dict[str, list[str]]
    dates: list[str]  # normalised EDTF-style dates: "1940-08-20", "1940-08", "1940", "1954/1963"
    ordinal: int = 0
    start: int = 0
    end: int = 0
    ocr: bool = False  # the text was read from a picture by OCR: its spelling may be wrong
    kind: str = "body"  # "metadata" for an Infobox or metadata passage (structured fields, not prose)

    def to_json(self) -> dict:
        """The `results[]` item of the `--json` / `/api/search` shape."""
        return asdict(self)


@dataclass
class SearchResult:
    """The answer to one search request: a page of hits, facet counts over all hits, and a suggestion."""

    request: SearchRequest
    total: int = 0
    took_ms: float = 0.0
    suggestion: str | None = None
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    message: str | None = None  # a user-facing note, e.g. a refused or cut-off query
    documents: int = 0  # distinct documents among all hits
    refused: bool = False  # the query was refused before searching (see message)

    @classmethod
    def refusal(cls, request: SearchRequest, message: str, started: float | None = None) -> "SearchResult":
        """No hits, and why."""
        took = (time.perf_counter() - started) * 1000 if started is not None else 0.0
        return cls(request, took_ms=took, facets={f: [] for f in FACETS}, message=message, refused=True)

    query = property(lambda self: self.request.query, doc="The words searched for.")
    page = property(lambda self: self.request.page, doc="The page shown (from 1).")
    per_page = property(lambda self: self.request.per_page, doc="Hits a page.")

    @property
    def pages(self) -> int:
        """Number of pages of hits."""
        return max(1, -(-self.total // self.per_page))

    def to_json(self) -> dict:
        """The documented `search --json` shape (also served by `/api/search`)."""
        return {
            "query": self.query,
            "total": self.total,
            "documents": self.documents,
            "page": self.page,
            "per_page": self.per_page,
            "took_ms": round(self.took_ms, 2),
            "suggestion": self.suggestion,
            "message": self.message,
            "results": [h.to_json() for h in self.hits],
            "facets": {k: [v.to_json() for v in vals] for k, vals in self.facets.items()},
        }


@dataclass
class PassageView:
    """One passage of a document as shown on the document page."""

    passage_id: str
    ordinal: int
    section: str
    text: str
    html: str  # escaped text with <mark class="hit"> for query terms and <span class="ent ent-TYPE"> for mentions
    hit_count: int
    mentions: list[Mention]
    dates: list[str]
    ocr: bool = False  # read from a picture by OCR


@dataclass
class DocumentView:
    """A whole indexed document."""

    doc_id: str
    title: str
    source_name: str
    fmt: str
    metadata: dict[str, str]
    passages: list[PassageView]
    url: str | None = None
    date: str | None = None
    entities_pending: bool = False  # an upload's words are indexed, its entities are still being found
    found_at: list[str] = field(default_factory=list)  # the paths (inside their folders) its file was found at
    found_in: tuple[str, str] | None = None  # (id, title) of the email or archive it was found in
    contains: list[tuple[str, str]] = field(default_factory=list)  # (id, title) of its attachments or members
    contains_count: int = 0  # all of them (the list is cut at a few hundred)
    thread: list[tuple[str, str]] = field(default_factory=list)  # (id, title) of an email's thread, oldest first
    page: int = 1  # `passages` are this page's (SLEUTH_DOC_PASSAGES_PER_PAGE a page) of `total` passages
    pages: int = 1
    total: int = 0

    def to_json(self) -> dict:
        """JSON for `GET /api/documents/<doc_id>`."""
        return asdict(self)


@dataclass
class DocumentHits:
    """One document in hits grouped by document: its best passage and how many of its passages match."""

    best: Hit
    passages: int


@dataclass
class DocRecord:
    """What the registry knows of one indexed document."""

    doc_id: str
    name: str
    hash: str
    title: str
    fmt: str
    source: str  # the name its source copy is kept under (`Registry.keep_source`)
    metadata: dict[str, str]
    url: str | None
    date: str | None
    passages: int
    added: str = ""  # when the document was first indexed (UTC, ISO 8601); kept when it is re-indexed


@dataclass
class DocumentInfo:
    """One line of the documents page."""

    doc_id: str
    title: str
    name: str  # the file name (or JSONL file and id) it was indexed from
    fmt: str
    origin: str  # "folder", "upload" or "JSONL"
    passages: int
    added: str  # when first indexed (UTC, ISO 8601); "" for documents indexed before this was recorded

    @classmethod
    def of(cls, record: DocRecord) -> "DocumentInfo":
        """The line of a registered document."""
        return cls(record.doc_id, record.title, record.name, record.fmt, _origin(record.doc_id, record.fmt),
                   record.passages, record.added)


def _origin(doc_id: str, fmt: str) -> str:
    """Where a document came from: an upload, a JSONL file's record, or a file in an indexed folder."""
    if doc_id.startswith("upload/"):
        return "upload"
    return "JSONL" if fmt == "jsonl" else "folder"


@dataclass
class EntityView:
    """Everything known about one canonical entity."""

    facet: str
    name: str
    surface_forms: list[FacetValue]
    passage_count: int
    per_document: list[tuple[str, str, int]]  # (doc_id, title, passages)
    mentions: list[Hit]  # passages mentioning it, snippet has the mention marked
    cooccurring: dict[str, list[FacetValue]]
    years: list[FacetValue]

    def to_json(self) -> dict:
        """JSON for `GET /api/entities/<type>/<name>`."""
        return asdict(self)


@dataclass
class DocumentReport:
    """The outcome for one input file or JSONL record."""

    name: str
    status: str  # "added", "updated", "unchanged", "moved", "duplicate", "removed", "missing" (kept), "failed"
    doc_id: str | None = None
    title: str | None = None
    passages: int = 0
    reason: str | None = None


@dataclass
class IndexReport:
    """Summary of one indexing run."""

    documents: list[DocumentReport] = field(default_factory=list)
    passages: int = 0
    entities: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)  # what the user should know of the run (alias files used)

    def followed_by(self, later: "IndexReport") -> "IndexReport":
        """This run's report and a later run's, as one."""
        return IndexReport(self.documents + later.documents, self.passages + later.passages,
                           self.entities + later.entities, self.seconds + later.seconds, self.notes + later.notes)

    def count(self, status: str) -> int:
        """How many inputs ended with `status`."""
        return sum(1 for d in self.documents if d.status == status)

    @property
    def failed(self) -> list[DocumentReport]:
        """Inputs that could not be indexed, each with its reason."""
        return [d for d in self.documents if d.status == "failed"]

    def to_json(self) -> dict:
        """JSON summary."""
        return {
            "added": self.count("added"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "moved": self.count("moved"),
            "duplicate": self.count("duplicate"),
            "removed": self.count("removed"),
            "missing": self.count("missing"),
            "failed": self.count("failed"),
            "passages": self.passages,
            "entities": self.entities,
            "seconds": round(self.seconds, 2),
            "notes": self.notes,
            "documents": [asdict(d) for d in self.documents],
        }


@dataclass
class OriginalPage:
    """One page of a PDF or scan as it is (the original view): its size as shown and where the hits stand on it."""

    doc_id: str
    title: str
    page: int  # from 1
    pages: int
    width: int  # pixels of the page image as served
    height: int
    hits: list[list[tuple[float, float, float, float]]]  # per hit, its boxes: left, top, width, height (fractions)
    ocr: bool = False  # the words were found by Tesseract on the picture
    note: str = ""  # why the hits could not be marked, when they could not
    ordinals: list[int] = field(default_factory=list)  # the passages read from this page
    section: str = ""  # "Page 3", as the passages name it
    hit_pages: list[int] = field(default_factory=list)  # the pages whose passages hold the search's hits
