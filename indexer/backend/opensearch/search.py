"""One search against the cluster: a page of hits with their marks, facet counts as terms aggregations over all
hits, the distinct documents, and a did-you-mean from the term suggester; bounded by the search time limit."""
from __future__ import annotations

import time

from ...errors import QueryError
from ...query.markup import snippet
from ...query.request import SearchRequest
from ...query.facets import FACETS
from ...query.results import FacetValue, Hit, SearchResult
from ..whoosh.highlight import confine
from ..whoosh.natural import is_asking
from ..whoosh.query import has_operators, note
from ..whoosh.rerank import DEPTH, query_words, wants_feedback
from . import query as Q
from .feedback import with_feedback
from .rerank import rerank
from .mapping import entities_of

FACET_LIMIT = 200  # values per facet returned with a page of results (as the Whoosh backend)
DOC_LIMIT = 200
OPEN, CLOSE = "\ue000", "\ue001"  # private-use marks: the highlighter's tags, turned into spans, then escaped
HIGHLIGHT_FIELDS = ("text", "text.words")  # stemmed words, and fuzzy words matched unstemmed
HIT_SOURCE = {"excludes": ["raw", "lead", "name", "mentions"]}  # the re-rank reads text, title and section


def terms_agg(field: str, size: int) -> dict:
    return {"terms": {"field": field, "size": size, "order": [{"_count": "desc"}, {"_key": "asc"}]}}


def highlight(q: dict) -> dict:
    """The unified highlighter over the whole text, marking only what the user's query (not a filter) matched."""
    return {"pre_tags": [OPEN], "post_tags": [CLOSE], "highlight_query": q, "type": "unified",
            "fields": {f: {"number_of_fragments": 0} for f in HIGHLIGHT_FIELDS}}


def spans_of(text: str, marked: list[str]) -> list[tuple[int, int]]:
    """Character spans of the marked words, read from the highlighter's whole-text fragments."""
    spans: set[tuple[int, int]] = set()
    for fragment in marked:
        plain, pos, start = [], 0, None
        for ch in fragment:
            if ch == OPEN:
                start = pos
            elif ch == CLOSE and start is not None:
                spans.add((start, pos))
                start = None
            else:
                plain.append(ch)
                pos += 1
        if "".join(plain) != text:  # not the whole text: positions would be wrong, so mark nothing
            return []
    return sorted(spans)


def marked_spans(hit: dict, text: str, query: str) -> list[tuple[int, int]]:
    """The highlighter's marks, kept to the words the query matched as the Whoosh backend marks them (a phrase's
    words only as the phrase, a typed word only in its own forms)."""
    fragments = [f for field in HIGHLIGHT_FIELDS for f in hit.get("highlight", {}).get(field, [])]
    return confine(text, spans_of(text, fragments), query)


def order(req: SearchRequest, q: dict) -> list:
    """The sort of a request's hits: by the years they mention (earliest year first, or latest first; undated last,
    ties in the order written), in document order for no query, else by score."""
    if req.sort:
        oldest = req.sort == "oldest"
        year = {"order": "asc" if oldest else "desc", "mode": "min" if oldest else "max", "missing": "_last"}
        return [{"year.n": year}, "_doc", {"doc_id": "asc"}, {"ordinal": "asc"}]
    if q is Q.EVERYTHING:
        return [{"doc_id": "asc"}, {"ordinal": "asc"}]
    return ["_score", {"doc_id": "asc"}, {"ordinal": "asc"}]


