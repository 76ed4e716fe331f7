"""Friendly error pages (JSON under /api/), never a traceback."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from indexer import ClusterUnavailable, IndexBusy, SleuthError

TITLES = {400: "Bad request", 401: "Log in", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
          413: "Too large", 415: "Unsupported file type", 429: "Too many attempts", 500: "Something went wrong",
          503: "Busy"}


def _render(status: int, message: str):
    if request.path.startswith("/api/"):
        return jsonify(error=message), status
    return render_template("error.html", status=status, title=TITLES.get(status, "Error"), message=message), status


def _too_large(app: Flask) -> str:
    limit = app.config["MAX_CONTENT_LENGTH"]
    if request.content_length is not None and request.content_length <= limit:
        # Within the size limit: werkzeug refused the number of parts, not the bytes.
        return (f"The upload has too many parts (more than {app.config['MAX_FORM_PARTS']} files and fields). "
                "Send the files in several smaller batches.")
    return f"The upload is larger than the {limit // (1024 * 1024)} MB limit. Send fewer or smaller files."


def register(app: Flask) -> None:
    """Install the error handlers."""

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        message = exc.description or TITLES.get(exc.code or 500, "Error")
        if exc.code == 413:
            message = _too_large(app)
        return _render(exc.code or 500, message)

    @app.errorhandler(IndexBusy)
    def _busy(exc: IndexBusy):
        return _render(503, "Another indexing job is running; try again in a minute.")

    @app.errorhandler(ClusterUnavailable)
    def _cluster(exc: ClusterUnavailable):
        return _render(503, str(exc))

    @app.errorhandler(SleuthError)
    def _sleuth(exc: SleuthError):
        return _render(500, str(exc))

    @app.errorhandler(InternalServerError)
    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        app.logger.exception("Unhandled error on %s", request.path)
        return _render(500, "An unexpected error occurred. It has been logged; please try again.")
