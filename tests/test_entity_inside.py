"""Issue 25: a place the model found inside a longer name the text shows ("Baja [California]", "[Peking] opera")."""
from __future__ import annotations

from tests.test_entity_things import _labels


def test_a_capitalised_modifier_written_against_a_place_is_part_of_its_name():
    got = _labels("The ridge runs from the Austrian Silesia border to Baja California and the Swiss Alps.",
                  [("Austrian", "NORP"), ("Silesia", "GPE"), ("California", "GPE"), ("Alps", "LOC")])
    assert got.get("Austrian Silesia") == got.get("Baja California") == "GPE"
    assert got.get("Swiss Alps") == "LOC"
    assert "Austrian" not in got and "Silesia" not in got and "California" not in got and "Alps" not in got


def test_a_sentence_s_first_word_a_title_or_a_second_capitalised_word_is_no_modifier():
    got = _labels("Today Germany is large. The town lies in the Alps. King George met the Bronze Age Greece "
                  "scholars.", [("Germany", "GPE"), ("Alps", "LOC"), ("George", "GPE"), ("Greece", "GPE")])
    assert got.get("Germany") == "GPE" and got.get("Alps") == "LOC"
    assert "King George" not in got and "Age Greece" not in got and got.get("Greece") == "GPE"


def test_a_place_before_a_lower_case_noun_that_makes_a_thing_of_it_is_no_place():
    got = _labels("He sang Kunqu opera, studied the Kuiper belt and fished for Atlantic salmon near Paris.",
                  [("Kunqu", "GPE"), ("Kuiper", "LOC"), ("Atlantic", "LOC"), ("Paris", "GPE")])
    assert "Kunqu" not in got and "Atlantic" not in got and got.get("Kuiper") not in ("GPE", "LOC", "GPE_LONE")
    assert got.get("Paris") == "GPE"
