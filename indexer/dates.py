"""Normalising DATE mentions ("August 20, 1940", "20 August 1940", "1954–1963") to EDTF with their precision."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from edtf import parse_edtf, text_to_edtf

from .periods import DECADE, centuries, decades

# A mention is only worth parsing when it names a plausible year: "the next day" or "the age of 60" carry none,
# and edtf would happily turn "60" into 2060.
# Not a year: part of a bigger number ("400,000", "141,399", "2.500") or of a name ("francium-223", "Zn-64").
_YEAR = re.compile(r"(?<![\w:.,])(?:(?<=mid-)|(?<=Mid-)|(?<![^\W\d_]-))(1\d{3}|20\d{2}|[1-9]\d{2})(?![\d:]|[.,]\d)")
# A quantity of time or space is not a date: "200 years", "400,000 years ago", "141,399 mi2", "the age of 60".
_QUANTITY = re.compile(r"\b(?:years?|yrs?|months|weeks?|days|hours?|decades|centuries|millennia|ago|old|aged?|"
                       r"km2?|mi2?|sq|kg|ft|miles?|metres?|meters?|[kMGT]?Hz|[kMG]?W|mph|%)(?!\w)", re.I)
# "c. 375": approximate, and edtf's parser drops the qualifier for three-digit years.
_CIRCA = re.compile(r"^(?:c\.|ca\.|circa|around|about|approximately) ?(1\d{3}|20\d{2}|[1-9]\d{2})$", re.I)
# Before Christ cannot be held by the index's date fields (years 1-9999): such mentions are left out, never read
# as the same year AD ("c. 1479 BC" is not 1479).
_BC = re.compile(r"\b(?:BCE?|B\.C\.(?:E\.)?)(?!\w)|\bbefore (?:Christ|the common era)\b", re.I)
_AD = re.compile(r"\s*\b(?:AD|A\.D\.|CE|C\.E\.)(?!\w)\s*")
# "the logarithm of 1000", "the square of 144": a number after a noun that is no time of the year or of an age.
_OF_NUMBER = re.compile(r"^(?:the )?(?P<noun>[a-z]+) of \d+$")
_TIME_NOUNS = frozenset("year summer winter spring autumn fall end beginning start middle turn course close dawn "
                        "eve height peak first rest remainder half part".split())
_BARE_YEAR = re.compile(r"^(?:in )?(?:the year )?(1\d{3}|20\d{2})$", re.I)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_MONTH = r"(?P<m>(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)"
_DAY_MONTH_YEAR = re.compile(rf"^(?:on |the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH},? (?P<y>1\d{{3}}|20\d{{2}})$", re.I)
_MONTH_DAY_YEAR = re.compile(rf"^(?:on )?{_MONTH} (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>1\d{{3}}|20\d{{2}})$", re.I)
_MONTH_YEAR = re.compile(rf"^(?:in |early |late |mid-)?{_MONTH},? (?:of )?(?P<y>1\d{{3}}|20\d{{2}})$", re.I)
# "X and Y" is two years ("since 1964 and 1992"); only "between X and Y" is a range.
# An end given as two years ("from 1636/1644 to 1912": the start told both ways) makes a range from the first to the
# last year written, not the two years 1636 and 1644.
_YEAR_RANGE = re.compile(r"^(?:from )?(1\d{3}|20\d{2}|[1-9]\d{2})(?:/(1\d{3}|20\d{2}))? ?(?:-|to|until) ?"
                         r"(1\d{3}|20\d{2}|[1-9]\d{2})(?:/(1\d{3}|20\d{2}))?$|"
                         r"^between (1\d{3}|20\d{2}|[1-9]\d{2}) and (1\d{3}|20\d{2}|[1-9]\d{2})$", re.I)
# Numbers and slashes alone ("3/4/1990", "101/10") are a date only with a four-digit year: "101/10" is a ratio.
_NUMERIC = re.compile(r"^\d+(?:[/.]\d+)+$")
_FULL_YEAR = re.compile(r"(?<!\d)(?:1\d{3}|20\d{2})(?!\d)")
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-"})


@dataclass(frozen=True)
class NormDate:
    """A normalised date: its EDTF form, first and last day covered, and precision."""

    edtf: str
    start: dt.date
    end: dt.date
    precision: str  # "day", "month", "year", "season", "range" or "set" (two days or months: "6 and 9 August")

    @property
    def years(self) -> list[str]:
        """The year facet values: the start year, and the end year of a range."""
        ys = {self.start.year, self.end.year}
        return [f"{y:04d}" for y in sorted(ys)]


def shown_days(edtf: str) -> list[str]:
    """The days or months a stored EDTF code puts on the timeline: itself, an interval's start, each of a set's."""
    parts = edtf.strip("{}").split(",") if edtf.startswith("{") else [edtf.split("/")[0]]
    return [p[:10] for p in parts if len(p) >= 7]


def day_number(day: dt.date) -> int:
    """A date as the sortable integer YYYYMMDD, used by the index's range field."""
    return day.year * 10000 + day.month * 100 + day.day


