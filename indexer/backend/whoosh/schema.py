"""The versioned Whoosh schema of a passage. Bump SCHEMA_VERSION whenever a field changes meaning."""
from __future__ import annotations

import functools
import re

from whoosh import fields
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.support.charset import accent_map

from .acronyms import CapsFilter, MarkCapsFilter
from .analyzer import CachedAnalyzer, CachedPositions
from .identifiers import IdentifierFilter, PartStopFilter
from ...query.facets import ENTITY_FACETS

SCHEMA_VERSION = 8  # 2: the ocr field; 3: identifiers by their parts; 4: Infobox facts, new raw labels;
# 5: title without disambiguation and unboosted at index time; lead-sentence field;
# 6: evidence labels for organisations and works stored with the raw counts (indexer/entities/evidence.py);
# 7: pattern facets (email, phone, iban, url: indexer/entities/patterns.py); an identifier's parts share its
# position (a quoted phrase goes on past it); 8: acronyms in capitals kept as their own term (acronyms.py), "C++"
# and "third-longest" one word each (TOKEN); an email's `from`, `to` and `thread` (indexer/read/addresses.py)

# A trailing "(plant)" or "(1897–1962)" tells documents of one name apart; it is not what the text is about.
_DISAMBIGUATION = re.compile(r"\s*\([^()]*\)\s*$")
# A sentence ends at . ! ? (maybe closed by a quote or bracket) then space and a capital or digit; a period after
# a lone capital ("Arthur C. Clarke") is an initial, not an end.
_SENTENCE_END = re.compile(r"(?<![\s.][A-Z])[.!?][\"”’)\]]?\s+(?=[\"“(\[]?[A-Z0-9])")
LEAD_MAX_CHARS = 400
# Words kept whole: "C++" and "C#" (else one letter, dropped); an ordinal joined to a superlative ("third-longest",
# "2nd-largest"), so that it does not count as the bare superlative. Then Whoosh's default word.
WHOLE_WORDS = (r"[A-Za-z](?:\+\+|#)(?![\w+#])"
               r"|(?i:(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)-\w+est)\b")
TOKEN = WHOLE_WORDS + r"|\w+(\.?\w+)*"
_COPULA = re.compile(r"\b(?:is|was|are|were|refers to|is one of)\s")


def strip_disambiguation(title: str) -> str:
    """'Viola (plant)' → 'Viola'; a title that is all parenthesis stays as it is."""
    return _DISAMBIGUATION.sub("", title) or title


def lead_sentence(text: str) -> str:
    """The first sentence of a passage (at most LEAD_MAX_CHARS): where a text says what it is about."""
    m = _SENTENCE_END.search(text, 0, LEAD_MAX_CHARS)
    return text[: m.start() + 1] if m else text[:LEAD_MAX_CHARS]


def lead_predicate(text: str) -> str:
    """What the first sentence says its subject is: "Sparta was [a prominent ancient Greek polis in Laconia]".

    The subject is the document's name, which the title field holds already; counted again here it would let
    the article about a class ("Mammal") beat the one about a member ("Platypus") on the class's name.
    """
    lead = lead_sentence(text)
    m = _COPULA.search(lead, 0, 200)
    return lead[m.end():] if m else lead


class _CutTokenizer(RegexTokenizer):
    """A word tokenizer that first keeps only part of the value (the title's name, the passage's lead)."""

    def __init__(self, cut: str) -> None:
        super().__init__(TOKEN)
        self.cut = cut

    def prepare(self, value: str) -> str:
        """The part of the value that is indexed."""
        return _CUTS[self.cut](value)

    def __call__(self, value: str, **kwargs):
        return super().__call__(self.prepare(value), **kwargs)


_CUTS = {"title": strip_disambiguation, "lead": lead_predicate}


def _analyzer(tokenizer: RegexTokenizer):
    # Accents fold before stemming so "Coyoacán" and "Coyoacan" meet; the Snowball English stemmer (not the
    # original Porter one) makes "assassinated" meet "assassination".
    # Identifiers are indexed whole and by their parts (deepStrictEqual, assert.deepStrictEqual).
    # Acronyms in capitals are indexed as themselves too (acronyms.py), after the stemmer (which lowercases).
    chain = (tokenizer | MarkCapsFilter() | IdentifierFilter() | LowercaseFilter() | CharsetFilter(accent_map)
             | PartStopFilter() | StemFilter(lang="en") | CapsFilter())
    return CachedAnalyzer(*chain.items)