def search(client, index: str, req: SearchRequest, time_limit: float) -> SearchResult:
    """Run one search and build its page of hits, facet counts and suggestion. Refusals become `message`."""
    started = time.perf_counter()
    if req.problem:
        return SearchResult.refusal(req, req.problem, started)
    try:
        q = Q.user_query(req.query)
    except QueryError as exc:
        return SearchResult.refusal(req, str(exc), started)
    words = query_words(req.query)  # a natural query's words, as the Whoosh analysis makes them
    if words and wants_feedback(req.query):
        q = with_feedback(client, index, q, words)
    # A natural query's best hits are re-ranked: a page among them is cut from the first DEPTH, re-ranked (not when
    # the request orders hits by the years they mention).
    ranked = words if (req.page - 1) * req.per_page < DEPTH and not req.sort else []
    start, size = (0, max(req.page * req.per_page, DEPTH)) if ranked else ((req.page - 1) * req.per_page,
                                                                           req.per_page)
    body: dict = {"query": Q.request_query(req, q), "from": start, "size": size,
                  "track_total_hits": True, "timeout": f"{max(1, int(time_limit * 1000))}ms",
                  "_source": HIT_SOURCE, "highlight": highlight(q),
                  "aggs": {**{f: terms_agg(f, FACET_LIMIT) for f in FACETS}, "doc_id": terms_agg("doc_id", DOC_LIMIT),
                           "documents": {"cardinality": {"field": "doc_id", "precision_threshold": 40_000}}}}
    if req.sort or q is Q.EVERYTHING:
        body["sort"] = order(req, q)
    if req.query.strip() and not has_operators(req.query):
        # A word is missing when its stem is not in the text; its nearest unstemmed word replaces it.
        body["suggest"] = {"text": req.query, **{name: {"term": {
            "field": field, "suggest_mode": "missing", "max_edits": 2, "prefix_length": 1, "min_word_length": 3,
            "size": 1}} for name, field in (("stems", "text"), ("words", "text.words"))}}
    answer = client.search(index=index, body=body, request_timeout=max(10.0, time_limit * 5))
    result = SearchResult(req, facets={f: [] for f in FACETS}, message=note(req.query))
    if answer.get("timed_out"):
        result.message = f"The search was cut off after {time_limit:.1f} s; the hits below are incomplete."
    result.total = answer["hits"]["total"]["value"]
    hits = answer["hits"]["hits"]
    if ranked:
        hits = rerank(client, index, hits, ranked)[(req.page - 1) * req.per_page:req.page * req.per_page]
    result.hits = [hit_of(h, req.query) for h in hits]
    aggs = answer.get("aggregations", {})
    for f in (*FACETS, "doc_id"):
        result.facets[f] = [FacetValue(b["key"], b["doc_count"]) for b in aggs.get(f, {}).get("buckets", [])]
    result.documents = int(aggs.get("documents", {}).get("value", 0))
    suggested = answer.get("suggest", {})
    result.suggestion = _suggestion(req.query, suggested.get("words", []), suggested.get("stems", []))
    result.took_ms = (time.perf_counter() - started) * 1000
    return result


def hit_of(h: dict, query: str) -> Hit:
    s = h["_source"]
    text = s.get("text", "")
    return Hit(passage_id=s["passage_id"], doc_id=s["doc_id"], title=s.get("title", ""),
               section=s.get("section", ""), score=round(float(h.get("_score") or 0.0), 4),
               snippet=snippet(text, marked_spans(h, text, query)), text=text, entities=entities_of(s),
               dates=list(s.get("dates") or []), ordinal=s.get("ordinal", 0), start=s.get("start", 0),
               end=s.get("end", 0), ocr=bool(s.get("ocr")), kind=s.get("kind") or "body")


def _suggestion(text: str, entries: list[dict], stems: list[dict]) -> str | None:
    """The query with each word the index lacks replaced by its nearest indexed word (question words kept)."""
    missing = {e["offset"] for e in stems if e.get("options")}
    out, last, changed = [], 0, False
    for entry in entries:
        start, length = entry["offset"], entry["length"]
        word = text[start:start + length]
        if entry.get("options") and start in missing and not is_asking(word):
            out.append(text[last:start] + entry["options"][0]["text"])
            last, changed = start + length, True
    return ("".join(out) + text[last:]).strip() if changed else None
