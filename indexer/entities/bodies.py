"""Names the model calls organisations that the name's head or the words around it show are no body of people.

A realm is named by its head ("the First Turkic Khaganate", "the North German Confederation", "Northern Nigeria
Protectorate") or written as a country's official name ("The Comoros, officially the Union of the Comoros"): a
place. A school of thought, a style or a movement in the arts is no organisation: "a leading member of the
Frankfurt School of critical theory", "composers of the Burgundian School", "the Vaisheshika school of Indian
philosophy", "Theosophy", "the Harlem Renaissance"; nor is a group of galaxies ("the fourth-largest galaxy in the
Local Group"), or a name the model cut before a common noun ("the Annales School of French historiography").
A school one attends or founds stays one: "educated at Charterhouse School", "founder of the Bauhaus School".
A title dated in brackets is a work ("the director of The Dark Crystal (1982)"); a name the passage defines as an
annual competition or a festival, a numbered council and a front of a war are events ("the First Buddhist Council",
"the Eastern Front of World War II"); a building named "X House" is a place ("headquartered at Broadcasting House");
a capital and a small letter are a symbol or a unit, not an acronym ("the symbol Ge"). A name the passage defines
as a sport, a craft or a process is no body ("Kabaddi is a contact team sport"); nor is a word of an office's title
("Secretary of the Treasury"), a rank ("General of the Army"), a band of people ("the Doctors of the Church": a
group), a river's bank (a place) or a dynasty's adjective before its ruler ("the Mughal emperor": a group). A body
named with its place keeps the body: "Rugby School in England" is "Rugby School"; one cut after "the X and" gets
its first word back ("the Grand and General Council").
"""
from __future__ import annotations

import re

from . import kinds
from .evidence import Span
from .names import org_shaped, shape_facet

NO_FACET = "MISC"  # canon.NOT_A_PERSON: no value, a vote for no facet
_REALM_END = re.compile(r"\s(?:Khaganate|Khanate|Protectorate|Confederation|Sultanate|Caliphate|Emirate)$")
# A country's official name, in apposition at the article's start: "Switzerland, officially the Swiss Confederation".
_OFFICIALLY = re.compile(r",\s(?:known\s)?officially\s(?:named\s|called\s)?(?:the\s)?$")
_OFFICIAL_HEAD = re.compile(r"^(?:[Tt]he\s)?(?:[A-Z][\w'’-]*\s){0,3}(?:Union|Federation|Confederation|Commonwealth|"
                            r"Republic|Kingdom|State|Department|Emirate|Principality|Grand Duchy)\b")
# A region, a park or a zone: "the Cusco Department", "the Sylhet Division", "the Royal National Park".
_UNIT = re.compile(r"^(?:the\s)?(?!(?:Police|Fire|State|Treasury|Statistics|Justice|Health|War|Navy|Army|Infantry|"
                   r"Cavalry|Armou?red|Panzer|Airborne|Marine|Guards|Mountain|Light|Premier|First|Second|Third)\s)"
                   r"[A-Z][a-z][\w'’-]*\s(?:Department|Division)$|\s(?:National\sPark|Zone|Corridor)$")
# A branch of a dynasty named with its people's adjective: "the Spanish House of Borgia" (`names` reads the rest).
_BRANCH = re.compile(r"^(?:[Tt]he\s)?[A-Z][a-z]+\s(?=House\sof\s)")
_SCHOOL_END = re.compile(r"\s[Ss]chool$")
_ATTENDED = re.compile(r"\b(?:at|attended|attending|entered|enrolled\sin|founder\sof|founded|joined)\s(?:the\s)?$")
_LOWER_SCHOOL = re.compile(r"\sschool\b|\sSchool\sof\s(?:the\s)?[a-z]")  # "the Ja'fari school", "School of economics"
_OF_A_FIELD = re.compile(r"\sof\s[a-z]")  # "the Frankfurt School of critical theory"
_CREED = re.compile(r"^[A-Z][a-z]+(?:ism|sophy|thought)$|\sRenaissance$")  # "Theosophy", "Freethought"
_GALAXIES = re.compile(r"\s(?:Group|Cluster)$")
_GALAXY_NEAR = re.compile(r"\bgalax(?:y|ies)\b|\bcultivars?\b|\bsubsp\.|\bvar\.")  # or of cultivars
# A name ending in a people's adjective before a common noun was cut from a longer phrase: "the Annales School of
# French historiography", "the Trinity of Carnatic music".
_CUT_ADJECTIVE = re.compile(r"\sof\s(?:(?!Republic$)[A-Z][a-z]+(?:ian|ese|ic|ish)|French)$")
_LOWER_NEXT = re.compile(r"\s[a-z]{3,}")
_DATED = re.compile(r"\s\((?:c\.\s)?1?\d{3}(?:/\d\d)?\)")  # "The Dark Crystal (1982)": a film, a book
_REGIME = re.compile(r"\b(?:Government|Republic|Kingdom|Empire|State|Party|Council|Assembly|Army|Court)\b")
# The passage's definition of the name, its head noun the first one before a preposition or a relative word:
# "Kabaddi is a contact team sport played …", "The Yalta Conference was the World War II meeting of …".
_DEFINED_AS = (r"(?:\s\([^)]{0,60}\))?(?:,[^.,]{0,80})?,?\s(?:is|was|are|were)\s(?:an?|the)\s"
               r"(?:(?!(?:that|which|who|in|of|on|by|for|and|with|from|to)\b)[\w'’-]+\s){0,5}?")
