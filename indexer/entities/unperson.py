"""A span the model tags as a person that its own words or the words around it show is something else (issue 25,
round 15): a place's or a wall's head where the text speaks of such, the last of listed rivers, a definition right
after it naming a place or a thing no person is ("Yom Kippur is the holiest day of the year", "The Qara Qoyunlu or
Kara Koyunlu … were a … dynasty"), or a kind of company before it ("the conglomerate Berkshire Hathaway")."""
from __future__ import annotations

import re

from . import kinds, placeothers
from .bodies import NO_FACET
from .evidence import Span

# The last of listed rivers or hills, their head in the plural ("the Chillón, Rímac and Lurín Rivers"), or a wall
# where walls are spoken of ("walls, such as Hadrian's Wall, Anastasian Wall"; "Larry Wall" is a person).
_LISTED_BEFORE = re.compile(r",\s[\w-]+,?\sand\s$")
_WALLS_BEFORE = re.compile(r"\b[Ww]alls?\b")
# A kind of company right before the name: "the conglomerate Berkshire Hathaway", "the automaker Tesla".
_COMPANY_BEFORE = re.compile(r"\b(?:conglomerate|company|corporation|firm|automaker|carmaker|manufacturer|retailer|"
                             r"airline|bank|brewery|broadcaster|(?:record )?label)\s$")
# The name as its sentence's subject (or its other name's: "The Qara Qoyunlu or Kara Koyunlu"), defined right after
# as a day, a feast, a dynasty or a place no person is: "Yom Kippur is the holiest day of the year in Judaism".
_SUBJECT_BEFORE = re.compile(r"(?:^|[.!?]\s|\n)(?:The\s)?(?:(?:[A-Z][\w'’-]*\s){1,3}or\s)?$")
_DEFINED = re.compile(kinds.NAME_GLOSS + r"(?:,[^.;\n]{0,100},)?,?\s+(?:is|was|are|were)\s+(?:a|an|the|one)\s+"
                      r"(?P<words>(?:(?!\bof\b)[^.;:\n]){0,60}?)\b(?:day|holiday|festival|feast|fast|dynasty|star|"
                      r"brand|company|(?P<place>island|town|city|village|river|mountain|temple))s?"
                      r"(?=\s(?:of|in|on|that|which|by|from|celebrated|observed|located|ruled|founded)\b|[.,;])")

# A name in a run after a plural kind no person is: "three stars: Rigil Kentaurus", "the two major islands, Viti Levu
# and Vanua Levu", "urban centers include Maribor, Ptuj, …, Novo Mesto" (works' runs name their authors too).
_KIND_RUN = re.compile(r"\b(?:stars|islands|cities|towns|villages|cent(?:er|re)s|rivers|lakes|mountains|temples|"
                       r"festivals|holidays|feasts)(?:[^.;:\n]{0,30}:|\s(?:include|"
                       r"including|such as|namely)|,)\s*(?:(?:the\s)?[A-Z][\w.'’-]*(?:\s[A-Z0-9][\w.'’-]*){0,3}"
                       r"(?:\s\((?:1[0-9]|20)\d\d\))?,?\s(?:and\s|or\s)?){0,8}$")
_PLACE_RUN = ("islands", "cities", "towns", "villages", "centers", "centres", "rivers", "lakes", "mountains", "temples")

# A title's possessive ("her first novel, Gösta Berling's Saga") or an appositive naming a work ("the encyclopedic
# Naturalis Historia, a thirty-seven-volume work covering …").
_TITLE_AFTER = re.compile(r"(?:['’]s)?\s(?:Saga|Tale|Song|Ballad|Lament|Travels|Adventures|Progress)\b|,\s(?:a|an)\s"
                          r"(?:[\w-]+\s){0,3}(?:work|novel|play|poem|treatise|encyclopa?edia|album|song|opera)\b")


def relabel(text: str, m: Span) -> Span | None:
    """The person-tagged span relabelled by the words in and around it, or None."""
    if " " in m[3] and (m[3].endswith((" Rivers", " Hills")) and _LISTED_BEFORE.search(text, max(0, m[0] - 40), m[0])
                        or m[3].endswith(" Wall") and _WALLS_BEFORE.search(text, max(0, m[0] - 120), m[0])):
        return (m[0], m[1], "GPE", m[3])
    if _COMPANY_BEFORE.search(text, max(0, m[0] - 20), m[0]):
        return (m[0], m[1], "ORG", m[3])
    if run := _KIND_RUN.search(text, max(0, m[0] - 200), m[0]):
        return (m[0], m[1], "GPE" if run.group().split(None, 1)[0].rstrip(":,") in _PLACE_RUN else NO_FACET, m[3])
    if _TITLE_AFTER.match(text, m[1], m[1] + 80) and (m[3].endswith(("'s", "’s")) or not text[m[1]] == " "):
        return (m[0], m[1], NO_FACET, m[3])
    if placeothers.feast_defined(text, m) and _SUBJECT_BEFORE.search(text, max(0, m[0] - 60), m[0]):
        return (m[0], m[1], NO_FACET, m[3])  # "Holi is the first of the two main festivals in Hinduism"
    defined = _DEFINED.match(text, m[1], m[1] + 260)
    if defined and _SUBJECT_BEFORE.search(text, max(0, m[0] - 60), m[0]) \
            and not any(kinds.person_word(w) for w in re.findall(r"[\w'’-]+", defined.group("words"))):
        return (m[0], m[1], "GPE" if defined.group("place") else NO_FACET, m[3])
    return None
