"""A user's query and a request's filters as OpenSearch query DSL, with the Whoosh backend's limits and rules.

The same two modes as `backend/whoosh/query.py` (whose text-only checks are reused): a query with operators is
handed to `query_string` (words joined by AND, `field:value`, phrases, booleans, ranges, `word~` fuzzy against
the unstemmed words); anything else is natural language, every word optional and weighted per field, quoted
phrases required, the words side by side ranked higher (the best hits are then re-ranked: `rerank.py`).
"""
from __future__ import annotations

import re

from ...errors import QueryError
from ...query.request import SearchRequest
from ...query.facets import ENTITY_FACETS
from ..whoosh.natural import GRAMMAR, PHRASE, WORD, checked_words
from ..whoosh.query import (MAX_FUZZY, MAX_TERMS, QUERY_FIELDS, _refuse_unsearchable, check_shape, is_explicit,
                            note)

EXPLICIT_FIELDS = ["name^2", "section^1.2", "text"]  # as the Whoosh parser weighs title, section and text
NATURAL_FIELDS = ["text^1", "lead^0.5", "name^0.15", "section^0.15"]
IMPLICIT_PHRASE = 2.0
MAX_EXPANSION = 50  # words one fuzzy term may expand to
WILDCARD_WORDS = 500  # words a wildcard or prefix keeps (the best-scoring); Whoosh refuses past its MAX_EXPANSION
_FIELD = re.compile(r"(?<![\w.\\])([A-Za-z_]\w*):(?=[^\s:])")
_FUZZY = re.compile(r"(?<![\w.:\\])([^\s\"()~:^\\]+)~(\d*)(?=\s|$|\))")
_END_PUNCT = re.compile(r"(?<=\w)[?!.]+(?=\s|$)")
_LEADING_WILDCARD = re.compile(r"(?:^|(?<=[\s(:]))([*?]+[^\s()]*)")
EVERYTHING = {"match_all": {}}


def user_query(text: str) -> dict:
    """The query for a user's words (every passage for none); raises QueryError for a refused query."""
    if not text.strip() or (text.strip().strip("*") == "" and "*" in text):
        return EVERYTHING
    check_shape(text)
    _refuse_unsearchable(text)
    if is_explicit(text):
        return _explicit(text)
    return _natural(text)


def _explicit(text: str) -> dict:
    text = _END_PUNCT.sub("", text)
    if note(text):  # an unclosed quote or parenthesis: searched as if it were not there (the note says so)
        text = text.replace('"', " ") if text.count('"') % 2 else re.sub(r"[()]", " ", text)
    for word in _LEADING_WILDCARD.findall(PHRASE.sub(" ", text)):
        if word == "*":  # a bare * is everything
            continue
        raise QueryError(f"“{word}” starts with a wildcard; put at least one letter before * or ?.")
    fuzzy = {m.group(1) for m in _FUZZY.finditer(text)}
    if len(fuzzy) > MAX_FUZZY:
        raise QueryError(f"The query has {len(fuzzy)} fuzzy terms (word~); the limit is {MAX_FUZZY}. Remove some ~.")
    text = _FIELD.sub(_field, text)
    text = _FUZZY.sub(lambda m: f"(text.words:{m.group(1)}~{m.group(2)} OR title.words:{m.group(1)}~{m.group(2)})",
                      text)
    return {"query_string": {"query": text, "fields": EXPLICIT_FIELDS, "default_operator": "AND",
                             "lenient": True, "allow_leading_wildcard": False, "fuzzy_prefix_length": 1,
                             "fuzzy_max_expansions": MAX_EXPANSION, "max_determinized_states": 10_000,
                             "rewrite": f"top_terms_{WILDCARD_WORDS}"}}


def _field(m: re.Match) -> str:
    """`person:` searches the words of the person facet; a name that is not a searchable field is plain text."""
    name = m.group(1)
    if name in ENTITY_FACETS:
        return f"{name}.words:"
    if name in QUERY_FIELDS:
        return "name:" if name == "title" else m.group(0)
    return f"{name}\\:"  # not a field (`http:`): its words


def kept_words(text: str) -> list[str]:
    """The words of a natural query as typed, question words and determiners dropped (as `content_words` does)."""
    plain = WORD.findall(PHRASE.sub(" ", text))
    kept = [w for i, w in enumerate(plain) if w.lower() not in GRAMMAR or (i and w[0].isupper())]
    return kept or plain


def _natural(text: str) -> dict:
    words, _ = checked_words(text, MAX_TERMS)  # the Whoosh analysis, for the same refusals and limits
    typed = kept_words(text) if words else []
    should: list[dict] = []
    if typed:
        should.append({"multi_match": {"query": " ".join(typed), "fields": NATURAL_FIELDS, "type": "most_fields"}})
    if len(typed) > 1:
        should.append({"match_phrase": {"text": {"query": " ".join(typed), "boost": IMPLICIT_PHRASE}}})
    must = [{"match_phrase": {"text": p}} for p in PHRASE.findall(text) if p.strip()]
    if not must:
        return {"bool": {"should": should, "minimum_should_match": 1}}
    return {"bool": {"must": must, "should": should}}


def filters(req: SearchRequest) -> tuple[list[dict], list[dict]]:
    """The (filter, must_not) clauses of a request's facet filters, exclusions and date range."""
    allow = [{"term": {f: v}} for f, vals in req.filters.items() for v in vals]
    days = req.day_range()
    if days:
        lo, hi = days
        allow.append({"range": {"date": {k: v for k, v in (("gte", lo), ("lte", hi)) if v is not None}}})
    if req.within is not None:  # a tag's documents and passages: any of them; none matches nothing
        fields: dict[str, list[str]] = {}
        for f, v in req.within:
            fields.setdefault(f, []).append(v)
        allow.append({"bool": {"should": [{"terms": {f: vs}} for f, vs in fields.items()], "minimum_should_match": 1}}
                     if fields else {"bool": {"must_not": [EVERYTHING]}})
    deny = [{"term": {f: v}} for f, vals in req.exclude.items() for v in vals]
    return allow, deny


def request_query(req: SearchRequest, q: dict) -> dict:
    """A user's query within the request's filters."""
    allow, deny = filters(req)
    if not allow and not deny:
        return q
    return {"bool": {"must": [q], "filter": allow, "must_not": deny}}


def matching(req: SearchRequest | None) -> dict | None:
    """The query of every passage a request matches (None for a refused one): for facet lists and timelines."""
    if req is None:
        return EVERYTHING
    if req.problem:
        return None
    try:
        return request_query(req, user_query(req.query))
    except QueryError:
        return None
