"""Issue 25, round 19 (person recall on passages nobody judged): a biography's subject the model tags as an
organisation or leaves untagged, defined by a word for a person with none of the occupations' endings ("a Mongol
general", "a comic playwright", "a Nahua woman"). Sentences of their own, spans as the model gives them in the wiki."""
from __future__ import annotations

from indexer.entities.evidence import PERSONS
from indexer.entities.mentions import refine


def _at(text: str, name: str, label: str) -> tuple[int, int, str, str]:
    start = text.index(name)
    return (start, start + len(name), label, name)


def _first(text: str, name: str | None = None, label: str = "ORG") -> str:
    spans = refine(text, [_at(text, name, label)] if name else [])
    return spans[0][2] if spans else ""


def test_a_definition_s_head_without_an_occupation_s_ending_defines_a_person():
    assert _first("Tavrin was a Mongol general and the chief strategist of the khan.", "Tavrin") in PERSONS
    assert _first("Odalric was an Ancient Greek comic playwright from Athens. He wrote forty plays.") in PERSONS
    assert _first("Yelena Varga was a Nahua woman who served as an interpreter.", "Yelena Varga", "GPE") in PERSONS
    assert _first("Bruno Falk was a German architect who designed the town hall.", "Bruno Falk") in PERSONS


def test_a_word_for_a_person_that_modifies_a_thing_defines_no_person():
    text = "The Grand Lexicon, better known as the Lexicon, was a general encyclopedia published in France."
    assert refine(text, [_at(text, "Lexicon", "ORG")])[0][2] not in PERSONS
    assert _first("Corvan is a boy band from Leeds that formed in 2009.", "Corvan") not in PERSONS
    assert _first("Velmora is a spy film directed by a Danish director.", "Velmora", "WORK_OF_ART") not in PERSONS
