"""Places the model cut at the wrong word (issue 25, round 21): a kind's head left off, a thing's noun left on, an
abbreviation's full stop taken for the name's end.

- A list of names followed by a plural kind whose singular is part of each name: "fed by the Gan, Xin, and Xiu
  rivers", "Collin, Denton, Kaufman, and Rockwall counties". Each listed place is named with the head: "Xin River",
  "Denton County" (the span stays on the name's words; only the value differs). Only heads written after the name
  ("X River", "X County"), not "Lake X" or "Mount X", nor a province's ("Guangdong", not "Guangdong Province").
- A one-word place written between "the" (or an adjective) and a lower-case noun it makes a thing of is no
  mention of the place: "the flightless Rodrigues solitaire". A place's kind ("the Rhine valley"), a plural ("Texas
  cities", "Paris suburbs"), a verb ("the Congo flows", "the Sudan gained") or a function word keeps the place.
- A place ending at an abbreviation's full stop goes on over the next capitalised word(s): "[Mount St.] Helens",
  "[St.] Petersburg", "[Ft.] Worth"; a span the model made of those words is dropped.
"""
from __future__ import annotations

import re

from .placelists import NOT_NAMES
from .weaksigns import modifier

Span = tuple[int, int, str, str]

_PLACES = ("GPE", "LOC", "GPE_LONE", "GPE_DEFINED", "FAC")
_ITEM = r"[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2}"
_HEADS = {"rivers": "River", "counties": "County", "districts": "District",
          "prefectures": "Prefecture"}
# "the Gan, Xin, and Xiu rivers", "Dallas and Tarrant counties": two names at least, then the plural head.
_HEADED_LIST = re.compile(rf"(?<![\w'’.-]){_ITEM}(?:,\s{_ITEM})*,?\s(?:and|or)\s{_ITEM}\s(?P<head>"
                          + "|".join(_HEADS) + r")\b")
_NAMES = re.compile(_ITEM)
# A determiner or an adjective right before the place ("the", "flightless"); not a preposition nor a verb.
_BEFORE = re.compile(r"(?<![\w'’-])(?P<word>[a-z][\w-]*)\s$")
_AFTER = re.compile(r"\s([a-z][a-z-]{2,})(?![\w.'’-])")
_DETERMINERS = frozenset("the its their his her our this that these those".split())
# Words before a place that take or place it: prepositions, verbs, and adjectives of a place's part or age ("western
# Alaska", "modern China", "rural Pennsylvania").
_NOT_BEFORE = frozenset("""of in on at to for from by with as into onto upon over under about between through during
a an against among within without across along around near beyond toward towards via throughout opposite and or but nor
than is was are were be been being has had have do does did not saw see sees helped help helps made makes let lets
northern southern eastern western central northeastern northwestern southeastern southwestern north south east west
modern ancient early late medieval old new present-day contemporary rural urban coastal inland mainland greater
metropolitan colonial imperial classical pre-colonial pre-dynastic""".split())
# Words after a place that are no noun of a thing: verbs in the base form after a plural subject, prepositions,
# adjectives by their ending ("the Argentina national team", "the Melbourne central business district").
_NOT_THING = frozenset("""make remain lie form become include comprise cover flow run rise stand border span opposite
near beyond via above below behind beside except like unlike inside outside despite well due clear because when where while known called named north south east west exclave enclave
heartland""".split())
_ADJECTIVE = re.compile(r"(?:al|ic|an|ous|ive|ary|ern|ese|ish|ful|less|ior)$")
_ABBREVIATED = re.compile(r"(?<![\w'’-])(?:St|Ste|Ft|Mt|Mts|Pt)\.$")
_GOES_ON = re.compile(r"\.?\s(?P<rest>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?)(?![\w'’-])")


def place_cuts(text: str, spans: list[Span]) -> list[Span]:
    """The spans with the three cuts above mended."""
    return _headed_lists(text, _things(text, _abbreviated(text, spans)))


def _headed_lists(text: str, spans: list[Span]) -> list[Span]:
    """Each place of a list followed by a plural kind's head named with the head ("Xin River")."""
    if not any(h in text for h in _HEADS):
        return spans
    named: dict[tuple[int, int], str] = {}
    for found in _HEADED_LIST.finditer(text):
        head = _HEADS[found.group("head")]
        for item in _NAMES.finditer(text, found.start(), found.start("head")):
            if not item.group().endswith(head):
                named[item.span()] = f"{item.group()} {head}"
    if not named:
        return spans
    return [(m[0], m[1], m[2], named[m[:2]]) if m[2] in _PLACES and m[:2] in named else m for m in spans]


def _things(text: str, spans: list[Span]) -> list[Span]:
    """The spans without one-word places that modify a lower-case noun after them ("the Rodrigues solitaire")."""
    return [m for m in spans if not (m[2] in _PLACES and " " not in m[3] and _thing_of(text, m))]


def _thing_of(text: str, m: Span) -> bool:
    if not any(c.islower() for c in m[3]) or m[3].endswith("s") or _ADJECTIVE.search(m[3]) \
            or m[3].lower() in NOT_NAMES or not modifier(text, m[1], m[3]) \
            or text[m[1]:m[1] + 1] != " ":
        return False  # "U.S. government", "the Americas comprise"
    after = _AFTER.match(text, m[1])
    noun = after.group(1) if after else ""
    if not noun or noun in _NOT_THING or noun.endswith("region") or _ADJECTIVE.search(noun):
        return False
    before = _BEFORE.search(text, max(0, m[0] - 30), m[0])
    if before is None:
        return False
    word = before.group("word").rsplit("-", 1)[-1]  # "central-southern"
    return word in _DETERMINERS or bool(_ADJECTIVE.search(word)) and word not in _NOT_BEFORE  # "flightless"


def _abbreviated(text: str, spans: list[Span]) -> list[Span]:
    """The spans with a place cut at an abbreviation's full stop taken on over the name's next words."""
    if "." not in text:
        return spans
    out = spans
    for m in spans:
        if m[2] not in _PLACES:
            continue
        if not (_ABBREVIATED.search(text, m[0], m[1])
                or text[m[1]:m[1] + 1] == "." and _ABBREVIATED.search(text, m[0], m[1] + 1)):
            continue
        goes = _GOES_ON.match(text, m[1])
        if goes is None:
            continue
        end = goes.end()
        whole = (m[0], end, m[2], " ".join(text[m[0]:end].split()))
        out = [s for s in out if s != m and not (s[0] >= m[1] and s[1] <= end)] + [whole]
    return sorted(out, key=lambda s: (s[0], -s[1])) if out is not spans else spans
