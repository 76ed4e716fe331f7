"""Reading documents: one reader per format, chosen by extension and content, into clean text with sections."""
from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from .errors import ReadError

SUPPORTED_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".jsonl",
                                  ".wiki"})
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a .docx that expands past this is refused as a zip bomb
# Navigation lines scraped pages carry; matched whole-line, case-insensitively.
NAV_LINES = re.compile(r"^(skip to (main )?content|back to top|menu|share|print|advertisement|"
                       r"back to [^.!?]{1,60})$", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_WIKI_TITLE = re.compile(r"^=\s*(.+?)\s*=$")
_WIKI_HEADING = re.compile(r"^(={2,6})\s*(.+?)\s*\1$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_KV = re.compile(r"^\s*[-*]\s*([^:]{1,60}):\s*(.*)$")


@dataclass
class Section:
    """A titled part of a document; `text` sits at `start` in Document.text."""

    title: str
    text: str
    start: int
    kind: str = "body"  # "metadata": searchable and shown, never sent to NER


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


def read_path(path: Path) -> list[Document | ReadError]:
    """Read a file from disk."""
    return read_bytes(path.name, Path(path).read_bytes())


def read_bytes(name: str, data: bytes) -> list[Document | ReadError]:
    """Read one file's content; `name` gives the extension and the fallback title."""
    suffix = Path(name).suffix.lower()
    stem = Path(name).stem or name
    if suffix not in SUPPORTED_EXTENSIONS:
        raise ReadError(f"unsupported file type {suffix or '(none)'}; supported: "
                        f"{', '.join(sorted(SUPPORTED_EXTENSIONS))}")
    if not data:
        raise ReadError("empty file")
    if suffix == ".pdf":
        return [_pdf(data, stem)]
    if suffix == ".docx":
        return [_docx(data, stem)]
    text = decode(data)
    if not text.strip():
        raise ReadError("no text (the file holds only whitespace)")
    if suffix == ".jsonl":
        return _jsonl(text)
    if suffix in (".html", ".htm"):
        return [_html(text, stem)]
    if suffix in (".md", ".markdown"):
        return [_markdown(text, stem)]
    first = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if suffix == ".wiki" or _WIKI_TITLE.match(first):
        return [_wiki(text, stem)]
    return [_plain(text, stem)]


def decode(data: bytes) -> str:
    """Strict UTF-8 (BOM stripped), else charset-normalizer's best guess; refuses binary content."""
    if b"\x00" in data[:8192] or _binary_ratio(data[:8192]) > 0.1:
        raise ReadError("binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise ReadError("unknown text encoding (not UTF-8, and no other encoding fits)") from None
        text = str(best)
    return clean_text(text)


def clean_text(text: str) -> str:
    """NFC, \\n newlines, no control characters or lone surrogates."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", unicodedata.normalize("NFC", text)).replace("\ufeff", "")


def _binary_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    bad = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bad / len(sample)


# --- building documents from (heading, paragraphs) ------------------------------------------------
@dataclass
class _Builder:
    parts: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    offset: int = 0

    def add(self, title: str, body: str, kind: str = "body") -> None:
        body = re.sub(r"\n{3,}", "\n\n", body.strip())
        if not body:
            return
        if self.parts:
            self.parts.append("\n\n")
            self.offset += 2
        self.sections.append(Section(title, body, self.offset, kind))
        self.parts.append(body)
        self.offset += len(body)

    def build(self, title: str, fmt: str, metadata: dict[str, str] | None = None, **extra) -> Document:
        return Document(title, "".join(self.parts), self.sections, metadata or {}, fmt, **extra)


def _drop_cruft(lines: list[str]) -> list[str]:
    return [ln for ln in lines if not (NAV_LINES.match(ln.strip()) and len(ln.split()) <= 8)]


def _plain(text: str, stem: str) -> Document:
    lines = _drop_cruft(text.split("\n"))
    title = stem
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is not None:
        cand = lines[first].strip()
        if len(cand) < 120 and not cand.endswith((".", "!", "?")) and len(lines) > first + 1:
            title = cand
            rest = lines[first + 1:]
            # Scraped pages repeat the title as a heading: drop the repeats that directly follow.
            while rest and (not rest[0].strip() or rest[0].strip() == cand):
                rest = rest[1:]
            lines = rest
    b = _Builder()
    b.add("", "\n".join(lines))
    return b.build(title, "text")


def _wiki(text: str, stem: str) -> Document:
    b = _Builder()
    title, heading, buf, meta = stem, "", [], {}
    lines = _drop_cruft(text.split("\n"))
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if m := _WIKI_HEADING.match(line):
            b.add(heading, "\n".join(buf))
            heading, buf = m.group(2), []
        elif (m := _WIKI_TITLE.match(line)) and title == stem and not b.sections and not buf:
            title = m.group(1)
        elif line.lower() == "infobox":
            j = i + 1
            while j < len(lines) and (km := _KV.match(lines[j])):
                meta[km.group(1).strip()] = km.group(2).strip()
                j += 1
            b.add(heading, "\n".join(buf))
            buf = []
            b.add("Infobox", "\n".join(f"{k}: {v}" for k, v in meta.items()), kind="metadata")
            i = j
            continue
        else:
            buf.append(lines[i])
        i += 1
    b.add(heading, "\n".join(buf))
    return b.build(title, "wiki", meta)


def _markdown(text: str, stem: str) -> Document:
    b = _Builder()
    title, heading, buf = None, "", []
    for line in _drop_cruft(text.split("\n")):
        if m := _MD_HEADING.match(line.strip()):
            b.add(heading, "\n".join(buf))
            buf = []
            if title is None and len(m.group(1)) == 1:
                title, heading = _md_inline(m.group(2)), ""
            else:
                heading = _md_inline(m.group(2))
        else:
            buf.append(_md_inline(line))
    b.add(heading, "\n".join(buf))
    return b.build(title or stem, "markdown")


def _md_inline(line: str) -> str:
    line = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", line)  # links and images -> their text
    return re.sub(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1", r"\2", line)


def _html(html: str, stem: str) -> Document:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, favor_precision=True, include_comments=False,
                                            output_format="python", with_metadata=True)
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else (extracted or {})
    text = data.get("text") or ""
    if not text.strip():
        text = trafilatura.html2txt(html) or ""
    if not text.strip():
        raise ReadError("no text found in this HTML page")
    meta = {k: str(data[k]) for k in ("author", "sitename", "date", "url", "description") if data.get(k)}
    doc = _plain(clean_text(text), stem)
    doc.fmt = "html"
    doc.title = data.get("title") or doc.title
    doc.metadata, doc.url, doc.date = meta, data.get("url"), data.get("date")
    return doc


def _pdf(data: bytes, stem: str) -> Document:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium raises its own error types for damaged files
        raise ReadError(f"not a valid PDF: {exc}") from None
    b = _Builder()
    try:
        meta = {k: str(v) for k, v in (pdf.get_metadata_dict() or {}).items() if v}
        for n, page in enumerate(pdf, 1):
            b.add(f"Page {n}", clean_text(page.get_textpage().get_text_range()))
    finally:
        pdf.close()
    if not b.sections:
        raise ReadError("this PDF has no text layer (scanned images are not read)")
    first = b.sections[0].text.split("\n", 1)[0].strip()
    title = meta.get("Title") or (first if 0 < len(first) < 120 else stem)
    return b.build(title, "pdf", meta)


def _docx(data: bytes, stem: str) -> Document:
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            size = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile:
        raise ReadError("not a valid .docx (not a zip archive)") from None
    if size > MAX_UNPACKED_BYTES:
        raise ReadError(f"archive expands to {size // 2**20} MB, over the {MAX_UNPACKED_BYTES // 2**20} MB limit")
    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise ReadError(f"not a valid .docx: {exc}") from None
    b = _Builder()
    heading, buf = "", []
    for p in d.paragraphs:
        style = (p.style.name or "") if p.style is not None else ""
        if style.startswith("Heading") or style == "Title":
            b.add(heading, "\n\n".join(buf))
            heading, buf = p.text.strip(), []
        elif p.text.strip():
            buf.append(clean_text(p.text))
    b.add(heading, "\n\n".join(buf))
    props = d.core_properties
    meta = {k: str(v) for k, v in (("author", props.author), ("created", props.created)) if v}
    if not b.sections:
        raise ReadError("this .docx has no text")
    return b.build(props.title or (b.sections[0].title or stem), "docx", meta)


def _jsonl(text: str) -> list[Document | ReadError]:
    out: list[Document | ReadError] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(ReadError(f"line {n}: not JSON ({exc.msg})"))
            continue
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            out.append(ReadError(f"line {n}: missing 'text'"))
            continue
        if not rec.get("id"):
            out.append(ReadError(f"line {n}: missing 'id'"))
            continue
        b = _Builder()
        b.add("", clean_text(rec["text"]))
        meta = rec.get("metadata") if isinstance(rec.get("metadata"), dict) else {}
        out.append(b.build(str(rec.get("title") or rec["id"]), "jsonl", {k: str(v) for k, v in meta.items()},
                           doc_id=str(rec["id"]), url=rec.get("url"), date=rec.get("date") and str(rec["date"])))
    return out
