"""The document page: full text by sections, hits and entity mentions marked, a permalink on every passage."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from . import sleuth

bp = Blueprint("documents", __name__)


@bp.get("/doc/<path:doc_id>")
def document(doc_id: str):
    """Show one document, with the query's hits highlighted."""
    q = request.args.get("q", "").strip()
    view = sleuth().document(doc_id, q)
    if view is None:
        abort(404, description=f"No document “{doc_id}” is indexed.")
    sections: list[tuple[str, list]] = []
    for passage in view.passages:
        if not sections or sections[-1][0] != passage.section:
            sections.append((passage.section, []))
        sections[-1][1].append(passage)
    facets_used = sorted({m.facet for p in view.passages for m in p.mentions})
    # The Infobox passage is shown as a table of fields, without marks: its hits are counted apart, so that
    # "n hits" matches the marks that Previous/Next step through.
    boxed = [p for p in view.passages if view.metadata and p.section == "Infobox"]
    box_hits = sum(p.hit_count for p in boxed)
    hits = sum(p.hit_count for p in view.passages) - box_hits
    return render_template("document.html", doc=view, sections=sections, q=q, hits=hits, box_hits=box_hits,
                           facets_used=facets_used)
