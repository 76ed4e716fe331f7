"""Issue 25, round 18: persons' names that stand for a thing ("the Louis XIV style") or a planet."""
from __future__ import annotations

from tests.test_entity_things import _labels


def test_a_person_s_name_before_a_thing_s_noun_is_no_mention_of_the_person():
    got = _labels("The chairs reacted against the Charles X style. The Profumo affair shook the cabinet.",
                  [("the Charles X", "ORG"), ("Profumo", "PERSON")])
    assert got == {"the Charles X": "MISC", "Profumo": "MISC"}
    got = _labels("Charles X fled to England.", [("Charles X", "PERSON"), ("England", "GPE")])
    assert got["Charles X"] == "PERSON"


def test_a_planet_s_name_in_a_sentence_about_the_sky_is_the_planet():
    got = _labels("Probes were sent to the Moon, Saturn and Mars.", [("Saturn", "PERSON"), ("Mars", "PERSON")])
    assert "PERSON" not in got.values()
    got = _labels("Saturn was the Roman god of wealth and agriculture.", [("Saturn", "PERSON"), ("Roman", "NORP")])
    assert got["Saturn"].startswith("PERSON")
