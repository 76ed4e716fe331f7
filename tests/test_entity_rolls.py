"""Issue 25, round 16's person misses: a roll of surnames ("led by Korolev, Kerimov, Keldysh…") and a passage's
untagged subject ("Homer was an ancient Greek poet"), with the real model where it matters."""
from __future__ import annotations

from collections import Counter

from indexer.entities.canon import Canon
from indexer.entities.evidence import PERSON_CUE, PERSON_DEFINED
from tests.test_entity_resolution import facets
from tests.test_entity_things import _labels


def test_a_roll_of_surnames_led_by_people_is_of_persons_whatever_the_model_says():
    docs = {"labs": ["The rival institutes were led by Petrov, Smirnov, Glushenko, Yakovlev, Orlov and Morozov, "
                     "often under the Ministry of Heavy Industry."]}
    persons = {v for f, v in facets(docs)["labs"] if f == "person"}
    assert persons == {"Petrov", "Smirnov", "Glushenko", "Yakovlev", "Orlov", "Morozov"}


def test_surnames_after_a_plural_word_for_people_and_such_as_are_persons():
    docs = {"fest": ["The festival invited composers such as Kovacs, Horvath, Szabo, Farkas and Nagy to write."]}
    assert {v for f, v in facets(docs)["fest"] if f == "person"} == {"Kovacs", "Horvath", "Szabo", "Farkas", "Nagy"}
    # An untagged name between two of the roll's is one of it.
    got = _labels("The school trained painters such as Varga, Toth, Balogh and Lakatos.",
                  [("Varga", "ORG"), ("Balogh", "GPE"), ("Lakatos", "PERSON")])
    assert got == {"Varga": PERSON_CUE, "Toth": PERSON_CUE, "Balogh": PERSON_CUE, "Lakatos": PERSON_CUE}


def test_a_list_led_by_countries_or_after_a_word_for_no_people_is_no_roll():
    places = facets({"war": ["The coalition was led by France, Britain, Russia and Prussia against the emperor."]})
    assert {("place", "France"), ("place", "Britain"), ("place", "Russia")} <= places["war"]
    got = _labels("The region grows crops such as Kovar, Lanto and Merrow.",
                  [("Kovar", "PERSON"), ("Lanto", "GPE"), ("Merrow", "ORG")])
    assert got.get("Lanto") != PERSON_CUE and got.get("Merrow") != PERSON_CUE


def test_an_untagged_opening_name_defined_as_a_person_is_one():
    kabir = "Kabir was a famous Indian mystic poet and saint. His verses are sung across India."
    assert _labels(kabir, [("Indian", "NORP"), ("India", "GPE")])["Kabir"] == PERSON_DEFINED
    assert ("person", "Kabir") in facets({"kabir": [kabir]})["kabir"]
    timur = "Timur, also known as Tamerlane, was a Turco-Mongol conqueror, first ruler of the empire."
    assert _labels(timur, [])["Timur"] == PERSON_DEFINED


def test_an_opening_name_defined_as_no_person_or_a_pronoun_is_left_alone():
    for text in ("Trust is the belief that another person will do what is expected.",
                 "Rapeseed, also known as rape, is a yellow-flowered member of the cabbage family.",
                 "Tag is a playground game involving one or more players chasing other players.",
                 "He was a minor poet of the court.",
                 "Heaven, or the Heavens, is a common religious place where beings such as deities dwell."):
        assert PERSON_DEFINED not in _labels(text, []).values(), text


def test_a_defined_subject_weighs_five_mentions():
    # "Domitian" is tagged GPE twice elsewhere; "Bede" alone is no "Adam Bede" of a novel's title.
    canon = Canon.build(Counter({("Domitian", "GPE"): 2, ("Domitian", PERSON_DEFINED): 1,
                                 ("Adam Bede", "PERSON"): 1, ("Bede", PERSON_DEFINED): 1}))
    assert canon.resolve("Domitian", "GPE") == ("person", "Domitian")
    assert canon.resolve("Bede", PERSON_DEFINED) == ("person", "Bede")
