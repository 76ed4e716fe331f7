"""Turning a user's query string into a bounded Whoosh query: caps on size, nesting and wildcard expansion.

Two modes. A query with real operators (AND/OR/NOT, `field:`, `*`, `?` inside a word, `~`, `^`, a range) is parsed
here as the README documents: words joined by AND. Anything else is natural language (`natural`); the search then
re-ranks the best hits by how many of the words they hold and how close together (`rerank`).
"""
from __future__ import annotations

import itertools
import re
from typing import Iterator

from whoosh import query as Q
from whoosh.qparser import FuzzyTermPlugin, MultifieldPlugin, QueryParser
from whoosh.searching import Searcher

from .acronyms import is_acronym
from .facets import FacetCache
from .natural import PHRASE as _PHRASE, kept_positions, natural
from ...folding import name_key
from ...errors import QueryError
from ...query.facets import ENTITY_FACETS, HEADERS
from .schema import query_schema

MAX_QUERY_CHARS = 500
MAX_DEPTH = 8
MAX_TERMS = 32
MAX_EXPANSION = 500  # words a query's wildcards, fuzzy terms and ranges may expand to, in all
MAX_FUZZY = 4  # fuzzy terms per query: each one walks the word list before the time limit can act
SEARCH_FIELDS = ["title", "section", "text"]
_FUZZY_WORD = re.compile(r"([^\s\"()~:^]+)~")
_SCHEMA = query_schema()
# Fields a user may name; the rest (offsets, stored mentions) hold no searchable words.
QUERY_FIELDS = ("title", "section", "text", "date", "kind", "doc_id", *ENTITY_FACETS, "year", *HEADERS)

