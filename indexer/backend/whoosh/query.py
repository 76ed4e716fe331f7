"""Turning a user's query string into a bounded Whoosh query: caps on size, nesting and wildcard expansion.

Two modes. A query with real operators (AND/OR/NOT, `field:`, `*`, `?` inside a word, `~`, `^`, a range) is parsed
as the README documents: words joined by AND. Anything else is natural language ("English rock band (1968–1980)",
"who killed Trotsky?"): punctuation is punctuation, question words are not content, every word is optional and
ranked by BM25F over the passage text, its lead sentence, its section and its document's title; the search then
re-ranks the best hits by how many of the words they hold and how close together (see `_rerank`).
"""
from __future__ import annotations

import itertools
import re

from whoosh import query as Q
from whoosh.qparser import FuzzyTermPlugin, MultifieldParser
from whoosh.searching import Searcher

from .facets import FacetCache
from ...entities import name_key
from ...errors import QueryError
from ...results import ENTITY_FACETS
from .schema import build_schema

MAX_QUERY_CHARS = 500
MAX_DEPTH = 8
MAX_TERMS = 32
MAX_EXPANSION = 500  # words a query's wildcards, fuzzy terms and ranges may expand to, in all
MAX_FUZZY = 4  # fuzzy terms per query: each one walks the word list before the time limit can act
SEARCH_FIELDS = ["title", "section", "text"]
# Natural mode: how much a word counts in each field (BM25 per field, summed).
FIELD_WEIGHTS = {"text": 1.0, "lead": 0.5, "title": 0.15, "section": 0.15}
PHRASE_WEIGHT = 1.0
IMPLICIT_PHRASE = 2.0
# Derivational endings the Snowball stemmer leaves ("dramat"/"drama", "chines"/"china", "philosoph"/"philosophi"):
# stems sharing a root once one of these is cut are searched too, at VARIANT_WEIGHT.
_ENDINGS = ("ical", "ian", "ese", "ic", "al", "an", "at", "es", "i", "a", "e", "o", "y")
ROOT_MIN = 4
VARIANT_WEIGHT = 0.5
MAX_VARIANTS = 4
_FUZZY_WORD = re.compile(r"([^\s\"()~:^]+)~")
_SCHEMA = build_schema()
# Fields a user may name; the rest (offsets, stored mentions) hold no searchable words.
QUERY_FIELDS = ("title", "section", "text", "date", "kind", "doc_id", *ENTITY_FACETS, "year")
QUESTION_WORDS = frozenset("who whom whose what which when where why how".split())
# Helper verbs that only carry the question's grammar ("when did X die", "what was used").
QUESTION_VERBS = frozenset("did does do was were is are has have had can could would should shall".split())