_HEAD_END = (r"(?=[,.;:(]|\s(?:[a-z]+ed|held|run|that|which|who|whose|where|in|of|on|by|for|and|or|with|from|to|"
             r"between|at)\b)")
_DEFINED_EVENT = re.compile(_DEFINED_AS + r"(?:competition|tournament|championship|contest|festival|meeting|summit)"
                            + _HEAD_END)
_DEFINED_THING = re.compile(_DEFINED_AS + r"(?:sports?|games?|art|dance|service|platform|spacecraft|rocket|series|"
                            r"franchise|process|phenomenon|technique|genre|movement(?=\sof))" + _HEAD_END)
_EVENT_NAME = re.compile(r"^(?:the\s)?(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth)\s"
                         r"(?:[A-Z][\w'’-]*\s)*Council$|\sFront\sof\s")  # "the First Buddhist Council"
_BUILDING = re.compile(r"^(?:the\s)?(?:[A-Z][\w'’.-]*\s)+House$")  # "Broadcasting House", "Sydney Opera House"
_OFFICE_OF = re.compile(r"\b(?:Secretary|Minister|Lord|Chancellor)\sof\s(?:the\s)?$")  # "Secretary of the Treasury"
_PEOPLE_OF = re.compile(r"\b(?:Fathers|Doctors|Apostles|Martyrs|Saints|Tribes?)\sof\s")  # "the Doctors of the Church"
_RANK = re.compile(r"^(?:[Tt]he\s)?(?:General|Admiral|(?:Field\s)?Marshal)\sof\s|\s(?:Professor|Fellow|Lecturer)$|"
                   r"\bAll-[A-Z][\w-]*\sTeams?$")  # or an honour: "the NBA All-Defensive Team"
_RIVER_BANK = re.compile(r"^(?:the\s)?(?:Left|Right)\sBank\b")  # "the Left Bank of the Seine": a place
# A people's or a dynasty's adjective before its ruler or its realm: "the Mughal emperor", "the Mughal capital".
_ADJECTIVE = re.compile(r"^[A-Z][a-z]+$")
_RULERS_NOUN = re.compile(r"\s(?:emperors?|empress|capital|governors?|administrators?|court|kings?|queens?|rulers?|"
                          r"princes?|princess|sultans?|nobles?|nobility|army|armies|dynasty)\b")
_PLACED = re.compile(r"^(.+?)\s(?:in|as)\s[A-Z][\w\s]*$")  # "Rugby School in England": the body, then its place
# A title after the kind of work it names: "his unfinished theological summa the Church Dogmatics".
_WORK_BEFORE = re.compile(r"\b(?:book|novel|treatise|summa|magazine|newspaper|journal|film|poem|play|opera|album|song|"
                          r"essay|periodical)\s(?:the\s)?$")
