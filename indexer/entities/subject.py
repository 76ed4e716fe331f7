"""The passage's subject, a person the model left untagged at its start.

The small model often tags nothing in a biography's first words: "Homer was an ancient Greek poet who…",
"Brahmagupta was an Indian mathematician…", "Timur, also known as Tamerlane, was a Turco-Mongol conqueror…" (some
ninety of the 10k wiki summaries), and a one-word name the collection rarely tags as a person then takes another
facet ("Homer's Iliad" [GPE]). A passage that opens with an untagged capitalised name defined as a kind of person
(the head noun of its definition a word for a person: "poet", not "a modernist movement" or "the belief that
another person…") gets a PERSON_DEFINED span over the name:
evidence of a person that weighs five mentions, as the article's own definition ("Domitian" is also tagged GPE
twice elsewhere; the one-word "Bede" is no "Adam Bede" of a novel).
"""
from __future__ import annotations

import re

from .attest import _DEFINED, _NOT_A_ROLE
from .evidence import PERSON_DEFINED, Span
from .kinds import person_word

# The opening name: one to four capitalised words, not an article ("The Lord's Prayer") nor a pronoun ("He was…").
_OPENING = re.compile(r"(?!(?:The|A|An|He|She|It|They|We|I|This|That|These|Those|There|Its|His|Her|Their|One|Some|"
                      r"Many|Most|Each|All|Both|Such|Today|Here)\b)[A-Z][^\W\d_A-Z][\w'’ʼ-]*(?:\s[A-Z][^\W\d_A-Z][\w'’ʼ-]*){0,3}"
                      r"(?=\s(?:was|is)\s|\s\(|\s?,)")
# The definition's head ends before its first word that is no adjective or noun of it ("ancient Greek poet| who").
_PLACES = ("GPE", "LOC", "FAC")  # the model's place labels
_STOP = re.compile(r"\s(?:who|whose|which|that|of|in|from|and|with|to|for|at|by|on|during|between|active|known|"
                   r"best|often|credited|whom|born|considered|or|where|such|(?!king\b)[a-z]+ing)\b|[,;.(]")


def opening_person(text: str, spans: list[Span]) -> list[Span]:
    """The spans with a PERSON_DEFINED span over the untagged opening name of a passage that defines a person, or
    over its opening name the model called a place ("Marina or Malintzin, … was a Nahua woman" [LOC])."""
    if spans and spans[0][0] == 0 and spans[0][2] in _PLACES:
        first = spans[0]
        return [(0, first[1], PERSON_DEFINED, first[3])] + spans[1:] if _defines_person(text, first[1]) else spans
    name = _OPENING.match(text)
    if name is None or any(m[0] < name.end() for m in spans) or not _defines_person(text, name.end()):
        return spans
    return [(name.start(), name.end(), PERSON_DEFINED, name.group())] + spans


def _defines_person(text: str, end: int) -> bool:
    """Whether the definition after a passage's opening name (ending at `end`) is a kind of person's."""
    found = _DEFINED.match(text, end, end + 260)
    if found is None:
        return False
    kind = found.group("kind")
    words = kind[:_STOP.search(kind).start() if _STOP.search(kind) else len(kind)].split()
    head = words[-1] if words else ""
    return head.islower() and head not in _NOT_A_ROLE and not head.endswith("ness") and person_word(head)
