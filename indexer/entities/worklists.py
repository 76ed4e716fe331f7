"""Titles in a list after a plural kind of work are works (issue 25, round 21).

"his books Astronomia nova, [Harmonice Mundi], and Epitome…", "the ballets [Appalachian Spring], Billy the Kid",
"His major works include I Am a Cat (1905), [Botchan] (1906)…", "compositions—[Capriccio Espagnol], the Russian
Easter Festival Overture": the small model calls many such titles persons (or places), most often those that are a
character's name ("the novels Robinson Crusoe (1719), Moll Flanders (1722)"). A name that is an item of a list whose
first item follows a plural kind of work (right after it, or after "include", "such as", "like", a dash or a colon)
is a work, with the list's kind as its evidence. Not a name the list's words do not reach ("in his stories, Holmes
is…": a comma after the kind opens no list), a possessive ("works such as Erik Erikson's stages"), nor a span that is
no whole item (a title cut short: "Astronomia| nova"; two titles in one: "Billy the Kid and Rodeo").
"""
from __future__ import annotations

import re

from .evidence import WORK_CUE

Span = tuple[int, int, str, str]

_KINDS = (r"books|works|novels|novellas|plays|operas|compositions|poems|films|movies|albums|paintings|symphonies|"
          r"treatises|songs|ballets|essays|tragedies|comedies|sonatas|concertos|overtures|writings")
# The kind, its link to the list, and the items before the name (capitalised, each at most 60 characters, a year in
# brackets allowed after one), ending where the name starts.
_LISTED = re.compile(rf"\b(?:{_KINDS})(?:\s(?:such as|include|including|like|are|were))?(?:\s|\s?[—:]\s?)"
                     r"(?:[\"“]?[A-Z][^,.;:\n]{0,60}[\"”]?(?:\s\([^()\n]{1,20}\))?,\s)*(?:and\s|or\s)?[\"“]?$")
# The name is a whole item: a list's mark, a bracket or the sentence's end after it, not the rest of a title the
# model cut ("Astronomia| nova", "Strange Case| of Dr Jekyll", "Le Rouge| et le Noir"), nor two items in one span.
_ITEM_END = re.compile(r"(?:[\"”]?(?:,|;|\.|—|:|\s\(|\s(?:and|or)\s)|[\"”]?\s*$)")
_RELABELLED = ("PERSON", "PERSON_CUE", "GPE", "LOC", "GPE_LONE", "ORG", "NORP", "WORK_OF_ART")
_QUICK = re.compile(rf"\b(?:{_KINDS})\b")


def listed_works(text: str, spans: list[Span]) -> list[Span]:
    """The spans with the names listed after a plural kind of work relabelled as works (WORK_CUE)."""
    if not _QUICK.search(text):
        return spans
    return [(m[0], m[1], WORK_CUE, m[3]) if m[2] in _RELABELLED and m[3][:1].isupper()
            and not text.startswith(("'s", "’s", "'", "’"), m[1]) and not m[3].endswith(("'s", "’s"))
            and " and " not in m[3] and _ITEM_END.match(text, m[1]) and _LISTED.search(text, max(0, m[0] - 300), m[0])
            else m for m in spans]
