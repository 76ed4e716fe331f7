"""The search API behind the facade: bounded queries, filters, date ranges, snippets, facets and suggestions."""
from __future__ import annotations

import re
import time
from collections.abc import Sequence

from whoosh import query as Q
from whoosh.collectors import FilterCollector, TimeLimit, TimeLimitCollector, TopCollector

from . import admission as _admission, natural as _natural, query as _query, rerank as _rerank
from .facets import FacetCache
from .highlight import Marking, marking, term_spans
from ...query.markup import snippet
from .index import PassageIndex
from ...errors import QueryError
from ...query.request import SearchRequest
from ...query.facets import ENTITY_FACETS, FACETS
from ...query.results import FacetValue, Hit, SearchResult

FACET_LIMIT = 200  # values per facet returned with a page of results
_WORD = re.compile(r"[^\W_][\w'’-]*")


def parse(text: str, searcher, facets: FacetCache) -> Q.Query:
    """The query for a user's words (every passage for none); raises QueryError for a refused query."""
    return _query.parse(text, searcher, facets) if text.strip() else Q.Every()


def filter_query(req: SearchRequest) -> tuple[Q.Query | None, Q.Query | None]:
    """The (allow, deny) queries of the filters and the date range of a checked request."""
    allow: list[Q.Query] = [Q.Term(f, v) for f, vals in req.filters.items() for v in vals]
    days = req.day_range()
    if days:
        allow.append(Q.NumericRange("date", *days))
    if req.within is not None:  # a tag's documents and passages: any of them
        allow.append(Q.Or([Q.Term(f, v) for f, v in req.within]) if req.within else Q.NullQuery)
    deny = [Q.Term(f, v) for f, vals in req.exclude.items() for v in vals]
    return (Q.And(allow) if allow else None), (Q.Or(deny) if deny else None)


class _TopAndAll(TopCollector):
    """The top N hits, remembering every hit seen: whoosh's TopCollector re-runs the whole query (with no time
    limit) to list all hits, which doubled every search and undid the time limit of a cut-off one."""

    def _collect(self, global_docnum: int, score: float) -> float:
        self.docset.add(global_docnum)
        return super()._collect(global_docnum, score)

    def all_ids(self) -> set[int]:
        return self.docset

    def count(self) -> int:
        return len(self.docset)


class EveryHit(Sequence):
    """Every hit of a search in its order, built as they are read (an export streams them): only the ranking, a
    document number and a score per hit, is held."""

    def __init__(self, searcher, ranked: list[tuple[int, float]], terms: Marking) -> None:
        self.searcher, self.ranked, self.terms = searcher, ranked, terms

    def __len__(self) -> int:
        return len(self.ranked)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [_hit(self.searcher, d, s, self.terms) for d, s in self.ranked[i]]
        return _hit(self.searcher, *self.ranked[i], self.terms)


def search(index: PassageIndex, req: SearchRequest, time_limit: float, every: bool = False) -> SearchResult:
    """Run one search and build its page of hits, facet counts and suggestion. Refusals become `message`.
    With `every`, `hits` is every hit in order (an `EveryHit`), not a page."""
    started = time.perf_counter()
    if req.problem:
        return SearchResult.refusal(req, req.problem, started)
    # Ordinary from its first step (the parse, the cost), so that a broad search running meanwhile pauses for it.
    with _admission.ordinary():
        searcher, facets = index.searcher()
        try:
            q = parse(req.query, searcher, facets)
        except QueryError as exc:
            return SearchResult.refusal(req, str(exc), started)
        filters = filter_query(req)
        result = SearchResult(req, facets={f: [] for f in FACETS}, message=_query.note(req.query))
        if _rerank.wants_feedback(req.query):
            q = _with_feedback(searcher, q, req.query)
        if not _admission.is_broad(_query.postings_cost(q, searcher.reader()), searcher.doc_count()):
            return _collect(searcher, facets, q, filters, result, time_limit, started, False, every)
    # Wait for the running broad search for at most a quarter of the budget; keep the whole answer within it.
    with _admission.broad(wait=time_limit / 4) as admitted:
        if not admitted:
            return SearchResult.refusal(req, "Another broad search is running and this one is broad too; try "
                                        "again in a moment, or add more specific words.", started)
        time_limit = max(time_limit / 2, time_limit - (time.perf_counter() - started))
        with _admission.yielding(time.perf_counter() + time_limit):
            return _collect(searcher, facets, q, filters, result, time_limit, started, True, every)


