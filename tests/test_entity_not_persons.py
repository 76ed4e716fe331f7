"""Issue 25, round 15: a person facet's wrong values from a place's or a language's head, a bare number, the plural
head of listed rivers, and a quoted title defined as a work."""
from __future__ import annotations

from indexer.entities.things import NO_FACET, WORK_CUE
from tests.test_entity_things import _labels


def test_a_state_s_or_a_wall_s_head_ends_a_place_not_a_person():
    got = _labels("Khartoum is the capital of Khartoum State; walls such as Hadrian's Wall, Anastasian Wall, and the "
                  "Atlantic Wall enclosed regions.", [("Khartoum State", "PERSON"), ("Anastasian Wall", "PERSON")])
    assert got["Khartoum State"] == got["Anastasian Wall"] == "GPE"
    assert _labels("Larry Wall wrote Perl.", [("Larry Wall", "PERSON")])["Larry Wall"] == "PERSON"


def test_a_language_s_head_or_a_bare_number_is_no_person():
    got = _labels("Thai is a Tai language; the cluster is 53.8 ± 0.3 Mly away, as Peter 1:4 says to John Smith.",
                  [("Tai language", "PERSON"), ("0.3 Mly", "PERSON"), ("Peter 1:4", "PERSON"),
                   ("John Smith", "PERSON")])
    assert got["Tai language"] == got["0.3 Mly"] == got["Peter 1:4"] == NO_FACET
    assert got["John Smith"] == "PERSON"


def test_the_last_of_listed_rivers_is_a_place():
    got = _labels("Lima lies in the valleys of the Chillón, Rímac and Lurín Rivers; Joan Rivers visited it.",
                  [("Lurín Rivers", "PERSON"), ("Joan Rivers", "PERSON")])
    assert got["Lurín Rivers"] == "GPE" and got["Joan Rivers"] == "PERSON"


def test_a_quoted_title_defined_as_a_work_is_no_person():
    got = _labels('"Johnny B. Goode" is a song by American musician Chuck Berry.',
                  [("Johnny B. Goode", "PERSON"), ("Chuck Berry", "PERSON")])
    assert got["Johnny B. Goode"] == WORK_CUE and got["Chuck Berry"] == "PERSON"


def test_a_kind_of_company_before_the_name_makes_it_an_organisation():
    got = _labels("He acquired the wrestling company Jim Crockett Promotions, run by Jim Crockett.",
                  [("Jim Crockett Promotions", "PERSON"), ("Jim Crockett", "PERSON")])
    assert got["Jim Crockett Promotions"] != "PERSON" and got["Jim Crockett"] == "PERSON"


def test_a_name_defined_as_a_day_or_a_city_is_no_person():
    got = _labels("Yom Kippur is the holiest day of the year in Judaism.", [("Yom Kippur", "PERSON")])
    assert got["Yom Kippur"] == NO_FACET
    got = _labels("Johor Bahru is the capital city of the Malaysian state of Johor.", [("Johor Bahru", "PERSON")])
    assert got["Johor Bahru"].startswith("GPE")  # a place (one its definition names)
    got = _labels("Cai Lun, formerly romanized as Ts'ai Lun, was a Chinese eunuch court official of the Eastern Han "
                  "dynasty.", [("Cai Lun", "PERSON")])
    assert got["Cai Lun"] in ("PERSON", "PERSON_DEFINED")  # "eunuch": a definition (round 19)


def test_a_name_in_a_run_after_a_plural_kind_of_place_or_star_is_no_person():
    got = _labels("It consists of three stars: Rigil Kentaurus, Toliman, and Proxima Centauri. Most live on the two "
                  "major islands, Viti Levu and Vanua Levu, as Ratu Mara said.",
                  [("Rigil Kentaurus", "PERSON"), ("Vanua Levu", "PERSON"), ("Ratu Mara", "PERSON")])
    assert got["Rigil Kentaurus"] == NO_FACET and got["Vanua Levu"] == "GPE" and got["Ratu Mara"] == "PERSON"
    got = _labels("Bond novels or novelisations: Kingsley Amis, Christopher Wood, John Gardner.",
                  [("Kingsley Amis", "PERSON"), ("John Gardner", "PERSON")])
    assert got["John Gardner"] == "PERSON"


def test_a_title_s_possessive_or_an_appositive_naming_a_work_is_no_person():
    got = _labels("She published her first novel, Gösta Berling's Saga, at 33. Pliny wrote the encyclopedic Naturalis "
                  "Historia, a thirty-seven-volume work. Selma Lagerlöf's brother read it.",
                  [("Gösta Berling's", "PERSON"), ("Naturalis Historia", "PERSON"), ("Selma Lagerlöf's", "PERSON")])
    assert got["Gösta Berling's"] == got["Naturalis Historia"] == NO_FACET
    assert got["Selma Lagerlöf's"] == "PERSON"
