"""More words that show a place-tagged span is of another kind: its own last word, or a few words around it.

Each test is a precompiled regular expression on the span or on a few dozen characters beside it:
- a language or a stretch of time named by its common noun ("the Mishmi language", "the Pyu millennium");
- a description, not a name: an indefinite article before an adjective and a lower-case noun ("a self-governing
  Caribbean archipelago", "a Germanic kingdom");
- an office alone, or a name ending in one ("served as Archbishop of Canterbury", "United States Secretary");
- a person: a relative clause about someone after it ("the preaching of Polycarp, who in turn"), a "Jr"/"Sr" suffix,
  a theory or a numbered law in its possessive ("Newton's third law", "Newton's corpuscular theory");
- a work: a kind of work right before it, maybe after a year or in a list the kind opens ("his 1651 book Leviathan",
  "the first arcade video games were Computer Space and Pong");
- a source cited, not a place: "according to Ethnologue", "listed by Ethnologue";
- a name inside a capitalised title: "History of the Russian State";
- a festival or a holiday: its kind after it, or a definition of one ("Holi is the second of the great festivals",
  "Navruz is celebrated by"), or a festival's date in a list the kind opens ("several festivals: … and return on
  Holi"), or the kind before it ("the festivals of the Dionysia", "the two main festivals in Islam, alongside
  Holi"; a film festival goes by its city's name: "film festivals, alongside Venice");
- a people by its plural: the words before it ("ethnic Tatars", "the tribe of the Centaurs", "civilizations such as
  the Toltecs", "spoken by the Tatars", "branches of the Capetians", a Latin plural: "chieftain of the Arverni"): a
  vote for the group.
"""
from __future__ import annotations

import re

from .evidence import PERSON_CUE, WORK_CUE, Span
from .names import is_territory

NO_FACET = "MISC"  # things.NO_FACET
_TONGUE_OR_TIME = re.compile(r"\s(?:languages?|dialects?|tongues?|millenni(?:um|a)|centur(?:y|ies)|days|period|era|"
                             r"epoch)$")
_LOWER_END = re.compile(r"\s[a-z][\w'’-]*$")
_INDEFINITE_BEFORE = re.compile(r"\b(?:[Aa]n?)\s(?:[a-z][\w-]*\s){0,2}$")
_OFFICE = (r"Archbishops?|Bishops?|Cardinal|Patriarch|Secretary|Minister|Governor|Mayor|Chancellor|President|"
           r"Senator|Ambassador|Consul|Viceroy|Dean|Abbot|Abbess|Prior|Duke|Duchess|Earl|Marquess|Marquis|Baron|"
           r"Baroness|Emperor|Empress|Sultan|Caliph|Shah|Tsar|Czar|Pharaoh|Pope")
_OFFICE_END = re.compile(rf"(?:^|\s)(?:{_OFFICE})$")
_WHO_AFTER = re.compile(r",\s(?:who|whom)\s")
_REALM_OF = re.compile(r"\b(?:kingdom|empire|state|city|province|region|realm|land|tribe|people)s?\sof\s(?:the\s)?$", re.I)
_SUFFIX = re.compile(r"(?:^|\s)(?:Jr|Sr)\.?$")
_SUFFIX_AFTER = re.compile(r",?\s(?:Jr|Sr)\b")
_THEORY_AFTER = re.compile(r"['’]s\s(?:[a-z]+\s)?(?:theor(?:y|ies|em)|hypothesis|conjecture|postulates?|paradox|"
                           r"(?:first|second|third|zeroth)\slaws?|laws\sof)\b")
_WORK_KIND = (r"book|novel|novella|treatise|play|poem|film|movie|album|song|opera|ballet|symphony|painting|"
              r"(?:video|arcade|computer)\sgames?|epic|essay|encyclop(?:a|ae|æ)dia|dictionary")
_WORK_BEFORE = re.compile(rf"\b(?:(?:1\d|20)\d\d\s)?(?:{_WORK_KIND})s?(?:,?\s(?:such\sas|including|like|were|are|was|"
                          r"is|called|titled|entitled))?\s(?:(?:[A-Z][\w'’-]*\s){1,3}(?:and|or)\s)?$")
_GAME_BEFORE = re.compile(r"\bgames?\s$")
_CITED_BEFORE = re.compile(r"\b(?:[Aa]ccording\sto|(?:listed|cited|published|reported|estimated)\sby)\s$")
_TITLE_BEFORE = re.compile(r"\b(?:History|Histories|Chronicle|Chronicles|Annals|Story|Tale|Decline\sand\sFall)\s"
                           r"of\s(?:the\s)?$")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n)$")
