"""Names the model calls places that their own shape or the words against them show are of another kind.

Each test reads the span's words or a few words around it (precompiled regular expressions, a set look-up): a
language after "Old"/"Middle" ("descended from Old Gujarati", "in Old Saxon as Thunar"), a dynasty's half ("during the
Northern Song", where the passage names the Song dynasty), a genus before its epithet ("Oryza glaberrima"), an eponym
before a scholar's noun ("Mealy machines"), a scholar after "the study of … by", a person's other name defined as a
person ("often known as Santa Anna, was a Mexican general"), a people defined as one ("Berbers, also known as
Amazighs, are an ethnic group"), a faith or a doctrine ("Eastern Orthodoxy").
"""
from __future__ import annotations

import re

from . import kinds, placeothers
from .evidence import PERSON_CUE, Span
from .names import languages, is_territory
from ..folding import name_key

NO_FACET = "MISC"  # things.NO_FACET: no value, a vote for no facet
_PLACE = ("GPE", "LOC", "FAC")
# "Old Gujarati", "Middle Persian", "Classical Tibetan", "Proto-Norse": a stage of a language.
_STAGE = re.compile(r"^(?:[Tt]he\s)?(?:(?:Old|Middle|Classical|Archaic|Proto)\s|Proto-)(?P<tongue>[A-Z][\w'’-]+)$")
# A later stage or a register of a language the name ends in: "written in Early Modern Spanish", "Middle and Old
# English", "Vulgar Latin" (a language's name, not a place's: "Ancient Greece" is a place).
_STAGE_OF = re.compile(r"^(?:[Tt]he\s)?(?:(?:Early|Late)\s)?(?:(?:Old|Middle)\sand\s)?"
                       r"(?:Modern|Old|Middle|Vulgar|Ancient|Medieval|Early|Late)\s(?P<tongue>[A-Z][\w'’-]+)$")
# Books named in a list after "the books of": "the books of Genesis, Exodus, Leviticus, Numbers and Deuteronomy".
_BOOKS_OF = re.compile(r"\b(?:[Bb]ooks?|[Gg]ospels?|[Ee]pistles?)\sof\s(?:the\s)?"
                       r"(?:[A-Z][\w'’-]+,?\s(?:and\s)?){0,8}$")
# A source cited, not a place: "According to World Netball, …", "according to the Swachh Survekshan", "In 2025,
# Bloomberg reported that …" (a country may be one: "Japan announced" stays a place).
_SOURCE_BEFORE = re.compile(r"\b[Aa]ccording\sto\s(?:the\s)?$")
_SOURCE_AFTER = re.compile(r"\s(?:reported|announced|stated|wrote)\sthat\b")
# The last word of a work's title, the work shown after it: "One Hundred Years of Solitude is a 1967 novel", "Notes
# from Underground, a novella", "Alice's Adventures in Wonderland (1865)"; not a country's name.
_TITLE_WORK = (r"(?:novel|novella|play|film|movie|song|single|album|poem|painting|opera|ballet|symphony|book|sculpture|"
               r"collection|series|comedy|tragedy|drama|story|essay|treatise|manga|musical)s?\b")
_WORK_AFTER = re.compile(r"\s\(\d{4}\)|,?\s(?:is|was)\s(?:an?|the)\s(?:[\w-]+\s){0,4}" + _TITLE_WORK
                         + r"|,\s(?:an?)\s(?:[\w-]+\s){0,3}" + _TITLE_WORK)
_TITLE_BEFORE = re.compile(r"(?:^|[^\w\s]\s|\b[a-z]+\s)(?:[A-Z][\w'’]*\s(?:[a-z]{1,4}\s)?){0,5}[A-Z][\w'’]*\s"
                           r"(?:of|from|in|und|on|to)\s(?:the\s)?$")
