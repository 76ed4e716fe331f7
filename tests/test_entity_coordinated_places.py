"""Issue 25: a coordinated region ("Central and South America") names one place per bearing; a land the model
mistakes for its people's word ("Tajikistan" [NORP]) is a place when the collection calls it one nearly as often."""
from __future__ import annotations

from collections import Counter

from indexer.entities.coordplaces import coordinated_places
from indexer.entities.votes import ONE_WORD, vote
from tests.test_entity_resolution import facets
from tests.test_entity_town_lists import _at


def _labels(text: str, spans: list) -> list[tuple[str, str]]:
    return [(m[3], m[2]) for m in coordinated_places(text, spans)]


def test_a_whole_coordination_tagged_as_one_place_gives_each_region():
    text = "The beetle lives in the forests of Central and South America and in the Caribbean."
    assert _labels(text, [_at(text, "Central and South America", "LOC")]) == [
        ("Central America", "LOC"), ("South America", "LOC")]
    text = "Trade grew between North, Central and South America."
    assert [n for n, _ in _labels(text, [_at(text, "North", "LOC"), _at(text, "South America", "LOC")])] == [
        "North America", "Central America", "South America"]


def test_a_first_bearing_the_model_calls_a_people_joins_the_head():
    text = "The company sells its wares in Western and Central Europe."
    assert _labels(text, [_at(text, "Western", "NORP"), _at(text, "Central Europe", "LOC")]) == [
        ("Western Europe", "LOC"), ("Central Europe", "LOC")]


def test_a_plural_region_head_is_made_singular_even_untagged():
    text = "The storms strike the Northern and Southern Hemispheres alike, and both the North and South Poles."
    assert _labels(text, [_at(text, "North", "LOC"), _at(text, "South Poles", "NORP")]) == [
        ("Northern Hemisphere", "LOC"), ("Southern Hemisphere", "LOC"), ("North Pole", "LOC"), ("South Pole", "LOC")]


def test_peoples_words_untagged_heads_and_longer_names_are_left_alone():
    for text, spans in (("The dance is popular among West and Central African peoples.", [("Central African", "NORP")]),
                        ("The ferries join the North and South Islands.", [("North", "LOC")]),
                        ("Trade linked the Middle East and Southern Europe.", [("the Middle East", "LOC"),
                                                                              ("Southern Europe", "LOC")])):
        spans = [_at(text, n, label) for n, label in spans]
        assert _labels(text, spans) == [(m[3], m[2]) for m in spans], text


def test_a_land_the_model_often_calls_a_people_is_a_place():
    assert vote(Counter({"group": 20, "place": 11}), Counter({ONE_WORD: 1})) == "place"
    assert vote(Counter({"group": 242, "place": 1}), Counter({ONE_WORD: 1})) == "group"  # "Greek"
    assert vote(Counter({"group": 14, "place": 2}), Counter({ONE_WORD: 1})) == "group"  # "Nordic"


def test_the_real_model_s_coordinated_regions_are_places():
    found = facets({"beetle": ["The beetle lives in the tropical forests of Central and South America."],
                    "firm": ["The company sells its wares in Western and Central Europe."]})
    places = {v for pairs in found.values() for f, v in pairs if f == "place"}
    assert {"Central America", "South America", "Western Europe", "Central Europe"} <= places
    assert "Central and South America" not in places


def test_an_honorific_keeps_a_listed_person_a_person():
    from indexer.entities.lists import listed_places
    text = "Her stories follow the detectives Tommy and Tuppence, and Miss Harbottle."
    spans = [_at(text, "Tommy", "PERSON"), _at(text, "Tuppence", "GPE"), _at(text, "Miss Harbottle", "PERSON")]
    assert ("Miss Harbottle", "PERSON") in [(m[3], m[2]) for m in listed_places(text, spans)]
