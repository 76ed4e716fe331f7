"""Rolls of surnames: one-word names listed after a word for the people they are.

"design bureaus led by Korolev [GPE], Kerimov, Keldysh, Yangel [GPE], Glushko [NORP], Chelomey… and Reshetnev":
the model tags the surnames of a list each by its sound, and one-word persons named once are dropped without a cue
(attest). A list of three or more one-word names is a roll of people when the words right before it say so: a plural
word for people with "such as", "including", "like" or a colon ("composers such as Bach, Handel and Telemann"), or a
leader's "led by", "founded by" where half the list at least is already tagged a person. No country's name is in it
("a coalition led by France, Britain, Russia and Prussia"). Its names become PERSON_CUE,
the untagged ones between them too.
"""
from __future__ import annotations

import re

from .evidence import PERSON_CUE, Span
from .kinds import person_word
from .lists import runs
from .names import is_territory

_MEMBER = ("PERSON", "GPE", "LOC", "ORG", "NORP", "FAC", PERSON_CUE)
_WORD = re.compile(r"^[A-Z][a-z][\w'’-]*$")  # one capitalised word, no acronym
# Between two names: a comma or "and", maybe over names the model left untagged (", Yangel, ").
_GAP = re.compile(r"^(?:,\s[A-Z][a-z][\w'’-]*)*(?:,\s|\sand\s|,\sand\s)$")
_UNTAGGED = re.compile(r"(?<=, )[A-Z][a-z][\w'’-]*(?=,| and )")
# "scientists such as", "the members: ", "composers, including": a plural word for people before the roll.
_PEOPLE_BEFORE = re.compile(r"\b(?P<word>[a-z]+s),?\s(?:such\sas|including|like|notably|namely|among\sthem)\s$|"
                            r"\b(?P<word2>[a-z]+s):\s$")
# "led by", "founded by": people most likely, but the model's labels must agree (a coalition led by France, Britain…).
_LED_BY = re.compile(r"\b(?:led|headed|founded|directed|run|chaired)\sby\s$")
_LONG = 3
_NOT_PEOPLE = frozenset("members providers retailers manufacturers publishers producers operators".split())


def rolls(text: str, spans: list[Span]) -> list[Span]:
    """The spans with the one-word names of a roll of people relabelled PERSON_CUE, its untagged names added."""
    if sum(m[2] in _MEMBER and " " not in m[3] for m in spans) < _LONG:
        return spans  # the quick test: no three one-word names
    out = list(spans)
    added: list[Span] = []
    for run in _runs(text, out):
        before = text[max(0, out[run[0]][0] - 40):out[run[0]][0]]
        people = _PEOPLE_BEFORE.search(before)
        word = people and (people.group("word") or people.group("word2"))
        if any(is_territory(out[k][3]) for k in run):
            continue  # "a coalition led by France, Britain, Russia and Prussia"
        if not (word and word not in _NOT_PEOPLE and person_word(word)) and not (
                _LED_BY.search(before) and 2 * sum(out[k][2] == "PERSON" for k in run) >= len(run)):
            continue
        for k in run:
            out[k] = (out[k][0], out[k][1], PERSON_CUE, out[k][3])
        added += [(g.start(), g.end(), PERSON_CUE, g.group()) for a, b in zip(run, run[1:])
                  for g in _UNTAGGED.finditer(text, out[a][1], out[b][0])]
    return sorted(out + added, key=lambda m: (m[0], -m[1])) if added else out


def _runs(text: str, spans: list[Span]) -> list[list[int]]:
    """Indexes of the runs of `_LONG` or more one-word names written as a list ("A, B, C and D")."""
    return runs(text, spans, lambda m: m[2] in _MEMBER and _WORD.match(m[3]) is not None, _GAP, _LONG)
