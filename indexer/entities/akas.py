"""The other names of a passage's subject are names of the same thing (issue 25, round 21).

"Alexander Island, also known as Alexander I Land, Alexander Land and Zemlja Alexandra I, is the largest island of
Antarctica": the model tags the subject as a place and calls one of its other names a person; "The Sapienza
University of Rome, also known as La Sapienza, is a public research university": an organisation's other name tagged
PERSON; "Publius Terentius Afer, better known in English as Terence, was a Roman playwright": a person's other name
tagged ORG. A name that is a whole item of the list between "known as" (or "called", "referred to as"…) and the
subject's verb takes the subject's kind, where the subject's own label is one the rules have confirmed (a definition,
evidence of an organisation or of a person) or the model's place. A list item holding more than the name ("Anpu in Ancient
Egyptian") or a subject the model alone called an organisation, a people or a work decides nothing.
"""
from __future__ import annotations

import re

from .evidence import ORG_CUE, PERSON_CUE, PERSON_DEFINED
from .lists import DEFINED_PLACE
from .names import shape_facet
from .things import DEFINED_THING

Span = tuple[int, int, str, str]

# The subject, its other names, its verb: "X, (also|better|commonly…) known (in English|by his pen name)? as …, is".
_AKA = re.compile(r"^(?:The\s)?[^,.;\n]{1,80}?,\s(?:[a-z]+\s){0,2}(?:known|called|referred\sto|spelled|named|styled)"
                  r"\s(?:(?:in|by)\s[^,.;\n]{1,30}?\s)?as\s(?P<list>[^.;:()\n]{1,300}?),?\s(?:is|was|are|were)\s")
_ITEMS = re.compile(r",\s(?:(?:or|and)\s)?|\s(?:or|and)\s")
# The subject's label → the label its other names take (None: the label says too little to pass on).
# Not the model's PERSON ("The Qara Qoyunlu [PERSON], also known as the Black Sheep Turkomans, were a… dynasty"), nor
# a kind read from a definition's words alone (OTHER_KIND: "Georges-Eugène Haussmann … was a French official").
_KIND_OF = {PERSON_CUE: "PERSON", PERSON_DEFINED: "PERSON", "GPE": "GPE", "LOC": "LOC", DEFINED_PLACE: "GPE",
            ORG_CUE: ORG_CUE, "EVENT": "EVENT", DEFINED_THING: "MISC"}
_FAMILY = {"PERSON": "person", PERSON_CUE: "person", PERSON_DEFINED: "person", "GPE": "place", "LOC": "place",
           "FAC": "place", DEFINED_PLACE: "place", "GPE_LONE": "place", "ORG": "org", ORG_CUE: "org"}
_RELABELLED = ("PERSON", PERSON_CUE, "ORG", "WORK_OF_ART", "NORP", "GPE", "LOC", "FAC", "GPE_LONE")


def other_names(text: str, spans: list[Span]) -> list[Span]:
    """The spans with the subject's other names given the subject's kind."""
    if not (", " in text[:120] and " as " in text[:200]) or (found := _AKA.match(text)) is None:
        return spans
    start, end = found.span("list")
    subject = [m for m in spans if m[0] <= 4 and m[1] <= start and m[2] != "DATE"]
    kind = _KIND_OF.get(subject[0][2]) if subject else None
    if kind is None or kind in ("GPE", "LOC") and shape_facet(subject[0][3], "place") not in (None, "place"):
        return spans  # "The Boxer Rebellion [GPE], also known as… Boxer Movement": an event's shape
    items = {start} | {a.end() for a in _ITEMS.finditer(text, start, end)}
    out = []
    for m in spans:
        lead = m[0] - 4 if text.startswith(("the ", "The "), m[0] - 4) else m[0]
        whole = (m[0] in items or lead in items) and (m[1] == end or _ITEMS.match(text, m[1]))
        if whole and start <= lead and m[1] <= end and m[2] in _RELABELLED \
                and _FAMILY.get(m[2], m[2]) != _FAMILY.get(kind, kind):
            m = (m[0], m[1], kind, m[3])
        out.append(m)
    return out
