"""The JSON API: search (and CSV export), documents (upload, get, delete) and entities."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, g, Response, abort, jsonify, request

from indexer import ENTITY_FACETS, csv_cell, type_refusal

from .. import params

from ..context import sleuth
from .upload import received_files

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    """The engine's `--json` shape; `format=csv` exports the page of results."""
    p = params.from_request()
    result = sleuth().search(p)
    g.refused = result.refused
    if request.args.get("format") == "csv":
        return _csv(result)
    return jsonify(result.to_json())


def _csv(result) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["doc_id", "title", "passage_id", "section", "score", "text", "dates", *ENTITY_FACETS])
    for h in result.hits:
        writer.writerow([csv_cell(v) for v in (h.doc_id, h.title, h.passage_id, h.section, h.score, h.text,
                                            "; ".join(h.dates), *("; ".join(h.entities.get(f, [])) for f in ENTITY_FACETS))])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="sleuth-results.csv"'})


@bp.post("/documents")
def add_documents():
    """Upload one or more files (multipart field `file`) → 201 with the new documents."""
    files = received_files()
    if not files:
        abort(400, description="Send one or more files in the multipart field 'file'.")
    # Any file whose bytes are text is read, whatever its extension (.json, .rst, none): the readers decide.
    refused = [(name, type_refusal(name, data)) for name, data in files]
    if all(reason for _, reason in refused):
        abort(415, description="; ".join(f"{name}: {reason}" for name, reason in refused[:3]) + ".")
    if all(not data for _, data in files):
        abort(400, description="Every file sent is empty.")
    report = sleuth().index_uploads(files)
    # Searchable by their words now; entities, dates and facets follow in the background (`entities_pending`).
    docs = [{"doc_id": d.doc_id, "title": d.title, "passages": d.passages, "status": d.status,
             "entities_pending": sleuth().entities_pending(d.doc_id)} for d in report.documents if d.status != "failed"]
    failed = [{"name": d.name, "reason": d.reason} for d in report.failed]
    if not docs:
        return jsonify(error="No file could be indexed.", failed=failed), 400
    return jsonify(documents=docs, failed=failed), 201


@bp.get("/documents/<path:doc_id>")
def get_document(doc_id: str):
    """One document with its passages."""
    view = sleuth().document(doc_id, request.args.get("q", ""))
    if view is None:
        abort(404, description=f"No document {doc_id!r}.")
    return jsonify(view.to_json())


@bp.delete("/documents/<path:doc_id>")
def delete_document(doc_id: str):
    """Remove one document."""
    if not sleuth().remove(doc_id):
        abort(404, description=f"No document {doc_id!r}.")
    return "", 204


@bp.get("/entities")
def entities():
    """All entities (of one type with `type=`), with passage counts."""
    kind = request.args.get("type") or None
    if kind is not None and kind not in ENTITY_FACETS and kind != "year":
        abort(400, description=f"Unknown type {kind!r}; use one of {', '.join(ENTITY_FACETS)}, year.")
    groups = sleuth().entities(kind)
    return jsonify({f: [{"value": v.value, "count": v.count} for v in vals] for f, vals in groups.items()})


@bp.get("/entities/<facet>/<path:name>")
def entity(facet: str, name: str):
    """One entity's page as JSON."""
    view = sleuth().entity(facet, name)
    if view is None:
        abort(404, description=f"No {facet} called {name!r}.")
    return jsonify(view.to_json())
