"""The search page: passages with highlights, facets, a date range and a timeline; and the facet value finder."""
from __future__ import annotations

from flask import Blueprint, g, abort, redirect, render_template, request

from indexer import FACETS, FacetValue, SearchRequest

from .. import params

from ..context import sleuth
from .documents import doc_link
from ..timeline import is_narrow, timeline, year_label

bp = Blueprint("search", __name__)
FACET_SHOWN = 60  # values per facet in the sidebar; the finder reaches the rest
FINDER_LIMIT = 100  # values the finder lists


@bp.app_template_filter("year_label")
def _year_label(value: str) -> str:
    try:
        return year_label(int(value))
    except ValueError:
        return value


@bp.get("/")
@bp.get("/search")
def search():
    """Search, or browse everything when there is no query."""
    p = params.from_request()
    engine = sleuth()
    # A filter spelled otherwise ("ramon mercader") is shown, linked and counted as the facet spells it.
    if canonical := params.folded_url(engine.fold(p)[0]):
        return redirect(canonical)
    result = engine.search(p)
    g.refused = result.refused
    date_problem = p.range_problem()
    totals = {f: len(vals) for f, vals in result.facets.items()}
    # The search lists the top 200 values of each facet; the heading counts (and the timeline) need them all.
    capped = [f for f, vals in result.facets.items() if len(vals) >= 200]
    full = engine.facet_lists(capped, request=p) if capped and result.total else {}
    for f, vals in full.items():
        totals[f] = len(vals)
    _show_excluded(p, result.facets)
    years = full.get("year", result.facets.get("year", []))
    context = dict(p=p, result=result, page_url=lambda n: params.url_with(add={"page": n}), timeline=date_timeline(p, years), doc_url=_doc_link(),
                   page_window=page_window(result.page, result.pages), date_problem=date_problem,
                   facet_totals=totals, search_args=_search_args(),
                   active_count=sum(map(len, p.filters.values())) + sum(map(len, p.exclude.values()))
                   + bool(p.date_from or p.date_to))
    context.update(grouped=None, pages=result.pages)
    if request.args.get("group_by") == "document":
        # Hits grouped by document: pages count documents, not passages.
        context["grouped"] = engine.group_by_document(result, p.page, p.per_page)
        context["pages"] = max(1, -(-result.documents // p.per_page))
        context["page_window"] = page_window(p.page, context["pages"])
    # htmx swaps only the results region; the full page is served to everything else.
    template = "_results.html" if request.headers.get("HX-Request") and request.headers.get(
        "HX-Target") == "results" else "search.html"
    return render_template(template, **context)


@bp.get("/facets/<facet>")
def facet_values(facet: str):
    """Every value of one facet over the current search that contains the typed text (accents ignored)."""
    if facet not in FACETS:
        abort(404, description=f"“{facet}” is not a facet; use one of {', '.join(FACETS)}.")
    p = params.from_request()
    contains = request.args.get("contains", "").strip()[:200]
    found = sleuth().facet_values(facet, contains, request=p)
    if facet == "year":
        found.sort(key=lambda v: v.value)
    context = dict(p=p, facet=facet, values=found[:FINDER_LIMIT], total=len(found), contains=contains,
                   search_args=_search_args(), back=params.url_with(remove=["contains"]))
    template = "_facet_values.html" if request.headers.get("HX-Request") else "facet_values.html"
    return render_template(template, **context)


def date_timeline(p: SearchRequest, years: list[FacetValue]):
    """The timeline for a search: by year (grouped when wide), by month or day when the span is narrow."""
    days = sleuth().date_counts(request=p) if is_narrow(years, p.date_from, p.date_to) else None
    return timeline(years, p.date_from, p.date_to, lambda f, t: params.url_with(add={"from": f, "to": t}), days,
                    lambda spans, by_year: recount(spans, by_year, p))


def recount(spans: list[tuple[str, str]], by_year: bool, p: SearchRequest) -> list[int]:
    """Exact passages for each timeline bar: by the year facet for spans of years, else by the date filter."""
    if by_year:
        return sleuth().year_spans([(int(a), int(b)) for a, b in spans], request=p)
    return sleuth().date_spans(spans, request=p)


def _show_excluded(p: SearchRequest, facets: dict[str, list[FacetValue]]) -> None:
    """Excluded values have no hits left; list them first so they can be seen, and included again."""
    for facet, values in p.exclude.items():
        shown = {v.value for v in facets.get(facet, [])}
        facets[facet] = [FacetValue(v, 0) for v in values if v not in shown] + facets.get(facet, [])


def _search_args() -> list[tuple[str, str]]:
    """The search's own parameters (not page or the finder's text), for hidden form fields and links."""
    return [(k, v) for k, v in request.args.items(multi=True) if k not in ("page", "contains")]


def _doc_link():
    """Document links that carry the whole search (filters, dates, page), so "Back to results" restores it."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "contains"]

    def link(doc_id: str, ordinal: int | None = None, q: str = "") -> str:
        return doc_link(doc_id, ordinal, args)

    return link


def page_window(page: int, pages: int, width: int = 3) -> list[int]:
    """Page numbers around the current one (first and last always shown)."""
    shown = {1, pages, *range(max(1, page - width), min(pages, page + width) + 1)}
    return sorted(shown)
