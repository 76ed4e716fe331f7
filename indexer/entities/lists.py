"""Lists of names: a name the model calls a person (or an organisation) in a list of places is a place.

"Lagos, Kano, and Ibadan", "Punjab and Haryana": a person between places only. In a longer list the model mixes
its labels ("flows past Mainz [PERSON], Koblenz [PERSON], Bonn [GPE], Cologne [GPE]…"): the whole list is places
when it follows a place's preposition ("past", "through") and holds a place, or when it follows a kind of place
("the largest settlements include"). A majority of places alone is no evidence: the model calls generals and
painters places in their own lists ("George C. Marshall, Dwight D. Eisenhower, Omar Bradley…").
"""
from __future__ import annotations

import re

from .evidence import LIST_GAP
from .names import is_territory, org_shaped
from .lone import PLACE_TALK, sentence
from .things import a_person

Span = tuple[int, int, str, str]

DEFINED_PLACE = "GPE_DEFINED"
PLACES = ("GPE", "LOC", DEFINED_PLACE)
_MEMBERS = PLACES + ("PERSON", "ORG", "NORP", "FAC", "LANGUAGE")
_NOT_PLACES = ("NORP", "LANGUAGE")
# Between two names of a list: a comma or "and", maybe over a name the model did not tag (", Sekondi-Takoradi, ")
# or the end of one it cut ("Mato Grosso[ do Sul], ").
_GAP = re.compile(r"^(?:\s(?:do|da|de|del|dos|das)\s[A-Z][\w'’-]*)?(?:,\s[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})*(?:,\s|\sand\s|,\sand\s|\sor\s)$")
# A person's honorific before the name: "…, Tommy and Tuppence [GPE], and Miss Marple" lists persons, whatever
# its neighbour's label.
_HONORIFIC = re.compile(r"(?:Miss|Mrs|Mr|Ms|Sir|Dame|Dr|Madame|Mademoiselle|Monsieur)\.?\s[A-Z]")
_LONG = 3  # names in a list that is judged whole
# Before a list: a place's preposition ("flows past", "through") wants a place in the list; a kind of place
# ("Major settlements in the valley include") none.
_PREPOSITION = re.compile(r"\b(?:in|into|through|throughout|across|within|between|past|via)\s$", re.I)
_KIND = re.compile(r"\b(?:[Tt]owns|[Cc]ities|[Ss]ettlements|[Vv]illages|[Pp]orts|[Pp]rovinces|[Rr]egions|[Dd]istricts|"
                   r"[Cc]ounties|[Cc]ountries|[Mm]unicipalities|[Ii]slands|states|kingdoms|empires|principalities|"
                   r"duchies|polities|realms|(?:urban|metropolitan) areas)(?:(?:\s[a-z]+){0,5}?,?\s(?:include|including|are|were|such as|of)\s|:\s)$|"
                   r"\b(?:city|cities|towns?|ports?)\b[^.;\n]{0,40},?\sfollowed\sby\s$")  # "largest city…, followed by"


def listed_places(text: str, spans: list[Span]) -> list[Span]:
    """The spans with the persons (and organisations without an organisation's head word) of lists of places
    relabelled as places."""
    spans = _split_runs(text, spans)
    out = list(spans)
    added: list[Span] = []
    for i, m in enumerate(spans):
        if m[2] != "PERSON" or _HONORIFIC.match(m[3]):
            continue
        near = [n for n in (spans[i - 1] if i else None, spans[i + 1] if i + 1 < len(spans) else None)
                if n and LIST_GAP.match(text[min(n[1], m[1]):max(n[0], m[0])])]
        if near and all(n[2] in PLACES for n in near) and not a_person(text, m) \
                and not text.startswith(" of ", m[1]):  # "Maria Amalia, Duchess of"; "Muammar Gaddafi of Libya"
            out[i] = (m[0], m[1], "GPE", m[3])
    for run in _lists(text, out):
        if any(out[k][2] in _NOT_PLACES for k in run):
            continue  # peoples, faiths, languages: "in Sanskrit, Tamil, Telugu, Kannada, and Malayalam"
        places = sum(out[k][2] in PLACES for k in run)
        before = text[max(0, out[run[0]][0] - 60):out[run[0]][0]]
        if _KIND.search(before) or places and _PREPOSITION.search(before) or _towns(text, out, run, places):
            for k in run:
                if out[k][2] == "PERSON" and not _HONORIFIC.match(out[k][3]) \
                        or (out[k][2] == "ORG" and not org_shaped(out[k][3])):
                    out[k] = (out[k][0], out[k][1], "GPE", out[k][3])
            added += [(g.start(), g.end(), "GPE", g.group()) for a, b in zip(run, run[1:])
                      for g in _UNTAGGED_ONE.finditer(text, out[a][1], out[b][0])]  # "Dormagen, Erkrath, Solingen"
    return sorted(out + added, key=lambda m: (m[0], -m[1])) if added else out


_UNTAGGED_ONE = re.compile(r"(?<=, )[A-Z][\w'’-]+(?=,)")
# One span over a list of one-word names ("Kharkiv, Odesa" [ORG]): its names, each with the span's label.
_RUN_IN_SPAN = re.compile(r"^[A-Z][\w'’-]+(?:, [A-Z][\w'’-]+)+$")
_ITEM = re.compile(r"[A-Z][\w'’-]+")


