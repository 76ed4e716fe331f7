"""Entity corrections from the browser: merge, rename, change type or hide an entity; list and undo them."""
from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from indexer import SleuthError

from ..context import check_csrf, notice, sleuth

bp = Blueprint("corrections", __name__)


@bp.get("/corrections")
def index():
    """Every correction in force, newest first, each with an undo button."""
    items = list(reversed(sleuth().corrections.load().items))
    return render_template("corrections.html", items=items)


@bp.post("/corrections")
def add():
    """Record a correction; the affected documents' facets are rewritten in the background."""
    check_csrf()
    f = request.form
    try:
        made = sleuth().correct(f.get("action", ""), f.get("facet", ""), f.get("name", ""), f.get("into", ""),
                                f.get("into_type", ""), wait=False)
    except SleuthError as exc:
        notice(str(exc), "error")  # messages live in the session, never in the URL
        return redirect(url_for("corrections.index"), code=303)
    notice(f"Done: {made.describe()}. Facets are updated in the background within a few seconds.")
    return redirect(url_for("corrections.index"), code=303)


@bp.post("/corrections/undo")
def undo():
    """Take a correction back."""
    check_csrf()
    gone = sleuth().undo_correction(request.form.get("id", ""), wait=False)
    if gone is None:
        notice("That correction was already undone.", "error")
    else:
        notice(f"Undone: {gone.describe()}.")
    return redirect(url_for("corrections.index"), code=303)
