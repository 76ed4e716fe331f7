"""A one-word place value that is the surname of a confident full-name person (entities/surnameplaces.py)."""
from collections import Counter

from indexer.entities.canon import Canon


def test_a_composer_s_surname_tagged_as_a_place_in_lists_is_the_composer():
    canon = Canon.build(Counter({("Anton Grigoryevich Volkonsky", "PERSON"): 3, ("Volkonsky", "PERSON"): 1,
                                 ("Volkonsky", "GPE"): 2, ("Volkonsky", "GPE_LONE"): 1}))
    assert canon.resolve("Volkonsky", "GPE") == ("person", "Anton Grigoryevich Volkonsky")
    assert canon.resolve("Volkonsky", "PERSON") == ("person", "Anton Grigoryevich Volkonsky")


def test_a_place_named_after_a_person_stays_a_place():
    # The city is named more often than the person: its place votes outweigh him.
    canon = Canon.build(Counter({("George Brantwell", "PERSON"): 4, ("Brantwell", "GPE"): 9}))
    assert canon.resolve("Brantwell", "GPE") == ("place", "Brantwell")


def test_a_surname_defined_as_a_place_or_shared_by_two_people_or_a_first_name_stays():
    defined = Canon.build(Counter({("Ivan Dorovsky", "PERSON"): 6, ("Dorovsky", "GPE_DEFINED"): 1}))
    assert defined.resolve("Dorovsky", "GPE_DEFINED") == ("place", "Dorovsky")
    shared = Canon.build(Counter({("Anna Kellbrook", "PERSON"): 2, ("Tom Kellbrook", "PERSON"): 2,
                                  ("Kellbrook", "GPE"): 1}))
    assert shared.resolve("Kellbrook", "GPE") == ("place", "Kellbrook")
    first = Canon.build(Counter({("Archduke Franz Ferdinand", "PERSON"): 3, ("Ferdinand Porsche", "PERSON"): 1,
                                 ("Ferdinand", "GPE"): 1}))
    assert first.resolve("Ferdinand", "GPE") == ("place", "Ferdinand")


def test_a_person_named_once_is_not_enough():
    canon = Canon.build(Counter({("Jan Vanderhoek", "PERSON"): 1, ("Vanderhoek", "GPE"): 1}))
    assert canon.resolve("Vanderhoek", "GPE") == ("place", "Vanderhoek")


def test_an_opening_name_the_model_calls_a_place_defined_as_a_person_is_a_person():
    from indexer.entities.evidence import PERSON_DEFINED
    from indexer.entities.subject import opening_person
    text = "Kavira or Kavirra was a southwest Asian queen who ruled the hill country. Kavira died young."
    spans = opening_person(text, [(0, 6, "GPE", "Kavira")])
    assert spans[0] == (0, 6, PERSON_DEFINED, "Kavira")
    city = "Dorvala is a city in the east of the country, known for its mayor."
    assert opening_person(city, [(0, 7, "GPE", "Dorvala")])[0][2] == "GPE"
