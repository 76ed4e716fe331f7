"""Stars, tags and notes on documents and passages (the control on hits and document pages, the tags page and its
export), and saved searches (the saved page; a search is saved from its results)."""
from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from indexer import AnnotationError, Marks, SearchRequest, fold, marks_csv

from .. import params
from ..context import check_csrf, sleuth

bp = Blueprint("marks", __name__)
_ACTIONS = ("star", "unstar", "tag", "untag", "note")


@bp.app_template_global()
def marks_of(doc_id: str, ordinal: int | None = None) -> Marks:
    """What is kept on a document (or one of its passages), for the summary shown beside it. An unreadable store
    shows nothing here (searches and documents stay usable); the control itself names the problem."""
    passage = "" if ordinal is None else str(ordinal)
    try:
        return sleuth().marks(doc_id, passage)
    except AnnotationError:
        return Marks(doc_id, passage)


@bp.app_template_global()
def passage_marks(doc_id: str) -> dict:
    """A document's marked passages by ordinal (one look-up for the whole document page)."""
    try:
        return {int(m.passage): m for m in sleuth().all_marks(doc_id) if m.passage}
    except AnnotationError:
        return {}


@bp.app_template_global()
def unmarked(doc_id: str, ordinal: int) -> Marks:
    """A passage with nothing kept on it (no look-up)."""
    return Marks(doc_id, str(ordinal))


@bp.app_template_global()
def search_url(request_: SearchRequest) -> str:
    """The search page's URL of a request (a saved search's)."""
    args = [("q", request_.query)] if request_.query else []
    args += [(f, v) for f, vals in request_.filters.items() for v in vals]
    args += [("not_" + f, v) for f, vals in request_.exclude.items() for v in vals]
    args += [(k, v) for k, v in (("from", request_.date_from), ("to", request_.date_to)) if v]
    return url_for("search.search") + ("?" + urlencode(args) if args else "")


def _local(url: str) -> str | None:
    """A page of this site to go back to (never another site's)."""
    return url if url.startswith("/") and not url.startswith(("//", "/\\")) else None


def _target() -> tuple[str, str]:
    try:
        return sleuth().target(request.values.get("target", ""))
    except AnnotationError as exc:
        abort(404, description=str(exc))


@bp.get("/marks")
def show():
    """The control for one target: the partial for htmx, a page of its own otherwise."""
    doc_id, passage = _target()
    info = sleuth().info(doc_id)
    marks = sleuth().marks(doc_id, passage)
    back = _local(request.args.get("next", "")) or url_for("documents.document", doc_id=doc_id)
    template = "_marks.html" if request.headers.get("HX-Request") else "marks.html"
    return render_template(template, marks=marks, title=info.title if info else doc_id, back=back)


@bp.post("/marks")
def change():
    """Star, unstar, tag, untag or write the note of a target."""
    check_csrf()
    action = request.form.get("action", "")
    if action not in _ACTIONS:
        abort(400, description=f"Unknown action “{action}”; use one of {', '.join(_ACTIONS)}.")
    doc_id, passage = _target()
    target = request.form.get("target", "")
    error = None
    try:
        if action in ("star", "unstar"):
            sleuth().star(target, on=action == "star")
        elif action in ("tag", "untag"):
            sleuth().tag(target, [request.form.get("tag", "")], remove=action == "untag")
        else:
            sleuth().note(target, request.form.get("note", ""))
    except AnnotationError as exc:
        error = str(exc)
    marks = sleuth().marks(doc_id, passage)
    back = _local(request.form.get("next", ""))
    if request.headers.get("HX-Request"):
        return render_template("_marks.html", marks=marks, error=error, back=back)
    if error:
        abort(400, description=error)
    return redirect(back or url_for("marks.show", target=target), code=303)


@bp.get("/tags")
def tags():
    """Every tag with its documents and passages, then the starred ones and the notes."""
    engine = sleuth()
    marks = engine.all_marks()
    titles = {m.doc_id: info.title if (info := engine.info(m.doc_id)) else None for m in marks}
    by_tag = {tag: [m for m in marks if fold(tag) in {fold(t) for t in m.tags}] for tag, _ in engine.tags()}
    return render_template("tags.html", by_tag=by_tag, starred=[m for m in marks if m.starred],
                           notes=[m for m in marks if m.note], titles=titles)


@bp.get("/tags/export.<fmt>")
def export(fmt: str):
    """Every star, tag and note as a download: CSV (with a BOM, for spreadsheets) or JSON."""
    rows = sleuth().export_marks()
    if fmt == "csv":
        body, mimetype = "\ufeff" + marks_csv(rows), "text/csv; charset=utf-8"
    elif fmt == "json":
        body, mimetype = json.dumps(rows, ensure_ascii=False, indent=2), "application/json"
    else:
        abort(404, description="Export as CSV (/tags/export.csv) or JSON (/tags/export.json).")
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="sleuth-marks.{fmt}"'})


@bp.get("/saved")
def saved():
    """The saved searches, with their passages now and those new since each was last opened."""
    found = sleuth().saved_searches()
    return render_template("saved.html", saved=found, requests={s.name: SearchRequest.matching(s.search)
                                                                for s in found})


@bp.post("/saved")
def save():
    """Save the search whose URL parameters are sent as `search`."""
    check_csrf()
    found = params.from_request(MultiDict(parse_qsl(request.form.get("search", ""))))
    try:
        sleuth().save_search(request.form.get("name", ""), found)
    except AnnotationError as exc:
        abort(400, description=str(exc))
    return redirect(url_for("marks.saved"), code=303)


@bp.post("/saved/open")
def open_saved():
    """Open a saved search (it counts as seen from now on)."""
    check_csrf()
    try:
        found = sleuth().open_saved(request.form.get("name", ""))
    except AnnotationError as exc:
        abort(404, description=str(exc))
    return redirect(search_url(found), code=303)


@bp.post("/saved/delete")
def delete_saved():
    """Delete a saved search."""
    check_csrf()
    sleuth().forget_saved(request.form.get("name", ""))
    return redirect(url_for("marks.saved"), code=303)
