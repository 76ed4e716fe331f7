"""Evidence that a one-word name the model called a person is one: what the words beside it say.

On the wiki gold (rounds 1-8) most one-word "persons" seen in one or two passages are other things: works
("Frankenstein", "Ficciones"), places ("Kaspiysk"), peoples, words ("Badminton", "Curricula"), or a lone given name or
surname cut from a full name ("Malcolm", "Makeyev"): 18 right of 77. The genuine mononyms among them are mostly
written with what they are: a title or a word for a person before them ("the goddess Freyja", "singer Psy", "his
wife, Sarolt"), their definition ("Democritus was a pre-Socratic Greek philosopher", "known as Raphael, was an
Italian painter"), a kin or a life after them ("Solomon's son", "(born 1940)", "Protagoras argued"), or a list with
such a name ("two daughters, Hnoss and Gersemi"). Such a mention is relabelled PERSON_CUE; `entities.Canon` keeps a
one-word person the collection names only a few times with one such mention somewhere, or as the surname or first
name of a full name.
"""
from __future__ import annotations

import re

from .evidence import LIST_GAP, PERSON_CUE, Span, listed_beside
from .kinds import NAME_GLOSS, defines_person, modified, person_word

_ONE_WORD = ("PERSON", "GPE", "LOC", "ORG", "NORP")  # labels whose one-word spans the cues below may make persons
# The model calls many things organisations or peoples: a one-word name of these labels becomes a person by a word
# right before it ("the raven-flanked god Odin", not "provider PBS" or "students, UNAM" after a comma), after it or
# its definition, and only one written as a name: no acronym ("MSS"), no plural ("Shintoists", "Ghaznavids"; a name
# may end in -us, -es, -is, -os or -as: "Hipparchus", "Thucydides"), none a modifier ("ruthless Mafia boss").
_WEAK = ("ORG", "NORP")
_NOT_A_MONONYM = re.compile(r"^(?:[^a-z]+|.*[^aeiou]s)$")
# Nor an epithet after "the": "Cyrus the Younger", "Henry the Navigator", "Theodoric the Great, also called the Amal".
_EPITHET = re.compile(r"\bthe\s$")

# A title or an honorific right before the name ("Professor Challenger", "Emperor Ashoka", "Dr. Watson").
_TITLE_BEFORE = re.compile(r"(?<![\"“])\b(?:Mr|Mrs|Ms|Mme|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Saint|King|Queen|Emperor|"
                           r"Empress|Prince|Princess|Pope|Tsar|Czar|Tsarina|Sultan|Caliph|Pharaoh|Shah|Khan|Imam|Rabbi|"
                           r"Father|Uncle|Aunt|General|Captain|Admiral|Colonel|President|Chancellor|Senator|Governor|"
                           r"Bishop|Cardinal|Archbishop|Judge|Count|Countess|Duke|Duchess|Baron|Baroness|Earl|Marquis|"
                           r"Guru|Swami|Sheikh|Ayatollah|Lama|Apostle|Prophet|Grand Prince)\.?\s$")
# The word before: "the goddess Freyja", "singer Psy", "the first credited sophist, Protagoras", "his wife, Sarolt",
# "the legendary serpent-man Cecrops".
_WORD_BEFORE = re.compile(r"(?<![\w-])(?P<word>[a-z][a-z-]{2,})(?:,\s|\s|:\s|\ssuch\sas\s)$")
# A word for a person that is itself an item of a list names no one after it: "scholar, jurist, Mujtahid".
_LISTED_ROLE = re.compile(r"(?:,|\band)\s$")
# A kin of someone: "the son of Zeus and Alcmene", "a descendant of Perseus" (a ruler "of" is often of a place).
_KIN_OF = re.compile(r"\b(?:sons?|daughters?|wife|husband|father|mother|brothers?|sisters?|child|children|"
                     r"descendants?|ancestors?|heirs?|widow|consort|grand(?:son|daughter|father|mother)|nephew|niece|"
                     r"cousin|disciples?|pupils?)\sof\s$")
# Words in -er/-or/-ian that name no person beyond those `kinds.person_word` already refuses: adverbs, a preposition,
# comparatives, and two a definition may use of a person ("an elder", "a human").
_NOT_A_ROLE = frozenset("elder ever human over per smaller whenever wherever whoever worse".split()
                        + "member members provider providers retailer retailers".split())  # or of companies
# After the name: a kin, a life or a person's doings ("Solomon's son", "Rubens's highly charged compositions"), dates
# of a life, a person's verb.
_AFTER = re.compile(r"['’]s\s(?:[a-z-]+\s){0,2}(?:wife|husband|sons?|daughters?|father|mother|parents|brothers?|"
                    r"sisters?|widow|children|heirs?|successor|death|birth|reign|life|career|followers|disciples|"
                    r"teachings?|works|paintings|compositions|poems|novels|plays|writings|ideas|ambitions?|"
                    r"advisers?|advisors?)\b|"
                    r"\s\((?:born|died|b\.|d\.|fl\.)\s|"
                    r",?\s(?:was born|died|married|wrote|said|argued|claimed|believed|taught|reigned|painted|"
                    r"composed)\b")
