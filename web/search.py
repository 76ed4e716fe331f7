"""The search page: passages with highlights, facets, a date range and a timeline."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from . import params, sleuth
from .timeline import timeline

bp = Blueprint("search", __name__)


@bp.get("/")
@bp.get("/search")
def search():
    """Search, or browse everything when there is no query."""
    p = params.from_request()
    result = sleuth().search(**p.kwargs())
    context = dict(p=p, result=result, timeline=timeline(result.facets.get("year", [])), doc_url=params.doc_url,
                   page_window=_window(result.page, result.pages), grouped=None, pages=result.pages)
    if request.args.get("group_by") == "document":
        # Hits grouped by document: pages count documents, not passages.
        context["grouped"] = sleuth().group_by_document(result, p.page, p.per_page)
        context["pages"] = max(1, -(-result.documents // p.per_page))
        context["page_window"] = _window(p.page, context["pages"])
    # htmx swaps only the results region; the full page is served to everything else.
    template = "_results.html" if request.headers.get("HX-Request") and request.headers.get(
        "HX-Target") == "results" else "search.html"
    return render_template(template, **context)


def _window(page: int, pages: int, width: int = 3) -> list[int]:
    """Page numbers around the current one (first and last always shown)."""
    shown = {1, pages, *range(max(1, page - width), min(pages, page + width) + 1)}
    return sorted(shown)
