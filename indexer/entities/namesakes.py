"""Persons' names that stand for something else in the passage (issue 25): a thing named after a person.

- A person's name written before a lower-case noun that makes a thing of it is no mention of the person: "the
  Louis XIV style", "the Dreyfus affair", "the Watergate scandal", "the Copernicus crater" (inside.py does the same
  for places: "[Peking] opera").
- A one-word name, whatever the model called it, right before a lower-case noun of science that names a thing after
  it is no mention of anything: "[Galois] groups" (GPE), "the [Zeeman] effect" (NORP), "the [Bohr] model", "the
  [Magellan] expedition" (ORG), "[Markov] processes". A possessive keeps the mention ("Darwin's theory").

A planet's name in a sentence about the sky was tried too ("landers to the Moon, Venus, and Mars") and left out: with
the planet's mentions gone, the goddess's own passages resolved their one-word "Venus" to the collection's "Venus de
Milo".
"""
from __future__ import annotations

import re

from .names import org_shaped

Span = tuple[int, int, str, str]

_THING_AFTER = re.compile(r"(?:['’]s)?[ ](?:style|affair|scandal|craters?)\b")
_EPONYM_AFTER = re.compile(r"[ ](?:theory|theories|(?<!ic |an |sh |se )groups?|extensions?|processes|model|effect|scattering|expedition|"
                           r"machines?|surfaces?|paradox|inequality|lemma|operators?|polynomials?|matri(?:x|ces)|"
                           r"algebras?|manifolds?|integrals?|transforms?|equations?|theorems?|conjecture|"
                           r"distributions?|series|chains?)\b")
_NORP_EPONYM = re.compile(r"[ ](?:effect|scattering)\b")  # "the British expedition", "Christian groups": a people's
_ONE_NAME = re.compile(r"^[A-Z][\w'’]+(?:[–-][A-Z][\w'’]+)?$")


def namesakes(text: str, spans: list[Span]) -> list[Span]:
    """The spans without persons' names that stand for a thing: no mention, and no vote of another kind either."""
    return [m for m in spans if m[2] == "DATE" or not (
        (m[2].startswith("PERSON") or m[2] == "ORG" and not org_shaped(m[3])) and _THING_AFTER.match(text, m[1], m[1] + 12)
        or m[2] != "MISC" and _ONE_NAME.match(m[3]) and (_NORP_EPONYM if m[2] == "NORP" else _EPONYM_AFTER).match(text, m[1], m[1] + 14))]
