"""The documents page: every document with its origin and size; open, download, re-index or delete it."""
from __future__ import annotations

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from indexer import fold

from ..context import check_csrf, notice, sleuth
from .search import page_window

bp = Blueprint("library", __name__)

SORTS = {"title": lambda d: fold(d.title), "id": lambda d: d.doc_id, "format": lambda d: (d.fmt, fold(d.title)),
         "passages": lambda d: d.passages, "added": lambda d: d.added}
PER_PAGE = 100


@bp.get("/documents")
def index():
    """The list, filtered by title words and format, sorted by any column."""
    docs = sleuth().documents()
    formats = sorted({d.fmt for d in docs})
    title = request.args.get("title", "").strip()
    fmt = request.args.get("format", "")
    sort = request.args.get("sort", "title") if request.args.get("sort") in SORTS else "title"
    desc = request.args.get("order") == "desc"
    shown = [d for d in docs if (not fmt or d.fmt == fmt) and (not title or fold(title) in fold(d.title + " " + d.name))]
    shown.sort(key=SORTS[sort], reverse=desc)
    try:
        page = max(1, int(request.args.get("page", 1)))
    except ValueError:
        page = 1
    pages = max(1, -(-len(shown) // PER_PAGE))
    page = min(page, pages)
    def page_url(n: int) -> str:
        return url_for("library.index", title=title or None, format=fmt or None, sort=sort,
                       order="desc" if desc else None, page=n)

    return render_template("library.html", docs=shown[(page - 1) * PER_PAGE: page * PER_PAGE], total=len(docs),
                           matching=len(shown), formats=formats, title=title, fmt=fmt, sort=sort, desc=desc,
                           page=page, pages=pages, page_window=page_window(page, pages), page_url=page_url)


@bp.get("/documents/original")
def original():
    """Download a document's original source, as it was indexed."""
    found = sleuth().original(request.args.get("id", ""))
    if found is None:
        abort(404, description="No such document is indexed.")
    name, data = found
    # Served as a download, never rendered: an uploaded HTML file must not run in this site's origin.
    return Response(data, mimetype="application/octet-stream",
                    headers={"Content-Disposition": _attachment(name), "Cache-Control": "no-store"})


@bp.route("/documents/delete", methods=["GET", "POST"])
def delete():
    """Ask to confirm, then delete a document (its passages leave the index)."""
    doc_id = request.values.get("id", "")
    info = sleuth().info(doc_id)
    if info is None:
        abort(404, description="No such document is indexed.")
    if request.method == "GET":
        return render_template("library_delete.html", doc=info)
    check_csrf()
    sleuth().remove(doc_id)
    notice(f"Deleted “{info.title}” ({doc_id}).")  # kept in the session: no message text ever comes from the URL
    return redirect(url_for("library.index"), code=303)


@bp.post("/documents/reindex")
def reindex():
    """Index a document again from its stored source."""
    check_csrf()
    doc_id = request.form.get("id", "")
    report = sleuth().reindex(doc_id)
    if report is None:
        abort(404, description="No such document is indexed.")
    failed = report.failed
    if failed:
        notice(f"Could not re-index {doc_id}: {failed[0].reason}", "error")
    else:
        notice(f"Re-indexed {doc_id}: {report.passages} passage{'' if report.passages == 1 else 's'}.")
    return redirect(url_for("library.index"), code=303)


def _attachment(name: str) -> str:
    from urllib.parse import quote

    ascii_name = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in name) or "document"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