def parse_bound(text: str, end: bool = False) -> dt.date | None:
    """Parse a user's from/to bound ("1940", "1940-08", "1940-08-20", "August 1940"); `end` picks the last day."""
    text = (text or "").strip()
    if not text:
        return None
    if text.isdigit() and 1 <= int(text) <= 9999:  # a bare year, however short: the timeline's "1" to "299"
        return dt.date(int(text), 12, 31) if end else dt.date(int(text), 1, 1)
    norm = normalise_date(text)
    if norm is None:
        return None
    return norm.end if end else norm.start


@lru_cache(maxsize=65536)
def normalise_date(text: str) -> NormDate | None:
    """Normalise one DATE mention, or None when it names no definite year (relative, vague or X-years)."""
    text = " ".join(text.translate(_DASHES).split())
    if len(text) > 80 or _BC.search(text):
        return None
    if century := centuries(_AD.sub(" ", text).strip()):
        return _interval(*century)
    years = _YEAR.findall(text)
    if not years or (_NUMERIC.match(text) and not _FULL_YEAR.search(text)):
        return None
    bare = _BARE_YEAR.match(text)
    if not bare and _QUANTITY.search(text):
        return None
    text = _AD.sub(" ", text).strip()  # "802 to 1431 AD": the era marker must not hide the range's start
    if DECADE.match(text):
        return _interval(*years) if (years := decades(text)) else None
    if (of := _OF_NUMBER.match(text)) and of.group("noun") not in _TIME_NOUNS:
        return None
    if span := _day_span(text):
        return span
    if circa := _CIRCA.match(text):
        year = int(circa.group(1))
        return NormDate(f"{year:04d}~", dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    code = bare.group(1) if bare else (_common(text) or _edtf(text))
    if not code or "X" in code.split("-")[0].split("/")[0] or "X" in code.split("/")[-1][:4]:
        return None
    try:
        start, end = _bounds(code)
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


def _interval(first: int, last: int) -> NormDate:
    return NormDate(f"{first:04d}/{last:04d}", dt.date(first, 1, 1), dt.date(last, 12, 31), "range")


def _bounds(code: str) -> tuple[dt.date, dt.date]:
    """First and last day an EDTF code covers (plain Y, Y-M, Y-M-D and Y/Y directly; the rest through edtf)."""
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?(/\d{4})?", code) and not (len(code) == 7 and int(code[5:]) > 12):
        first, _, last = code.partition("/")
        last = last or first
        y, m, d = (int(x) for x in (first.split("-") + ["1", "1"])[:3])
        ly, lm = int(last[:4]), int(last[5:7]) if len(last) >= 7 else 12
        ld = int(last[8:10]) if len(last) == 10 else calendar.monthrange(ly, lm)[1]
        return dt.date(y, m, d), dt.date(ly, lm, ld)
    parsed = parse_edtf(code)
    lo, hi = parsed.lower_strict(), parsed.upper_strict()
    return dt.date(lo.tm_year, lo.tm_mon, lo.tm_mday), dt.date(hi.tm_year, hi.tm_mon, hi.tm_mday)


def _common(text: str) -> str | None:
    """The shapes most dates take ("August 20, 1940", "20 August 1940", "March 1939", "1954-1963"), without
    edtf's general parser (about 6 ms a call). Where edtf finds these it finds the same (checked on the DATE
    mentions of 400 Wikipedia summaries); it also reads "between 1893 and 1895", which edtf does not."""
    m = _DAY_MONTH_YEAR.match(text) or _MONTH_DAY_YEAR.match(text)
    if m:
        month = _MONTHS.get(m.group("m")[:3].lower())
        day = int(m.group("d"))
        if month and 1 <= day <= 31:
            return f"{int(m.group('y')):04d}-{month:02d}-{day:02d}"
    m = _MONTH_YEAR.match(text)
    if m and (month := _MONTHS.get(m.group("m")[:3].lower())):
        return f"{int(m.group('y')):04d}-{month:02d}"
    m = _YEAR_RANGE.match(text)
    if m:
        years = [int(y) for y in m.groups() if y]
        if all(a < b for a, b in zip(years, years[1:])):
            return f"{years[0]:04d}/{years[-1]:04d}"
    return None


def _edtf(text: str) -> str | None:
    try:
        return text_to_edtf(text)
    except Exception:  # the library raises on some free text; treat as "no date"
        return None


def _atom(tag: str) -> str:
    """One end of a span of days or months: "19 July 1870", "July 19, 1870", "15 April", "June", "January 1968"."""
    return (rf"(?:(?P<{tag}d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<{tag}m>{_MONTH[6:-1]})|"
            rf"(?P<{tag}m2>{_MONTH[6:-1]}) (?P<{tag}d2>\d{{1,2}})(?:st|nd|rd|th)?|(?P<{tag}m3>{_MONTH[6:-1]}))"
            rf"(?:,? (?P<{tag}y>1\d{{3}}|20\d{{2}}|[1-9]\d{{2}}))?")


# "19 July 1870 to 28 January 1871", "15 April to 4 June 1989", "June to August 1931", "6-9 August 1945" (an
# interval), "6 and 9 August 1945" (two days, an EDTF set: "and" makes a range only after "between").
_SPAN = re.compile(rf"^(?P<lead>from |between )?(?:{_atom('a')}|(?P<aday>\d{{1,2}})(?:st|nd|rd|th)?)"
                   rf" ?(?P<sep>-|to|until|till|through|and) ?(?:the )?{_atom('b')}$", re.I)
_SPAN_US = re.compile(rf"^(?P<lead>from |between )?{_MONTH} (?P<d1>\d{{1,2}}) ?(?P<sep>-|to|and) ?"
                      rf"(?P<d2>\d{{1,2}}),? (?P<y>1\d{{3}}|20\d{{2}})$", re.I)


def _day_span(text: str) -> NormDate | None:
    """A span or pair of days or months whose ends are written out, the first end taking the second's month and
    year when it leaves them out; None unless the year is written and the first end comes before the second."""
    if m := _SPAN_US.match(text):
        month, year = _MONTHS.get(m.group("m")[:3].lower()), int(m.group("y"))
        ends = [(year, month, int(m.group("d1"))), (year, month, int(m.group("d2")))]
    elif m := _SPAN.match(text):
        b = _end(m, "b")
        if b is None or b[0] is None:
            return None
        a = (b[0], b[1], int(m.group("aday"))) if m.group("aday") else _end(m, "a")
        if a is None or (a[2] is None) != (b[2] is None):  # "15 April to June 1989": ends of one kind only
            return None
        ends = [(a[0] or b[0], a[1], a[2]), b]
    else:
        return None
    try:
        days = [(dt.date(y, mo, d or 1), dt.date(y, mo, d) if d else
                 dt.date(y, mo, calendar.monthrange(y, mo)[1])) for y, mo, d in ends]
    except (TypeError, ValueError):  # a day the month does not have, or no month
        return None
    if not days[0][1] < days[1][0]:
        return None
    codes = [f"{y:04d}-{mo:02d}" + (f"-{d:02d}" if d else "") for y, mo, d in ends]
    if m.group("sep").lower() == "and" and not m.group("lead"):
        return NormDate("{" + ",".join(codes) + "}", days[0][0], days[1][1], "set")
    # Two real days (or months) in order, written YYYY-MM[-DD]: a valid EDTF interval as it stands.
    return NormDate("/".join(codes), days[0][0], days[1][1], "range")


def _end(m: re.Match, tag: str) -> tuple[int | None, int, int | None] | None:
    """(year or None, month, day or None) of one end of a span."""
    name = m.group(f"{tag}m") or m.group(f"{tag}m2") or m.group(f"{tag}m3")
    month = _MONTHS.get(name[:3].lower()) if name else None
    if not month:
        return None
    day = m.group(f"{tag}d") or m.group(f"{tag}d2")
    year = m.group(f"{tag}y")
    return (int(year) if year else None, month, int(day) if day else None)
