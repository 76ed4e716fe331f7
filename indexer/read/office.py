"""Documents of other office formats: .odt (its XML), .rtf (striprtf), .epub (its XHTML chapters through the HTML
reader), and legacy Word and PowerPoint files through Debian's `catdoc` tools, optional like Tesseract."""
from __future__ import annotations

import posixpath
import shutil
import subprocess
import tempfile
from pathlib import Path

from lxml import etree

from .document import Builder, Document
from .html import read_html
from .text import clean_text, decode, one_line
from ..errors import ReadError
from . import odf
from .nested import Unpacking, open_zip

OFFICE_EXTENSIONS = frozenset({".odt", ".rtf", ".epub", ".doc", ".ppt"})
CATDOC_INSTALL = "sudo apt-get install catdoc"
# The program that reads each legacy format to text (both from Debian's catdoc package) and its options.
_LEGACY = {".doc": ["catdoc", "-w", "-d", "utf-8"], ".ppt": ["catppt", "-d", "utf-8"]}
_LEGACY_SECONDS = 60
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def read_office(data: bytes, stem: str, suffix: str, unpack: Unpacking) -> list:
    """The document."""
    if suffix == ".odt":
        return [_odt(data, stem, unpack)]
    if suffix == ".rtf":
        return [_rtf(data, stem)]
    if suffix == ".epub":
        return [_epub(data, stem, unpack)]
    text = _legacy(data, suffix)
    b = Builder()
    for n, page in enumerate(text.split("\f"), 1):  # catppt separates slides with a form feed
        b.add(f"Slide {n}" if suffix == ".ppt" else "", clean_text(page))
    if not b.sections:
        raise ReadError(f"this {suffix} file has no text")
    first = one_line(b.sections[0].text.split("\n", 1)[0])
    return [b.build(first if 0 < len(first) < 120 else stem, suffix[1:])]


def status() -> str:
    """One line for `sleuth stats`: which optional programs the readers find (legacy Office files, man pages)."""
    from .plaintext import GROFF_INSTALL

    parts = []
    for what, program, install in ((".doc/.ppt", "catdoc", CATDOC_INSTALL), ("man pages", "groff", GROFF_INSTALL)):
        found = shutil.which(program) and (program != "catdoc" or shutil.which("catppt"))
        parts.append(f"{what}: " + (f"available ({program})" if found else f"not available: {install}"))
    return "; ".join(parts)


def _odt(data: bytes, stem: str, unpack: Unpacking) -> Document:
    root, title = odf.content(data, unpack, "text document")
    b, heading, buf = Builder(), "", []
    for kind, value in odf.blocks(root.find(".//{urn:oasis:names:tc:opendocument:xmlns:office:1.0}body")):
        if kind == "heading" and value.strip():
            b.add(heading, "\n\n".join(buf))
            heading, buf = one_line(value), []
            title = title or heading
        elif value.strip():
            buf.append(value.strip())
    b.add(heading, "\n\n".join(buf))
    if not b.sections:
        raise ReadError("this .odt document has no text")
    return b.build(title or stem, "odt")


def _rtf(data: bytes, stem: str) -> Document:
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise ReadError("not an RTF document (it does not start with {\\rtf)")
    # RTF is 7-bit: other characters are escapes that striprtf decodes by the file's own code page.
    try:
        text = clean_text(rtf_to_text(data.decode("latin-1"), errors="replace"))
    except Exception as exc:  # noqa: BLE001 - striprtf raises on some malformed groups
        raise ReadError(f"not a valid RTF document ({type(exc).__name__})") from None
    lines = [ln.strip() for ln in text.split("\n")]
    first = next((ln for ln in lines if ln), "")
    b = Builder()
    b.add("", "\n".join(lines))
    if not b.sections:
        raise ReadError("this RTF document has no text")
    return b.build(one_line(first) if len(first) < 120 else stem, "rtf")


def _epub(data: bytes, stem: str, unpack: Unpacking) -> Document:
    """Each chapter of the spine a section, titled by its own heading; the book's title, author and date."""
    zf = open_zip(data, unpack, "EPUB book")
    try:
        container = etree.fromstring(zf.read("META-INF/container.xml"), _PARSER)
        opf_path = container.xpath("//*[local-name()='rootfile']/@full-path")[0]
        opf = etree.fromstring(zf.read(opf_path), _PARSER)
    except (KeyError, IndexError, etree.XMLSyntaxError):
        raise ReadError("not a valid EPUB book (no readable container.xml or package file)") from None
    if "META-INF/encryption.xml" in zf.namelist():
        raise ReadError("this EPUB book is encrypted (DRM); only books without DRM can be read")
    base = posixpath.dirname(opf_path)
    items = {i.get("id"): i for i in opf.iter(_OPF + "item")}
    b = Builder()
    for n, ref in enumerate(opf.iter(_OPF + "itemref"), 1):
        item = items.get(ref.get("idref"))
        if item is None or "nav" in (item.get("properties") or "") or "html" not in (item.get("media-type") or ""):
            continue
        try:
            page = decode(zf.read(posixpath.normpath(posixpath.join(base, item.get("href", "")))))
            chapter = read_html(page, f"Chapter {n}")
        except (KeyError, ReadError):  # a missing or empty chapter (a cover page): the others are read
            continue
        # A chapter's own first heading names it; its <title> is often the book's, the same for every chapter.
        b.add(_first_heading(page) or chapter.title, chapter.text)
    if not b.sections:
        raise ReadError("this EPUB book has no text")
    meta = {key: one_line(el.text or "") for key, tag in (("author", "creator"), ("date", "date"),
                                                          ("language", "language"))
            if (el := opf.find(f".//{_DC}{tag}")) is not None and (el.text or "").strip()}
    title = opf.find(f".//{_DC}title")
    return b.build(one_line(title.text or "") if title is not None and title.text else stem, "epub", meta)


def _first_heading(page: str) -> str:
    import lxml.html

    try:
        found = lxml.html.document_fromstring(page.encode()).xpath("(//h1 | //h2 | //h3)[1]")
    except (etree.ParserError, ValueError):
        return ""
    return one_line(found[0].text_content()) if found else ""


def _legacy(data: bytes, suffix: str) -> str:
    """A legacy Office file's text by its catdoc tool; refused with the install line when it is missing."""
    command = _LEGACY[suffix]
    program = shutil.which(command[0])
    if program is None:
        raise ReadError(f"reading {suffix} files needs {command[0]}, which is not installed: {CATDOC_INSTALL}")
    # catppt reads only named files: the bytes go to a private temporary file, removed at once.
    try:
        with tempfile.TemporaryDirectory(prefix="sleuth-") as folder:
            path = Path(folder) / f"input{suffix}"
            path.write_bytes(data)
            done = subprocess.run([program, *command[1:], str(path)], capture_output=True,
                                  timeout=_LEGACY_SECONDS, check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise ReadError(f"{command[0]} took over {_LEGACY_SECONDS} s to read this file") from None
    text = done.stdout.decode("utf-8", "replace")
    if done.returncode != 0 or not text.strip():
        raise ReadError(f"{command[0]} could not read this {suffix} file; is it damaged or encrypted?")
    return text
