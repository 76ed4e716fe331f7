"""Search parameters in URLs: reading them from a request and building links that add or remove one."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

from flask import g, abort, request, url_for
from werkzeug.datastructures import MultiDict

from indexer import FACETS, filter_problem

MAX_PER_PAGE = 100


@dataclass
class SearchParams:
    """What the search page and /api/search were asked."""

    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    exclude: dict[str, list[str]] = field(default_factory=dict)
    date_from: str = ""
    date_to: str = ""
    page: int = 1
    per_page: int = 10

    @property
    def active(self) -> bool:
        """True when any filter or date bound is set."""
        return bool(self.filters or self.exclude or self.date_from or self.date_to)

    def kwargs(self) -> dict:
        """Keyword arguments for `Sleuth.search`."""
        return dict(query=self.q, filters=self.filters, exclude=self.exclude, date_from=self.date_from or None,
                    date_to=self.date_to or None, page=self.page, per_page=self.per_page)


def _int(value: str | None, default: int, lo: int, hi: int) -> int:
    try:
        return max(lo, min(hi, int(value or default)))
    except ValueError:
        return default


def from_request(args: MultiDict | None = None, per_page_default: int = 10) -> SearchParams:
    """Parse `q, <facet>=…, not_<facet>=…, from, to, page, per_page`."""
    args = request.args if args is None else args
    filters = {f: vals for f in FACETS if (vals := [v for v in args.getlist(f) if v.strip()])}
    exclude = {f: vals for f in FACETS if (vals := [v for v in args.getlist("not_" + f) if v.strip()])}
    # The document facet: `doc_id=<id>` keeps only that source's passages, `not_doc_id=<id>` drops them.
    if docs := [v for v in args.getlist("doc_id") if v.strip()]:
        filters["doc_id"] = docs
    if docs := [v for v in args.getlist("not_doc_id") if v.strip()]:
        exclude["doc_id"] = docs
    problem = filter_problem(filters, exclude)
    if problem:
        g.refused = True
        abort(400, description=problem)
    return SearchParams(
        q=args.get("q", "").strip(),
        filters=filters,
        exclude=exclude,
        date_from=args.get("from", "").strip(),
        date_to=args.get("to", "").strip(),
        page=_int(args.get("page"), 1, 1, 10**9),
        per_page=_int(args.get("per_page"), per_page_default, 1, MAX_PER_PAGE),
    )


def url_with(add: dict | None = None, remove: tuple | list | None = None, drop: tuple = ("page",),
             clear: bool = False, endpoint: str = "search.search") -> str:
    """The current search URL (or `endpoint`'s) with parameters added (key → value) or removed ((key, value) or keys)."""
    args = MultiDict() if clear else MultiDict(request.args)
    if clear:
        if request.args.get("q"):
            args["q"] = request.args["q"]
    for key in drop:
        args.poplist(key)
    for item in remove or ():
        if isinstance(item, str):
            args.poplist(item)
        else:
            key, value = item
            args.setlist(key, [v for v in args.getlist(key) if v != value])
    for key, value in (add or {}).items():
        if key in ("page", "from", "to", "q", "format", "per_page"):
            args[key] = str(value)
        elif str(value) not in args.getlist(key):
            args.add(key, str(value))
    query = urlencode(list(args.items(multi=True)))
    return url_for(endpoint) + ("?" + query if query else "")


def entity_url(facet: str, name: str) -> str:
    """The entity page of a facet value (names may hold slashes and any character)."""
    return url_for("entities.entity", facet=facet, name=name)


def doc_url(doc_id: str, ordinal: int | None = None, q: str = "") -> str:
    """A document page link, opened at a passage."""
    url = url_for("documents.document", doc_id=doc_id) + (f"?q={quote(q)}" if q else "")
    return url + (f"#p-{ordinal}" if ordinal is not None else "")