def _split_runs(text: str, spans: list[Span]) -> list[Span]:
    if not any(m[2] in ("ORG", "PERSON") and ", " in m[3] for m in spans):
        return spans
    out: list[Span] = []
    for i, m in enumerate(spans):
        if m[2] in ("ORG", "PERSON") and _RUN_IN_SPAN.match(m[3]) and _by_a_place(text, spans, i):
            out += [(m[0] + w.start(), m[0] + w.end(), m[2], w.group()) for w in _ITEM.finditer(m[3])]
        else:
            out.append(m)
    return out


def _by_a_place(text: str, spans: list[Span], i: int) -> bool:
    """A place's name is listed right before or after the i-th span."""
    near = (spans[i - 1] if i else None, spans[i + 1] if i + 1 < len(spans) else None)
    return any(n and n[2] in PLACES and LIST_GAP.match(text[min(n[1], spans[i][1]):max(n[0], spans[i][0])])
               for n in near)


def _towns(text: str, spans: list[Span], run: list[int], places: int) -> bool:
    """A list of one-word names, two of them places, in a sentence about places: "the city has grown together with
    Neuss [PERSON], Krefeld [PERSON], Hilden, Langenfeld, Ratingen [ORG]…", "three city-states…: Tenochtitlan,
    Tetzcoco [ORG], and Tlacopan"."""
    if places < 2 or any(" " in spans[k][3] or not spans[k][3][:1].isupper() for k in run):
        return False
    start, end = sentence(text, spans[run[0]])  # not a sentence about tongues ("Bemba, Tonga and Chichewa are spoken")
    return bool(PLACE_TALK.search(text, start, end)) and not _TONGUES.search(text, start, end)


_TONGUES = re.compile(r"\b(?:languages?|dialects?|spoken|speak\w*|tongues?)\b")


# A list of people: "key figures included Emmy Hennings, Jean Arp, Marcel Duchamp, Francis Picabia [GPE], Man Ray
# [GPE], Hans Richter, … and Beatrice Wood [ORG]". Where most of its names are persons of two words or more, its other
# names of a person's shape (two or three capitalised words, no organisation's or place's word) are persons too,
# those the model did not tag included.
_PERSON_SHAPE = re.compile(r"^[A-Z][a-z][\w'’-]*(?: (?:van|von|de|da|di|del|der|du|le|la) )?(?: [A-Z][a-z][\w'’-]*){1,2}$")
_UNTAGGED = re.compile(r"(?<=, )[A-Z][a-z][\w'’-]*(?: [A-Z][a-z][\w'’-]*){1,2}(?=,)")
_PEOPLE_SHARE = 0.6


def listed_persons(text: str, spans: list[Span]) -> list[Span]:
    """The spans with the names of a list of people relabelled as persons, and its untagged names added."""
    out = list(spans)
    added: list[Span] = []
    for run in _lists(text, out):
        labels = [out[k][2] for k in run]
        people = sum(out[k][2] == "PERSON" and " " in out[k][3] for k in run)
        if people < _LONG or people < _PEOPLE_SHARE * len(run) or any(lab in _NOT_PLACES for lab in labels):
            continue
        for k in run:
            m = out[k]
            if m[2] in ("GPE", "LOC", "ORG", "FAC") and _PERSON_SHAPE.match(m[3]) and not org_shaped(m[3]) \
                    and not is_territory(m[3]) and not _PLACE_WORDS.search(m[3]):
                out[k] = (m[0], m[1], "PERSON", m[3])
        for a, b in zip(run, run[1:]):
            gap_start = out[a][1]
            for g in _UNTAGGED.finditer(text, gap_start, out[b][0]):
                if not _PLACE_WORDS.search(g.group()) and not org_shaped(g.group()):
                    added.append((g.start(), g.end(), "PERSON", g.group()))
    return sorted(out + added, key=lambda m: (m[0], -m[1])) if added else out


_PLACE_WORDS = re.compile(r"\b(?:City|Island|Islands|River|Mountains?|Lake|Sea|Bay|County|Province|State|Valley|Desert|"
                          r"Coast|Park|Street|Square|Bridge|Castle|Palace|Hall|Tower|Church|Cathedral|Abbey|North|"
                          r"South|East|West|New|San|Santa|Saint|St|Port|Fort|Mount|Cape|Gulf|Strait|Peninsula)\b")


def _lists(text: str, spans: list[Span]) -> list[list[int]]:
    """Indexes of the runs of `_LONG` or more names written as a list ("A, B, C and D")."""
    return runs(text, spans, lambda m: m[2] in _MEMBERS, _GAP, _LONG, closes=True)


def runs(text: str, spans: list[Span], member, gap: re.Pattern, least: int, closes: bool = False) -> list[list[int]]:
    """Indexes of the runs of `least` or more spans that are `member`s with a `gap` between each two; with `closes`,
    a list ends with its last name ("A, B and C")."""
    found: list[list[int]] = []
    run: list[int] = []
    closed = False
    for k, m in enumerate(spans):
        between = text[spans[run[-1]][1]:m[0]] if run else ""
        if member(m) and run and not closed and gap.match(between):
            run.append(k)
            closed = closes and (" and " in between or " or " in between)
            continue
        if len(run) >= least:
            found.append(run)
        run, closed = ([k] if member(m) else []), False
    if len(run) >= least:
        found.append(run)
    return found
