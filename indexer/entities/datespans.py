"""spaCy's DATE and CARDINAL spans mended before dates are read: year ranges, era markers, numbers that are no year."""
from __future__ import annotations

import re

Span = tuple[int, int, str, str]  # (start, end, label, text) as spaCy saw it

# "1954–1963" is tagged CARDINAL by the small model; a year range it is.
_YEAR_RANGE = re.compile(r"^(1\d{3}|20\d{2})\s*[-–—]\s*(1\d{3}|20\d{2}|\d{2})$")
# Era markers written after a year ("c. 1479 BC"): part of the date, never an organisation.
_ERA_AFTER = re.compile(r"\s?(?:BCE?|B\.C\.(?:E\.)?|AD|A\.D\.|CE|C\.E\.)(?![\w])")
# A number in technical text: a unit after it, a settings word before it, or code punctuation against it.
# A physical unit symbol after a number makes it a quantity ("luminosities up to 1039 W", a power of ten whose
# superscript was lost; "1500 m", "5800 K", "1200 eV"): case kept, and an initial ("1850 W. G. Grace") is no unit.
_UNIT_AFTER = re.compile(r"(?:[ \t]?(?:bytes?|bits?|[KMGT]i?B|px|pixels?|ms|[kMG]?Hz|chars?|characters|lines|rows|"
                         r"columns|colou?rs|entries|items|records|tokens|threads|ports?)\b|x\d|[=_`/>}%]|"
                         r"[ \t\u00a0\u202f](?-i:[kMGT]?W|[kMG]?J|K|[kMGT]?eV|[kcmµμ]?m|kg|mg|[kMG]?Pa|[km]?V|N|ly|pc|AU|"
                         r"°[CFK]?)(?![\w.]|\.\w))", re.I)
_WORD_BEFORE = re.compile(r"(?:\b(?:port|size|width|height|length|buffer|max|min|limit|version|id|code|error|errno|"
                          r"line|column|offset|pid|uid|gid|status|value|default|count|mode|chmod|number|no\.?|pin|"
                          r"key|seed|timeout|route|highway|interstate|flight|platform|room|chapter|section|article|"
                          r"psalm|type|model|squadron|regiment|battalion|terminal|boeing|airbus)[ \t]*|[=:#/\\_`<{\[@$-])$", re.I)
_BARE_NUMBER = re.compile(r"^\d{3,4}$")
# "the long 19th century" (1789-1914): a historians' period reaching past the calendar century, not it. A "short"
# century (1914-1991) lies inside the calendar one, which still bounds it.
_PERIOD_BEFORE = re.compile(r"\blong[ \t\u00a0]$", re.I)
_CENTURY = re.compile(r"\bcentur(?:y|ies)\b", re.I)


def year_range(m: Span) -> Span:
    if m[2] == "CARDINAL" and _YEAR_RANGE.match(m[3]):
        return (m[0], m[1], "DATE", m[3])
    return m


def not_a_date(text: str, m: Span) -> bool:
    """A bare 3-4 digit DATE in technical context ("1024 bytes", "port 1234", "1039 W") or after a numbered thing's
    noun ("U.S. Route 101", "Article 370", "Boeing 747") is a number, not a year;
    a "long" century is a period past the calendar century's bounds."""
    if m[2] != "DATE":
        return False
    if _CENTURY.search(m[3]):
        return bool(_PERIOD_BEFORE.search(text, max(0, m[0] - 6), m[0]) or re.search(r"\blong\b", m[3], re.I))
    if not _BARE_NUMBER.match(m[3]):
        return False
    return bool(_UNIT_AFTER.match(text, m[1], m[1] + 16) or _WORD_BEFORE.search(text, max(0, m[0] - 12), m[0]))


def with_era(text: str, spans: list[Span]) -> list[Span]:
    """A DATE followed by BC/AD takes the marker in; a mention of the marker alone goes."""
    out: list[Span] = []
    cut: set[int] = set()
    for m in spans:
        if m[2] == "DATE" and (era := _ERA_AFTER.match(text, m[1], m[1] + 8)):
            end = era.end()
            out.append((m[0], end, "DATE", text[m[0]:end]))
            cut.add(end)
        elif not (out and m[0] < out[-1][1] and out[-1][1] in cut):
            out.append(m)
    return out
