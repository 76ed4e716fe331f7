"""Persons' names that stand for something else in the passage (issue 25): a thing named after a person.

- A person's name written before a lower-case noun that makes a thing of it is no mention of the person: "the
  Louis XIV style", "the Dreyfus affair", "the Watergate scandal", "the Copernicus crater" (inside.py does the same
  for places: "[Peking] opera").

A planet's name in a sentence about the sky was tried too ("landers to the Moon, Venus, and Mars") and left out: with
the planet's mentions gone, the goddess's own passages resolved their one-word "Venus" to the collection's "Venus de
Milo".
"""
from __future__ import annotations

import re

from .names import org_shaped

Span = tuple[int, int, str, str]

_THING_AFTER = re.compile(r"(?:['’]s)?[ ](?:style|affair|scandal|craters?)\b")


def namesakes(text: str, spans: list[Span]) -> list[Span]:
    """The spans without persons' names that stand for a thing: no mention, and no vote of another kind either."""
    return [m for m in spans if m[2] == "DATE" or not (
        (m[2].startswith("PERSON") or m[2] == "ORG" and not org_shaped(m[3])) and _THING_AFTER.match(text, m[1], m[1] + 12))]
