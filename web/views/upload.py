"""Uploading documents from the browser: several files at once, a result per file."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from ..context import check_csrf, sleuth

bp = Blueprint("upload", __name__)


def received_files() -> list[tuple[str, bytes]]:
    """(filename, content) of every file in the request's `file` fields."""
    return [(f.filename or "unnamed", f.read()) for f in request.files.getlist("file") if f and f.filename]


def client_gone():
    """Waitress's check whether the request's client has disconnected (an OCR upload is then stopped), or None."""
    return request.environ.get("waitress.client_disconnected")


@bp.route("/upload", methods=["GET", "POST"])
def upload():
    """The upload form, and indexing what it sends."""
    if request.method == "GET":
        return render_template("upload.html", report=None)
    check_csrf()
    files = received_files()
    if not files:
        abort(400, description="Choose at least one file to upload.")
    report = sleuth().index_uploads(files, cancelled=client_gone())
    template = "_upload_report.html" if request.headers.get("HX-Request") else "upload.html"
    return render_template(template, report=report)
