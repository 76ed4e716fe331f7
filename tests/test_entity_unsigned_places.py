"""Issue 25, the place facet's tail (second pass): a name the model calls a place only where its passage shows no
sign of one (`lone.LONE_PLACE`) is no place however often it is named so; one such mention beside a mention with a
sign still makes a place."""
from __future__ import annotations

from collections import Counter

from indexer.entities.canon import Canon
from indexer.entities.lone import LONE_PLACE
from tests.test_entity_things import _labels


def test_unsigned_place_votes_alone_make_no_place_however_many():
    canon = Canon.build(Counter({("Vostrand", LONE_PLACE): 3, ("Brimholt", LONE_PLACE): 2, ("Brimholt", "PERSON"): 1}))
    assert canon.resolve("Vostrand", "GPE") is None and canon.resolve("Brimholt", "GPE") is None


def test_one_unsigned_vote_beside_a_signed_one_is_still_a_place():
    canon = Canon.build(Counter({("Kelmora", LONE_PLACE): 2, ("Kelmora", "GPE"): 1, ("Tarrow Keep", "FAC"): 1,
                                 ("Tarrow Keep", LONE_PLACE): 1}))
    assert canon.resolve("Kelmora", "GPE") == ("place", "Kelmora")
    assert canon.resolve("Tarrow Keep", "FAC") == ("place", "Tarrow Keep")


def test_a_playwright_the_model_calls_a_place_in_passing_gets_no_sign():
    got = _labels("Critics still praise Molière above his rivals.", [("Molière", "GPE")])
    assert got["Molière"] == LONE_PLACE
