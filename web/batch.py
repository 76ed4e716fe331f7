"""Batch search: check a list of names or queries against the collection at once, exportable as CSV."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from indexer import batch as batches

from . import check_csrf, params, sleuth

bp = Blueprint("batch", __name__)


@bp.route("/batch", methods=["GET", "POST"])
def batch():
    """The form (GET), and the table or CSV of what each line found (POST)."""
    if request.method == "GET":
        return render_template("batch.html", text="", found=None, limit=batches.MAX_LINES)
    check_csrf()
    text = request.form.get("lines", "")
    lines = batches.queries(text)
    if not lines:
        abort(400, description="Type at least one name or query, one a line.")
    if len(lines) > batches.MAX_LINES:
        abort(400, description=f"A batch holds at most {batches.MAX_LINES} lines; this one has {len(lines)}. "
                               "Split it, or use `sleuth search --batch FILE`.")
    found = batches.run(sleuth(), lines)
    if request.form.get("format") == "csv":
        return Response(batches.to_csv(found), mimetype="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="sleuth-batch.csv"'})
    return render_template("batch.html", text=text, found=found, limit=batches.MAX_LINES, doc_url=params.doc_url)
