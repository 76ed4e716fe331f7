"""Word (.docx): body paragraphs and tables in order, headings → sections; headers, footers, notes and comments."""
from __future__ import annotations

import io
import zipfile

from lxml import etree

from .document import Builder, Document
from .text import clean_text, one_line
from ..errors import ReadError

MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a .docx that expands past this is refused as a zip bomb
# A 300-page book has about 10,000 paragraphs; past this a document is refused before any is read.
MAX_PARAGRAPHS = 50_000
MAX_ELEMENTS = 1_000_000  # XML elements over the Word parts (SLEUTH_MAX_DOCX_ELEMENTS)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Parts beside the body, each read as a section of its own; separator footnotes hold no text.
_EXTRA_PARTS = (("/footnotes", "Footnotes"), ("/endnotes", "Endnotes"), ("/comments", "Comments"))


def read_docx(data: bytes, stem: str, max_elements: int = MAX_ELEMENTS) -> Document:
    """The body with Title/Heading styles as title and sections, then headers, footers, notes and comments."""
    d = _open(data, max_elements)
    paragraphs = len(d.element.body.findall(f".//{_W}p"))
    if paragraphs > MAX_PARAGRAPHS:
        raise ReadError(f"this .docx has {paragraphs:,} paragraphs, over the {MAX_PARAGRAPHS:,} a document may "
                        f"have; split it into smaller files")
    b = Builder()
    title = _body(d, b)
    _headers_footers(d, b)
    for reltype, name in _EXTRA_PARTS:
        b.add(name, "\n\n".join(_part_paragraphs(d, reltype)))
    if not b.sections:
        raise ReadError("this .docx has no text")
    props = d.core_properties
    meta = {k: one_line(str(v)) for k, v in (("author", props.author), ("subject", props.subject),
                                             ("keywords", props.keywords)) if v}
    if props.created:
        meta["created"] = props.created.date().isoformat()
    return b.build(one_line(props.title or "") or title or stem, "docx", meta)


def _open(data: bytes, max_elements: int):
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            size = sum(i.file_size for i in zf.infolist())
            # Sizes come from the archive's own directory: checked before python-docx inflates anything.
            if size > MAX_UNPACKED_BYTES:
                raise ReadError(f"archive expands to {size // 2**20} MB, over the {MAX_UNPACKED_BYTES // 2**20} MB "
                                "limit")
            _count_elements(zf, max_elements)
    except ReadError:
        raise
    except Exception:  # BadZipFile, or a damaged header that zipfile chokes on in another way
        raise ReadError("not a valid .docx (not a zip archive)") from None
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several types for broken packages
        raise ReadError(f"not a valid .docx: {exc}") from None


class _Counter:
    """An lxml parser target that builds no tree, only counts elements, and stops past the limit."""

    def __init__(self, limit: int, seen: int) -> None:
        self.limit, self.seen = limit, seen

    def start(self, tag, attrib) -> None:
        self.seen += 1
        if self.seen > self.limit:
            raise ReadError(f"this .docx has more than {self.limit:,} XML elements, the limit "
                            "(SLEUTH_MAX_DOCX_ELEMENTS); split it into smaller files")

    def close(self) -> int:
        return self.seen


def _count_elements(zf: zipfile.ZipFile, limit: int) -> None:
    """Refuse a .docx whose Word parts hold more elements than `limit` (a "run bomb": millions of empty runs in a
    few KB), counted as the XML streams by, before python-docx builds a tree of them."""
    seen = 0
    for info in zf.infolist():
        if not (info.filename.startswith("word/") and info.filename.endswith(".xml")):
            continue
        counter = _Counter(limit, seen)
        parser = etree.XMLParser(target=counter, resolve_entities=False, no_network=True, huge_tree=True)
        try:
            with zf.open(info) as part:
                while chunk := part.read(1 << 16):
                    parser.feed(chunk)
            parser.close()
        except etree.XMLSyntaxError:
            pass  # a damaged part: python-docx says so next
        seen = counter.seen


def _body(d, b: Builder) -> str | None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.table import Table

    # Style names read once: python-docx's `paragraph.style` scans every style per call (5 ms a paragraph).
    names = {s.style_id: (s.name or "").lower() for s in d.styles}
    style = d.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    default = (style.name or "").lower() if style is not None else "normal"
    title, heading, buf = None, "", []
    for block in d.iter_inner_content():  # paragraphs and tables, in document order
        if isinstance(block, Table):
            buf.append(_table(block))
            continue
        style = names.get(block._p.style, default) if block._p.style else default
        line = clean_text(block.text).strip()
        if style == "title" and title is None and line:
            title = one_line(line)
        elif style.startswith("heading") and line:
            b.add(heading, "\n\n".join(buf))
            heading, buf = one_line(line), []
        elif line:
            buf.append(line)
    b.add(heading, "\n\n".join(buf))
    return title


def _headers_footers(d, b: Builder) -> None:
    seen: list[str] = []
    for section in d.sections:
        for part in (section.header, section.first_page_header, section.even_page_header,
                     section.footer, section.first_page_footer, section.even_page_footer):
            if part.is_linked_to_previous:  # the same text as the section before: read once
                continue
            text = "\n".join(t for t in (clean_text(p.text).strip() for p in part.paragraphs) if t)
            if text and text not in seen:
                seen.append(text)
    b.add("Headers and footers", "\n\n".join(seen))


def _part_paragraphs(d, reltype: str) -> list[str]:
    out = []
    for rel in d.part.rels.values():
        if not rel.is_external and rel.reltype.endswith(reltype):
            root = etree.fromstring(rel.target_part.blob)
            for p in root.iter(f"{_W}p"):
                text = clean_text("".join(t.text or "" for t in p.iter(f"{_W}t"))).strip()
                if text:
                    out.append(text)
    return out


def _table(table) -> str:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(clean_text(cell.text).split())
            if not cells or cells[-1] != text:  # a merged cell is reported once per grid column it spans
                cells.append(text)
        rows.append(" | ".join(cells))
    return "\n".join(rows)