_TITLE_GOES_ON = re.compile(r"['’]s\b|\s(?:les|la|le|de|des|du|del|di|der|die|das)\s")  # "Gulliver's Travels"
_SYMBOL = re.compile(r"^[A-Z][a-z]$")  # "Ge", "Gm": a chemical symbol, a unit
# One capitalised word and "and" after "the" begin the body's name: "the Grand and General Council", "the
# Globalization and World Cities Research Network" (two bodies would have a plural head: "the AFC and NFC").
# A name before a common noun of a lineage or a manner is that noun's modifier, no body: "founder of the Orange-Nassau
# branch", "the Niten Ichi-ryū style of swordsmanship" (a name with a body's head keeps it: "the Labour Party line").
_MODIFIER_OF = re.compile(r"\s(?:style|styles|branch|lineage|dynasty|clan|family|tradition)\b")
_JOINED_BEFORE = re.compile(r"\b[Tt]he\s([A-Z][\w'’-]+\sand\s)$")


def relabel_org(text: str, m: Span) -> Span | None:
    """The organisation span relabelled when its head or its context shows it is no organisation; None if not."""
    name = m[3]
    if (placed := _PLACED.match(name)) and org_shaped(placed.group(1)) and " for " not in placed.group(1):
        return (m[0], m[0] + len(placed.group(1)), "ORG", placed.group(1))
    if " " in name and name[:1].isupper() and not name.startswith("The ") and org_shaped(name) \
            and (joined := _JOINED_BEFORE.search(text, max(0, m[0] - 40), m[0])):
        return (joined.start(1), m[1], "ORG", joined.group(1) + name)
    if kinds.no_body(name) or shape_facet(name, "org") is not None:
        return None  # "the Articles of Confederation": a document, `things` reads it
    if not org_shaped(name) and _MODIFIER_OF.match(text, m[1]):
        return (m[0], m[1], NO_FACET, name)
    if _REALM_END.search(name) or (_OFFICIALLY.search(text, max(0, m[0] - 30), m[0])
                                   and _OFFICIAL_HEAD.match(name)):
        return (m[0], m[1], "GPE", name)
    if _RIVER_BANK.match(name):
        return (m[0], m[1], "LOC", name)
    if _ADJECTIVE.match(name) and _RULERS_NOUN.match(text, m[1], m[1] + 16):
        return (m[0], m[1], "NORP", name)
    if _PEOPLE_OF.search(name):
        return (m[0], m[1], "NORP", name)  # people, not a body: a group
    if _RANK.search(name):
        return (m[0], m[1], NO_FACET, name)  # "General of the Army", "Royal Society Research Professor": a title
    if " " not in name and _OFFICE_OF.search(text, max(0, m[0] - 30), m[0]):
        return (m[0], m[1], NO_FACET, name)  # a word of an office's title, no body of its own
    if _SYMBOL.match(name) and not text.endswith("as ", 0, m[0]):  # "Enki, also known as Ea": a name
        return (m[0], m[1], NO_FACET, name)
    if _DATED.match(text, m[1]) and not _REGIME.search(name) or _WORK_BEFORE.search(text, max(0, m[0] - 16), m[0]) \
            and not _TITLE_GOES_ON.match(text, m[1]):
        return (m[0], m[1], "WORK_OF_ART", name)
    if _EVENT_NAME.search(name) or _DEFINED_EVENT.match(text, m[1], m[1] + 160):
        return (m[0], m[1], "EVENT", name)
    if _DEFINED_THING.match(text, m[1], m[1] + 240):
        return (m[0], m[1], NO_FACET, name)
    if _BUILDING.match(name):
        return (m[0], m[1], "FAC", name)
    if _UNIT.search(name):
        return (m[0], m[1], "GPE", name)
    if _BRANCH.match(name) and shape_facet(_BRANCH.sub("", name), "org") == "group":
        return (m[0], m[1], "NORP", name)
    if _SCHOOL_END.search(name) and " of " not in name:
        if not _ATTENDED.search(text, max(0, m[0] - 20), m[0]) or _OF_A_FIELD.match(text, m[1], m[1] + 6):
            return (m[0], m[1], NO_FACET, name)
    if _CREED.search(name):
        return (m[0], m[1], "NORP" if " " not in name else NO_FACET, name)  # a creed, as "Calvinism": a group
    if _LOWER_SCHOOL.search(name):
        return (m[0], m[1], NO_FACET, name)
    if _GALAXIES.search(name) and _GALAXY_NEAR.search(text, max(0, m[0] - 120), m[1] + 120):
        return (m[0], m[1], NO_FACET, name)
    if _CUT_ADJECTIVE.search(name) and _LOWER_NEXT.match(text, m[1], m[1] + 16):
        return (m[0], m[1], NO_FACET, name)
    return None
