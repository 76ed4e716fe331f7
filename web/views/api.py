"""The JSON API: search (and CSV export), documents (upload, get, delete) and entities."""
from __future__ import annotations


from flask import Blueprint, g, abort, jsonify, request

from indexer import ENTITY_FACETS, type_refusal

from .. import export, params

from ..context import sleuth
from .upload import client_gone, received_files

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    """The engine's `--json` shape, a page at a time; `format=csv` or `format=json` downloads every hit."""
    p = params.from_request()
    kind = request.args.get("format")
    if kind in ("csv", "json"):
        return export.as_csv(p) if kind == "csv" else export.as_json(p)
    result = sleuth().search(p)
    g.refused = result.refused
    return jsonify(result.to_json())


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
    report = sleuth().index_uploads(files, cancelled=client_gone())
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
    view = sleuth().document(doc_id, request.args.get("q", ""), request.args.get("page", 1, type=int) or 1)
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
