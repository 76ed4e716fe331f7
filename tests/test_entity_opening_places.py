"""Issue 25: the passage's subject, a place the model leaves untagged (or calls an organisation) at its start."""
from __future__ import annotations

from indexer.entities.mentions import refine
from tests.test_entity_resolution import facets


def _places(text: str, spans: list | None = None) -> list[tuple[str, str]]:
    return [(m[3], m[2]) for m in refine(text, spans or []) if m[2] == "GPE_DEFINED"]


def _at(text: str, name: str, label: str) -> tuple[int, int, str, str]:
    at = text.index(name)
    return (at, at + len(name), label, name)


def test_an_untagged_opening_name_defined_as_a_place_is_a_defined_place():
    assert _places("Vellora is a major coastal city located in the north of Westland.") \
        == [("Vellora", "GPE_DEFINED")]
    assert _places("The Tarvin Basin is a vast semiarid lowland region in central Westland.") \
        == [("Tarvin Basin", "GPE_DEFINED")]
    assert _places("Korvania refers to a region probably located in the marshy land of the south.") \
        == [("Korvania", "GPE_DEFINED")]
    assert _places("In classical antiquity, Zelphia was a kingdom in the west of the peninsula.") \
        == [("Zelphia", "GPE_DEFINED")]
    assert _places("Pangola or Pangolia was a supercontinent that existed long ago.") == [("Pangola", "GPE_DEFINED")]
    assert _places("Marthey is a mountain range in the north.") == [("Marthey", "GPE_DEFINED")]


def test_an_opening_defined_as_a_concept_a_state_or_a_sport_is_no_place():
    for text in ("Quantics is an area of mathematics concerned with counting.",
                 "Fervor is an intense emotional state which is aroused by threats.",
                 "Drossity is the state of the Earth's atmosphere at a specific time.",
                 "Glimball is a team sport in which two teams oppose one another.",
                 "Vexism is a range of spiritual practices that grew in Western nations.",
                 "Extinction is the termination of a species.",
                 "Gloria is a complex and multifaceted mental state.",
                 "Zomix is a French comic album series about a Gaulish village."):
        assert _places(text) == [], text


def test_an_opening_place_the_model_tagged_as_an_organisation_or_in_part_is_a_defined_place():
    text = "Marukoku is the smallest of the four main islands of Japan."
    assert _places(text, [_at(text, "Marukoku", "ORG"), _at(text, "Japan", "GPE")]) == [("Marukoku", "GPE_DEFINED")]
    text = "Sub-Saharan Zandia is the areas and regions of the continent of Zandia."
    assert _places(text, [(12, 18, "LOC", "Zandia")])[0] == ("Sub-Saharan Zandia", "GPE_DEFINED")
    text = "The Northern Trust is a union of banks."
    assert _places(text, [_at(text, "The Northern Trust", "ORG")]) == []


def test_the_real_model_s_opening_place_is_a_place():
    found = facets({"velmora": ["Velmora is a major coastal city located in the northwest of Algeria. It is the second "
                                "most important city of Algeria."]})
    assert ("place", "Velmora") in found["velmora"]


def test_a_museum_the_model_called_an_organisation_stays_one():
    text = "The Royal Gallery is an art museum in Trafalgar Square in London."
    assert _places(text, [_at(text, "The Royal Gallery", "ORG")]) == []