# A language's name listed beside another language's ("Dutch, English, and Papiamento are official", "related to
# Nogai, Kyrgyz, and Karakalpak"), unless the list names places ("Meru, Embu, Kirinyaga … counties").
_LISTED = r"[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?"
_LISTED_BEFORE = re.compile(rf"(?P<w>{_LISTED}),?\s(?:and\s|or\s)?$")
_LISTED_AFTER = re.compile(rf"(?:,\s(?:and\s|or\s)?|\s(?:and|or)\s)(?P<w>{_LISTED})")
_PLACES_LISTED = re.compile(r"[^.;]*?\b(?:counties|provinces|districts|states|regions|islands|cities|towns|villages)\b")
# A word given in a language: "in Old Saxon as Thunar", "the Old Frisian word", "Old Norse form".
_WORD_IN = re.compile(r"\s(?:as\s[A-Z\"“]|(?:word|form|term|spelling|name)s?\b)")
# A dynasty's half: "the Northern Song", "the Later Liang", "Eastern Han"; a dynasty of that name in the passage.
_HALF = re.compile(r"^(?:[Tt]he\s)?(?:Northern|Southern|Eastern|Western|Later|Former|Latter)\s(?P<house>[A-Z][a-z]+)$")
# A genus before its species' epithet, in the endings `things._EPITHET` lacks: "Oryza sativa", "Oryza glaberrima",
# "Brassica oleracea".
_EPITHET = re.compile(r"\s[a-z]{2,}(?:iva|ivum|ivus|rima|rimum|rimus|issima|issimum|issimus|acea|aceum|aceus)\b")
# A scholar's noun after a name makes it an eponym: "Mealy machines", "Lobachevsky integral", "Zeno paradox".
_EPONYM_AFTER = re.compile(r"\s(?:machines?|automat(?:a|on)|geometry|paradox(?:es)?|algebras?|polynomials?|integrals?|"
                           r"lemma|conjecture|inequalit(?:y|ies)|theorem|equations?|calculus|topology|manifolds?)\b")
# The doer of a study or a proof: "the study of hyperbolic geometry by Lobachevsky".
_STUDY_BY = re.compile(r"\b(?:study|studies|proof|discovery|description|formulation|classification|theory|"
                       r"treatment|analysis)\sof\s[\w\s'’-]{1,40}?\sby\s$")
# "…, often known as Santa Anna, was a Mexican general": an other name of the sentence's person.
_KNOWN_AS = re.compile(r"(?:also|often|commonly|better|simply|popularly|usually)?\s?known\sas\s$")
_IS_A = re.compile(r",?\s+(?:is|was)\s+(?:a|an|the|one)\s+(?P<kind>[^.;:\"“\n]{1,120})")
# "Berbers, also known as Amazighs or Imazighen, are an ethnic group", "The Toltecs or Toltec were an early
# civilization", "The Whites and Blacks were factions": a people.
_PEOPLE_DEFINED = re.compile(r"(?:\s(?:or|and)\s[A-Z][\w'’-]+)?(?:\s\([^()\n]{1,40}\))?,?\s+(?:are|were)\s+"
                             r"(?:(?:an?|the|one)\s+(?:[\w-]+\s+){0,3}?)?(?:ethnic\s(?:group|minority)|people|peoples|"
                             r"tribes?|factions?|civili[sz]ation|nation|ethnolinguistic\sgroup)\b")
# A nickname in quotes: 'known as the "Green City"', 'nicknamed "the Venice of the North"'.
_NICKNAME_BEFORE = re.compile(r"\b(?:known\sas|nicknamed|dubbed|called)\s(?:the\s)?[\"“]$")
# A faith or a doctrine: "Eastern Orthodoxy", "Tibetan Buddhism".
_FAITH = re.compile(r"\s[A-Z][a-z]+(?:ism|doxy)$")
# A dynasty's or a people's plural in -ids ("the Achaemenids", "the Gepids"; a meteor shower's too: "the Leonids"); a
# landform's common noun is none ("Rapids").
_HOUSE_PLURAL = re.compile(r"^(?:[Tt]he\s)?(?!Rapids$)[A-Z][a-z]+(?:ids|yads)$")
_RULE_WORDS = re.compile(r"\b(?:dynast\w*|empire|ruled|rulers?|kingdom|tribes?|peoples?)\b", re.I)
# A deed done to a person: "the murder of Clytemnestra", "the trial of Orestes", "the assassination of Caesar".
_VICTIM_BEFORE = re.compile(r"\b(?:murder|assassination|trial|execution|beheading|martyrdom|abdication|deposition|"
                            r"funeral|murderer|murderers|assassin|assassins)\sof\s$")
# A person's kind right before the name: "by the witch Yubaba", "the philosopher Pythagoras", "the pharaoh Khufu".
_KIND_BEFORE = re.compile(r"\b(?:the|a|an|his|her|their|its)\s(?:witch|wizard|sorcer(?:er|ess)|nymph|demon|titan(?:ess)?|"
                          r"prophet|philosopher|poet|sage|pharaoh|emperor|empress|mathematician|astronomer|"
                          r"playwright|hero|heroine)\s$")