TEXT_ANALYZER = _analyzer(RegexTokenizer(TOKEN))
TITLE_ANALYZER = _analyzer(_CutTokenizer("title"))
LEAD_ANALYZER = _analyzer(_CutTokenizer("lead"))


class SpelledText(fields.TEXT):
    """TEXT whose unstemmed words (the word list of fuzzy terms and did-you-mean) are posted once, not per passage.

    Whoosh posts a passage's every word again under document 0, which only the word list reads: that doubled the
    postings an indexing run writes. `spell_words` is called on each new writer with the words the index holds
    already (as far as this process knows); "off" leaves them for later.
    """

    def spell_words(self, mode: str = "once", known: frozenset[str] | set[str] = frozenset()) -> None:
        """"once": each word not in `known` once for this writer; "off": none (a later rewrite adds them)."""
        self.__dict__["_spelled"] = (known, set()) if mode == "once" else None

    def forget_known(self) -> None:
        """Post every word from now on, not only those not known before (when spelling is on)."""
        spelled = self.__dict__.get("_spelled")
        if spelled:
            self.__dict__["_spelled"] = (frozenset(), spelled[1])

    def new_words(self) -> set[str]:
        """The words this writer has posted (empty when spelling is off)."""
        spelled = self.__dict__.get("_spelled")
        return spelled[1] if spelled else set()

    def spellable_words(self, value):
        spelled = self.__dict__.get("_spelled", False)
        if spelled is None:
            return iter(())
        # The format has just read this value's words while indexing it: Whoosh asks for them right after.
        found = self.format.words_of(value) if isinstance(self.format, CachedPositions) else None
        words = iter(sorted(found)) if found is not None else super().spellable_words(value)
        if not isinstance(spelled, tuple):
            return words  # a schema no writer has prepared: Whoosh's own behaviour
        known, mine = spelled
        new = [w for w in words if w not in known and w not in mine]
        mine.update(new)
        return iter(new)

    def __getstate__(self) -> dict:
        # The schema is pickled into the index's table of contents at each commit: not the writer's word sets.
        return {k: v for k, v in self.__dict__.items() if k != "_spelled"}


def build_schema() -> fields.Schema:
    """One Whoosh document per passage."""
    facet_fields = {
        # ID with a list value indexes each whole value as one exact term: display case kept, commas safe.
        name: fields.ID(stored=True)
        for name in (*ENTITY_FACETS, "year")
    }
    schema = fields.Schema(
        passage_id=fields.ID(stored=True, unique=True),
        doc_id=fields.ID(stored=True),
        # Field weights are given at query time (natural.FIELD_WEIGHTS): a boost baked into the postings would
        # also bend BM25's saturation of repeated words.
        title=fields.TEXT(analyzer=TITLE_ANALYZER, stored=True),
        section=fields.TEXT(analyzer=TEXT_ANALYZER, stored=True),
        text=SpelledText(analyzer=TEXT_ANALYZER, stored=True, spelling=True),
        # The passage's first sentence ("X is a Y ..."), indexed again so that a defining sentence counts extra.
        lead=fields.TEXT(analyzer=LEAD_ANALYZER, stored=False),
        kind=fields.ID(stored=True),
        ocr=fields.STORED(),  # True when the passage was read from a picture by OCR (schema 2)
        ordinal=fields.STORED(),
        start=fields.STORED(),
        end=fields.STORED(),
        # YYYYMMDD of the first and last day of every date mentioned: range queries on mentioned dates.
        date=fields.NUMERIC(int, bits=32, signed=False),
        dates=fields.STORED(),  # normalised EDTF strings for display
        # [(start, end, facet, canonical name, surface)] relative to the passage
        mentions=fields.STORED(),
        raw=fields.STORED(),  # [(start, end, label, text)] as spaCy saw them: facets are recomputed without NER
        **facet_fields,
        # An email's sender and recipients (To and Cc), names and addresses folded like the text; its thread.
        **{"from": fields.TEXT(analyzer=TEXT_ANALYZER, stored=True), "to": fields.TEXT(analyzer=TEXT_ANALYZER, stored=True),
           "thread": fields.ID(stored=True)},
    )
    for name in ("title", "section", "text", "lead"):
        schema[name].format = CachedPositions(field_boost=schema[name].format.field_boost)
    return schema


@functools.lru_cache(maxsize=1)
def query_schema() -> fields.Schema:
    """The one schema instance the query side analyses with (parser, natural queries, country forms).

    Indexes get their own instance (`build_schema`): a writer keeps per-run state on its fields.
    """
    return build_schema()