# A festival's or a holiday's kind, and the words after or before a name that show one.
_FEAST = r"(?:festivals?|holidays?|feasts?|feast\sdays?|celebrations?)\b"
# Words between a definition's verb and its kind of feast: "the first of the two main", "a major Jewish".
_FEAST_WORDS = r"(?:(?:first|second|third|last|main|major|most|important|greatest|biggest|principal|great|annual|" \
               r"religious|two|three|four|one|of|the|public|national|[A-Z][\w'’-]*)\s){0,6}?"
_FEAST_DEFINED = re.compile(rf"(?:\sin\s[A-Z][\w'’-]+|,[^,.;\n]{{1,40}})?,?\s(?:is|was|are)\s(?:the|an?|one)\s"
                            rf"{_FEAST_WORDS}{_FEAST}")
_FEAST_AFTER = re.compile(rf"\s{_FEAST}|\s(?:is|was|are)\s(?:celebrated|observed)\s(?:during|on|by|every|each|annually|"
                          r"yearly)\b|,\s(?:which|that)\s(?:is|was)\s(?:celebrated|marked|observed)\b")
_FEAST_BEFORE = re.compile(rf"(?<!film\s){_FEAST}(?::[^.;:\n]{{0,120}}\son|\sof\sthe|[^.;:\n]{{0,40}},\s"
                           r"(?:alongside|along\swith|such\sas|including))\s$")
_PEOPLE_BEFORE = re.compile(r"(?:\b(?:[Ee]thnic|(?:tribes?|branch(?:es)?|language|chieftain|king|queen)\sof(?:\sthe)?|"
                            r"(?:civili[sz]ations|peoples|tribes|ethnic\sgroups)\s(?:such\sas|like|including|include)"
                            r"(?:\sthe)?|spoken\s(?:[^.;\n]{0,30}\s)?by(?:\sthe)?)\s(?:ancient\s)?)$")

# A tribe's Latin plural in -i after "the": "chieftain of the Arverni" ("king of Hawaii" has no article).
_LATIN_PLURAL = re.compile(r"\bthe\s$")


def relabel(text: str, m: Span) -> Span | None:
    """The place-tagged span relabelled when its last word or the words beside it show another kind; else None."""
    name = m[3]
    if _TONGUE_OR_TIME.search(name) or _OFFICE_END.search(name):
        return (m[0], m[1], NO_FACET, name)
    before = max(0, m[0] - 60)
    if _LOWER_END.search(name) and _INDEFINITE_BEFORE.search(text, max(0, m[0] - 30), m[0]):
        return (m[0], m[1], NO_FACET, name)
    if _WHO_AFTER.match(text, m[1], m[1] + 8) and _lone_person(text, m) or _SUFFIX.search(name) or _SUFFIX_AFTER.match(text, m[1], m[1] + 5) \
            or (" " not in name and _THEORY_AFTER.match(text, m[1], m[1] + 40)):
        return (m[0], m[1], PERSON_CUE, name)
    if _WORK_BEFORE.search(text, before, m[0]):
        return (m[0], m[1], WORK_CUE, name)
    if _GAME_BEFORE.search(text, max(0, m[0] - 30), m[0]):
        return (m[0], m[1], NO_FACET, name)  # "the Russian game Ochko": a game is no place, and no work
    if " " not in name and _CITED_BEFORE.search(text, max(0, m[0] - 20), m[0]) \
            and not text.startswith(("'s", "’s"), m[1]):
        return (m[0], m[1], NO_FACET, name)
    if feast_defined(text, m) or _FEAST_AFTER.match(text, m[1], m[1] + 120) \
            or _FEAST_BEFORE.search(text, max(0, m[0] - 180), m[0]):
        return (m[0], m[1], NO_FACET, name)  # a festival, no place
    if " " not in name and (name.endswith("s") and not name.endswith("ss") or _LATIN_PLURAL.search(text, max(0, m[0] - 4), m[0])
                            and name.endswith("i")) and not is_territory(name) \
            and _PEOPLE_BEFORE.search(text, max(0, m[0] - 60), m[0]):
        return (m[0], m[1], "NORP", name)
    if (title := _TITLE_BEFORE.search(text, max(0, m[0] - 30), m[0])) \
            and not _SENTENCE_START.search(text, max(0, title.start() - 3), title.start()):
        return (m[0], m[1], NO_FACET, name)
    return None


def _lone_person(text: str, m: Span) -> bool:
    """A one-word name, no plural, country or realm, before ", who": "the preaching of Polycarp, who in turn"."""
    return " " not in m[3] and not m[3].endswith("s") and not is_territory(m[3]) \
        and not _REALM_OF.search(text, max(0, m[0] - 30), m[0])


def feast_defined(text: str, m: Span) -> bool:
    """A name its sentence defines as a festival or a holiday: "Holi is the second of the two main festivals"."""
    return bool(_FEAST_DEFINED.match(text, m[1], m[1] + 120))
