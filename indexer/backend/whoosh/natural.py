"""Natural-language queries: every content word optional, weighted per field, with its variants.

"English rock band (1968–1980)" or "who killed Trotsky?": punctuation is punctuation, question words are not
content, every word is optional and ranked by BM25F over the passage text, its lead sentence, its section and its
document's title; derivational variants, the head of a compound no passage holds ("overgarment" → garment), a
decimal written to more places ("3.14" → 3.14159) and a country's language adjective count too, less or as the word.
"""
from __future__ import annotations

import itertools
import re
from decimal import ROUND_HALF_UP, Decimal

from whoosh import query as Q

from . import countries as _countries, verbs as _verbs
from .acronyms import is_acronym
from ...errors import QueryError
from .schema import WHOLE_WORDS, query_schema

_SCHEMA = query_schema()
# Natural mode: how much a word counts in each field (BM25 per field, summed).
FIELD_WEIGHTS = {"text": 1.0, "lead": 0.5, "title": 0.15, "section": 0.15}
PHRASE_WEIGHT = 1.0
IMPLICIT_PHRASE = 2.0
TITLE_PHRASE = 1.0  # the words side by side in a title ("Roman Empire"): the article so named is among those re-ranked
# Derivational endings the Snowball stemmer leaves ("dramat"/"drama", "chines"/"china", "philosoph"/"philosophi"):
# stems sharing a root once one of these is cut are searched too, at VARIANT_WEIGHT.
_ENDINGS = ("ical", "ian", "ese", "ic", "al", "an", "at", "es", "i", "a", "e", "o", "y")
ROOT_MIN = 4
VARIANT_WEIGHT = 0.5
MAX_VARIANTS = 4
HEAD_MIN = 5  # an unknown compound's head: at least this many letters, after at least HEAD_PREFIX of modifier
HEAD_PREFIX = 3
DECIMAL = re.compile(r"\d+\.\d+")
MORE_PLACES = True  # a decimal stands for the text's same number written to more places (3.14 → 3.14159)
COUNTRY_WEIGHT = 1.0  # a country for its language adjective and back (Greek/Greece, Dutch/Netherlands)
QUESTION_WORDS = frozenset("who whom whose what which when where why how".split())
# Helper verbs that only carry the question's grammar ("when did X die", "what was used").
QUESTION_VERBS = frozenset("did does do was were is are has have had can could would should shall".split())
# Determiners and quantifiers the index's stop list keeps ("documents and other small packages", "such as
# showering", "its own weight"; "this" and "that" it drops): they point at or count the words around them and say
# nothing of their own. "More" and "most" are not among them: they make a comparative or superlative ("most
# populous city"); nor is "no", a negation.
DETERMINERS = frozenset("all another any both each either every few her his its many much my neither other our own "
                        "same several some such their these those".split())
GRAMMAR = QUESTION_WORDS | QUESTION_VERBS | DETERMINERS
PHRASE = re.compile(r'"([^"]*)"')
# Words as the text's tokenizer splits them: "U.S." and "3.14" are one word each ("u.s" stems to "u."); split at
# the dots they would be single letters and digits, which the analyser drops.
WORD = re.compile(WHOLE_WORDS + r"|[^\W_]+(?:['’.][^\W_]+)*")  # "C++" and "third-longest" whole, as indexed


def content_words(text: str) -> tuple[list[str], list[list[str]]]:
    """The analysed words of a natural query (question words and determiners dropped) and its quoted phrases,
    analysed."""
    phrases = [one_per_position(analyse(p)) for p in PHRASE.findall(text)]
    plain = WORD.findall(PHRASE.sub(" ", text))
    lowered = [w.lower() for w in plain]
    # Question words, helper verbs and determiners carry grammar, not content, wherever they stand ("Ceremony for a
    # person who has died", "and other small packages"); capitalised inside the query they are part of a name
    # ("Doctor Who", "Other Voices, Other Rooms") and are searched, as is an acronym in capitals ("WHO").
    kept = [w for i, (w, low) in enumerate(zip(plain, lowered))
            if low not in GRAMMAR or (i and w[0].isupper()) or is_acronym(w)]
    plain = kept or plain  # "who" alone is still a search for "who"
    words = list(dict.fromkeys(t for w in plain for t in analyse(w)))
    return words, [p for p in phrases if p]