_BOOLEAN = re.compile(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b")
_FIELD = re.compile(r"(?<![\w.])([A-Za-z_]\w*):(?=[^\s:])")
_EXPLICIT = re.compile(
    r"\w\*|(?:^|\s)\*(?=\s|$)|\*\w"  # wildcards, a bare * (everything)
    r"|[*?]"  # any * or ? left once end-of-word punctuation is gone
    r"|\w~\d*(?=\s|$|\))"  # fuzzy
    r"|\w\^\d"  # boost
    r"|[\[{][^\]}]*\bTO\b"  # range
)
_OPERATORS = re.compile(_BOOLEAN.pattern + "|" + _EXPLICIT.pattern)  # used by suggestions: no did-you-mean
_END_PUNCT = re.compile(r"(?<=\w)[?!.]+(?=\s|$)")  # "attacked?" is a question, not a wildcard
_PHRASE = re.compile(r'"([^"]*)"')
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def _parser() -> MultifieldParser:
    parser = MultifieldParser(SEARCH_FIELDS, _SCHEMA, fieldboosts={"title": 2.0, "section": 1.2})
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
    text = _PHRASE.sub(" ", _END_PUNCT.sub("", text))
    return bool(_BOOLEAN.search(text) or _EXPLICIT.search(text)
                or any(m.group(1) in QUERY_FIELDS for m in _FIELD.finditer(text)))


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
        return natural(text, reader)
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
            shown = ", ".join(f + ":" for f in ("title", "section", "text", *ENTITY_FACETS, "year"))
            raise QueryError(f"“{name}:” is not a field you can search. Use one of {shown} — or write "
                             f"“{name} {text[m.end():].split(' ')[0]}” without the colon to search the words.")


def content_words(text: str) -> tuple[list[str], list[list[str]]]:
    """The analysed words of a natural query (question words dropped) and its quoted phrases, analysed."""
    phrases = [_analyse(p) for p in _PHRASE.findall(text)]
    plain = _WORD.findall(_PHRASE.sub(" ", text))
    lowered = [w.lower() for w in plain]
    if lowered and (lowered[0] in QUESTION_WORDS or text.rstrip().endswith("?")):
        kept = [w for w, low in zip(plain, lowered) if low not in QUESTION_WORDS | QUESTION_VERBS]
        plain = kept or plain  # "who" alone (or "The Who") is still a search for "who"
    words = list(dict.fromkeys(t for w in plain for t in _analyse(w)))
    return words, [p for p in phrases if p]


def _analyse(text: str) -> list[str]:
    return list(_SCHEMA["text"].process_text(text, mode="query"))


def natural(text: str, reader) -> Q.Query:
    """Every word optional, weighted per field; a quoted phrase is required, as the README promises."""
    words, phrases = content_words(text)
    if not words and not phrases:
        if _WORD.search(text):
            raise QueryError(f"“{text.strip()}” has only very common words; add a more specific one.")
        raise QueryError(f"“{text.strip()}” has no words to search for. Type one or more words, or a "
                         '"phrase in quotes".')
    if len(words) + sum(map(len, phrases)) > MAX_TERMS:
        raise QueryError(f"The query has over {MAX_TERMS} words; that is the limit.")
    optional = [word_query(w, variants(w, reader)) for w in words]
    required = [Q.Phrase("text", p, boost=PHRASE_WEIGHT) if len(p) > 1 else word_query(p[0]) for p in phrases]
    if len(words) > 1:
        # The words side by side, in the order typed ("ice pick"), rank above the same words apart.
        optional.append(Q.Phrase("text", words, boost=IMPLICIT_PHRASE))
    if not required:
        return Q.Or(optional)
    must = required[0] if len(required) == 1 else Q.And(required)
    return Q.AndMaybe(must, Q.Or(optional)) if optional else must


def word_query(word: str, similar: list[str] = ()) -> Q.Query:
    """One analysed word in every natural-mode field, weighted; its derivational variants in the text, less."""
    exact = [Q.Term(f, word, boost=w) for f, w in FIELD_WEIGHTS.items() if w > 0]
    near = [Q.Term(f, v, boost=w * VARIANT_WEIGHT) for v in similar for f, w in FIELD_WEIGHTS.items()
            if w > 0 and f in ("text", "lead")]
    return Q.Or(exact + near)


def root(stem: str) -> str:
    """A stem with one derivational ending cut, if at least ROOT_MIN letters remain."""
    for ending in _ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= ROOT_MIN:
            return stem[: -len(ending)]
    return stem


def variants(word: str, reader) -> list[str]:
    """Indexed stems with the same root as `word` (drama → dramat), most frequent first."""
    if VARIANT_WEIGHT <= 0 or not word.isalpha():
        return []
    base = root(word)
    if len(base) < ROOT_MIN:
        return []
    terms = (t.decode("utf-8") if isinstance(t, bytes) else t
             for t in itertools.islice(reader.expand_prefix("text", base), 200))
    found = [t for t in terms if t != word and root(t) == base]
    found.sort(key=lambda t: -reader.doc_frequency("text", t))
    return found[:MAX_VARIANTS]


def _fuzzy_words(text: str) -> dict[str, str]:
    """The words the user marked with `~`, unstemmed, by their stemmed form (the parser hands over the stem)."""
    out = {}
    for m in _FUZZY_WORD.finditer(text):
        stems = list(_SCHEMA["text"].process_text(m.group(1), mode="query", removestops=False))
        words = list(_SCHEMA["text"].spellable_words(m.group(1)))
        if len(stems) == 1 and len(words) == 1:
            out[stems[0]] = words[0]
    return out


def _rewrite(node: Q.Query, facets: FacetCache, reader, near: dict, unstemmed: dict[str, str]) -> Q.Query:
    if isinstance(node, Q.FuzzyTerm):
        # Fuzzy matching runs on the unstemmed words of the spelling field, from the word as typed: the stem
        # the parser hands over is not a word ("roared~" came as "roar", whose near word is "rear"). Each near
        # word is then analysed like the text (stemmed, folded) so that it meets the index's terms; each fuzzy
        # word walks the word list once, not once per searched field.
        word = unstemmed.get(str(node.text), str(node.text).lower())
        key = (word, min(node.maxdist, 2), max(node.prefixlength, 1))
        if key not in near:
            found = itertools.islice(reader.terms_within("text", key[0], key[1], prefix=key[2]), 50)
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
