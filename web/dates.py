"""Dates as a reader expects them: the index's EDTF-style codes ("1930~", "1901/2000", "1940-08-20") written as
"c. 1930", "20th century", "20 August 1940"."""
from __future__ import annotations

import calendar
import re

SEASONS = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}
_YEAR = re.compile(r"-?\d{1,4}")


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _year(text: str) -> str:
    year = int(text)
    return str(year) if year > 0 else f"{1 - year} BC"


def _point(code: str) -> str:
    parts = code.split("-") if not code.startswith("-") else ["-" + code[1:].split("-")[0], *code[1:].split("-")[1:]]
    if not _YEAR.fullmatch(parts[0]) or not all(p.isdigit() for p in parts[1:]):
        return code
    year = _year(parts[0])
    if len(parts) == 1:
        return year
    month = int(parts[1])
    if month in SEASONS and len(parts) == 2:
        return f"{SEASONS[month]} {year}"
    if not 1 <= month <= 12:
        return code
    if len(parts) == 2:
        return f"{calendar.month_name[month]} {year}"
    return f"{int(parts[2])} {calendar.month_name[month]} {year}"


def date_label(code: str) -> str:
    """One stored date as words: a year, month, day, season, decade, century or range; anything else unchanged."""
    code = (code or "").strip()
    if code.endswith("~"):
        return "c. " + date_label(code[:-1])
    if "/" in code:
        start, end = code.split("/", 1)
        if start.isdigit() and end.isdigit():
            a, b = int(start), int(end)
            if b == a + 99 and a % 100 == 1:
                return f"{_ordinal(a // 100 + 1)} century"
            if (b == a + 9 and a % 10 == 0) or (b == a + 99 and a % 100 == 0):  # "the 1760s", "the 1800s"
                return f"{a}s"
            return f"{a}–{b}"
        return f"{_point(start)} – {_point(end)}"
    return _point(code)
