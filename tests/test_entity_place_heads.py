"""Issue 25, round 14: a place facet's wrong values from an event's, a regime's, a company's or a sky body's head,
and from two places joined by a dash before their border's word."""
from __future__ import annotations

from indexer.entities.things import NO_FACET
from tests.test_entity_things import _labels


def test_an_event_s_head_ends_the_name():
    got = _labels("After the Yalta Conference and the Long Depression, the Protestant Reformation spread to Saxony.",
                  [("the Yalta Conference", "GPE"), ("the Long Depression", "LOC"), ("Reformation", "GPE"),
                   ("Saxony", "GPE")])
    assert got["the Yalta Conference"] == got["the Long Depression"] == got["Reformation"] == "EVENT"
    assert got["Saxony"] == "GPE"


def test_a_numbered_republic_is_a_regime_not_a_place():
    got = _labels("The coup ended the Second Spanish Republic; he later moved to the Republic of Ireland.",
                  [("the Second Spanish Republic", "GPE"), ("the Republic of Ireland", "GPE")])
    assert got["the Second Spanish Republic"] == NO_FACET and got["the Republic of Ireland"] == "GPE"


def test_two_places_joined_by_a_dash_before_a_border_s_word_name_the_border():
    got = _labels("The town lies near the Kansas–Missouri state line and the Minneapolis–Saint Paul area.",
                  [("Kansas–Missouri", "GPE"), ("Minneapolis–Saint Paul", "GPE")])
    assert got["Kansas–Missouri"] == NO_FACET and got["Minneapolis–Saint Paul"] == "GPE"


def test_a_company_a_moon_a_star_or_a_non_people_is_no_place():
    got = _labels("He worked for the Midland Railway and flew on British Airways to Kent.",
                  [("the Midland Railway", "GPE"), ("British Airways", "GPE"), ("Kent", "GPE")])
    assert got["the Midland Railway"] == got["British Airways"] == "ORG" and got["Kent"] == "GPE"
    got = _labels("The probe passed its moon Enceladus, guided by the Pole Star, over lands of non-Romans.",
                  [("Enceladus", "LOC"), ("the Pole Star", "LOC"), ("non-Romans", "GPE")])
    assert got["Enceladus"] == got["the Pole Star"] == got["non-Romans"] == NO_FACET


def test_a_being_of_myth_is_a_person_not_a_place():
    got = _labels("He met the personification of War; the Nephilim of Hebrew mythology lived in Canaan.",
                  [("War", "GPE"), ("the Nephilim", "GPE"), ("Canaan", "GPE")])
    assert got["War"] == got["the Nephilim"] == "PERSON" and got["Canaan"] == "GPE"
