"""Read documents and their sections, built from (heading, body) pairs with exact offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_BLANK_RUN = re.compile(r"\n{3,}")


@dataclass
class Section:
    """A titled part of a document; `text` sits at `start` in Document.text."""

    title: str
    text: str
    start: int
    kind: str = "body"  # "metadata": searchable and shown, never sent to NER
    ocr: bool = False  # the text was read from a picture by OCR: its spelling may be wrong


@dataclass
class Document:
    """A read document: clean text, its sections and metadata."""

    title: str
    text: str
    sections: list[Section]
    metadata: dict[str, str]
    fmt: str
    doc_id: str | None = None
    url: str | None = None
    date: str | None = None
    # A document found inside another file (an attachment, an archive member): where it came from
    # ("mail.eml › report.pdf") and the name of the document that holds it ("mail.eml").
    source: str | None = None
    parent: str | None = None


@dataclass
class Builder:
    """Collects sections in order; headings stay out of the text, sections are joined by one blank line."""

    parts: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    offset: int = 0

    def add(self, title: str, body: str, kind: str = "body", from_ocr: bool = False) -> None:
        """Append a section (empty bodies are dropped)."""
        # Line by line, not a regex: `[ \t]+\n` backtracks quadratically over a long run of spaces.
        body = _BLANK_RUN.sub("\n\n", "\n".join(line.rstrip(" \t") for line in body.split("\n"))).strip()
        if not body:
            return
        if self.parts:
            self.parts.append("\n\n")
            self.offset += 2
        self.sections.append(Section(title, body, self.offset, kind, from_ocr))
        self.parts.append(body)
        self.offset += len(body)

    def build(self, title: str, fmt: str, metadata: dict[str, str] | None = None, **extra) -> Document:
        """The finished document."""
        return Document(title, "".join(self.parts), self.sections, metadata or {}, fmt, **extra)


@dataclass(frozen=True)
class Refused:
    """One record of a many-document file (a JSONL line) that cannot be indexed; the others still are."""

    reason: str

    def __str__(self) -> str:
        return self.reason
