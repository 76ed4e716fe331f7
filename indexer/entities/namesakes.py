"""Persons' names that stand for something else in the passage (issue 25): a thing named after a person, a planet.

- A person's name written before a lower-case noun that makes a thing of it is no mention of the person: "the
  Louis XIV style", "the Dreyfus affair", "the Watergate scandal", "the Copernicus crater" (inside.py does the same
  for places: "[Peking] opera").
- A planet's name in a sentence about the sky is the planet, not the god it is named after: "robotic landers to the
  Moon, Venus, and Mars", "the atmosphere of Venus" beside "planet", "orbit", "Sun" or another planet.
"""
from __future__ import annotations

import re

from .names import org_shaped

Span = tuple[int, int, str, str]

_THING_AFTER = re.compile(r"(?:['’]s)?[ ](?:style|affair|scandal|craters?)\b")
_PLANETS = frozenset("Mercury Venus Mars Jupiter Saturn Uranus Neptune Pluto".split())
_SKY = re.compile(r"\b(?:planets?|planetary|orbits?|orbital|orbited|Sun|Earth|Moon|solar|spacecraft|probes?|landers?|"
                  r"astronom\w*|telescopes?|atmospheres?|" + "|".join(sorted(_PLANETS)) + r")\b")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])|\n")


def _sentence(text: str, m: Span) -> str:
    starts = [s.end() for s in _SENTENCE.finditer(text, max(0, m[0] - 300), m[0])]
    start = starts[-1] if starts else max(0, m[0] - 300)
    end = _SENTENCE.search(text, m[1], m[1] + 300)
    return text[start:m[0]] + " " + text[m[1]:end.start() if end else m[1] + 300]


def namesakes(text: str, spans: list[Span]) -> list[Span]:
    """The spans with persons' names that stand for a thing or a planet relabelled as things."""
    out: list[Span] = []
    for m in spans:
        if m[2] == "DATE":
            out.append(m)
        elif (m[2].startswith("PERSON") or m[2] == "ORG" and not org_shaped(m[3])) and _THING_AFTER.match(text, m[1], m[1] + 12):
            out.append((m[0], m[1], "MISC", m[3]))  # "the Louis XIV style"
        elif m[3] in _PLANETS and _SKY.search(_sentence(text, m)):
            out.append((m[0], m[1], "MISC", m[3]))  # "landers to the Moon, Venus, and Mars"
        else:
            out.append(m)
    return out
