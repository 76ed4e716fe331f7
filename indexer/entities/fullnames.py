"""A person's name made whole, and names of persons' shape that are no persons (issue 25, round 17).

- A ruler's regnal name followed by "of" and a realm (tagged, or one capitalised word the model left untagged:
  "Queen Isabella I of Castile") keeps the realm: "Charles II of Spain" and
  "Charles II of England" are two rulers, "Charles II" alone would be both. The realm's own span stays a place.
- A first given name the model left out right before a tagged name of three words or more is part of it:
  "Georg [Wilhelm Friedrich Hegel]", "Dame Agatha [Mary Clarissa Mallowan]" (not a title: "Dame" stays out).
- A name ending in a kind of text, or opened by the kind of a hadith collection, is a work's: "Children's and
  [Household Tales]", "the [Sahih al-Bukhari]"; a name before a kind of text in lower case is a work's part:
  "the [Brahma] sutras".
- A passage opening with a name its definition calls a person ("Heraclitus [ORG] was a pre-Socratic Greek
  philosopher") has its subject: the span weighs as a definition (five mentions), so that the model's other labels
  elsewhere ("the works of Aristotle" [ORG]) do not outvote the article's own word.
- A name ending in a school of thought's or a practice's head is no person: "[Advaita Vedanta]" (PERSON).
- A star's designation is no person: a Greek letter before a constellation's genitive ("α [Canis Minoris]",
  "[Alpha Canis Minoris]").
"""
from __future__ import annotations

import re

from .evidence import PERSON_DEFINED
from .kinds import defined_kind

Span = tuple[int, int, str, str]

_PERSONS = ("PERSON", "PERSON_CUE", "PERSON_DEFINED")
_REALMS = ("GPE", "LOC", "GPE_LONE", "GPE_DEFINED", "NORP", "ORG")
_REGNAL_END = re.compile(r"\s(?:XI{0,3}|XIV|XV|IX|IV|VI{0,3}|I{1,3})$")
_ONE_WORD_REALM = re.compile(r"\sof\s[A-Z][\w'’-]+(?!\s[A-Z]|[\w'’-])")
_OF_REALM = re.compile(r"\sof\s(?:the\s)?(?P<realm>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})")

# A capitalised word right before a name: a given name unless a title, a function word or a possessive.
_GIVEN_BEFORE = re.compile(r"(?:^|(?<=[\s(\"“,]))(?P<word>[A-Z][a-zà-ÿ]{2,})\s$")
# Where a first given name stands: a passage's start, a list's comma, "and", a bracket or a title ("Dame Agatha");
# not a sentence's first word ("Painter John Singer Sargent"), nor after "the" ("the Safavid Shah Ismail I").
_NAME_OPENS = re.compile(r"(?:^|[,(\"“]\s*|\b(?:and|or)\s|\b(?P<title>[A-Z][a-z]+)\s)$")
_TITLES = frozenset("""Dame Sir Lord Lady King Queen Prince Princess Emperor Empress Pope Saint Duke Duchess Count
Countess Baron Baroness President General Colonel Captain Admiral Doctor Professor Mister Madame Monsieur Senator
Governor Bishop Archbishop Cardinal Father Brother Sister Mother Tsar Sultan Shah Khan Caliph Emir Chief Judge Justice
Minister Chancellor Premier Mayor Reverend Rabbi Imam Master Lieutenant Sergeant Marshal Mrs Miss Dom Don Dona Frau
Herr Signor Sheikh Maharaja Raja Rani Pharaoh Consul Dictator Chairman Secretary""".split())
_NOT_GIVEN = _TITLES | frozenset("""The A An In On At Of And Or But As For By From To With After Before When While
This That These Those His Her Its Their Field Born Called Named Known Also Under Since During Between Against Like
Both Each Every Many Some Then Today""".split())

# Kinds of text that end a work's name, open a hadith collection's, or follow a name in lower case.
_TEXT_KIND_END = re.compile(r"\s(?:Tales|Sutras?|Sutta|Chronicles?|Annals|Upanishads?|Puranas?|Vedas?|Gospels?|"
                            r"Epistles?|Hadiths?|Siddhantas?|Shastras?|Samhitas?)$")