_BOOLEAN = re.compile(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b")
_FIELD = re.compile(r"(?<![\w.])([A-Za-z_]\w*):(?=[^\s:])")
_FIELD_PHRASE = re.compile(r'(?<![\w.])([A-Za-z_]\w*):"[^"]*"')
_EXPLICIT = re.compile(
    r"\w\*|(?:^|\s)\*(?=\s|$)|\*\w"  # wildcards, a bare * (everything)
    r"|[*?]"  # any * or ? left once end-of-word punctuation is gone
    r"|\w~\d*(?=\s|$|\))"  # fuzzy
    r"|\w\^\d"  # boost
    r"|[\[{][^\]}]*\bTO\b"  # range
)
_OPERATORS = re.compile(_BOOLEAN.pattern + "|" + _EXPLICIT.pattern)  # used by suggestions: no did-you-mean
_END_PUNCT = re.compile(r"(?<=\w)[?!.]+(?=\s|$)")  # "attacked?" is a question, not a wildcard


class _Parser(QueryParser):
    """Whoosh's parser, but a word in capitals ("from:WARSAW", "NATO AND treaty") matches its capitals' term OR its
    plain word: the analyzer gives both at one position (acronyms.py), which the parser would otherwise AND."""

    def multitoken_query(self, spec, texts, fieldname, termclass, boost):
        caps = [t for t in texts if is_acronym(t)]
        plain = [t for t in texts if not is_acronym(t)]
        if not caps or not plain:
            return super().multitoken_query(spec, texts, fieldname, termclass, boost)
        rest = super().multitoken_query(spec, plain, fieldname, termclass, boost) if len(plain) > 1 \
            else termclass(fieldname, plain[0], boost=boost)
        return Q.Or([*(termclass(fieldname, t, boost=boost) for t in caps), rest])


class _Phrase(Q.Phrase):
    """A quoted phrase of the parser's, one word a position (`natural.one_per_position`)."""

    def __init__(self, fieldname, words, char_ranges=None, **kwargs):
        keep = kept_positions(list(words))
        if char_ranges is not None:
            char_ranges = [char_ranges[i] for i in keep]
        super().__init__(fieldname, [words[i] for i in keep], char_ranges=char_ranges, **kwargs)


def _parser() -> QueryParser:
    parser = _Parser(None, _SCHEMA, phraseclass=_Phrase)  # as whoosh's MultifieldParser builds it
    parser.add_plugin(MultifieldPlugin(SEARCH_FIELDS, fieldboosts={"title": 2.0, "section": 1.2}))
    parser.add_plugin(FuzzyTermPlugin())
    return parser


_PARSER = _parser()


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


def is_explicit(text: str) -> bool:
    """Whether the query uses operator syntax (parsed strictly) rather than plain words and phrases."""
    if any(m.group(1) in QUERY_FIELDS for m in _FIELD_PHRASE.finditer(text)):
        return True  # person:"Ramón Mercader"
    text = _PHRASE.sub(" ", _END_PUNCT.sub("", text))
    return bool(_BOOLEAN.search(text) or _EXPLICIT.search(text)
                or any(m.group(1) in QUERY_FIELDS for m in _FIELD.finditer(text)))


def has_operators(text: str) -> bool:
    """Whether the query uses operators or wildcards (no did-you-mean is offered for those)."""
    return bool(_OPERATORS.search(_END_PUNCT.sub("", text)))


def note(text: str) -> str | None:
    """A hint about a query that was searched but not as typed (an unclosed quote, an unmatched parenthesis)."""
    if text.count('"') % 2:
        return ('The query has an opening " with no closing one, so its words were searched one by one. '
                'For an exact phrase, close it: "ice axe".')
    depth = 0
    for ch in _PHRASE.sub(" ", text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return ('A ")" in the query has no "(" before it and was ignored. Parentheses group words joined '
                    "by AND/OR/NOT, e.g. (axe OR pick) AND Trotsky.")
    if depth > 0:
        return ('A "(" in the query is never closed and was ignored. Close it, e.g. (axe OR pick) AND Trotsky.')
    return None


def parse(text: str, searcher: Searcher, facets: FacetCache) -> Q.Query:
    """Parse and bound a query: operator syntax strictly, anything else as natural language."""
    check_shape(text)
    _refuse_unsearchable(text)
    if text.strip().strip("*") == "" and "*" in text:
        return Q.Every()  # "everything", the same as an empty query (and as cheap)
    reader = searcher.reader()
    if not is_explicit(text):
        return natural(text, reader, MAX_TERMS)
    try:
        q = _PARSER.parse(_END_PUNCT.sub("", text))
    except RecursionError:
        raise QueryError("The query is nested too deeply to parse.") from None
    fuzzy = len({leaf.text for leaf in _leaves(q) if isinstance(leaf, Q.FuzzyTerm)})  # not its copy per field
    if fuzzy > MAX_FUZZY:
        raise QueryError(f"The query has {fuzzy} fuzzy terms (word~); the limit is {MAX_FUZZY}. Remove some ~.")
    near: dict = {}  # each fuzzy word walks the word list once, not once per searched field
    unstemmed = _fuzzy_words(text)
    q = q.accept(lambda node: _rewrite(node, facets, reader, near, unstemmed))
    # Count the user's words, not their copies in each searched field.
    words = {str(getattr(leaf, "text", None) or getattr(leaf, "words", None) or leaf) for leaf in _leaves(q)}
    if len(words) > MAX_TERMS:
        raise QueryError(f"The query has {len(words)} terms; the limit is {MAX_TERMS}.")
    _check_expansion(q, searcher)
    if q is Q.NullQuery:
        raise QueryError(f"“{text.strip()}” has only very common words; add a more specific one.")
    return q


def _leaves(q: Q.Query) -> list[Q.Query]:
    return [q] if q.is_leaf() else list(q.leaves())


def _refuse_unsearchable(text: str) -> None:
    for m in _FIELD.finditer(_PHRASE.sub(" ", text)):
        name = m.group(1)
        if name in _SCHEMA.names() and name not in QUERY_FIELDS:
            shown = ", ".join(f + ":" for f in ("title", "section", "text", *ENTITY_FACETS, "year", *HEADERS))
            raise QueryError(f"“{name}:” is not a field you can search. Use one of {shown} — or write "
                             f"“{name} {text[m.end():].split(' ')[0]}” without the colon to search the words.")


def _fuzzy_words(text: str) -> dict[str, str]:
    """The words the user marked with `~`, unstemmed, by their stemmed form (the parser hands over the stem)."""
    out = {}
    for m in _FUZZY_WORD.finditer(text):
        stems = list(_SCHEMA["text"].process_text(m.group(1), mode="query", removestops=False))
        words = list(_SCHEMA["text"].spellable_words(m.group(1)))
        if len(stems) == 1 and len(words) == 1:
            out[stems[0]] = words[0]
    return out


def _words_within(reader, word: str, maxdist: int, prefix: int) -> Iterator[str]:
    """Words of the spelling list within `maxdist` edits, segment by segment.

    whoosh3's MultiReader has no terms_within of its own: its fallback walks the stemmed text terms, not the
    spelling words, so on an index of several segments "Trotsly~" missed "Trotsky" (stem "trotski").
    """
    seen: set[str] = set()
    for leaf, _ in reader.leaf_readers():
        for found in leaf.terms_within("text", word, maxdist, prefix=prefix):
            if found not in seen:
                seen.add(found)
                yield found


def _rewrite(node: Q.Query, facets: FacetCache, reader, near: dict, unstemmed: dict[str, str]) -> Q.Query:
    if isinstance(node, Q.FuzzyTerm):
        # Fuzzy matching runs on the unstemmed words of the spelling field, from the word as typed: the stem
        # the parser hands over is not a word ("roared~" came as "roar", whose near word is "rear"). Each near
        # word is then analysed like the text (stemmed, folded) so that it meets the index's terms; each fuzzy
        # word walks the word list once, not once per searched field.
        word = unstemmed.get(str(node.text), str(node.text).lower())
        key = (word, min(node.maxdist, 2), max(node.prefixlength, 1))
        if key not in near:
            found = itertools.islice(_words_within(reader, *key), 50)
            near[key] = {t for w in found for t in _SCHEMA["text"].process_text(w, mode="index")}
        terms = near[key]
        return Q.Or([Q.Term(node.fieldname, t, boost=node.boost) for t in sorted(terms)]) if terms else Q.NullQuery
    if isinstance(node, Q.Every) and node.fieldname:
        return Q.Every()  # `*` inside a query: every passage, not a walk over every word of each field
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
    for node in _leaves(q):
        if isinstance(node, (Q.Prefix, Q.Wildcard)):
            text = str(node.text)
            literal = re.split(r"[*?]", text, maxsplit=1)[0] if isinstance(node, Q.Wildcard) else text
            if not literal:
                raise QueryError(f"“{text}” starts with a wildcard; put at least one letter before * or ?.")
            shown = text if isinstance(node, Q.Wildcard) else text + "*"
            tail = "add more letters before the wildcard."
        elif isinstance(node, Q.TermRange):
            shown = f"{node.fieldname}:[{node.start or ''} TO {node.end or ''}]"
            tail = "narrow the range."
        else:
            continue
        # Counted lazily: never walk more words than the budget allows.
        budget -= sum(1 for _ in itertools.islice(node._btexts(reader), budget + 1))
        if budget < 0:
            raise QueryError(f"“{shown}” matches too many words (over {MAX_EXPANSION}); {tail}")


def postings_cost(q: Q.Query, reader) -> int:
    """How many postings the query reads (its distinct terms' document frequencies, wildcards expanded)."""
    seen: set[tuple[str, object]] = set()
    total = 0
    for leaf in _leaves(q):
        if isinstance(leaf, Q.Every):
            total += reader.doc_count_all()
            continue
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
