"""The facets: the fields every passage may carry values of, that searches count, filter and exclude by."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    """A facet: a field every passage may carry values of, that searches count and filter by."""

    name: str
    label: str  # the human title
    entity: bool = True  # an entity type found in the text (not a year, not the document)
    sidebar: bool = True  # listed with its values beside the results (the document facet is shown as hits)
    pattern: bool = False  # found by a validated pattern (addresses, numbers, links: entities/patterns.py), not NER
    noun: str = ""  # one value's kind as a reader says it, where the name is not that ("organisation", not "org")


# In the order the sidebar shows them; the document facet (passages per source) filters and excludes by source.
FACET_DEFS: tuple[Facet, ...] = (
    Facet("person", "People"), Facet("org", "Organisations", noun="organisation"), Facet("place", "Places"), Facet("group", "Groups"),
    Facet("event", "Events"), Facet("work", "Works"), Facet("email", "Email addresses", pattern=True),
    Facet("phone", "Phone numbers", pattern=True), Facet("iban", "IBANs", pattern=True),
    Facet("url", "Links", pattern=True), Facet("year", "Years", entity=False),
    Facet("doc_id", "Document", entity=False, sidebar=False),
)
FACETS: tuple[str, ...] = tuple(f.name for f in FACET_DEFS if f.sidebar)
ENTITY_FACETS: tuple[str, ...] = tuple(f.name for f in FACET_DEFS if f.entity)
PATTERN_FACETS: tuple[str, ...] = tuple(f.name for f in FACET_DEFS if f.pattern)
NAME_FACETS: tuple[str, ...] = tuple(f.name for f in FACET_DEFS if f.entity and not f.pattern)  # names: NER's
DOCUMENT_FACET = "doc_id"
# An email's header fields, searched as `from:` (its sender), `to:` (To and Cc) and `thread:` (indexer/read/addresses)
HEADERS: tuple[str, ...] = ("from", "to", "thread")
FILTER_FACETS: tuple[str, ...] = tuple(f.name for f in FACET_DEFS)  # what a search may filter or exclude by
FACET_LABELS: dict[str, str] = {f.name: f.label for f in FACET_DEFS}
_NOUNS: dict[str, str] = {f.name: f.noun for f in FACET_DEFS if f.noun}


def facet_noun(name: str) -> str:
    """A facet's value kind as a reader says it ("organisation" for org; the others are named by their noun)."""
    return _NOUNS.get(name, name)
