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
from ..errors import ReadError

__all__ = ["Document", "Refused", "Section", "SUPPORTED_EXTENSIONS", "MAX_PDF_PAGES", "MAX_UNPACKED_BYTES", "clean_text",
           "decode", "read_bytes", "read_path"]

SUPPORTED_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".jsonl",
                                  ".wiki"}) | ocr.IMAGE_EXTENSIONS
_HTML_START = re.compile(r"\s*(?:<!doctype html|<html[\s>])", re.I)
# "Apache-2.0", "GPL-3", "NEWS.1.2": a "suffix" with a digit is a version, not a file type.
_VERSION_SUFFIX = re.compile(r"^\.[\w-]*\d[\w-]*$")


def read_path(path: Path, ocr_options: ocr.Options | None = None) -> list[Document | Refused]:
    """Read a file from disk."""
    path = Path(path)
    return read_bytes(path.name, path.read_bytes(), ocr_options)


def read_bytes(name: str, data: bytes, ocr_options: ocr.Options | None = None) -> list[Document | Refused]:
    """Read one file's content; `name` gives the extension and the fallback title; scans are read by OCR.

    Raises ReadError when the file cannot be read; a JSONL line that cannot be is a `Refused` in its place.
    """
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
    first = next((ln.strip() for ln in text.split("\n") if ln.strip()), "")
    if suffix == ".wiki" or WIKI_TITLE.match(first):
        return [read_wiki(text, stem)]
    return [read_plain(text, stem)]


def _sniff(name: str, suffix: str, data: bytes) -> str:
    """The type of a file without a known extension (README, AUTHORS, Apache-2.0): a PDF, text, or refused."""
    unsupported = (f"unsupported file type {suffix or '(no extension)'}; supported: "
                   f"{', '.join(sorted(SUPPORTED_EXTENSIONS))}")
    if suffix and not _VERSION_SUFFIX.match(suffix):
        raise ReadError(unsupported)
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if is_binary(data[:65536]):
        raise ReadError(f"{unsupported}, and this file is not text")
    return ".txt"


