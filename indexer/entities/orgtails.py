"""An organisation's name the model cut before the rest of its own words, taken whole.

The words after "for", "in" or "and" that no place's span holds (the model's other labels there are pieces of the
name: "Harmonious Fists" PERSON), capitalised up to the phrase's end, are the name's own:
"the Office of the United Nations High Commissioner [for Human Rights]", "the Kinsey Institute for Research [in Sex,
Gender, and Reproduction]", "the Society of Righteous [and Harmonious Fists]". "in" goes on a name that has a
purpose ("… for Research in …"), "and" one with a complement ("… of Witchcraft and Wizardry"); words with a head
of their own name another body ("the Kenya Wildlife Service and Kenya Forest Service"), words before "of" another name
("the Union of India and Dominion of Pakistan"), a word before a common noun ("the Praetorian Guard for Roman
emperors"), a name running on past them ("… and Willem van Ruytenburch"); a place the model tagged is the body's
place ("… in Paris").
"""
from __future__ import annotations

import re

from .evidence import Span
from .names import org_shaped

_CAP = r"[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)*"
_TAIL = re.compile(rf"\s(?P<link>for|in|and)\s(?:the\s)?(?P<words>{_CAP}(?:,\s{_CAP})*(?:,?\sand\s{_CAP})?)"
                   r"(?![\w'’-]|\s[A-Z]|\sof\s|\s(?!(?:in|at|and|or|to|from|on|which|that|who|whose|is|was|were|are|"
                   r"has|had|have|since|until|with|by|for|as|but|where|when|after|before)\b)[a-z])")
_PLACES = ("GPE", "LOC", "FAC")


def org_tails(text: str, spans: list[Span]) -> list[Span]:
    """ORG spans cut before their own words after "for", "in" or "and", made whole (the spans inside dropped)."""
    out: list[Span] = []
    skip_to = -1
    for i, m in enumerate(spans):
        if m[0] < skip_to:
            continue
        if m[2] == "ORG" and org_shaped(m[3]) and (tail := _TAIL.match(text, m[1])):
            whole = text[m[0]:tail.end()]
            inside = [n for n in spans[i + 1:] if n[0] < tail.end() and n[1] > m[1]]
            link = tail.group("link")
            fits = (link == "for" or (link == "in" and " for " in m[3]) or (link == "and" and " of " in m[3])) \
                and not any(n[2] in _PLACES or n[1] > tail.end() for n in inside) \
                and not org_shaped(tail.group("words"))
            if fits:
                m = (m[0], tail.end(), m[2], whole)
                skip_to = tail.end()
        out.append(m)
    return out
