"""Issue 25, the place facet's one-passage tail: a place's word before a name that belongs to another word is no
sign of a place (`entities.weaksigns`): the name modifies a lower-case noun after it, or "of" hangs on a noun that
takes a person, a work or an idea."""
from __future__ import annotations

from indexer.entities.lone import LONE_PLACE
from tests.test_entity_things import _labels


def test_a_name_that_modifies_a_noun_after_a_preposition_gets_no_sign():
    got = _labels("The scribes wrote the hymn in Velmaric notation before the council met.", [("Velmaric", "GPE")])
    assert got["Velmaric"] == LONE_PLACE


def test_a_cut_first_part_of_a_compound_gets_no_sign():
    got = _labels("Its shells are found in Dorvanian- to Keltic-aged beds along the shore.", [("Dorvanian-", "GPE")])
    assert got["Dorvanian-"] == LONE_PLACE


def test_a_place_kind_or_a_verb_after_the_name_keeps_the_sign():
    got = _labels("The mint stood in the Varsk region, and the town of Olmen served as its port.",
                  [("Varsk", "GPE"), ("Olmen", "GPE")])
    assert got["Varsk"] == "GPE" and got["Olmen"] == "GPE"


def test_of_after_a_title_or_a_reign_is_no_sign():
    got = _labels("He rose to the rank and title of Tovaku, the highest office, during the reign of Ardashan.",
                  [("Tovaku", "GPE"), ("Ardashan", "GPE")])
    assert got["Tovaku"] == LONE_PLACE and got["Ardashan"] == LONE_PLACE


def test_of_after_a_place_noun_keeps_the_sign():
    got = _labels("The abbey lies near the village of Tresk.", [("Tresk", "GPE")])
    assert got["Tresk"] == "GPE"


def test_a_several_word_name_that_modifies_a_noun_gets_no_sign():
    got = _labels("He wrote a long essay on the Dalvek Harrow design for the new mills.", [("Dalvek Harrow", "GPE")])
    assert got["Dalvek Harrow"] == LONE_PLACE
