"""Evidence that a name the model called an organisation or a work is one: cues in the passage text.

The small model's ORG and WORK_OF_ART are wrong more often than right on general text; `mentions.refine` relabels
the spans whose text shows their type, and `entities.Canon` keeps an organisation or a work only with such evidence
(or a head word, or an Infobox field) in one of its mentions.
"""
from __future__ import annotations

import re

from .names import org_shaped

Span = tuple[int, int, str, str]  # (start, end, label, text) as spaCy saw it
# Items of a list: "A, B and C", "A or B".
LIST_GAP = re.compile(r"^(?:,\s|\sand\s|,\sand\s|\sor\s)$")

# The small model's ORG and WORK_OF_ART are weak labels (units, molecules, rivers as ORG; anything capitalised as a
# work). A value becomes an organisation or a work only with evidence (entities.Canon): an organisation's head word
# ("Party", "Institute"), or one mention whose text shows it, relabelled here with these labels.
ORG_CUE = "ORG_CUE"
WORK_CUE = "WORK_CUE"
# A one-word PERSON whose text shows a person ("the goddess Freyja"): see `attest`.
PERSON_CUE = "PERSON_CUE"
# An untagged name a passage opens with and defines as a person ("Homer was an ancient Greek poet"): see `subject`.
PERSON_DEFINED = "PERSON_DEFINED"
PERSONS = ("PERSON", PERSON_CUE, PERSON_DEFINED)
# "NKVD agent", "KGB chairman", "NASA's administrator": a role in an organisation right after its name.
_ROLE_AFTER = re.compile(r"(?:['’]s)?\s(?:agents?|officers?|chairman|chairwoman|chairs?|directors?|members?|"
                         r"membership|leaders?|leadership|presidents?|spokes(?:man|woman|person)|headquarters|"
                         r"founders?|chiefs?|officials?|employees?|executives?|CEO|troops|soldiers|players|"
                         r"staff|delegates?|operatives?|administrator|commissioner|secretary|cadres?|activists?|"
                         r"subsidiary|shareholders?)\b")
# "a member of the NKVD", "founded Apple", "the company Sony".
_ROLE_BEFORE = re.compile(r"(?:\b(?:members?|leaders?|head|director|chairman|president|founder|co-founder|CEO|"
                          r"chief|employees?|agents?|officers?|spokesman|secretary) of|\b(?:joined|"
                          r"founded|co-founded|established|expelled from|company|firm|organi[sz]ation|agency|"
                          r"corporation|party|conglomerate|manufacturer|airline|publisher|broadcaster|label))"
                          r"(?: the)?\s$", re.I)
# A definition: "Apple Inc. is an American multinational technology company".
_DEFINED_ORG = re.compile(r"(?:\s\([^()\n]{1,60}\))?(?:,[^.;\n]{0,100},)?\s+(?:is|was)\s+(?:a|an|the|one)\b"
                          r"[^.;\n]{0,60}?\b(?:company|corporation|conglomerate|firm|business|organi[sz]ation|"
                          r"agency|party|association|federation|league|union|institution|institute|university|"
                          r"college|academy|society|charity|foundation|bank|band|orchestra|club|team|network|"
                          r"broadcaster|publisher|airline|manufacturer|retailer|government|ministry|department|"
                          r"committee|council|church|order|army|navy|militia|police|service|movement|"
                          r"intergovernmental|alliance|bloc|court|parliament|legislature|assembly)\b")
# An acronym defined right after its organisation: "People's Commissariat for Internal Affairs (NKVD)".
_ACRONYM = re.compile(r"^[A-Z][A-Z&.-]{1,9}$")
# Works: a kind of work before the title ("the novel Nineteen Eighty-Four"), a year or a kind in brackets after it,
# "written by" after it, a definition ("Hamlet is a tragedy written by…"), or the title between quotes.
_KIND = (r"novels?|novellas?|plays?|films?|movies?|songs?|singles?|albums?|poems?|paintings?|operas?|operettas?|"
         r"ballets?|symphon(?:y|ies)|books?|series|musicals?|sitcoms?|shows?|video games?|stor(?:y|ies)|epics?|"
         r"treatises?|essays?|magazines?|newspapers?|journals?|traged(?:y|ies)|comed(?:y|ies)|dramas?|sculptures?|"
         r"murals?|frescos?|frescoes|mangas?|anime|cantatas?|oratorios?|concertos?|sonatas?|suites?|hymns?|anthems?|"
         r"memoirs?|autobiograph(?:y|ies)|biograph(?:y|ies)|sequels?|fairy tales?|folk tales?|fables?|sagas?|"
         r"scriptures?|texts?|comics?|comic strips?|cartoons?|franchise|periodicals?|manuscripts?|sutras?|"
         r"verses?|song cycles?|requiems?|masses|librettos?|screenplays?|scripts?|encyclopa?edias?|dictionar(?:y|ies)")
_KIND_BEFORE = re.compile(rf"\b(?:{_KIND}|titled|entitled)(?:,| such as| as| include| includes| including| like)?\s$",
                          re.I)
