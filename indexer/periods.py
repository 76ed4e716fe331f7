"""Periods: centuries and decades read as spans of years ("the 19th century" 1801-1900, "the late 1970s" 1976-1979).

`dates.normalise_date` turns the years into its interval; "early", "mid" and "late" of a century or a decade are
its thirds, a choice the README states.
"""
from __future__ import annotations

import re

DECADE = re.compile(r"^(?:in )?(?:the )?(?:(?P<part>early|mid|late|later)(?: |-)?)?(?P<y>1\d{3}|20\d{2}|[1-9]\d{2})0'?s"
                    r"(?: ?(?P<sep>-|to|through|and) ?(?:the )?(?P<z>1\d{3}|20\d{2}|[1-9]\d{2})0'?s)?$", re.I)
_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first".split(), 1)}
_ORDINAL = r"(?:\d{1,2}(?:st|nd|rd|th)|" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"
_PART = (r"(?:early|mid|later|late|(?:the )?(?:first|second|latter) half of(?: the)?|"
         r"(?:the )?(?:beginning|start|middle|end) of(?: the)?)")
# "the 5th century", "19th-century", "the fourteenth century", "the early 20th century", "the first half of the
# 20th century", "the 17th and 18th centuries", "the 8th-10th century", "a 1st-century": an interval of whole
# centuries (the nth century is the years (n-1)*100+1 to n*100); a half is read as one, "early", "mid", "late",
# "the beginning of", "the end of" as a third (`_third`), of each end of a span of centuries too.
_CENTURY = re.compile(rf"^(?:(?P<lead>in|during|from|since|by|until|between|throughout|of) )?(?:the |a )?"
                      rf"(?:(?P<part>{_PART})(?: |-))?(?P<a>{_ORDINAL})(?: century)?"
                      rf"(?: ?(?P<sep>-|to|and|or|through) ?(?:the )?(?:(?P<bpart>early|mid|late)(?: |-))?(?P<b>{_ORDINAL})"
                      rf"(?: century)?)?"
                      rf"(?: |-)centur(?:y|ies)$", re.I)


def decades(text: str) -> tuple[int, int] | None:
    """ "the 1760s" is 1760-1769; "the 1800s" is the century 1800-1899 (how "1800s" is used in prose of a past
    century), but "the 2000s" is the decade 2000-2009: a century not yet past is not named that way. "early",
    "mid" and "late" are thirds, as a century's: "the late 1970s" is 1976-1979. A run of decades ("the 1940s to
    1970s") is one span; two joined by "and" only when they follow each other ("the 1980s and 1990s")."""
    m = DECADE.match(text)
    if m is None:
        return None
    first = int(m.group("y")) * 10
    last = first + (99 if first % 100 == 0 and first < 2000 else 9)
    if part := (m.group("part") or "").lower():
        first, last = _third(first, last, part)
    if (to := m.group("z")) is not None:
        end = int(to) * 10 + 9
        if end <= last or (m.group("sep").lower() == "and" and int(to) * 10 != last + 1) or first % 100 == 0 \
                or end % 100 == 9:
            return None  # "the 1980s and 2000s" are two; "the 1800s to 1900s" centuries: not read
        last = end
    return first, last


def centuries(text: str) -> tuple[int, int] | None:
    """A century or a run of centuries as its first and last years ("the 19th century" is 1801-1900)."""
    m = _CENTURY.match(text)
    if not m:
        return None
    first, last = _ordinal(m.group("a")), _ordinal(m.group("b") or m.group("a"))
    if not 1 <= first <= last <= 21:
        return None
    # "the 3rd and 7th centuries" are two, not a span ("between the 18th and 20th centuries" is one)
    if (m.group("sep") or "").lower() == "and" and last - first > 1 and (m.group("lead") or "").lower() != "between":
        return None
    start, end = (first - 1) * 100 + 1, last * 100
    part = (m.group("part") or "").lower()
    if "half" in part and first == last:
        start, end = (start, start + 49) if "first" in part else (start + 50, end)
    elif part and first == last:  # a third: "the early 20th century" is 1901/1933, "mid" 1934/1966, "late" 1967/2000
        start, end = _third(start, end, part)
    elif first < last:  # "the late 18th and early 19th centuries" is 1767/1833
        bpart = (m.group("bpart") or "").lower()
        start = _third(start, start + 99, part)[0] if part and "half" not in part else start
        end = _third(end - 99, end, bpart)[1] if bpart else end
    return start, end


def _ordinal(word: str) -> int:
    return int(word[:-2]) if word[0].isdigit() else _ORDINALS[word.lower()]


def _third(first: int, last: int, part: str) -> tuple[int, int]:
    """The early, mid or late third of the years first..last (a century's: 1901/1933, 1934/1966, 1967/2000; a
    decade's: 1970/1972, 1973/1975, 1976/1979)."""
    third = 0 if part.startswith(("early", "the beginning", "beginning", "the start", "start")) else \
        1 if part.startswith(("mid", "the middle", "middle")) else 2
    step = (last - first + 1) // 3
    cuts = (first, first + step, first + 2 * step, last + 1)
    return cuts[third], cuts[third + 1] - 1
