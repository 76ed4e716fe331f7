"""Normalising DATE mentions ("August 20, 1940", "20 August 1940", "1954–1963") to EDTF with their precision."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from edtf import parse_edtf, text_to_edtf

# A mention is only worth parsing when it names a plausible year: "the next day" or "the age of 60" carry none,
# and edtf would happily turn "60" into 2060.
_YEAR = re.compile(r"(?<![\d:.,])(1\d{3}|20\d{2}|[1-9]\d{2})(?![\d:])")
_BARE_YEAR = re.compile(r"^(?:in |the year )?(1\d{3}|20\d{2})$", re.I)
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-"})


@dataclass(frozen=True)
class NormDate:
    """A normalised date: its EDTF form, first and last day covered, and precision."""

    edtf: str
    start: dt.date
    end: dt.date
    precision: str  # "day", "month", "year", "season" or "range"

    @property
    def years(self) -> list[str]:
        """The year facet values: the start year, and the end year of a range."""
        ys = {self.start.year, self.end.year}
        return [f"{y:04d}" for y in sorted(ys)]


def day_number(day: dt.date) -> int:
    """A date as the sortable integer YYYYMMDD, used by the index's range field."""
    return day.year * 10000 + day.month * 100 + day.day


def parse_bound(text: str, end: bool = False) -> dt.date | None:
    """Parse a user's from/to bound ("1940", "1940-08", "1940-08-20", "August 1940"); `end` picks the last day."""
    text = (text or "").strip()
    if not text:
        return None
    norm = normalise_date(text)
    if norm is None:
        return None
    return norm.end if end else norm.start


@lru_cache(maxsize=65536)
def normalise_date(text: str) -> NormDate | None:
    """Normalise one DATE mention, or None when it names no definite year (relative, vague or X-years)."""
    text = " ".join(text.translate(_DASHES).split())
    years = _YEAR.findall(text)
    if not years or len(text) > 80:
        return None
    bare = _BARE_YEAR.match(text)
    code = bare.group(1) if bare else _edtf(text)
    if not code or "X" in code.split("-")[0].split("/")[0] or "X" in code.split("/")[-1][:4]:
        return None
    try:
        parsed = parse_edtf(code)
        lo, hi = parsed.lower_strict(), parsed.upper_strict()
        start, end = dt.date(lo.tm_year, lo.tm_mon, lo.tm_mday), dt.date(hi.tm_year, hi.tm_mon, hi.tm_mday)
    except Exception:  # edtf raises many kinds for odd inputs; an unparseable date is simply not a date
        return None
    # The year edtf found must be one written in the mention (guards against guesses like "60" -> 2060).
    if str(start.year) not in years and str(end.year) not in years:
        return None
    if "/" in code:
        precision = "range"
    elif len(code) == 10:
        precision = "day"
    elif len(code) == 7 and int(code[5:7]) <= 12:
        precision = "month"
    elif len(code) == 7:
        precision = "season"
    else:
        precision = "year"
    return NormDate(code, start, end, precision)


def _edtf(text: str) -> str | None:
    try:
        return text_to_edtf(text)
    except Exception:  # the library raises on some free text; treat as "no date"
        return None
