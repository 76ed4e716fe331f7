"""Turning a user's query string into a bounded Whoosh query: caps on size, nesting and wildcard expansion."""
from __future__ import annotations

import itertools
import re

from whoosh import query as Q
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser, OrGroup
from whoosh.searching import Searcher

from ._facets import FacetCache
from .entities import name_key
from .errors import QueryError
from .results import ENTITY_FACETS
from .schema import build_schema

MAX_QUERY_CHARS = 500
MAX_DEPTH = 8
MAX_TERMS = 32
MAX_EXPANSION = 500  # words a query's wildcards and fuzzy terms may expand to, in all
SEARCH_FIELDS = ["title", "section", "text"]
_OPERATORS = re.compile(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b|[\"()+\-:*?~^\[\]{}]")
_FUZZY_WORD = re.compile(r"([^\s\"()~:^]+)~")
_SCHEMA = build_schema()


def _parser() -> MultifieldParser:
    parser = MultifieldParser(SEARCH_FIELDS, _SCHEMA, fieldboosts={"title": 2.0, "section": 1.2})
    parser.add_plugin(FuzzyTermPlugin())
    return parser


_PARSER = _parser()
_OR_PARSER = MultifieldParser(SEARCH_FIELDS, _SCHEMA, group=OrGroup)


def check_shape(text: str) -> None:
    """Refuse queries whose size or nesting could exhaust the parser, with a message naming the limit."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"The query is {len(text):,} characters long; the limit is {MAX_QUERY_CHARS}. Shorten it.")
    depth = deepest = 0
    in_quote = False
    for ch in text:
        if ch == '"':
            in_quote = not in_quote
        elif not in_quote and ch == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif not in_quote and ch == ")":
            depth = max(0, depth - 1)
    if deepest > MAX_DEPTH:
        raise QueryError(f"The query nests parentheses {deepest} deep; the limit is {MAX_DEPTH}.")


def parse(text: str, searcher: Searcher, facets: FacetCache) -> Q.Query:
    """Parse and bound a query; natural-language queries rank passages with every word (and the phrase) first."""
    check_shape(text)
    try:
        q = _PARSER.parse(text)
    except RecursionError:
        raise QueryError("The query is nested too deeply to parse.") from None
    reader = searcher.reader()
    unstemmed = _fuzzy_words(text)
    q = q.accept(lambda node: _rewrite(node, facets, reader, unstemmed))
    leaves = list(q.leaves()) if not q.is_leaf() else [q]
    # Count the user's words, not their copies in each searched field.
    words = {str(getattr(leaf, "text", None) or getattr(leaf, "words", None) or leaf) for leaf in leaves}
    if len(words) > MAX_TERMS:
        raise QueryError(f"The query has {len(words)} terms; the limit is {MAX_TERMS}.")
    _check_expansion(q, searcher)
    if q is Q.NullQuery:
        raise QueryError(f"“{text.strip()}” has only very common words; add a more specific one.")
    if not _OPERATORS.search(text) and isinstance(q, Q.And) and len(q.subqueries) > 1:
        q = _natural(text, q)
    return q


def _natural(text: str, all_words: Q.Query) -> Q.Query:
    # Every word matching ranks first and the exact phrase above that, but a missing word never gives zero hits.
    any_word = _OR_PARSER.parse(text)
    words = [w for w in _SCHEMA["text"].process_text(text, mode="query")]
    parts = [all_words.with_boost(3.0), any_word]
    if len(words) > 1:
        parts.append(Q.Phrase("text", words, boost=4.0))
    return Q.Or(parts)


def _fuzzy_words(text: str) -> dict[str, str]:
    """The words the user marked with `~`, unstemmed, by their stemmed form (the parser hands over the stem)."""
    out = {}
    for m in _FUZZY_WORD.finditer(text):
        stems = list(_SCHEMA["text"].process_text(m.group(1), mode="query", removestops=False))
        words = list(_SCHEMA["text"].spellable_words(m.group(1)))
        if len(stems) == 1 and len(words) == 1:
            out[stems[0]] = words[0]
    return out


def _rewrite(node: Q.Query, facets: FacetCache, reader, unstemmed: dict[str, str]) -> Q.Query:
    if isinstance(node, Q.FuzzyTerm):
        # Fuzzy matching runs on the unstemmed words of the spelling field, from the word as typed: the stem
        # the parser hands over is not a word ("roared~" came as "roar", whose near word is "rear"). Each near
        # word is then analysed like the text (stemmed, folded) so that it meets the index's terms.
        word = unstemmed.get(str(node.text), str(node.text).lower())
        near = itertools.islice(reader.terms_within("text", word, min(node.maxdist, 2),
                                                    prefix=max(node.prefixlength, 1)), 50)
        terms = {t for w in near for t in _SCHEMA["text"].process_text(w, mode="index")}
        return Q.Or([Q.Term(node.fieldname, t, boost=node.boost) for t in sorted(terms)]) if terms else Q.NullQuery
    field = getattr(node, "fieldname", None)
    if field in ENTITY_FACETS and isinstance(node, (Q.Term, Q.Phrase, Q.Prefix, Q.Wildcard)):
        # `person:trotsky` means the people whose name contains those words ("Leon Trotsky").
        raw = " ".join(node.words) if isinstance(node, Q.Phrase) else str(node.text).rstrip("*")
        words = name_key(raw).split()
        values = [v for v in facets.all_values(field) if set(words) <= set(name_key(v).split())][:MAX_TERMS]
        return Q.Or([Q.Term(field, v) for v in values]) if values else Q.NullQuery
    return node


def _check_expansion(q: Q.Query, searcher: Searcher) -> None:
    reader = searcher.reader()
    budget = MAX_EXPANSION
    nodes = [q] if q.is_leaf() else list(q.leaves())
    for node in nodes:
        if isinstance(node, (Q.Prefix, Q.Wildcard)):
            text = str(node.text)
            literal = re.split(r"[*?]", text, maxsplit=1)[0] if isinstance(node, Q.Wildcard) else text
            if not literal:
                raise QueryError(f"“{text}” starts with a wildcard; put at least one letter before * or ?.")
            if isinstance(node, Q.Wildcard):
                found = sum(1 for _ in itertools.islice(node._btexts(reader), budget + 1))
            else:
                found = sum(1 for _ in itertools.islice(reader.expand_prefix(node.fieldname, literal), budget + 1))
            budget -= found
            if budget < 0:
                shown = text if isinstance(node, Q.Wildcard) else text + "*"
                raise QueryError(
                    f"“{shown}” matches too many words (over {MAX_EXPANSION}); add more letters before the wildcard."
                )


def postings_cost(q: Q.Query, reader) -> int:
    """How many postings the query reads (its distinct terms' document frequencies, wildcards expanded)."""
    seen: set[tuple[str, object]] = set()
    total = 0
    for leaf in [q] if q.is_leaf() else q.leaves():
        if isinstance(leaf, Q.MultiTerm):
            # Bounded already by _check_expansion.
            pairs = [(leaf.field(), t) for t in leaf._btexts(reader)]
        else:
            pairs = list(leaf.iter_all_terms())
        for pair in pairs:
            if pair not in seen:
                seen.add(pair)
                total += reader.doc_frequency(*pair)
    return total
