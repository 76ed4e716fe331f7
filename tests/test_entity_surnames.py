"""A one-word name stands for a full name only on evidence: its document, or a full name named often enough."""
from __future__ import annotations

from collections import Counter

from indexer.entities.canon import Canon


def test_a_surname_alone_is_a_full_name_elsewhere_only_when_that_name_is_named_three_times():
    canon = Canon.build(Counter({("Eleanor Parker", "PERSON"): 1, ("Parker", "PERSON"): 1,
                                 ("Zhu Xi", "PERSON"): 4, ("Xi", "PERSON"): 1}))
    assert canon.resolve("Parker", "PERSON", {}) != ("person", "Eleanor Parker")  # Charlie Parker's article
    assert canon.resolve("Xi", "PERSON", {}) == ("person", "Zhu Xi")
    ctx = canon.context(Counter({("Eleanor Parker", "PERSON"): 1, ("Parker", "PERSON"): 1}))
    assert canon.resolve("Parker", "PERSON", ctx) == ("person", "Eleanor Parker")  # her own document


def test_a_numeral_or_initials_in_capitals_are_no_one_s_surname_or_first_name():
    canon = Canon.build(Counter({("Zhu Xi", "PERSON"): 4, ("Xi Jinping", "PERSON"): 5, ("XI", "PERSON"): 1}))
    assert canon.resolve("XI", "PERSON", {}) is None  # the Mercalli scale's "XI"


def test_a_generation_s_mark_is_no_surname_and_a_tie_in_a_document_goes_to_the_first_named():
    article = Counter({("Ferdinand Emmanuel Edralin Marcos Sr.", "PERSON"): 1, ("Marcos", "PERSON"): 2,
                       ("Bongbong Marcos", "PERSON"): 1})
    canon = Canon.build(article + Counter({("Ferdinand Marcos", "PERSON"): 2}))
    assert canon.resolve("Marcos", "PERSON", canon.context(article))[1] in ("Ferdinand Marcos",
                                                                          "Ferdinand Emmanuel Edralin Marcos Sr.")
    assert canon.resolve("Ferdinand Emmanuel Edralin Marcos Sr.", "PERSON") == ("person", "Ferdinand Marcos")


def test_a_ruler_s_long_name_is_not_shortened_to_another_ruler():
    canon = Canon.build(Counter({("Francis I", "PERSON"): 4, ("Francis Joseph I", "PERSON"): 1,
                                 ("William III", "PERSON"): 3, ("William Henry Gates III", "PERSON"): 1}))
    assert canon.resolve("Francis Joseph I", "PERSON") == ("person", "Francis Joseph I")
    assert canon.resolve("William Henry Gates III", "PERSON") == ("person", "William Henry Gates III")
