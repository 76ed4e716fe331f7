"""The original view: a PDF page or a scan as it is, the search's hits outlined on it, page by page, with the
original file to download; and the page image itself (PNG, bounded by SLEUTH_PAGE_IMAGE_SIDE). `at` is the page
(`page` is the search's, carried back to the results)."""
from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, Response, abort, render_template, request, url_for

from ..context import sleuth

bp = Blueprint("original", __name__)
NOT_SHOWN = "No PDF or scanned image “{}” is indexed: only those can be shown as they are; its text is on its page."


@bp.get("/original/<path:doc_id>")
def page(doc_id: str):
    """One page of the original, with the query's hits outlined."""
    q = request.args.get("q", "").strip()
    view = sleuth().original_page(doc_id, request.args.get("at", 1, type=int) or 1, q)
    if view is None:
        abort(404, description=NOT_SHOWN.format(doc_id))
    carry = [(k, v) for k, v in request.args.items(multi=True) if k not in ("at", "zoom")]
    zoom = request.args.get("zoom") == "1"  # the image at its own size, scrolled, instead of fitted to the screen
    return render_template("original.html", view=view, q=q, carry=carry + [("zoom", "1")] * zoom, zoom=zoom,
                           unzoomed=carry)


@bp.get("/original-image/<path:doc_id>")
def image(doc_id: str):
    """The page image (rendered from the PDF, or the scan itself), as PNG."""
    data = sleuth().original_png(doc_id, request.args.get("at", 1, type=int) or 1)
    if data is None:
        abort(404, description=NOT_SHOWN.format(doc_id))
    return Response(data, mimetype="image/png")


def original_link(doc_id: str, page: int, args: list[tuple[str, str]] | None = None) -> str:
    """A link to page `page` of a document's original, carrying `args` (the search)."""
    args = [(k, v) for k, v in args or [] if k not in ("at", "doc_page", "mark")] + [("at", str(page))]
    return url_for("original.page", doc_id=doc_id) + "?" + urlencode(args)


@bp.app_context_processor
def _helpers() -> dict:
    return {"original_link": original_link, "shows_original": lambda doc_id: sleuth().shows_original(doc_id)}