def is_asking(word: str) -> bool:
    """A question word or helper verb: grammar, not content (never searched, so never misspelt)."""
    return word.lower() in QUESTION_WORDS | QUESTION_VERBS


def analyse(text: str) -> list[str]:
    """The words of `text` as the passage text's analyser makes them (folded, stemmed, stop words out)."""
    return list(_SCHEMA["text"].process_text(text, mode="query"))


def one_per_position(words: list[str]) -> list[str]:
    """A phrase's words with an acronym's capitals dropped after its plain twin ("GNOME" after "gnome"): the index
    holds both at one position, and a phrase reads each word as the next position."""
    return [words[i] for i in kept_positions(words)]


def kept_positions(words: list[str]) -> list[int]:
    """The indexes of `one_per_position`'s words."""
    return [i for i, w in enumerate(words)
            if not (i and is_acronym(w) and not is_acronym(words[i - 1]) and analyse(w.lower()) == [words[i - 1]])]


def checked_words(text: str, max_terms: int) -> tuple[list[str], list[list[str]]]:
    """`content_words`, refusing a query with nothing to search for or more than `max_terms` words."""
    words, phrases = content_words(text)
    if not words and not phrases:
        if WORD.search(text):
            raise QueryError(f"“{text.strip()}” has only very common words; add a more specific one.")
        raise QueryError(f"“{text.strip()}” has no words to search for. Type one or more words, or a "
                         '"phrase in quotes".')
    if len(words) + sum(map(len, phrases)) > max_terms:
        raise QueryError(f"The query has over {max_terms} words; that is the limit.")
    return words, phrases


def natural(text: str, reader, max_terms: int) -> Q.Query:
    """Every word optional, weighted per field; a quoted phrase is required, as the README promises."""
    words, phrases = checked_words(text, max_terms)
    # An acronym the index holds in capitals is searched so, not as its lowercase twin ("WHO", not "who").
    words = [w for w in words
             if not (w != w.upper() and w.upper() in words and reader.doc_frequency("text", w.upper()))]
    heads = stand_ins(text, reader)
    optional = [word_query(w, variants(w, reader) + heads.get(w, [])) for w in words]
    required = [Q.Phrase("text", p, boost=PHRASE_WEIGHT) if len(p) > 1 else word_query(p[0]) for p in phrases]
    if len(words) > 1:
        # The words side by side, in the order typed ("ice pick"), rank above the same words apart.
        optional.append(Q.Phrase("text", words, boost=IMPLICIT_PHRASE))
        if TITLE_PHRASE > 0:
            optional.append(Q.Phrase("title", words, boost=TITLE_PHRASE))
    if not required:
        return Q.Or(optional)
    must = required[0] if len(required) == 1 else Q.And(required)
    return Q.AndMaybe(must, Q.Or(optional)) if optional else must


def word_query(word: str, similar: list[str] = ()) -> Q.Query:
    """One analysed word in every natural-mode field, weighted; its derivational variants in the text, less; its
    country or language adjective (`countries`) in their stead, less."""
    exact = [Q.Term(f, word, boost=w) for f, w in FIELD_WEIGHTS.items() if w > 0]
    near = [Q.Term(f, v, boost=w * VARIANT_WEIGHT) for v in similar for f, w in FIELD_WEIGHTS.items()
            if w > 0 and f in ("text", "lead")]
    weights = {f: FIELD_WEIGHTS[f] * COUNTRY_WEIGHT for f in ("text", "lead") if COUNTRY_WEIGHT > 0}
    other = _countries.alternatives(word, weights, skip=similar)  # china/chines: a variant already
    # The other form stands in for the word, never adds to it: a passage saying both "Dutch" and "Netherlands"
    # scores no more than one saying "Dutch" alone.
    return Q.DisjunctionMax([Q.Or(exact + near), other]) if other else Q.Or(exact + near)


