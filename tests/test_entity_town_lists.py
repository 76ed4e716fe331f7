"""Issue 25: a list of one-word places the model tags only in part is a list of places."""
from __future__ import annotations

from indexer.entities.placelists import listed_towns
from tests.test_entity_resolution import facets


def _at(text: str, name: str, label: str) -> tuple[int, int, str, str]:
    at = text.index(name)
    return (at, at + len(name), label, name)


def _labels(text: str, spans: list) -> list[tuple[str, str]]:
    return [(m[3], m[2]) for m in listed_towns(text, spans)]


def test_a_list_a_plural_kind_of_place_heads_is_of_places():
    text = "Greater Varn includes several municipalities, including Eslam, Shahra, Qodsar, and Reyna."
    assert _labels(text, [_at(text, "Eslam", "PERSON"), _at(text, "Qodsar", "ORG")]) == [
        ("Eslam", "GPE"), ("Shahra", "GPE"), ("Qodsar", "GPE"), ("Reyna", "GPE")]
    text = "Its name refers to the four former provinces that make up the island: Awana, Tosan, Sanuka, and Iyona."
    assert [n for n, label in _labels(text, [_at(text, "Awana,", "ORG")]) if label == "GPE"] == [
        "Awana", "Tosan", "Sanuka", "Iyona"]


def test_a_list_a_plural_kind_of_place_follows_or_the_model_s_places_fill_is_of_places():
    text = "The city extends into Collan, Dentor, Kaufa, and Rockwell counties."
    assert _labels(text, [_at(text, "Collan", "GPE"), _at(text, "Rockwell", "ORG")])[-1] == ("Rockwell", "GPE")
    text = "The river is located between Malawi, Mozambique and Tanzania."
    assert _labels(text, [_at(text, "Malawi", "PERSON"), _at(text, "Mozambique", "GPE"),
                          _at(text, "Tanzania", "GPE")])[0] == ("Malawi", "GPE")


def test_seasons_adjectives_a_sentence_s_first_word_and_peoples_lists_are_no_places():
    for text, spans in (("The towns of the valley include Summer, Autumn and Winter.", []),
                        ("There are three regions and types of tundra: Arctic, Alpine, and Antarctic.", []),
                        ("It is located by Fuzhou. Together, Fuzhou and Ningde are a region.", []),
                        ("The province's population is Hani, Yi, Dai and Bai.", ["Hani", "Yi"])):
        spans = [_at(text, n, "GPE") for n in spans]
        assert _labels(text, spans) == [(m[3], m[2]) for m in spans], text


def test_the_real_model_s_partly_tagged_list_of_towns_is_of_places():
    found = facets({"varn": ["Greater Varn includes several municipalities, including Eslamshahr, Shahriar, Qods, "
                             "Malard, Golestan, Varamin, and Rey."]})
    assert {"Eslamshahr", "Shahriar", "Qods", "Malard"} <= {v for f, v in found["varn"] if f == "place"}
