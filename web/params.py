"""Search parameters in URLs: reading them from a request and building links that add or remove one."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import g, abort, request, url_for
from werkzeug.datastructures import MultiDict

from indexer import FILTER_FACETS, SearchRequest, TooManyFilters

from .context import sleuth


def _int(value: str | None, default: int) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


def from_request(args: MultiDict | None = None, per_page_default: int = 10) -> SearchRequest:
    """The search asked by `q, <facet>=…, not_<facet>=…, from, to, page, per_page, sort` (checked by SearchRequest).

    The document facet is among the facets: `doc_id=<id>` keeps only that source's passages, `not_doc_id=<id>`
    drops them. Too many filters is a 400 naming the limit.
    """
    args = request.args if args is None else args
    filters = {f: vals for f in FILTER_FACETS if (vals := [v for v in args.getlist(f) if v.strip()])}
    exclude = {f: vals for f in FILTER_FACETS if (vals := [v for v in args.getlist("not_" + f) if v.strip()])}
    try:
        return SearchRequest.of(args.get("q", "").strip(), filters, exclude, args.get("from", "").strip(),
                                args.get("to", "").strip(), _int(args.get("page"), 1),
                                _int(args.get("per_page"), per_page_default), args.get("sort", ""))
    except TooManyFilters as exc:
        g.refused = True
        abort(400, description=str(exc))


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
        if key in ("page", "from", "to", "q", "format", "per_page", "sort"):
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
    page = sleuth().page_of(ordinal) if ordinal is not None else 1
    args = "&".join(([f"q={quote(q)}"] if q else []) + ([f"doc_page={page}"] if page > 1 else []))
    url = url_for("documents.document", doc_id=doc_id) + (f"?{args}" if args else "")
    return url + (f"#p-{ordinal}" if ordinal is not None else "")


def folded_url(folded: SearchRequest) -> str | None:
    """The current search's URL with its filter values in the facets' own spelling (`?person=ramon+mercader` →
    `?person=Ramón+Mercader`), or None when they are spelled so already."""
    args = MultiDict(request.args)
    for facet in FILTER_FACETS:
        for key, values in ((facet, folded.filters.get(facet, [])), ("not_" + facet, folded.exclude.get(facet, []))):
            typed = [v for v in args.getlist(key) if v.strip()]
            if typed and typed != values:
                args.setlist(key, values)
    if args == request.args:
        return None
    return url_for(request.endpoint, **(request.view_args or {})) + "?" + urlencode(list(args.items(multi=True)))
