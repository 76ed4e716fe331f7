"""Entity pages: one entity's mentions, spellings, companions and dates; and the list of all entities."""
from __future__ import annotations

from flask import Blueprint, abort, render_template, url_for

from indexer import ENTITY_FACETS, SearchRequest

from ..context import sleuth
from .search import recount
from ..timeline import timeline

bp = Blueprint("entities", __name__)


@bp.get("/entities")
def index():
    """All entities by type, with passage counts."""
    return render_template("entities.html", groups=sleuth().entities())


@bp.get("/entity/<facet>/<path:name>")
def entity(facet: str, name: str):
    """Everything about one entity."""
    if facet not in ENTITY_FACETS:
        abort(404, description=f"“{facet}” is not an entity type.")
    view = sleuth().entity(facet, name)
    if view is None:
        abort(404, description=f"No {facet} called “{name}” is mentioned in the collection.")
    link = lambda f, t: url_for("search.search", **{facet: name, "from": f, "to": t})  # noqa: E731
    count = lambda spans, by_year: recount(spans, by_year, SearchRequest.of(filters={facet: [name]}))  # noqa: E731
    return render_template("entity.html", e=view, timeline=timeline(view.years, link=link, recount=count))
