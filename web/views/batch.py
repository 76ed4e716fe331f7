"""Batch search: check a list of names or queries against the collection at once, exportable as CSV."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from indexer import MAX_BATCH_LINES, batch_csv, batch_lines

from .. import params

from ..context import check_csrf, sleuth

bp = Blueprint("batch", __name__)


@bp.route("/batch", methods=["GET", "POST"])
def batch():
    """The form (GET), and the table or CSV of what each line found (POST)."""
    if request.method == "GET":
        return render_template("batch.html", text="", found=None, limit=MAX_BATCH_LINES)
    check_csrf()
    text = request.form.get("lines", "")
    lines = batch_lines(text)
    if not lines:
        abort(400, description="Type at least one name or query, one a line.")
    if len(lines) > MAX_BATCH_LINES:
        abort(400, description=f"A batch holds at most {MAX_BATCH_LINES} lines; this one has {len(lines)}. "
                               "Split it, or use `sleuth search --batch FILE`.")
    found = sleuth().search_batch(lines)
    if request.form.get("format") == "csv":
        return Response(batch_csv(found), mimetype="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="sleuth-batch.csv"'})
    return render_template("batch.html", text=text, found=found, limit=MAX_BATCH_LINES, doc_url=params.doc_url)
