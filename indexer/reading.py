"""Reading documents: one reader per format, chosen by extension and content, into clean text with sections."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ._build import Builder, Document, Section
from ._docx import MAX_UNPACKED_BYTES, read_docx
from ._html import read_html
from ._markdown import read_markdown
from ._text import clean_text, decode, is_binary, is_cruft, one_line
from . import ocr
from .errors import ReadError
from .read import archive, mail, office, outlook, plaintext, sheet, slides
from .read.nested import Limits, Unpacking

__all__ = ["Document", "Refused", "Section", "SUPPORTED_EXTENSIONS", "MAX_PDF_PAGES", "MAX_UNPACKED_BYTES", "clean_text",
           "decode", "read_bytes", "read_path"]

MAIL_EXTENSIONS = frozenset({".eml", ".mbox"}) | outlook.OUTLOOK_EXTENSIONS
SUPPORTED_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".jsonl",
                                  ".wiki"}) | ocr.IMAGE_EXTENSIONS | MAIL_EXTENSIONS | archive.ARCHIVE_EXTENSIONS \
    | plaintext.RST_EXTENSIONS | sheet.SHEET_EXTENSIONS | slides.SLIDE_EXTENSIONS | office.OFFICE_EXTENSIONS
# A page tree can repeat one page object: a 120 KB file became 20,000 pages. Real books stay far below this.
MAX_PDF_PAGES = 5_000
_WIKI_TITLE = re.compile(r"^=(?!=)\s*(.+?)\s*(?<!=)=$")
_WIKI_HEADING = re.compile(r"^(={2,6})\s*(.+?)\s*\1$")
_INFOBOX = re.compile(r"^infobox(?:\s+[\w ]{1,40})?$", re.I)
_KV = re.compile(r"^\s*[-*]\s*([^:]{1,60}):\s*(.*)$")
_HTML_START = re.compile(r"\s*(?:<!doctype html|<html[\s>])", re.I)
_MODE_LINE = re.compile(r"\s*-\*-.*?-\*-\s*")  # an Emacs mode line ("GNU make NEWS  -*-indented-text-*-")
# A PDF "title" that is only a file name ("Binder1.pdf", "Microsoft Word - x.doc") says nothing about the text.
_FILE_NAME_TITLE = re.compile(r"^(?:Microsoft Word - )?\S+\.(?:pdf|docx?|odt|rtf|tex|dvi|ps|indd|qxd)$", re.I)
_PDF_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?")


@dataclass(frozen=True)
class Refused:
    """One record of a many-document file (a JSONL line) that cannot be indexed; the others still are."""

    reason: str

    def __str__(self) -> str:
        return self.reason


def read_path(path: Path, ocr_options: ocr.Options | None = None) -> list[Document | Refused]:
    """Read a file from disk."""
    path = Path(path)
    return read_bytes(path.name, path.read_bytes(), ocr_options)


def read_bytes(name: str, data: bytes, ocr_options: ocr.Options | None = None,
               unpack: Unpacking | None = None) -> list[Document | Refused]:
    """Read one file's content; `name` gives the extension and the fallback title; scans are read by OCR.

    Emails and archives give a document for each attachment and member too (`unpack` carries the limits and
    counts down through them). Raises ReadError when the file cannot be read; a JSONL line, an attachment or a
    member that cannot be is a `Refused` in its place.
    """
    if unpack is None:
        from .settings import Settings

        unpack = Unpacking(Limits.from_settings(Settings.from_env()), ocr_options)
    ocr_options = ocr_options or unpack.ocr_options
    suffix = Path(name).suffix.lower()
    stem = Path(name).stem or name
    if suffix not in SUPPORTED_EXTENSIONS:
        suffix = _sniff(name, suffix, data)
        stem = Path(name).name  # "Apache-2.0", not "Apache-2"
    if not data:
        raise ReadError("empty file")
    if suffix == ".pdf":
        return [_pdf(data, stem, ocr_options or ocr.Options())]
    if suffix in ocr.IMAGE_EXTENSIONS:
        return [_image(data, stem, ocr_options or ocr.Options())]
    if suffix == ".docx":
        return [read_docx(data, stem)]
    if suffix in sheet.SHEET_EXTENSIONS:
        return [sheet.read_sheet(data, name, stem, suffix, unpack)]
    if suffix in slides.SLIDE_EXTENSIONS:
        return [slides.read_slides(data, stem, suffix, unpack)]
    if suffix in office.OFFICE_EXTENSIONS:
        return office.read_office(data, stem, suffix, unpack)
    if suffix in archive.ARCHIVE_EXTENSIONS:
        return archive.read_archive(data, name, suffix, unpack)
    if suffix == ".msg" and not (mail.looks_like_mail(data) and not data.startswith(outlook.OLE_MAGIC)):
        return outlook.read_msg(data, name, unpack)
    if suffix == ".tnef" or data.startswith(outlook.TNEF_MAGIC):  # winmail.dat
        return outlook.read_tnef(data, name, unpack)
    if suffix == ".mbox" or (suffix in (".txt", ".text") and mail.is_mbox(data)):
        return list(mail.read_mbox(data, name, unpack))
    if suffix in (".eml", ".msg"):  # some programs save MIME text as .msg
        return mail.read_eml(data, name, unpack)
    if suffix in (".txt", ".text") and mail.looks_like_mail(data):
        try:
            return mail.read_eml(data, name, unpack)
        except ReadError:  # headers like a message's, but no message: read as the text it is
            pass
    text = decode(data)
    if not text.strip():
        raise ReadError("no text (the file holds only whitespace)")
    if suffix == ".jsonl":
        return _jsonl(text)
    # Scraped pages are often saved as .txt: sniff the content as well as the extension.
    if suffix in (".html", ".htm") or _HTML_START.match(text[:1000]):
        return [read_html(text, stem)]
    if suffix in (".md", ".markdown"):
        return [read_markdown(text, stem)]
    if suffix in plaintext.RST_EXTENSIONS or (suffix == ".txt" and plaintext.looks_like_rst(text)):
        if doc := plaintext.read_rst(text, stem):
            return [doc]
    if suffix == ".txt" and plaintext.looks_like_man(text) and (doc := plaintext.read_man(text, stem)):
        return [doc]
    first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    if suffix == ".wiki" or _WIKI_TITLE.match(first):
        return [_wiki(text, stem)]
    return [_plain(text, stem)]


def _sniff(name: str, suffix: str, data: bytes) -> str:
    """The type of a file by its content, whatever its extension (README, Apache-2.0, x.json): a PDF, an archive,
    text (emails, reST and man pages are told apart later), or refused."""
    unsupported = f"unsupported file type {suffix or '(no extension)'}"
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if kind := archive.sniff(data):
        return kind
    if data.startswith(outlook.OLE_MAGIC) and (kind := outlook.ole_kind(data)):
        return kind
    if data.startswith(outlook.TNEF_MAGIC):
        return ".tnef"
    if is_binary(data[:65536]):
        raise ReadError(f"{unsupported}, and this file is not text (the formats read are listed in the README)")
    return ".txt"


def _plain(text: str, stem: str) -> Document:
    lines = [ln for ln in text.split("\n") if not is_cruft(ln)]
    title = stem
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is not None:
        cand = one_line(_MODE_LINE.sub(" ", lines[first]))
        # JSON and XML open with a bracket: their first line names nothing, the file's name does.
        if len(cand) < 120 and not cand.endswith((".", "!", "?")) and not cand.startswith(("{", "[", "<")):
            title = cand
            rest = lines[first + 1:]
            # Scraped pages repeat the title as a heading: drop the repeats that directly follow.
            while rest and one_line(rest[0]) in ("", cand):
                rest = rest[1:]
            if rest:  # a one-line file keeps its line as text, or it would have nothing to search
                lines = rest
    b = Builder()
    b.add("", "\n".join(lines))
    return b.build(title, "text")


def _wiki(text: str, stem: str) -> Document:
    b = Builder()
    title, heading, buf, meta = None, "", [], {}
    lines = [ln for ln in text.split("\n") if not is_cruft(ln)]
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


def _pdf(data: bytes, stem: str, ocr_options: ocr.Options) -> Document:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:  # pdfium raises its own error types for damaged files
        if "password" in str(exc).lower():
            raise ReadError("this PDF is password-protected") from None
        raise ReadError(f"not a valid PDF: {exc}") from None
    b = Builder()
    try:
        _check_pages(len(pdf))
        raw = pdf.get_metadata_dict() or {}
        layers = []
        for page in pdf:
            textpage = page.get_textpage()
            layers.append(clean_text(textpage.get_text_range()))
            textpage.close()
            page.close()
        # Pages with (almost) no text layer but a picture over most of the page are read by OCR.
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
    meta = {key: one_line(str(raw[k])) for k, key in (("Title", "title"), ("Author", "author"), ("Subject", "subject"),
                                                     ("Keywords", "keywords")) if str(raw.get(k) or "").strip()}
    if m := _PDF_DATE.match(str(raw.get("CreationDate") or "")):
        meta["created"] = "-".join(g for g in m.groups() if g)
    if unread:
        meta["ocr"] = unread
    first = one_line(b.sections[0].text.split("\n", 1)[0]) if not b.sections[0].ocr else ""
    if _FILE_NAME_TITLE.match(meta.get("title", "")):
        meta["file name"] = meta.pop("title")
    title = meta.get("title") or (first if len(first) < 120 and re.search(r"[^\W\d_]", first) else stem)
    return b.build(title, "pdf", meta)


def _image(data: bytes, stem: str, ocr_options: ocr.Options) -> Document:
    b = Builder()
    pages = ocr.image_texts(data, ocr_options)
    for n, text in enumerate(pages, 1):
        b.add(f"Page {n}" if len(pages) > 1 else "", clean_text(text), from_ocr=True)
    if not b.sections:
        raise ReadError("OCR found no text in this image")
    return b.build(stem, "image")


def _check_pages(pages: int) -> None:
    """Refuse a PDF with more pages than a document may have, before any page is read."""
    if pages > MAX_PDF_PAGES:
        raise ReadError(f"this PDF has {pages:,} pages, over the {MAX_PDF_PAGES:,} a document may have; "
                        f"split it into smaller files")


def _jsonl(text: str) -> list[Document | Refused]:
    out: list[Document | Refused] = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(Refused(f"line {n}: not JSON ({exc.msg})"))
            continue
        if not isinstance(rec, dict):
            out.append(Refused(f"line {n}: not a JSON object"))
        elif not isinstance(rec.get("text"), str) or not (text := clean_text(rec["text"])).strip():
            out.append(Refused(f"line {n}: missing 'text'"))
        elif rec.get("id") is None or str(rec["id"]).strip() == "":
            out.append(Refused(f"line {n}: missing 'id'"))
        else:
            out.append(_record(rec, text))
    return out


def _record(rec: dict, text: str) -> Document:
    b = Builder()
    b.add("", text)
    meta = rec.get("metadata") if isinstance(rec.get("metadata"), dict) else {}
    doc_id = str(rec["id"]).strip()
    return b.build(one_line(str(rec.get("title") or "")) or doc_id, "jsonl",
                   {str(k): _flat(v) for k, v in meta.items() if v is not None}, doc_id=doc_id,
                   url=_flat(rec["url"]) if rec.get("url") else None,
                   date=_flat(rec["date"]) if rec.get("date") else None)


def _flat(value: object) -> str:
    # Nested values are shown as JSON, not as Python reprs.
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
