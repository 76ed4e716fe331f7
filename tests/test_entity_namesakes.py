"""Issue 25, round 18: persons' names that stand for a thing ("the Louis XIV style")."""
from __future__ import annotations

from tests.test_entity_things import _labels


def test_a_person_s_name_before_a_thing_s_noun_is_no_mention_of_the_person():
    got = _labels("The chairs reacted against the Charles X style. The Profumo affair shook the cabinet.",
                  [("the Charles X", "ORG"), ("Profumo", "PERSON")])
    assert not any(label.startswith("PERSON") for label in got.values()) and "the Charles X" not in got
    got = _labels("Charles X fled to England.", [("Charles X", "PERSON"), ("England", "GPE")])
    assert got["Charles X"] == "PERSON"

