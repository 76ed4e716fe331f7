"""Reading documents: one reader per format, chosen by extension and content, into clean text with sections."""
from __future__ import annotations

import codecs
import io
import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import from_bytes

from . import ocr
from .errors import ReadError

SUPPORTED_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".jsonl",
                                  ".wiki"}) | ocr.IMAGE_EXTENSIONS
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a .docx that expands past this is refused as a zip bomb
# Navigation lines of scraped pages, matched against a whole trimmed line, case-insensitively; a "Back to …" line
# only counts when it is short (see _is_cruft). Kept conservative: a false hit deletes a line of real text.
NAV_LINES = re.compile(r"skip to (?:main )?content|skip navigation|back to top|menu|main menu|toggle navigation"
                       r"|share|share this|print|print this page|advertisement|back to [^.!?]+", re.I)
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"})
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_RUN = re.compile(r"\n{3,}")
_WIKI_TITLE = re.compile(r"^=(?!=)\s*(.+?)\s*(?<!=)=$")
_WIKI_HEADING = re.compile(r"^(={2,6})\s*(.+?)\s*\1$")
_INFOBOX = re.compile(r"^infobox(?:\s+[\w ]{1,40})?$", re.I)
_KV = re.compile(r"^\s*[-*]\s*([^:]{1,60}):\s*(.*)$")
_HTML_START = re.compile(r"\s*(?:<!doctype html|<html[\s>])", re.I)
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.+?)(?:\s+#+)?\s*$")
_MD_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_MD_CODE = re.compile(r"`([^`]+)`")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_MD_LINK_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s+\S+")
_FRONT_LINE = re.compile(r"^(?:[\w-]+:(?:\s|$)|\s+\S|- )")
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


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


def read_path(path: Path, ocr_options: ocr.Options | None = None) -> list[Document | ReadError]:
    """Read a file from disk."""
    path = Path(path)
    return read_bytes(path.name, path.read_bytes(), ocr_options)


def read_bytes(name: str, data: bytes, ocr_options: ocr.Options | None = None) -> list[Document | ReadError]:
    """Read one file's content; `name` gives the extension and the fallback title; scans are read by OCR."""
    suffix = Path(name).suffix.lower()
    stem = Path(name).stem or name
    if suffix not in SUPPORTED_EXTENSIONS:
        raise ReadError(f"unsupported file type {suffix or '(no extension)'}; supported: "
                        f"{', '.join(sorted(SUPPORTED_EXTENSIONS))}")
    if not data:
        raise ReadError("empty file")
    if suffix == ".pdf":
        return [_pdf(data, stem, ocr_options or ocr.Options())]
    if suffix in ocr.IMAGE_EXTENSIONS:
        return [_image(data, stem, ocr_options or ocr.Options())]
    if suffix == ".docx":
        return [_docx(data, stem)]
    text = decode(data)
    if not text.strip():
        raise ReadError("no text (the file holds only whitespace)")
    if suffix == ".jsonl":
        return _jsonl(text)
    # Scraped pages are often saved as .txt: sniff the content as well as the extension.
    if suffix in (".html", ".htm") or _HTML_START.match(text[:1000]):
        return [_html(text, stem)]
    if suffix in (".md", ".markdown"):
        return [_markdown(text, stem)]
    first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    if suffix == ".wiki" or _WIKI_TITLE.match(first):
        return [_wiki(text, stem)]
    return [_plain(text, stem)]


def decode(data: bytes) -> str:
    """Strict UTF-8 (BOM stripped), else charset-normalizer's best guess; refuses binary content."""
    # UTF-16/32 are full of NUL bytes, so they are recognised by their BOM before the binary check.
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return clean_text(data.decode(codec))
            except UnicodeDecodeError:
                raise ReadError(f"not valid {codec.upper()} text, though it starts with a {codec.upper()} mark") \
                    from None
    # A NUL anywhere means binary (text never holds one), as do many other control bytes.
    if b"\x00" in data or len(data) - len(data.translate(None, _BINARY_BYTES)) > len(data) // 10:
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
    """\\n newlines, no control characters, BOMs or lone surrogates, Unicode NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_BREAKS)
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def _is_cruft(line: str) -> bool:
    line = line.strip()
    return bool(line) and len(line.split()) <= 8 and NAV_LINES.fullmatch(line) is not None


# --- building documents from (heading, body) pairs, keeping offsets exact -------------------------------------------
@dataclass
class _Builder:
    parts: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    offset: int = 0

    def add(self, title: str, body: str, kind: str = "body", from_ocr: bool = False) -> None:
        body = _BLANK_RUN.sub("\n\n", _TRAILING_SPACE.sub("\n", body)).strip()
        if not body:
            return
        if self.parts:  # sections are joined by one blank line; headings stay out of the text
            self.parts.append("\n\n")
            self.offset += 2
        self.sections.append(Section(title, body, self.offset, kind, from_ocr))
        self.parts.append(body)
        self.offset += len(body)

    def build(self, title: str, fmt: str, metadata: dict[str, str] | None = None, **extra) -> Document:
        return Document(title, "".join(self.parts), self.sections, metadata or {}, fmt, **extra)


def _plain(text: str, stem: str) -> Document:
    lines = [ln for ln in text.split("\n") if not _is_cruft(ln)]
    title = stem
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is not None:
        cand = lines[first].strip()
        if len(cand) < 120 and not cand.endswith((".", "!", "?")):
            title = cand
            rest = lines[first + 1:]
            # Scraped pages repeat the title as a heading: drop the repeats that directly follow.
            while rest and rest[0].strip() in ("", cand):
                rest = rest[1:]
            if rest:  # a one-line file keeps its line as text, or it would have nothing to search
                lines = rest
    b = _Builder()
    b.add("", "\n".join(lines))
    return b.build(title, "text")


def _wiki(text: str, stem: str) -> Document:
    b = _Builder()
    title, heading, buf, meta = None, "", [], {}
    lines = [ln for ln in text.split("\n") if not _is_cruft(ln)]
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        if m := _WIKI_HEADING.match(line):
            b.add(heading, "\n".join(buf))
            heading, buf = m.group(2), []
        elif title is None and not b.sections and not "".join(buf).strip() and (m := _WIKI_TITLE.match(line)):
            title = m.group(1)
        elif _INFOBOX.match(line) and i + 1 < len(lines) and _KV.match(lines[i + 1]):
            box, i = {}, i + 1
            while i < len(lines) and (km := _KV.match(lines[i])):
                box[km.group(1).strip()] = km.group(2).strip()
                i += 1
            b.add(heading, "\n".join(buf))
            buf = []
            # Its own section so the values are searchable but kept out of NER (kind="metadata").
            b.add("Infobox", "\n".join(f"{k}: {v}" for k, v in box.items()), kind="metadata")
            meta.update(box)
            continue
        else:
            buf.append(lines[i])
        i += 1
    b.add(heading, "\n".join(buf))
    return b.build(title or stem, "wiki", meta)


def _markdown(text: str, stem: str, fmt: str = "markdown") -> Document:
    meta, text = _front_matter(text)
    b = _Builder()
    title, heading, buf, fence = None, "", [], None
    for line in text.split("\n"):
        if fence:  # code is kept verbatim: no heading or markup rules inside a fence
            if line.strip().startswith(fence):
                fence = None
            else:
                buf.append(line)
        elif m := _MD_FENCE.match(line):
            fence = m.group(1)
        elif m := _MD_HEADING.match(line):
            name = _md_inline(m.group(2))
            at_top = not b.sections and not "".join(buf).strip()
            b.add(heading, "\n".join(buf))
            buf = []
            if title is None and len(m.group(1)) == 1:
                title, heading = name, ("" if at_top else name)
            else:
                heading = name
        elif not _MD_LINK_DEF.match(line) and not _is_cruft(plain := _md_inline(line)):
            buf.append(plain)
    b.add(heading, "\n".join(buf))
    return b.build(meta.get("title") or title or stem, fmt, meta)


def _md_inline(line: str) -> str:
    line = re.sub(r"^(\s*)>\s?", r"\1", line)  # block quotes
    line = _MD_LINK.sub(r"\1", line)  # links and images -> their text
    line = _MD_CODE.sub(r"\1", line)
    line = _MD_EMPHASIS.sub(r"\2", _MD_EMPHASIS.sub(r"\2", line))  # twice: ***x*** nests
    return _MD_ESCAPE.sub(r"\1", line)


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """A leading `---` block of `key: value` lines (Jekyll, Hugo, Obsidian) becomes metadata."""
    if not text.startswith("---\n") or (end := text.find("\n---", 4)) < 0:
        return {}, text
    block = text[4:end].split("\n")
    if not all(_FRONT_LINE.match(ln) for ln in block if ln.strip()):  # a rule opening ordinary text, not YAML
        return {}, text
    meta = {}
    for line in block:
        key, sep, value = line.partition(":")
        if sep and key.strip() and value.strip():
            meta[key.strip().lower()] = value.strip().strip("\"'")
    return meta, text[end + 4:]


def _html(html: str, stem: str) -> Document:
    import trafilatura

    # Markdown output keeps headings (-> sections) and blank lines between paragraphs (-> passages).
    text = trafilatura.extract(html, favor_precision=True, include_comments=False, include_tables=True,
                               include_images=False, include_links=False, include_formatting=True,
                               output_format="markdown")
    if not (text or "").strip():  # trafilatura finds no "article" in some tiny pages: take all their text
        text = trafilatura.html2txt(html) or ""
    if not text.strip():
        raise ReadError("no text found in this HTML page")
    doc = _markdown(clean_text(text), stem, fmt="html")
    found = trafilatura.extract_metadata(html)
    info = found.as_dict() if found is not None else {}
    doc.title = info.get("title") or doc.title
    doc.url, doc.date = info.get("url"), info.get("date")
    doc.metadata = {k: str(info[k]) for k in ("author", "sitename", "description") if info.get(k)}
    return doc


def _pdf(data: bytes, stem: str, ocr_options: ocr.Options) -> Document:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium raises its own error types for damaged files
        if "password" in str(exc).lower():
            raise ReadError("this PDF is password-protected") from None
        raise ReadError(f"not a valid PDF: {exc}") from None
    b = _Builder()
    try:
        raw = pdf.get_metadata_dict() or {}
        layers = []
        for page in pdf:
            textpage = page.get_textpage()
            layers.append(clean_text(textpage.get_text_range()))
            textpage.close()
            page.close()
        scanned, unread = ocr.read_scans(pdf, layers, ocr_options)
    finally:
        pdf.close()
    for n, layer in enumerate(layers):
        if len(scanned.get(n, "")) > len(layer.strip()):
            b.add(f"Page {n + 1}", clean_text(scanned[n]), from_ocr=True)
        else:
            b.add(f"Page {n + 1}", layer)
    if not b.sections:
        raise ReadError(f"this PDF has no text layer{'; ' + unread if unread else ''}")
    meta = {key: str(raw[k]).strip() for k, key in (("Title", "title"), ("Author", "author"), ("Subject", "subject"),
                                                     ("Keywords", "keywords")) if str(raw.get(k) or "").strip()}
    if m := _PDF_DATE.match(str(raw.get("CreationDate") or "")):
        meta["created"] = "-".join(g for g in m.groups() if g)
    if unread:
        meta["ocr"] = unread
    first = b.sections[0].text.split("\n", 1)[0].strip() if not b.sections[0].ocr else ""
    title = meta.get("title") or (first if len(first) < 120 and re.search(r"[^\W\d_]", first) else stem)
    return b.build(title, "pdf", meta)


def _image(data: bytes, stem: str, ocr_options: ocr.Options) -> Document:
    b = _Builder()
    pages = ocr.image_texts(data, ocr_options)
    for n, text in enumerate(pages, 1):
        b.add(f"Page {n}" if len(pages) > 1 else "", clean_text(text), from_ocr=True)
    if not b.sections:
        raise ReadError("OCR found no text in this image")
    return b.build(stem, "image")


def _docx(data: bytes, stem: str) -> Document:
    import docx
    from docx.table import Table

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            size = sum(i.file_size for i in zf.infolist())
    except Exception:  # BadZipFile, or a damaged header that zipfile chokes on in another way
        raise ReadError("not a valid .docx (not a zip archive)") from None
    # Sizes come from the archive's own directory: checked before python-docx inflates anything.
    if size > MAX_UNPACKED_BYTES:
        raise ReadError(f"archive expands to {size // 2**20} MB, over the {MAX_UNPACKED_BYTES // 2**20} MB limit")
    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise ReadError(f"not a valid .docx: {exc}") from None
    b = _Builder()
    title, heading, buf = None, "", []
    for block in d.iter_inner_content():  # paragraphs and tables, in document order
        if isinstance(block, Table):
            buf.append(_docx_table(block))
            continue
        style = (block.style.name or "").lower() if block.style is not None else ""
        line = clean_text(block.text).strip()
        if style == "title" and title is None and line:
            title = line
        elif style.startswith("heading") and line:
            b.add(heading, "\n\n".join(buf))
            heading, buf = line, []
        elif line:
            buf.append(line)
    b.add(heading, "\n\n".join(buf))
    if not b.sections:
        raise ReadError("this .docx has no text")
    props = d.core_properties
    meta = {k: clean_text(str(v)).strip() for k, v in (("author", props.author), ("subject", props.subject),
                                                      ("keywords", props.keywords)) if v}
    if props.created:
        meta["created"] = props.created.date().isoformat()
    return b.build((props.title or "").strip() or title or stem, "docx", meta)


def _docx_table(table) -> str:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(clean_text(cell.text).split())
            if not cells or cells[-1] != text:  # a merged cell is reported once per grid column it spans
                cells.append(text)
        rows.append(" | ".join(cells))
    return "\n".join(rows)


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
        if not isinstance(rec, dict):
            out.append(ReadError(f"line {n}: not a JSON object"))
        elif not isinstance(rec.get("text"), str) or not clean_text(rec["text"]).strip():
            out.append(ReadError(f"line {n}: missing 'text'"))
        elif rec.get("id") is None or str(rec["id"]).strip() == "":
            out.append(ReadError(f"line {n}: missing 'id'"))
        else:
            out.append(_record(rec))
    return out


def _record(rec: dict) -> Document:
    b = _Builder()
    b.add("", clean_text(rec["text"]))
    meta = rec.get("metadata") if isinstance(rec.get("metadata"), dict) else {}
    doc_id = str(rec["id"]).strip()
    return b.build(clean_text(str(rec.get("title") or "")).strip() or doc_id, "jsonl",
                   {str(k): _flat(v) for k, v in meta.items() if v is not None}, doc_id=doc_id,
                   url=_flat(rec["url"]) if rec.get("url") else None,
                   date=_flat(rec["date"]) if rec.get("date") else None)


def _flat(value: object) -> str:
    # Nested values are shown as JSON, not as Python reprs.
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
