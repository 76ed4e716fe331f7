"""The compare page: the passages of 2–4 sources matching a search, aligned side by side with their differences."""
from __future__ import annotations

from flask import Blueprint, render_template, request

from .. import params

from ..context import sleuth

bp = Blueprint("compare", __name__)


@bp.get("/compare")
def compare():
    """Compare sources on a search (`doc=` picks the documents; the first two matching by default)."""
    p = params.from_request()
    view = sleuth().compare(p, request.args.getlist("doc")[:8])
    chosen = {s.doc_id for s in view.sources}
    return render_template("compare.html", p=p, view=view, chosen=chosen, q_value=p.query, doc_url=params.doc_url)