def _collect(searcher, facets: FacetCache, q: Q.Query, filters: tuple, result: SearchResult, time_limit: float,
             started: float, broad: bool, every: bool = False) -> SearchResult:
    allow, deny = filters
    page, per_page = (1, searcher.doc_count_all() or 1) if every else (result.page, result.per_page)
    words = _rerank.query_words(result.query)
    # A natural query's best hits are re-ranked: collect at least that many, whatever the page.
    depth = page * per_page if result.request.sort else max(page * per_page, _rerank.DEPTH if words else 0)
    top = _TopAndAll(depth, usequality=False)  # no block skipping: every hit counts for facets
    inner = top
    if allow is not None or deny is not None:
        # Filters as document sets: intersecting them inside the query trips an assertion in whoosh3's
        # IntersectionMatcher on large indexes, and FilterCollector treats an empty allow-set as "no filter".
        allowed = set(searcher.docs_for_query(allow)) if allow is not None else None
        if allowed is not None and not allowed:
            result.took_ms = (time.perf_counter() - started) * 1000
            return result
        denied = set(searcher.docs_for_query(deny)) if deny is not None else None
        inner = FilterCollector(top, allowed, denied or None)
    if broad:
        collector = _admission.YieldingCollector(inner, time_limit)
    else:
        collector = TimeLimitCollector(inner, time_limit, use_alarm=False)
    try:
        searcher.search_with_collector(q, collector, context=searcher.context(weighting=_rerank.WEIGHTING))
    except TimeLimit:
        result.message = f"The search was cut off after {time_limit:.1f} s; the hits below are incomplete."
    _admission.checkpoint()
    results = collector.results()
    docnums = results.docs()
    result.total = len(docnums)
    terms = marking(q, searcher.reader(), result.query)
    ranked = [(hit.docnum, hit.score or 0.0) for hit in results]
    if result.request.sort:  # by the years mentioned, not by relevance (a sort= request)
        ranked = [(d, 0.0) for d in facets.by_year(docnums, newest=result.request.sort == "newest")]
    elif words:
        ranked = _rerank.rerank(searcher, ranked, words, _natural.stand_ins(result.query, searcher.reader()),
                                result.query)
    if every:
        result.hits = EveryHit(searcher, ranked, terms)  # type: ignore[assignment]
    else:
        result.hits = [_hit(searcher, docnum, score, terms)
                       for docnum, score in ranked[(page - 1) * per_page:page * per_page]]
    _admission.checkpoint()
    mask = facets.mask(docnums)
    result.facets = {f: [FacetValue(v, n) for v, n in facets.counts(f, mask, FACET_LIMIT)] for f in FACETS}
    # The document facet: passages per source, and how many sources match.
    per_doc = facets.counts("doc_id", mask)
    result.documents = len(per_doc)
    result.facets["doc_id"] = [FacetValue(v, n) for v, n in per_doc[:FACET_LIMIT]]
    if result.query.strip():
        result.suggestion = suggest(result.query, searcher)
    result.took_ms = (time.perf_counter() - started) * 1000
    return result


def _with_feedback(searcher, q: Q.Query, text: str) -> Q.Query:
    """The query and, less weighty, words shared by its first few passages (its answer's likely words)."""
    top = TopCollector(_rerank.FEEDBACK_DOCS)
    try:
        searcher.search_with_collector(q, TimeLimitCollector(top, 0.2, use_alarm=False),
                                       context=searcher.context(weighting=_rerank.WEIGHTING))
    except TimeLimit:
        return q
    docnums = [hit.docnum for hit in top.results()]
    extra = _rerank.feedback_terms(searcher, docnums, _rerank.query_words(text))
    if not extra:
        return q
    return Q.Or([q, *(Q.Term("text", t, boost=_rerank.FEEDBACK_WEIGHT) for t in extra)])


def _hit(searcher, docnum: int, score: float, terms: Marking) -> Hit:
    stored = searcher.stored_fields(docnum)
    text = stored.get("text", "")
    return Hit(
        passage_id=stored["passage_id"],
        doc_id=stored["doc_id"],
        title=stored.get("title", ""),
        section=stored.get("section", ""),
        score=round(float(score), 4),
        snippet=snippet(text, term_spans(text, terms)),
        text=text,
        entities={f: list(stored.get(f) or []) for f in ENTITY_FACETS},
        dates=list(stored.get("dates") or []),
        ordinal=stored.get("ordinal", 0),
        start=stored.get("start", 0),
        end=stored.get("end", 0),
        ocr=bool(stored.get("ocr")),
        kind=stored.get("kind") or "body",
    )


def terms_of(query: str, searcher, facets: FacetCache) -> Marking:
    """What a query would mark in passage text (nothing for a refused query)."""
    if not query.strip():
        return Marking()
    try:
        return marking(_query.parse(query, searcher, facets), searcher.reader(), query)
    except QueryError:
        return Marking()


def _same_case(typed: str, word: str) -> str:
    """The suggested word in the case it was typed in ("Trotskey" → "Trotsky", "NKVB" → "NKVD")."""
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if typed[:1].isupper() else word


def suggest(text: str, searcher) -> str | None:
    """A did-you-mean query: each word missing from the corpus replaced by its nearest corpus word."""
    if _query.has_operators(text):
        return None
    reader = searcher.reader()
    corrector = searcher.corrector("text")
    changed = False
    out = []
    for word in _WORD.findall(text):
        analysed = _natural.analyse(word)
        asking = _natural.is_asking(word)
        if len(word) >= 3 and analysed and not asking and not any(reader.frequency("text", a) for a in analysed):
            best = corrector.suggest(word.lower(), limit=1, maxdist=2, prefix=1)
            if best and best[0] != word.lower():
                out.append(_same_case(word, best[0]))
                changed = True
                continue
        out.append(word)
    return " ".join(out) if changed else None
