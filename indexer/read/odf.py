"""OpenDocument files (.odt, .ods, .odp) read from their own XML (content.xml, meta.xml) in memory.

The helpers here give text, sheets and pages to the document, spreadsheet and presentation readers.
"""
from __future__ import annotations

from typing import Iterator

from lxml import etree

from .text import clean_text, one_line
from ..errors import ReadError
from .nested import Unpacking, open_zip

_NS = {"office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
       "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
       "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
       "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
       "presentation": "urn:oasis:names:tc:opendocument:xmlns:presentation:1.0",
       "dc": "http://purl.org/dc/elements/1.1/"}
TEXT, TABLE = "{%s}" % _NS["text"], "{%s}" % _NS["table"]
_REPEAT_CAP = 100  # a repeated empty column or row ("1,048,576 times") is not written out
# Any parser here: no network, no entities expanded from outside (a billion-laughs file stays small).
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def content(data: bytes, unpack: Unpacking, kind: str):
    """The content.xml root of an OpenDocument file, and the title in its meta.xml."""
    zf = open_zip(data, unpack, f"OpenDocument {kind}")
    try:
        root = etree.fromstring(zf.read("content.xml"), _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        raise ReadError(f"not a valid OpenDocument {kind} (no readable content.xml)") from None
    title = ""
    try:
        meta = etree.fromstring(zf.read("meta.xml"), _PARSER)
        title = one_line(" ".join(meta.xpath("//dc:title//text()", namespaces=_NS)))
    except (KeyError, etree.XMLSyntaxError):
        pass
    return root, title


def text(el) -> str:
    """A paragraph's text: spaces (text:s), tabs and line breaks as written."""
    out: list[str] = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == TEXT + "s":
            out.append(" " * int(child.get(TEXT + "c", "1") or 1))
        elif tag == TEXT + "tab":
            out.append("\t")
        elif tag == TEXT + "line-break":
            out.append("\n")
        elif tag != TEXT + "note":  # footnotes are read where they are defined, not mid-sentence
            out.append(text(child))
        out.append(child.tail or "")
    return clean_text("".join(out))


def blocks(body) -> Iterator[tuple[str, str]]:
    """("heading", text) and ("para", text) in document order; a table's rows as "a | b" paragraphs."""
    for el in body.iter(TEXT + "h", TEXT + "p", TABLE + "table-row"):
        if el.tag == TABLE + "table-row":
            cells = [" ".join(text(p) for p in c.iter(TEXT + "p")) for c in el.iter(TABLE + "table-cell")]
            yield "para", " | ".join(c.strip() for c in cells if c.strip())
        elif any(a.tag == TABLE + "table-cell" for a in el.iterancestors()):
            continue  # read with its row
        else:
            yield ("heading" if el.tag == TEXT + "h" else "para"), text(el)


def sheets(root) -> Iterator[tuple[str, Iterator[list[str]]]]:
    """Each sheet's name and rows (lists of cell texts)."""
    for table in root.iter(TABLE + "table"):
        yield table.get(TABLE + "name", ""), _rows(table)


def _rows(table) -> Iterator[list[str]]:
    for row in table.iter(TABLE + "table-row"):
        cells: list[str] = []
        for cell in row:
            if cell.tag not in (TABLE + "table-cell", TABLE + "covered-table-cell"):
                continue
            value = "\n".join(text(p) for p in cell.iter(TEXT + "p")).strip()
            repeat = min(int(cell.get(TABLE + "number-columns-repeated", "1") or 1), _REPEAT_CAP)
            cells.extend([value] * (repeat if value else min(repeat, 1)))
        repeat = min(int(row.get(TABLE + "number-rows-repeated", "1") or 1), _REPEAT_CAP)
        for _ in range(repeat if any(cells) else 1):
            yield cells


def pages(root) -> Iterator[tuple[str, list[str], list[str]]]:
    """Each presentation page: its name, its text paragraphs, and its speaker notes' paragraphs."""
    notes_tag = "{%s}notes" % _NS["presentation"]
    for page in root.iter("{%s}page" % _NS["draw"]):
        body, notes = [], []
        for p in page.iter(TEXT + "p", TEXT + "h"):
            in_notes = any(a.tag == notes_tag for a in p.iterancestors())
            (notes if in_notes else body).append(text(p))
        yield page.get("{%s}name" % _NS["draw"], ""), body, notes