_KIND_AFTER = re.compile(rf"[\"”’']?\s?\((?:[^()\n]{{0,30}}\b)?(?:1\d{{3}}|20\d{{2}}|{_KIND})\)|"
                         r",? (?:written|directed|composed|painted|published|produced|recorded|sung|performed|"
                         r"created|illustrated|authored|"
                         r"narrated|edited) by\b", re.I)
_DEFINED_WORK = re.compile(rf"[\"”’']?(?:\s\([^()\n]{{1,60}}\))?(?:,[^.;\n]{{0,100}},|,)?"
                           rf"\s+(?:is|was|are)\s+(?:a|an|the|one)\b[^.;\n]{{0,80}}?\b(?:{_KIND})\b")
# A quoted name is a title only beside a kind of work ('songs such as "Maybellene"'); a quoted nickname or term is
# not ('nicknamed "Satchmo"', 'referred to as "White" and "Black"').
_KIND_NEAR = re.compile(rf"\b(?:{_KIND})\b[^.;\n]{{0,80}}$", re.I)
_NICKNAME_NEAR = re.compile(r"\b(?:nicknamed?|nicknames|known|called|dubbed|referred|regarded|hailed|styled|term|"
                            r"terms|word|name|names|epithets?|titles?|motto|slogan)\b[^.;\n]{0,30}$", re.I)
# ... unless the kind itself is what is so called ('Their theme song, known variously as "The Cuckoo Song"').
_KIND_CALLED = re.compile(rf"\b(?:{_KIND}),?\s(?:\w+\s)?(?:known|called)\b[^.;\n]{{0,30}}$", re.I)
_QUOTES = "\"“”‘’'«»"
# The quoted names of a list before this one ('nicknames, among them "Mr. Dynamite", "King of Soul", "'): what is said
# before the list says what its names are.
_QUOTED_RUN = re.compile(r"(?:[\"“][^\"“”\n]{1,60}[\"”]\s*,?\s*(?:and\s+|or\s+)?)+$")


def with_evidence(text: str, spans: list[Span]) -> list[Span]:
    """ORG and WORK_OF_ART spans whose text gives evidence of their type, relabelled ORG_CUE and WORK_CUE."""
    out: list[Span] = []
    for m in spans:
        if m[2] == "ORG" and _org_evidence(text, m, out[-1] if out else None):
            m = (m[0], m[1], ORG_CUE, m[3])
        elif m[2] == "WORK_OF_ART" and _work_evidence(text, m, out[-1] if out else None):
            m = (m[0], m[1], WORK_CUE, m[3])
        out.append(m)
    # A work listed beside a work is one ("sculptures as The Thinker, …, and The Gates of Hell").
    return listed_beside(text, out, "WORK_OF_ART", WORK_CUE)


def listed_beside(text: str, spans: list[Span], label: str, cue: str, one_word: bool = False) -> list[Span]:
    """Spans of `label` (of one word, with `one_word`) listed beside a span of `cue`, relabelled `cue`."""
    out = list(spans)
    for i in [*range(1, len(out)), *range(len(out) - 2, -1, -1)]:
        for k in (i - 1, i + 1):
            if 0 <= k < len(out) and out[i][2] == label and out[k][2] == cue and not (one_word and " " in out[i][3]) \
                    and LIST_GAP.match(text[min(out[k][1], out[i][1]):max(out[k][0], out[i][0])]):
                out[i] = (out[i][0], out[i][1], cue, out[i][3])
    return out


def _org_evidence(text: str, m: Span, previous: Span | None) -> bool:
    if _ROLE_AFTER.match(text, m[1], m[1] + 40) or _DEFINED_ORG.match(text, m[1], m[1] + 240):
        return True
    if _ROLE_BEFORE.search(text, max(0, m[0] - 40), m[0]):
        return True
    # An acronym in brackets after an organisation the text names in full.
    return bool(previous and (previous[2] == ORG_CUE or (previous[2] == "ORG" and org_shaped(previous[3])))
                and _ACRONYM.match(m[3]) and text[previous[1]:m[0]].strip() == "(")


def quoted_title(text: str, m: Span) -> bool:
    """A name between quotes beside a kind of work ('tales include "Little Red Riding Hood", "Cinderella"'), not
    after a word for nicknames."""
    if m[0] > 0 and text[m[0] - 1] in _QUOTES and text[m[1]:m[1] + 1] in _QUOTES and text[m[1]:m[1] + 1]:
        before = _QUOTED_RUN.sub("", text[max(0, m[0] - 301):m[0] - 1])[-100:]
        return bool(_KIND_NEAR.search(before) and (not _NICKNAME_NEAR.search(before) or _KIND_CALLED.search(before)))
    return False


def _work_evidence(text: str, m: Span, previous: Span | None) -> bool:
    if quoted_title(text, m):
        return True
    if _KIND_AFTER.match(text, m[1], m[1] + 60) or _DEFINED_WORK.match(text, m[1], m[1] + 260):
        return True
    if _KIND_BEFORE.search(text, max(0, m[0] - 30), m[0]):
        return True
    # "Shakespeare's Hamlet": a person's work.
    return bool(previous and previous[2] == "PERSON" and text[previous[1]:m[0]] in ("'s ", "’s "))
