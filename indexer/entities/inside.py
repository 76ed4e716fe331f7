"""A place the model found inside a longer name the text shows (issue 25: two entities under one name).

- A capitalised modifier written against a place is part of its name: "Baja [California]", "Austrian [Silesia]",
  "the Swiss [Alps]", "Nazi [Germany]", "the Hindu [Kush]". The span takes the modifier in (one word, not a
  sentence's first unless the model tagged it as a people's word, not a title such as "King", not after another
  capitalised word: "Bronze Age [Greece]" is left as it is; not a describing compound: "English-speaking").
- A capitalised word joined to a place by a hyphen is part of its name: "Rostov-on-[Don]", "Indo-[Gangetic Plain]".
- A place written before a lower-case noun that makes a thing of it is no mention of the place: "[Peking] opera",
  "the [Balkans] theatre", "the [Kuiper] belt", "[Delta] blues", "[Atlantic] salmon", "[Oort] cloud objects", the
  "[Habsburg] monarchy", "[Brussels] sprouts", "the [Citrus] genus"; so is each of a list of names sharing such a
  plural head: "the [Hawaii], [Iceland] and [Yellowstone] hotspots".
"""
from __future__ import annotations

import re

from .extend import _OFFICE
from .lone import LONE_PLACE

Span = tuple[int, int, str, str]

_PLACES = ("GPE", "LOC", "FAC", LONE_PLACE, "GPE_DEFINED")
_MODIFIER = re.compile(r"(?<![\w'’.-])(?P<word>[A-Z][\w-]*[a-zà-ÿ][\w-]*)[ ]$")  # not "BCE", "UK"
_HYPHENED = re.compile(r"(?<![\w'’.-])[A-Z][\w]*(?:-[a-z]+)*-$")  # "Rostov-on-[Don]", "Austria-[Hungary]"
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“(]\s*|\n\s*)$")
_WORD_BEFORE = re.compile(r"(?P<word>[\w'’.-]+)[ ]$")
_NOT_MODIFIERS = frozenset("A An The In On At Of And Or But As For By From To With Into Near Across Between Upon "
                           "Under Over Via Both Either Neither Then Today Now Later Modern".split()) | _OFFICE \
    | {w + "s" for w in _OFFICE}
_DESCRIBING = re.compile(r"-[a-z]+(?:ing|ed)$")
# Near East, Near Eastern: "Near" is no preposition when capitalised mid-sentence.
_MID_SENTENCE_OK = frozenset({"Near"})
_THING_NOUNS = re.compile(r"[ ](?:opera|operas|ballet|blues|jazz|sound|style|movement|cuisine|theatre|theater|belt|"
                          r"cyclone(?![ ]season)|companies|floods|earthquake|genocide|massacre|riots|salmon|tuna|"
                          r"cod|turbot|pollock|nut|nuts|rat|baboon|school[ ]of|"
                          r"sprouts|arrowroot|genus|species|monarchy|franchise|decrees|scrolls|cloud|"
                          r"exclusion[ ]principle|hotspots?|tributaries|ethnicity|ethnic[ ]group|tribes?|citizens)\b")
# The rest of a list of names sharing a lower-case plural head that makes things of them all ("the Hawaii, Iceland
# and [Yellowstone] hotspots", "[Brussels] and Savoy sprouts").
_NAME = r"(?:the[ ])?[A-Z][\w'’-]*(?:[ ][A-Z][\w'’-]*){0,2}"
_LIST_REST = rf"(?:,[ ]{_NAME}){{0,6}},?[ ](?:and|or)[ ]{_NAME}"
_THINGS_AFTER_LIST = re.compile(_LIST_REST + r"[ ](?:sprouts|decrees|scrolls|hotspots|tributaries|monarchies)\b")


def _modifier_start(text: str, m: Span, spans: list[Span]) -> tuple[int, Span | None] | None:
    """Where a place's name starts once a capitalised modifier written against it is taken in, and the model's span
    of the modifier (a people's word), if any."""
    mod = _MODIFIER.search(text, max(0, m[0] - 40), m[0])
    if mod is None or text[m[0]:m[0] + 4] in ("the ", "The "):
        return None
    word, start = mod.group("word"), mod.start("word")
    if _DESCRIBING.search(word) or not any(c.islower() for c in m[3]):
        return None  # "English-speaking [Caribbean]" describes; "News [UK]": an acronym takes no modifier
    own = next((s for s in spans if s[0] < m[0] and s[1] > start), None)
    if own is not None and not (own[0] == start and own[1] == mod.end("word") and own[2] == "NORP"):
        return None  # part of another name the model found
    if word in _NOT_MODIFIERS and word not in _MID_SENTENCE_OK:
        return None
    if _SENTENCE_START.search(text, max(0, start - 3), start) and own is None:
        return None  # "Today Germany …": a sentence's first word is capitalised anyway
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before and before.group("word")[:1].isupper() and before.group("word") not in ("The", "the") \
            and not _SENTENCE_START.search(text, max(0, before.start() - 3), before.start()):
        return None  # "Bronze Age [Greece]": which words belong is not clear
    return start, own


def inside_names(text: str, spans: list[Span]) -> list[Span]:
    """The spans with places inside a longer name the text shows taken whole (modifier) or dropped (thing)."""
    if not any(m[2] in _PLACES for m in spans):
        return spans
    out: list[Span] = []
    drop: set[Span] = set()
    for m in spans:
        if m[2] not in _PLACES:
            out.append(m)
            continue
        if _THING_NOUNS.match(text, m[1]) or _THINGS_AFTER_LIST.match(text, m[1]):
            continue  # "[Peking] opera", "[Hawaii], Iceland and Yellowstone hotspots"
        if joined := _HYPHENED.search(text, max(0, m[0] - 30), m[0]):
            out.append((joined.start(), m[1], m[2], text[joined.start():m[1]]))
            drop.update(s for s in spans if s[0] >= joined.start() and s[1] <= m[0])
            continue
        got = _modifier_start(text, m, spans)
        if got is None:
            out.append(m)
            continue
        start, own = got
        if own is not None:
            drop.add(own)
        out.append((start, m[1], m[2], text[start:m[1]]))
    return [m for m in out if m not in drop]
