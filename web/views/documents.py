"""The document page: full text by sections, hits and entity mentions marked (mentions link to their entity page),
a permalink on every passage, the search it came from one click away, and the documents before and after it."""
from __future__ import annotations

import html
import re
from urllib.parse import urlencode

from flask import Blueprint, abort, render_template, request, url_for
from markupsafe import Markup

from indexer import ENTITY_FACETS

from .. import params

from ..context import sleuth

bp = Blueprint("documents", __name__)
_SPAN = re.compile(r'<span class="ent ent-(\w+)" data-facet="\w+" data-name="([^"]*)" title="([^"]*)">(.*?)</span>',
                   re.S)
_MARK_OPEN = '<mark class="hit">'
_MARK = re.compile(r'<mark class="hit">(.*?)</mark>', re.S)
_TAG = re.compile(r"<[^>]+>")
_FIELD_COLON = re.compile(r"<[^>]+>|: ")


def doc_link(doc_id: str, ordinal: int | None = None, args: list[tuple[str, str]] | None = None) -> str:
    """A document page link carrying `args` (the search, or the entity to mark), opened at a passage."""
    args = list(args or [])
    if ordinal is not None and sleuth().page_of(ordinal) > 1:
        args = [(k, v) for k, v in args if k != "doc_page"] + [("doc_page", str(sleuth().page_of(ordinal)))]
    query = urlencode(args)
    url = url_for("documents.document", doc_id=doc_id) + ("?" + query if query else "")
    return url + (f"#p-{ordinal}" if ordinal is not None else "")


@bp.get("/doc/<path:doc_id>")
def document(doc_id: str):
    """Show one document, with the query's hits (or one entity's mentions) marked."""
    q = request.args.get("q", "").strip()
    focus = _focus(request.args.get("mark", ""))
    # `doc_page`: the document's own pages (`page` is the search's, carried back to the results).
    view = sleuth().document(doc_id, q, request.args.get("doc_page", 1, type=int) or 1)
    if view is None:
        abort(404, description=f"No document “{doc_id}” is indexed.")
    sections: list[tuple[str, list]] = []
    hits = box_hits = 0
    box: list[tuple[Markup, Markup]] = []  # the Infobox's fields with their marks, when its passage is on this page
    for passage in view.passages:
        passage.html, n = group_hits(link_entities(passage.html, focus) if focus else passage.html)
        if not focus:
            passage.html = link_entities(passage.html)
        hits += n
        # The Infobox passage is shown as the table of its fields, marked like any other passage.
        if view.metadata and passage.section == "Infobox":
            box_hits += n
            box += infobox_rows(passage.html)
        if not sections or sections[-1][0] != passage.section:
            sections.append((passage.section, []))
        sections[-1][1].append(passage)
    if len(box) != len(view.metadata):  # fields the passage does not give line by line: shown plain, hits apart
        box, hits = [], hits - box_hits
    facets_used = sorted({m.facet for p in view.passages for m in p.mentions})
    search_args = [(k, v) for k, v in request.args.items(multi=True) if k not in ("mark", "doc_page")]
    before, after = sleuth().neighbours(doc_id)
    return render_template("document.html", doc=view, sections=sections, q=q, hits=hits, box_hits=box_hits,
                           box=box,
                           facets_used=facets_used, focus=focus, before=before, after=after,
                           back=url_for("search.search") + ("?" + urlencode(search_args) if search_args else ""),
                           carry=[(k, v) for k, v in request.args.items(multi=True) if k != "doc_page"],
                           per_page=sleuth().settings.doc_passages_per_page,
                           shows_original=sleuth().shows_original(doc_id))


def _focus(mark: str) -> tuple[str, str] | None:
    """The entity named by `mark=facet:name`, if any."""
    facet, _, name = mark.partition(":")
    return (facet, name) if facet in ENTITY_FACETS and name else None


def link_entities(markup: str, focus: tuple[str, str] | None = None) -> str:
    """Entity mentions as links to their entity page; the `focus` entity's mentions marked as the hits."""
    out: list[str] = []
    pos = 0
    matches = list(_SPAN.finditer(markup))
    i = 0
    while i < len(matches):
        m = matches[i]
        facet, name, title, inner = m.group(1), m.group(2), m.group(3), m.group(4)
        # A mention cut into pieces by hit marks is one link, not several.
        while i + 1 < len(matches) and matches[i + 1].start() == matches[i].end() and \
                matches[i + 1].group(1, 2) == (facet, name):
            i += 1
            inner += matches[i].group(4)
        out.append(markup[pos:m.start()])
        href = html.escape(params.entity_url(facet, html.unescape(name)), quote=True)
        if focus and (facet, html.unescape(name)) == focus:
            inner = _MARK_OPEN + _TAG.sub("", inner) + "</mark>"
        out.append(f'<a class="ent ent-{facet}" href="{href}" title="{title}">{inner}</a>')
        pos = matches[i].end()
        i += 1
    out.append(markup[pos:])
    return "".join(out)


def group_hits(markup: str) -> tuple[str, int]:
    """Marks separated only by spaces are one hit (the words of "ice axe" are one phrase hit, not two): every mark
    after the first of a run gets the class `cont`. Returns the markup and the number of hits."""
    groups: list[list[re.Match]] = []
    for m in _MARK.finditer(markup):
        if groups and not _TAG.sub("", markup[groups[-1][-1].end():m.start()]).strip():
            groups[-1].append(m)
        else:
            groups.append([m])
    out, pos, hits = [], 0, 0
    for group in groups:
        hits += 1
        for i, m in enumerate(group):
            out.append(markup[pos:m.start()])
            out.append(f'<mark class="hit{" cont" if i else ""}">{m.group(1)}</mark>')
            pos = m.end()
    out.append(markup[pos:])
    return "".join(out), hits


def infobox_rows(markup: str) -> list[tuple[Markup, Markup]]:
    """An Infobox passage's marked-up `Key: value` lines as (key, value) markup; the colon is the first one outside
    a tag (an entity link's title holds one too). The passage's markup is escaped text with our own tags: each half
    is kept only when every tag opened in it is closed in it, else the line is left out."""
    rows = []
    for line in markup.split("\n"):
        for m in _FIELD_COLON.finditer(line):
            if m.group(0) == ": ":
                key, value = line[:m.start()], line[m.end():]
                if all(part.count(f"<{t}") == part.count(f"</{t}>") for part in (key, value) for t in ("a", "mark")):
                    rows.append((Markup(key), Markup(value)))  # noqa: S704 - escaped by markup(), cut between tags
                break
    return rows


def report_row(d) -> tuple[str, int | str]:
    """An upload report row's file name and passage count (an unchanged file's are looked up: it was not re-read)."""
    name = d.name.split(" [", 1)[0]
    name = name[len("upload/"):] if name.startswith("upload/") else name
    if d.status == "failed":
        return name, ""
    if d.status == "unchanged" and d.doc_id and not d.passages:
        view = sleuth().document(d.doc_id)
        return name, len(view.passages) if view else ""
    return name, d.passages


@bp.app_context_processor
def _helpers() -> dict:
    return {"doc_link": doc_link, "report_row": report_row}