# Where a genus or a star stands: "the only other species in Chrysemys", "the constellation Carina", "the southern
# constellation of Carina"; a moon after its planet's possessive: "Saturn's Phoebe".
_SKY_OR_GENUS_BEFORE = re.compile(r"\b(?:(?:species|subspecies|genus)\s(?:in|within)|constellations?(?:\sof)?|"
                                  r"(?:Mercury|Venus|Earth|Mars|Jupiter|Saturn|Uranus|Neptune|Pluto)['’]s)\s$")
# A genus in brackets after its common name, in a sentence on species: "five of kiwis (Apteryx), three of
# cassowaries (Casuarius)".
_GENUS_BRACKET = re.compile(r"\b[a-z]{3,}s\s\($")
_SPECIES = re.compile(r"\b(?:species|genus|genera|subspecies)\b")


def relabel(text: str, m: Span) -> Span | None:
    """The place-tagged span relabelled when its shape or its words show another kind; None when none do."""
    if m[2] not in _PLACE:
        return None
    if (other := placeothers.relabel(text, m)) is not None:
        return other
    name = m[3]
    if (stage := _STAGE.match(name)) and (name_key(stage.group("tongue")) in languages()
                                          or _WORD_IN.match(text, m[1], m[1] + 12)):
        return (m[0], m[1], NO_FACET, name)
    if (stage := _STAGE_OF.match(name)) and name_key(stage.group("tongue")) in languages() \
            or _BOOKS_OF.search(text, max(0, m[0] - 120), m[0]):
        return (m[0], m[1], NO_FACET, name)
    if (_SOURCE_BEFORE.search(text, max(0, m[0] - 20), m[0]) or _SOURCE_AFTER.match(text, m[1], m[1] + 20)) \
            and not is_territory(name.removeprefix("the ")):
        return (m[0], m[1], NO_FACET, name)
    if _WORK_AFTER.match(text, m[1]) and _TITLE_BEFORE.search(text, max(0, m[0] - 80), m[0]) \
            and not is_territory(name.removeprefix("the ")):  # "A Passage to India (1984)": left alone
        return (m[0], m[1], NO_FACET, name)
    if _tongue(name) and any(x and _tongue(x.group("w")) for x in (
            _LISTED_BEFORE.search(text, max(0, m[0] - 40), m[0]), _LISTED_AFTER.match(text, m[1]))) \
            and not _PLACES_LISTED.match(text, m[1], m[1] + 120):
        return (m[0], m[1], NO_FACET, name)
    if (half := _HALF.match(name)) and f"{half.group('house')} dynasty" in text:
        return (m[0], m[1], NO_FACET, name)
    if _NICKNAME_BEFORE.search(text, max(0, m[0] - 24), m[0]):
        return (m[0], m[1], NO_FACET, name)
    if _FAITH.search(name):
        return (m[0], m[1], NO_FACET, name)
    if (person := _other_name(text, m)) is not None:
        return person
    if _HOUSE_PLURAL.match(name):
        return (m[0], m[1], "NORP" if _RULE_WORDS.search(text) else NO_FACET, name)
    if " " in name:
        return None
    before = max(0, m[0] - 40)
    if _VICTIM_BEFORE.search(text, before, m[0]) or _KIND_BEFORE.search(text, before, m[0]):
        return (m[0], m[1], PERSON_CUE, name)
    if _SKY_OR_GENUS_BEFORE.search(text, before, m[0]) or _GENUS_BRACKET.search(text, before, m[0]) \
            and text.startswith(")", m[1]) and _SPECIES.search(text, max(0, m[0] - 200), m[0]):
        return (m[0], m[1], NO_FACET, name)
    if _EPITHET.match(text, m[1], m[1] + 24) or _EPONYM_AFTER.match(text, m[1], m[1] + 16):
        return (m[0], m[1], NO_FACET, name)
    if _STUDY_BY.search(text, max(0, m[0] - 80), m[0]) and not text.startswith(("'s", "’s"), m[1]):
        return (m[0], m[1], PERSON_CUE, name)
    if name.endswith("s") and _PEOPLE_DEFINED.match(text, m[1], m[1] + 160):
        return (m[0], m[1], "NORP", name)
    return None


def _other_name(text: str, m: Span) -> Span | None:
    """A name of one or two words after "known as" whose sentence defines a person: a person."""
    if not _KNOWN_AS.search(text, max(0, m[0] - 24), m[0]):
        return None
    found = _IS_A.match(text, m[1], m[1] + 140)
    if found and kinds._person_head(kinds._kind_words(found.group("kind"), owners=False)):
        return (m[0], m[1], PERSON_CUE, m[3])
    return None


def _tongue(name: str) -> bool:
    """Whether a name is a language's (CLDR) and no country's or region's."""
    return name_key(name) in languages() and not is_territory(name)
