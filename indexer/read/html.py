"""HTML: the main text by trafilatura's structured (XML) output, so headings, lists, tables and code keep roles."""
from __future__ import annotations

import html as html_lib
import re

import lxml.html
from lxml import etree

from . import headings
from .document import Builder, Document
from .markdown import heading_text
from .text import clean_text, is_cruft, one_line
from ..errors import ReadError

# The precise extraction drops whole paragraphs of some pages (libxslt's contributors list lost 3 of 6); when it
# keeps less than this share of the page's words, the recall-oriented extraction is taken instead.
MIN_KEPT_SHARE = 0.5
MAX_DEPTH = 200
_INVISIBLE = re.compile(r"<(script|style|template|head)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_PERMALINKS = {"#", "¶", "§", "🔗"}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")  # lxml refuses one in text already decoded
# " | Node.js v20 Documentation", " - Wikipedia": the site's part of a <title>.
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·•]{1,2}\s+")
_OPTIONS = dict(output_format="xml", include_comments=False, include_tables=True, include_images=False,
                include_links=False, include_formatting=True, with_metadata=False)
# Inside an h1: copy buttons ("Copy item path" on Rust pages) and permalink anchors (Sphinx's ¶).
_NOT_TITLE = ".//button | .//*[contains(@class, 'headerlink') or contains(@class, 'anchor')]"


def read_html(html: str, stem: str) -> Document:
    """Sections from the page's headings; the title from its h1, else its <title>; the page's metadata kept."""
    import trafilatura

    tree = _parse(html)
    h1, page_title, subheadings = _titles(tree)
    found = trafilatura.extract_metadata(tree)
    info = found.as_dict() if found is not None else {}
    meta = {k: one_line(str(info[k])) for k in ("author", "sitename", "description") if info.get(k)}
    title = _title(h1, page_title, one_line(str(info.get("sitename") or "")), subheadings) \
        or one_line(str(info.get("title") or "")) or stem
    if page_title and page_title != title:
        meta["page title"] = page_title  # a site-wide <title> often holds the only publication date
    # trafilatura's justext fallback is quadratic in nesting: 2,048 levels took 9 s a pass. Real pages nest a few
    # dozen levels; a page past MAX_DEPTH keeps its text, without the extraction.
    main = None
    if _depth(tree) <= MAX_DEPTH:
        page_headings = headings.page_headings(tree)  # before trafilatura prunes the tree
        main = _extract(trafilatura, tree)
        if main is not None:
            headings.unwrap_divs(main)
            headings.restore(page_headings, main)
    b = Builder()
    if main is not None:
        _sections(main, b, title)
    if not b.sections and main is not None:  # trafilatura finds no "article" in some tiny pages: all their text
        b.add("", clean_text(trafilatura.html2txt(tree) or ""))
    if not b.sections:  # too deep, or past the 2,048 levels libxml2 reads even with huge_tree: tags stripped
        text = clean_text(html_lib.unescape(_TAG.sub(" ", _INVISIBLE.sub(" ", html))))
        b.add("", "\n".join(" ".join(line.split()) for line in text.split("\n")))
    if not b.sections:
        raise ReadError("no text found in this HTML page")
    return b.build(title, "html", meta, url=info.get("url"), date=info.get("date"))


def _parse(html: str):
    """The page as an lxml tree, without the "#" and "¶" links sites put beside headings (Node.js, Sphinx)."""
    try:
        # huge_tree: libxml2 otherwise stops at 256 levels of nesting and the page reads as empty.
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html),
                                             parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        raise ReadError("no text found in this HTML page") from None
    for anchor in tree.xpath("//a[string-length(normalize-space()) <= 2]"):
        if anchor.text_content().strip() in _PERMALINKS:
            anchor.drop_tree()
    return tree


def _depth(tree) -> int:
    """How deep the page's elements nest."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _titles(tree) -> tuple[str, str, set[str]]:
    """The first h1's text (without permalink glyphs and copy buttons), the <title>'s, and the other headings'."""
    h1s = tree.xpath("//h1")
    h1 = ""
    if h1s:
        first = h1s[0]
        for junk in first.xpath(_NOT_TITLE):
            junk.drop_tree()
        h1 = heading_text(first.text_content())
    titles = tree.xpath("//title")
    subheadings = {heading_text(h.text_content()).casefold() for h in tree.xpath("//h2 | //h3")}
    return h1, heading_text(titles[0].text_content()) if titles else "", subheadings


def _title(h1: str, page_title: str, sitename: str, subheadings: set[str]) -> str:
    """The page's h1, unless it is the site's banner (Node.js: "Node.js v20 documentation"), else the <title>."""
    parts = _TITLE_SEPARATOR.split(page_title)
    site = {p.casefold() for p in parts[1:]} | {sitename.casefold()}
    # A <title> that is also a heading lower down names this page; the h1 above it is the site's banner.
    if h1 and h1.casefold() not in site and parts[0].casefold() not in subheadings:
        return h1
    if h1 and len(parts) > 1:  # "Punycode | Node.js v20 Documentation": the page's own part
        return parts[0]
    return page_title or h1


def _extract(trafilatura, tree):
    """trafilatura's <main> element: the precise extraction, or the fuller one when precision lost too much."""
    total = len((trafilatura.html2txt(tree) or "").split())
    best, words = None, 0
    for mode in ({"favor_precision": True}, {"favor_recall": True}):
        xml = trafilatura.extract(tree, **_OPTIONS, **mode)
        if not xml:
            continue
        main = etree.fromstring(xml.encode()).find("main")
        n = len(" ".join(main.itertext()).split()) if main is not None else 0
        if n > words:
            best, words = main, n
        if words >= total * MIN_KEPT_SHARE:
            break
    return best


def _sections(main, b: Builder, title: str) -> None:
    for lb in main.iter("lb"):
        lb.tail = "\n" + (lb.tail or "")
    heading, buf = "", []
    for el in main:
        if el.tag == "head":
            name = heading_text("".join(el.itertext()))
            b.add(heading, "\n\n".join(buf))
            buf = []
            heading = "" if (name == title and not b.sections) else name  # the title is not repeated
        elif el.tag == "table":
            buf.append("\n".join(" | ".join(" ".join("".join(c.itertext()).split()) for c in row.iter("cell"))
                                 for row in el.iter("row")))
        elif el.tag == "list":
            buf.append("\n".join(_text(item) for item in el.findall("item")))
        elif el.tag == "code":
            buf.append("".join(el.itertext()).strip("\n"))
        else:
            text = _text(el)
            if not is_cruft(text):
                buf.append(text)
    b.add(heading, "\n\n".join(x for x in buf if x.strip()))


def _text(el) -> str:
    # trafilatura puts a space around each line break (<lb/>) of a paragraph: lines are trimmed.
    return "\n".join(line.strip() for line in clean_text("".join(el.itertext())).split("\n")).strip()
