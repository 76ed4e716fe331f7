"""A value's type, voted over its mentions in the collection: the labels the model and the context rules gave.

The majority wins, with the model's PERSON as the weak label on proper nouns: a name the collection also often
calls a place ("Java": 16 persons, 11 places) is a place, and one it often calls a people, faith or period
("Norman": 3 persons, 3 groups, and "the Norman conquest" a vote against the person) is a group.
What a mention's text shows (a cue label, an organisation's or a work's shape) weighs more than a bare label: it
breaks ties ("Boethius": 1 person shown, 1 place), and an organisation or a work nothing shows loses to a person
the text shows ("Tiberius": 3 ORG, 2 persons with a role before or a life after).
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Callable

from .evidence import ORG_CUE, PERSON_CUE, PERSON_DEFINED, WORK_CUE
from ..folding import name_key
from .lone import LONE_PLACE
from .names import languages, accents, org_shaped, shape_facet, work_shaped

_PLACE_SHARE = 0.6
# The weight of a one-word place mention with no sign of a place (lone.LONE_PLACE): one beside any other place vote
# makes a place; such votes alone, however many, make none (10k: every value with two or more of them and no other
# place vote was a work, person, people or period: "Qur'an", "Molière", "Norsemen", "Southern Gothic").
LONE = 0.999
UNSIGNED = "unsigned place votes"
_GROUP_SHARE = 1.0
# Labels that are evidence of a value's type (an Infobox field is a structured fact).
EVIDENCE = {"org": {ORG_CUE, "AGENT"}, "work": {WORK_CUE}, "person": {PERSON_CUE, PERSON_DEFINED}}
CUES = {label for labels in EVIDENCE.values() for label in labels} | {LONE_PLACE}
# A tie nothing breaks goes to the first of these: a work first (no value then, without evidence: "Charlie Chaplin"
# 1 PERSON, 1 WORK_OF_ART), a place before a person (the share rule below), a person before an organisation or a group.
_TIE_ORDER = ("work", "place", "person", "org", "group", "event", "")
# A tie between facets the text shows goes to the person: its cue reads the mention itself (a role before, a life
# after), a work's cue a kind of work nearby ("the Trinity of Carnatic music, alongside Tyagaraja (1767–1847)").
_SHOWN_ORDER = ("person", "org", "work")
_CUES_PER_LABEL = 0.5  # person cues to outweigh an organisation or work nothing shows: "RNA" 1 cue, 9 ORG is none
ONE_WORD = "one word"
_ONE_WORD = re.compile(r"^[A-Z][^\W\d_A-Z][\w'’-]*(?<!ic)$")  # "Finnic", "Germanic": a people's word
_ORG_OR_PLACE = Counter({"org": 1 << 20, "place": 1 << 20})
# A one-word name the model calls a people often and a place nearly as often is a land it mistook for its people's
# word ("Tajikistan" 20 NORP, 11 places; "Punjab", "Maharashtra"): a people's own word is seldom a place ("Greek" 1).
_LAND_PLACES, _LAND_SHARE = 3, 0.4
_ADHERENT = re.compile(r"ists?$")  # "Leninist", "Pan-Africanist": an adherent's word, whatever its cue


def shown(cues: Counter, display: str) -> Counter:
    """Mentions of each facet a value's text shows: its mentions' cue labels (`cues`: label -> mentions), its shape
    (and ONE_WORD for a name of one capitalised word: not an acronym, a language's name or a "-ic" adjective)."""
    out = Counter({facet: sum(cues[label] for label in labels) for facet, labels in EVIDENCE.items()})
    out[ONE_WORD] = int(bool(_ONE_WORD.match(display)) and name_key(display) not in languages())
    if _ADHERENT.search(display):
        out["person"] = 0
    out[UNSIGNED] = cues[LONE_PLACE]
    return +out | Counter({facet: 1 << 20 for facet, shaped in (("org", org_shaped), ("work", work_shaped))
                           if shaped(display)})


def vote(facets: Counter, evident: Counter = Counter()) -> str | None:
    """The facet of a value from its weighted label votes ("" for no facet), None without votes; `evident`: the
    facets its text shows. A place needs one place vote with a sign of a place (see LONE)."""
    facet = _vote(facets, evident)
    return "" if facet == "place" and facets["place"] <= LONE * evident[UNSIGNED] + 1e-6 else facet


def _vote(facets: Counter, evident: Counter) -> str | None:
    if not facets:
        return None
    most = max(facets.values())
    tied = [f for f in _TIE_ORDER if facets[f] == most] or [max(facets, key=facets.get)]
    facet = next((f for f in _SHOWN_ORDER if f in tied and f in evident), tied[0])
    if facet == "place" and facets["place"] < 1:
        return ""  # a lone place mention and nothing more (LONE)
    if facet in ("org", "work") and facet not in evident and evident["person"] >= _CUES_PER_LABEL * facets[facet]:
        return "person"  # an organisation or work nothing shows, a person the text shows
    if facet == "org" and ONE_WORD in evident and facets["place"] >= 1 and not +facets - _ORG_OR_PLACE:
        return "place"  # a one-word organisation nothing shows that the model otherwise calls a place, and nothing else:
        # "Constantinople" 9 ORG and 1 GPE ("Germanic" 18 ORG, 7 GPE, 2 MISC; "Aristotle" 8 ORG, 2 GPE, 4 persons: none)
    if facet == "group" and ONE_WORD in evident and facets["place"] >= max(_LAND_PLACES, _LAND_SHARE * facets["group"]):
        return "place"
    person_shown = "person" in evident and facet == "person"
    if facet == "person" and facets["place"] >= _PLACE_SHARE * facets["person"] \
            and not (person_shown and facets["place"] <= facets["person"]):
        return "place"
    if facet == "person" and facets["group"] >= _GROUP_SHARE * facets["person"] \
            and not (person_shown and facets["group"] <= facets["person"]):
        return "group"
    return facet


def people_plural(facet: str, key: str, display: str, facet_of: Callable, display_of: Callable,
                  size: Callable) -> str | None:
    """The group key a person's or a place's one-word plural names: "Greeks" tagged a person is the group "Greek", and
    a place only where the group is named more than twice as often ("Malays" 1 GPE, "Malay" 9 NORP; not the
    Philippines, 42 GPE, beside "Philippine" 8 NORP); not "Claudius", the group key of its own NORP tag."""
    if facet not in ("person", "place") or " " in key or not key.endswith("s"):
        return None
    one = key[:-1]
    if facet_of(one) != "group" or display_of(one) == display:
        return None
    return one if facet == "person" or 2 * size(key) < size(one) else None


def display_form(forms: Counter, work: bool = False) -> str:
    """The form a value is shown by: most mentions, then most accents kept, then (for a work) its "The" if a
    title's, then the text (deterministic)."""
    return min(forms.items(), key=lambda kv: (-kv[1], -accents(kv[0]), (kv[0][:4] == "The ") != (
        work and shape_facet(kv[0], "work") is None), kv[0]))[0]
