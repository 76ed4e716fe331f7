"""Issue 25, the place facet's tail: a name the model calls a place, named with no sign of one, votes weakly
(`lone.LONE_PLACE`): names of several words and LOC or FAC spans (`placecue`), and one-word names whose only
sign was a list's joint ("and", a comma) beside names that show no place either."""
from __future__ import annotations

from indexer.entities.lone import LONE_PLACE
from tests.test_entity_things import _labels


def test_a_name_of_several_words_with_no_sign_of_a_place_votes_weakly():
    got = _labels("The students ended their Grand Ramble and praised the Homeric Odes before supper.",
                  [("Grand Ramble", "FAC"), ("the Homeric Odes", "LOC")])
    assert got["Grand Ramble"] == got["the Homeric Odes"] == LONE_PLACE


def test_a_preposition_a_head_word_or_a_country_after_keep_a_place():
    got = _labels("He settled in Upper Wessex; each winter the Kiwanu Dam freezes. She sailed past Port Lorne, Chile.",
                  [("Upper Wessex", "GPE"), ("the Kiwanu Dam", "LOC"), ("Port Lorne", "GPE"), ("Chile", "GPE")])
    assert got["Upper Wessex"] == "GPE" and got["the Kiwanu Dam"] == "LOC" and got["Port Lorne"] == "GPE"
    got = _labels("Her letters praise Grey Harbour Vale, Chile, above all.", [("Grey Harbour Vale", "GPE")])
    assert got["Grey Harbour Vale"] == "GPE"


def test_a_bearing_before_a_name_is_a_place_unless_a_faith_or_a_tongue_follows():
    got = _labels("Winters are long, writers say, and Lower Ruritania suffers most; the Eastern Orthodox fast.",
                  [("Lower Ruritania", "GPE"), ("the Eastern Orthodox", "LOC")])
    assert got["Lower Ruritania"] == "GPE" and got["the Eastern Orthodox"] == LONE_PLACE


def test_a_list_s_joint_alone_is_no_sign_of_a_place():
    got = _labels("Its relatives include Corvina and Peziola, both rare.", [("Corvina", "GPE"), ("Peziola", "GPE")])
    assert got["Corvina"] == got["Peziola"] == LONE_PLACE


def test_a_list_beside_a_country_or_after_a_place_s_preposition_is_places():
    got = _labels("Its buyers were Corvina, Peru and Chile.", [("Corvina", "GPE"), ("Peru", "GPE"), ("Chile", "GPE")])
    assert got["Corvina"] == "GPE"
    got = _labels("He won his battles at Vorvik and Tamsberg.", [("Vorvik", "GPE"), ("Tamsberg", "GPE")])
    assert got["Tamsberg"] == "GPE"
    got = _labels("She climbed Mount Oran and Kelbaru, both rare.", [("Mount Oran", "LOC"), ("Kelbaru", "GPE")])
    assert got["Kelbaru"] == "GPE"


def test_a_ruler_s_title_still_gives_its_realm():
    got = _labels("Later he was crowned King of Ruritania by the pope.", [("King of Ruritania", "GPE")])
    assert got.get("Ruritania") == "GPE"


def test_a_name_whose_shape_gives_its_facet_or_a_realm_s_fall_keeps_its_label():
    got = _labels("He built mosques for the sultans Selim II and Osman III.", [("Osman III", "GPE")])
    assert got["Osman III"] != LONE_PLACE  # a regnal name: a person (gaps.py), never a weak place
    got = _labels("Trade waned after the dissolution of Volga Bulgaria.", [("Volga Bulgaria", "GPE")])
    assert got["Volga Bulgaria"] == "GPE"