# A definition of the name, at a sentence's start or not ("better known as Raphael, was an Italian painter"); without
# an article, a title or a people's word first ("Hadrian was Roman emperor", "Cyril and Methodius were brothers"),
# not "was generally accepted by palaeontologists".
_DEFINED = re.compile(NAME_GLOSS + r"(?:,[^.;\n]{0,100},|,)?\s+(?:is|was|are|were)\s+(?:(?:a|an|the|one)\s+|"
                      r"(?=(?:[A-Z][\w-]+\s)+[a-z]|(?:king|queen|emperor|empress|brothers|sisters|twins)\b))"
                      r"(?P<kind>[^.;:\"“\n]{1,120})")
# A place or a part of a name after a title's or a name's "of": "Earl of Beaconsfield", "Hildegard of Bingen".
_PART_OF_NAME = re.compile(r"\b[A-Z][\w'’-]*\sof\s$")
# Where a place stands in a sentence about a person: after a preposition of place or a comma.
_PLACE_SLOT = re.compile(r"(?:\b(?:of|in|at|from|near|to|into)|,)\s$")
# Or in apposition: "Lenin, the Bolshevik leader at the time, appointed Trotsky".
_APPOSITION = re.compile(r",\s(?:the|a|an)\s(?!latter\b|former\b)(?P<kind>[^.;:,\"“\n]{1,80})")


# A god's or a ruler's lower-case kind right before a name the model left untagged: "the sun god Ra", "the Inca emperor
# Topa Inca Yupanqui", "the Frankish king Clovis I".
_KIND_NAME = re.compile(r"\b(?:god|goddess|deity|king|queen|emperor|empress|pharaoh|prince|princess)\s(?P<name>"
                        r"[A-Z][^\W\d_]+(?:['’][^\W\d_]+)?(?:\s(?:[A-Z][^\W\d_]+|[IVX]{1,4}(?![\w'’-])))*)")


def _untagged_after_kind(text: str, spans: list[Span]) -> list[Span]:
    found = [(m.start("name"), m.end("name"), PERSON_CUE, m["name"]) for m in _KIND_NAME.finditer(text)]
    found = [f for f in found if not any(m[0] < f[1] and f[0] < m[1] for m in spans)]
    return sorted(spans + found, key=lambda m: (m[0], -m[1])) if found else spans


def person_evidence(text: str, spans: list[Span]) -> list[Span]:
    """One-word PERSON spans whose text shows a person, relabelled PERSON_CUE (and one-word persons listed beside
    one: "Hnoss and Gersemi"); so are one-word places whose text shows a person ("known mononymously as Marta, is a
    Brazilian professional footballer"): a vote for the person facet, which wins where the place is seldom named.
    A part of a name after a title's "of", and the names listed after it, take no cue from a definition or a list:
    "Marquis of Gualdrasco and Villareggio was an Italian criminologist" defines the marquis."""
    spans = _untagged_after_kind(text, spans)
    out = [(m[0], m[1], PERSON_CUE, m[3]) if m[2] in _ONE_WORD and " " not in m[3] and _shows_person(text, m)
           and not (m[2] in _WEAK and (_NOT_A_MONONYM.match(m[3]) or modified(text, m) or _EPITHET.search(
               text, max(0, m[0] - 40), m[0]))) else m for m in spans]
    while True:  # a list mixes labels ("Augustus [PERSON], Tiberius [ORG], Caligula [GPE], Claudius [NORP]")
        before = out
        for label in _ONE_WORD:
            out = listed_beside(text, out, label, PERSON_CUE, one_word=True)
        if out == before:
            break
    return [m if m == o or not _of_a_name(text, spans, i) or _cued_before(_before(text, m)) else o
            for i, (m, o) in enumerate(zip(out, spans))]


def _of_a_name(text: str, spans: list[Span], i: int) -> bool:
    while not _PART_OF_NAME.search(text, max(0, spans[i][0] - 40), spans[i][0]):
        if i == 0 or not LIST_GAP.match(text[spans[i - 1][1]:spans[i][0]]):
            return False
        i -= 1
    return True


def _before(text: str, m: Span) -> str:
    return text[max(0, m[0] - 40):m[0]]


def _cued_before(before: str) -> bool:
    return bool(_TITLE_BEFORE.search(before) or _KIN_OF.search(before))


def _titled_elsewhere(text: str, m: Span) -> bool:
    """Whether the passage writes the name after a title elsewhere, untagged: "the King [Djoser], … [Djoser]'s step
    pyramid" (the model tagged the second)."""
    return any(_TITLE_BEFORE.search(text, max(0, i.start() - 40), i.start()) for i in re.finditer(
        rf"(?<![\w'’-]){re.escape(m[3])}(?![\w-])", text) if i.start() != m[0])


def _shows_person(text: str, m: Span) -> bool:
    before = _before(text, m)
    if _cued_before(before) or _AFTER.match(text, m[1], m[1] + 40) or m[2] == "PERSON" and _titled_elsewhere(text, m):
        return True
    word = _WORD_BEFORE.search(before)
    if word and not (m[2] in _WEAK and before.endswith(", ")) and word.group("word") not in _NOT_A_ROLE and person_word(word.group("word").replace("-", "")) \
            and not _LISTED_ROLE.search(before, 0, word.start()):
        return True
    if m[2] != "PERSON" and _PLACE_SLOT.search(before):
        return False  # "a lawyer at the parlement of Toulouse, France, a poet": the place of a person defined
    found = (_DEFINED.match(text, m[1], m[1] + 260), _APPOSITION.match(text, m[1], m[1] + 90))
    return any(f and defines_person(f.group("kind")) for f in found)