def stand_ins(text: str, reader) -> dict[str, list[str]]:
    """Indexed words that stand for a query word the text says otherwise: the head of a compound no passage holds
    (`compound_heads`), a decimal written to more places (`longer_decimals`). Searched at the variants' weight and
    counted as the word in the re-rank's coverage and proximity; an acronym's spelling with dots (`dotted_acronyms`);
    an irregular verb's other forms (`verb_forms`)."""
    found = {**verb_forms(text, reader), **compound_heads(text, reader), **longer_decimals(text, reader)}
    return {**found, **dotted_acronyms(text, reader)}


def verb_forms(text: str, reader) -> dict[str, list[str]]:
    """For each query word that is a verb form, its other forms' stems the index holds and the word's does not
    share ("wrote" → written, write: `verbs`)."""
    found = {}
    for raw in WORD.findall(PHRASE.sub(" ", text)):
        stem = analyse(raw)
        if len(stem) != 1 or raw.lower() in GRAMMAR:
            continue
        others = {t for f, lemma in _verbs.forms(raw) for t in analyse(f)
                  if not _verbs.stands_for_another_word(t, lemma, analyse)} - {stem[0]}
        held = sorted((t for t in others if reader.doc_frequency("text", t)),
                      key=lambda t: -reader.doc_frequency("text", t))
        if held:
            found[stem[0]] = held[:_verbs.MAX_FORMS]
    return found


def dotted_acronyms(text: str, reader) -> dict[str, list[str]]:
    """For each acronym in capitals in the query ("US"), its spelling with dots ("U.S.") where the index has it."""
    found = {}
    for raw in WORD.findall(PHRASE.sub(" ", text)):
        if is_acronym(raw) and raw.isalpha():
            dotted = [t for t in analyse(".".join(raw) + ".") if reader.doc_frequency("text", t)]
            if dotted:
                found[raw] = dotted
    return found


def longer_decimals(text: str, reader) -> dict[str, list[str]]:
    """For each decimal in the query, the indexed decimals with more places that cut or round to it: a user writes
    "3.14", "2.72" or "9.8" where the text gives 3.14159, 2.71828 and 9.81."""
    found = {}
    for raw in WORD.findall(PHRASE.sub(" ", text)):
        if not MORE_PLACES or not DECIMAL.fullmatch(raw) or analyse(raw) != [raw]:
            continue
        places = len(raw) - raw.index(".") - 1
        step = Decimal(1).scaleb(-places)
        terms = (t.decode("utf-8") if isinstance(t, bytes) else t
                 for t in itertools.islice(reader.expand_prefix("text", raw[:-1]), 200))  # the last place may round
        longer = [t for t in terms if DECIMAL.fullmatch(t) and len(t) - t.index(".") - 1 > places
                  and (t.startswith(raw) or Decimal(t).quantize(step, ROUND_HALF_UP) == Decimal(raw))]
        if longer:
            longer.sort(key=lambda t: -reader.doc_frequency("text", t))
            found[raw] = longer[:MAX_VARIANTS]
    return found


def compound_heads(text: str, reader) -> dict[str, list[str]]:
    """For each query word no passage holds, the longest indexed word that ends it: English compounds name their
    kind last ("overgarment" is a garment, "phyllosilicate" a silicate)."""
    heads = {}
    for raw in WORD.findall(PHRASE.sub(" ", text)):
        stem = analyse(raw)
        if HEAD_MIN <= 0 or len(stem) != 1 or not raw.isalpha() or reader.doc_frequency("text", stem[0]):
            continue
        for i in range(HEAD_PREFIX, len(raw) - HEAD_MIN + 1):
            head = analyse(raw[i:])
            if len(head) == 1 and head[0] != stem[0] and reader.doc_frequency("text", head[0]):
                heads[stem[0]] = head
                break
    return heads


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
