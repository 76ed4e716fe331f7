"""The versioned Whoosh schema of a passage. Bump SCHEMA_VERSION whenever a field changes meaning."""
from __future__ import annotations

from whoosh import fields
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.support.charset import accent_map

from ._identifiers import IdentifierFilter
from .results import ENTITY_FACETS

SCHEMA_VERSION = 4  # 2: the ocr field; 3: identifiers indexed by their parts; 4: Infobox facts and new raw labels

# Accents fold before stemming so "Coyoacán" and "Coyoacan" meet; the Snowball English stemmer (not the
# original Porter one) makes "assassinated" meet "assassination".
TEXT_ANALYZER = RegexTokenizer() | IdentifierFilter() | LowercaseFilter() | CharsetFilter(accent_map) | StopFilter() | StemFilter(lang="en")


def build_schema() -> fields.Schema:
    """One Whoosh document per passage."""
    facet_fields = {
        # ID with a list value indexes each whole value as one exact term: display case kept, commas safe.
        name: fields.ID(stored=True)
        for name in (*ENTITY_FACETS, "year")
    }
    return fields.Schema(
        passage_id=fields.ID(stored=True, unique=True),
        doc_id=fields.ID(stored=True),
        title=fields.TEXT(analyzer=TEXT_ANALYZER, stored=True, field_boost=2.0),
        section=fields.TEXT(analyzer=TEXT_ANALYZER, stored=True, field_boost=1.2),
        text=fields.TEXT(analyzer=TEXT_ANALYZER, stored=True, spelling=True),
        kind=fields.ID(stored=True),
        ocr=fields.STORED(),  # True when the passage was read from a picture by OCR (schema 2)
        ordinal=fields.STORED(),
        start=fields.STORED(),
        end=fields.STORED(),
        # YYYYMMDD of the first and last day of every date mentioned: range queries on mentioned dates.
        date=fields.NUMERIC(int, bits=32, signed=False),
        dates=fields.STORED(),  # normalised EDTF strings for display
        mentions=fields.STORED(),
        raw=fields.STORED(),  # [(start, end, label, text)] as spaCy saw them: facets are recomputed without NER  # [(start, end, facet, canonical name, surface)] relative to the passage
        **facet_fields,
    )
