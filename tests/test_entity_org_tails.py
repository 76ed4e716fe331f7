"""Issue 25, round 16: an organisation's name the model cut before its own words after "for", "in" or "and"."""
from __future__ import annotations

from indexer.entities.orgtails import org_tails
from tests.test_entity_resolution import facets


def _tail(text: str, name: str, label: str = "ORG", others: tuple = ()) -> str:
    at = text.index(name)
    spans = sorted([(at, at + len(name), label, name), *others])
    return org_tails(text, spans)[0][3]


def test_words_after_for_and_or_in_that_no_place_holds_are_the_body_s_own():
    assert _tail("according to the Bureau of the World Council for Migrant Labour, most workers",
                 "the Bureau of the World Council") == "the Bureau of the World Council for Migrant Labour"
    assert _tail("the revolt was led by the League of Loyal and Fearless Hands. Its members", "the League of Loyal") \
        == "the League of Loyal and Fearless Hands"
    text = "now called the Miller Institute for Studies in Soil, Water, and Climate. He wrote"
    assert _tail(text, "the Miller Institute for Studies") \
        == "the Miller Institute for Studies in Soil, Water, and Climate"


def test_another_body_a_place_or_a_word_before_a_noun_is_no_tail():
    assert _tail("managed by the Kenya Wildlife Service and Kenya Forest Service as a sanctuary",
                 "the Kenya Wildlife Service") == "the Kenya Wildlife Service"
    assert _tail("the division into the Union of India and Dominion of Pakistan.", "the Union of India") \
        == "the Union of India"
    assert _tail("he served as the Imperial Guard for Roman emperors until", "the Imperial Guard") \
        == "the Imperial Guard"
    assert _tail("a professor at the Academy of Arts in Paris", "the Academy of Arts",
                 others=((37, 42, "GPE", "Paris"),)) == "the Academy of Arts"


def test_the_model_s_cut_name_is_resolved_whole():
    got = facets({"d": ["Pierre Dumont was a French sociologist. He taught at the School for Advanced Studies in the "
                        "Social Sciences in Paris for thirty years."]})["d"]
    assert ("org", "School for Advanced Studies in the Social Sciences") in got
    assert ("org", "School for Advanced Studies") not in got