_COLLECTION_START = re.compile(r"^(?:Sahih|Sunan|Musnad|Jami)\s")
# "the Brahma sutras", "Brahmasphuta-siddhanta": the name is the text's, not its subject's person.
_TEXT_KIND_AFTER = re.compile(r"[\s-](?:sutras?|suttas?|siddh[aā]nta|hadiths?|shastras?|samhitas?|upanishads?)\b")
# A school of thought or a practice is named by its head: "Advaita Vedanta", "Sanatana Dharma", "Tibetan Buddhism".
_SCHOOL_END = re.compile(r"\s(?:[A-Z][a-z]+ism|Vedanta|Mimamsa|M[iī]m[aā]ṃs[aā]|Dharma|Dharm|Yoga|Darshana|Tantra|Samkhya|"
                         r"Nyaya|Vaisheshika|Shastra)$")
# A star's Bayer designation: a Greek letter (or its name) and a constellation's Latin genitive.
_GREEK = (r"(?:[α-ω]|Alpha|Beta|Gamma|Delta|Epsilon|Zeta|Eta|Theta|Iota|Kappa|Lambda|Mu|Nu|Xi|Omicron|Pi|Rho|Sigma|"
          r"Tau|Upsilon|Phi|Chi|Psi|Omega)")
_STAR_BEFORE = re.compile(rf"(?:^|\s){_GREEK}\s$")
_STAR_SELF = re.compile(rf"^{_GREEK}\s[A-Z]")
_GENITIVE = re.compile(r"(?:is|ae|i|orum|us)$")


def whole_persons(text: str, spans: list[Span]) -> list[Span]:
    """The spans with rulers' realms and left-out first given names taken in, works and stars not persons."""
    out: list[Span] = []
    for m in spans:
        if m[2] in _PERSONS:
            m = _realm(text, m, spans) or _given(text, m, spans) or _not_person(text, m) or m
            if m[0] == 0 and m[2] != PERSON_DEFINED and m[2] in _PERSONS and defined_kind(text, m) == "person":
                m = (m[0], m[1], PERSON_DEFINED, m[3])  # the passage's own subject defined as a person
        elif m[2] != "DATE" and _TEXT_KIND_AFTER.match(text, m[1]):
            m = (m[0], m[1], "MISC", m[3])  # "the Brahma [ORG] sutras"
        out.append(m)
    return sorted(out, key=lambda m: (m[0], -m[1]))


def _realm(text: str, m: Span, spans: list[Span]) -> Span | None:
    if not _REGNAL_END.search(m[3]):
        return None
    of = _OF_REALM.match(text, m[1])
    if of is None:
        return None
    realm = [n for n in spans if n[0] == of.start("realm") and n[1] <= of.end("realm") and n[2] in _REALMS]
    if realm:
        end = realm[0][1]
    elif _ONE_WORD_REALM.match(text, m[1]) and not any(n[0] < of.end("realm") and of.start("realm") < n[1]
                                                       for n in spans):
        end = of.end("realm")  # "Queen Isabella I of Castile": Castile untagged
    else:
        return None
    first = m[3].split()[0]
    if first in _TITLES:  # the realm's form is the name's own: "[Queen] Isabella I of Castile"
        return (m[0] + len(first) + 1, end, m[2], text[m[0] + len(first) + 1:end])
    return (m[0], end, m[2], text[m[0]:end])


def _given(text: str, m: Span, spans: list[Span]) -> Span | None:
    words = m[3].split()
    if len(words) < 3 or not m[3][:1].isupper() or words[0] in _NOT_GIVEN:
        return None  # "[Shah Ismail I]": a title opens the name
    before = _GIVEN_BEFORE.search(text, max(0, m[0] - 30), m[0])
    if before is None or before.group("word") in _NOT_GIVEN:
        return None
    opens = _NAME_OPENS.search(text, 0, before.start())
    if opens is None or opens.group("title") and opens.group("title") not in _TITLES:
        return None
    s = before.start("word")
    if any(n[0] <= s < n[1] for n in spans if n[2] not in _PERSONS):
        return None  # "General of the Army [ORG] George…": the model called the word something else
    return (s, m[1], m[2], text[s:m[1]])


def _not_person(text: str, m: Span) -> Span | None:
    if _TEXT_KIND_END.search(m[3]) or _COLLECTION_START.match(m[3]):
        return (m[0], m[1], "WORK_OF_ART", m[3])
    if _TEXT_KIND_AFTER.match(text, m[1]) or _SCHOOL_END.search(m[3]):
        return (m[0], m[1], "MISC", m[3])
    words = m[3].split()
    star = _STAR_SELF.match(m[3]) and len(words) >= 2 or _STAR_BEFORE.search(text, max(0, m[0] - 10), m[0])
    if star and _GENITIVE.search(words[-1]):
        return (m[0], m[1], "MISC", m[3])
    return None
