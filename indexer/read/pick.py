"""Picking a reader: by extension, else by sniffing the content; each format family has a module of its own."""
from __future__ import annotations

import re
from pathlib import Path

from . import ocr
from .document import Document, Refused, Section
from .docx import MAX_UNPACKED_BYTES, read_docx
from .html import read_html
from .jsonl import read_jsonl
from .markdown import read_markdown
from .pdf import MAX_PDF_PAGES, read_image, read_pdf
from .plain import WIKI_TITLE, read_plain, read_wiki
from .text import clean_text, decode, is_binary
from . import archive, mail, mailbox, office, outlook, plaintext, sheet, slides
from .nested import Limits, Unpacking
from ..errors import ReadError

__all__ = ["Document", "Refused", "Section", "SUPPORTED_EXTENSIONS", "MAX_PDF_PAGES", "MAX_UNPACKED_BYTES", "clean_text",
           "decode", "read_bytes", "read_path"]

MAIL_EXTENSIONS = frozenset({".eml", ".mbox"}) | outlook.OUTLOOK_EXTENSIONS
SUPPORTED_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".jsonl",
                                  ".wiki"}) | ocr.IMAGE_EXTENSIONS | MAIL_EXTENSIONS | archive.ARCHIVE_EXTENSIONS \
    | plaintext.RST_EXTENSIONS | sheet.SHEET_EXTENSIONS | slides.SLIDE_EXTENSIONS | office.OFFICE_EXTENSIONS
_HTML_START = re.compile(r"\s*(?:<!doctype html|<html[\s>])", re.I)


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
        from ..settings import Settings

        unpack = Unpacking(Limits.from_settings(Settings.from_env()), ocr_options)
    if unpack.read is None:
        unpack.read = read_bytes
    ocr_options = ocr_options or unpack.ocr_options
    suffix = Path(name).suffix.lower()
    stem = Path(name).stem or name
    if suffix not in SUPPORTED_EXTENSIONS:
        suffix = _sniff(name, suffix, data)
        stem = Path(name).name  # "Apache-2.0", not "Apache-2"
    if not data:
        raise ReadError("empty file")
    if suffix == ".pdf":
        return [read_pdf(data, stem, ocr_options or ocr.Options())]
    if suffix in ocr.IMAGE_EXTENSIONS:
        return [read_image(data, stem, ocr_options or ocr.Options())]
    if suffix == ".docx":
        return [read_docx(data, stem, (ocr_options or ocr.Options()).max_docx_elements)]
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
    if suffix == ".mbox" or (suffix in (".txt", ".text") and mailbox.is_mbox(data)):
        return list(mailbox.read_mbox(data, name, unpack))
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
        return read_jsonl(text)
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
    if suffix == ".wiki" or WIKI_TITLE.match(first):
        return [read_wiki(text, stem)]
    return [read_plain(text, stem)]


def type_refusal(name: str, data: bytes) -> str | None:
    """Why a file would be refused for its type alone (an unknown extension and bytes that are not text), without
    reading it; None when a reader takes it (whether its content then reads is the reader's to say)."""
    suffix = Path(name).suffix.lower()
    if suffix in SUPPORTED_EXTENSIONS:
        return None
    try:
        _sniff(name, suffix, data)
    except ReadError as exc:
        return str(exc)
    return None


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


