"""A timeline of the dates mentioned, drawn as SVG geometry on the server: a true time axis (empty stretches stay
empty and are labelled), bars at least 6 px wide, grouped into decades or centuries when the span is wide and into
months or days when it is narrow."""
from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from indexer import FacetValue

WIDTH = 270  # viewBox units; the sidebar draws it at about 1 px per unit
HEIGHT = 60  # bar area
GAP_CHAR = 5.8  # the widest a character of the gaps' 9-unit italic label is drawn (digits in DejaVu Sans: 5.7)
MAX_BUCKETS = 30  # WIDTH / 30 = 9 units a slot: bars of 7, drawn >= 6 px down to a 235 px wide box
YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
MONTH_STEPS = (1, 3, 6)
DAY_STEPS = (1, 2, 7)
NARROW_YEARS = 3  # a span of at most this many years is drawn by month or day
MONTHS = calendar.month_abbr

Link = Callable[[str, str], str]
# Passages for each (from, to) bar: by years (True) from the year facet, else (months, days) by the date filter.
Recount = Callable[[list[tuple[str, str]], bool], list[int]]


@dataclass
class Bar:
    """One bucket's bar: its label, count, the range it stands for and its geometry."""

    label: str
    count: int
    date_from: str
    date_to: str
    x: float
    width: float
    height: float
    href: str = ""
    exact: bool = True  # False when a passage mentioning two of the bucket's years counts twice

    @property
    def title(self) -> str:
        """"1940: 12 passages" (singular for one); "1940s: 12 mentions" for a group of years."""
        if self.exact:
            return f"{self.label}: {self.count} passage{'' if self.count == 1 else 's'}"
        return f"{self.label}: {self.count} mention{'' if self.count == 1 else 's'} of these dates"


@dataclass
class Tick:
    """An axis tick and its label."""

    x: float
    label: str


@dataclass
class Gap:
    """A stretch of the axis with no dates."""

    x: float
    width: float
    label: str

    @property
    def text(self) -> str:
        """What fits in the box at the gap's 9-unit font: the label, else its years alone, else nothing (the
        full label stays in the tooltip and the caption)."""
        for text in (self.label, self.label.removeprefix("no dates ")):
            if len(text) * GAP_CHAR + 6 <= self.width:
                return text
        return ""


@dataclass
class Timeline:
    """What the macro draws."""

    unit: str  # "century", "decade", "year", "month", "day" (or "20 years" …)
    units: str  # its plural
    bars: list[Bar]
    ticks: list[Tick]
    gaps: list[Gap] = field(default_factory=list)
    slots: int = 0
    width: int = WIDTH
    height: int = HEIGHT

    def __bool__(self) -> bool:
        return bool(self.bars)


def year_label(year: int) -> str:
    """A year as people write it: 330, not 0330."""
    return str(year) if year > 0 else f"{1 - year} BC"


def _year_of(value: str) -> int | None:
    try:
        return int(value[:5] if value.startswith("-") else value[:4])
    except ValueError:
        return None


def _bound_year(text: str, default: int) -> int:
    year = _year_of(text.strip()) if text and text.strip() else None
    return default if year is None else year


def timeline(years: list[FacetValue], date_from: str = "", date_to: str = "", link: Link | None = None,
             days: Counter | None = None, recount: Recount | None = None) -> Timeline:
    """The timeline of passages per year (or per month/day from `days` when the span is narrow); with `recount`,
    each bar counts the passages its date range finds (what clicking it shows), not mentions per year."""
    counts = Counter()
    for v in years:
        year = _year_of(v.value)
        if year is not None:
            counts[year] += v.count
    if not counts:
        return Timeline("year", "years", [], [])
    lo = max(min(counts), _bound_year(date_from, -10**6))
    hi = min(max(counts), _bound_year(date_to, 10**6))
    if hi < lo:
        return Timeline("year", "years", [], [])
    if days is not None and hi - lo + 1 <= NARROW_YEARS and _by_month_wanted(days, counts, lo, hi, date_from + date_to):
        narrow = _narrow(days, date_from, date_to, link)
        if narrow:
            return _recounted(narrow, recount, by_year=False)
    return _recounted(_by_years(counts, lo, hi, link), recount, by_year=True)


def _recounted(tl: Timeline, recount: Recount | None, by_year: bool) -> Timeline:
    """The bars' counts replaced by exact passage counts of their ranges (bars that find nothing dropped)."""
    if recount is None or not tl.bars:
        return tl
    for bar, n in zip(tl.bars, recount([(b.date_from, b.date_to) for b in tl.bars], by_year)):
        bar.count, bar.exact = n, True
    top = max(b.count for b in tl.bars) or 1
    for bar in tl.bars:
        bar.height = max(3.0, HEIGHT * bar.count / top)
    tl.bars = [b for b in tl.bars if b.count]
    return tl


def _by_month_wanted(days: Counter, counts: Counter, lo: int, hi: int, bounds: str) -> bool:
    """Months or days when the range asked for is finer than a year, or when most dated passages give a month."""
    if "-" in bounds.lstrip("-"):
        return True
    finer = sum(n for d, n in days.items() if (y := _year_of(d)) is not None and lo <= y <= hi)
    return finer * 2 >= sum(n for y, n in counts.items() if lo <= y <= hi)


def is_narrow(years: list[FacetValue], date_from: str = "", date_to: str = "") -> bool:
    """True when the timeline would be drawn by month or day (and so needs per-date counts)."""
    found = [y for v in years if (y := _year_of(v.value)) is not None]
    if not found:
        return False
    lo, hi = max(min(found), _bound_year(date_from, -10**6)), min(max(found), _bound_year(date_to, 10**6))
    return 0 <= hi - lo < NARROW_YEARS


def _by_years(counts: Counter, lo: int, hi: int, link: Link | None) -> Timeline:
    step = next((s for s in YEAR_STEPS if hi // s - lo // s + 1 <= MAX_BUCKETS), YEAR_STEPS[-1])
    first = lo // step * step
    n = hi // step - lo // step + 1
    buckets = [(first + i * step, first + (i + 1) * step - 1) for i in range(n)]
    values = [sum(c for y, c in counts.items() if a <= y <= b) for a, b in buckets]

    def label(a: int, b: int) -> str:
        if step == 1:
            return year_label(a)
        if step == 10 and a > 0:
            return f"{a}s"
        return f"{year_label(max(a, 1))}–{year_label(b)}"

    unit = {1: "year", 10: "decade", 100: "century"}.get(step, f"{step} years")
    units = {1: "years", 10: "decades", 100: "centuries"}.get(step, f"spans of {step} years")
    tick_step = next((s for s in YEAR_STEPS if s >= step and (hi - lo) / s <= 4), YEAR_STEPS[-1])
    ticks = [(i, year_label(a)) for i, (a, _) in enumerate(buckets) if a % tick_step == 0]
    if not ticks:
        ticks = [(0, year_label(buckets[0][0]))]
    return _draw(unit, units, [(label(a, b), str(max(a, 1)), str(max(b, 1))) for a, b in buckets], values,
                 ticks, link, exact=step == 1)


def _parse_day(text: str) -> dt.date | None:
    parts = (text or "").strip().split("-")
    try:
        if len(parts) == 1:
            return dt.date(int(parts[0]), 1, 1)
        if len(parts) == 2:
            return dt.date(int(parts[0]), int(parts[1]), 1)
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except (ValueError, TypeError):
        return None


def _bound_end(text: str) -> dt.date | None:
    start = _parse_day(text)
    if start is None:
        return None
    parts = text.strip().split("-")
    if len(parts) == 1:
        return dt.date(start.year, 12, 31)
    if len(parts) == 2:
        return dt.date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return start


def _narrow(days: Counter, date_from: str, date_to: str, link: Link | None) -> Timeline | None:
    exact = {d: n for k, n in days.items() if len(k) == 10 and (d := _parse_day(k))}
    monthly = Counter()
    for k, n in days.items():
        if (d := _parse_day(k[:7])) is not None:
            monthly[d] += n
    if not monthly:
        return None
    lo = max(min(monthly), _parse_day(date_from) or dt.date.min)
    hi = min(max(exact or monthly) if exact else _month_end(max(monthly)), _bound_end(date_to) or dt.date.max)
    if hi < lo:
        return None
    month_span = (hi.year - lo.year) * 12 + hi.month - lo.month + 1
    if month_span > 2 or not exact:
        return _by_months(monthly, lo, hi, link)
    return _by_days(exact, lo, hi, link)


def _month_end(d: dt.date) -> dt.date:
    return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def _by_months(monthly: Counter, lo: dt.date, hi: dt.date, link: Link | None) -> Timeline:
    a, b = lo.year * 12 + lo.month - 1, hi.year * 12 + hi.month - 1
    step = next((s for s in MONTH_STEPS if b // s - a // s + 1 <= MAX_BUCKETS), MONTH_STEPS[-1])
    first = a // step * step
    n = b // step - a // step + 1
    month = lambda m: dt.date(m // 12, m % 12 + 1, 1)  # noqa: E731
    buckets = [(first + i * step, first + (i + 1) * step - 1) for i in range(n)]
    values = [sum(c for d, c in monthly.items() if s <= d.year * 12 + d.month - 1 <= e) for s, e in buckets]
    name = lambda m: f"{MONTHS[month(m).month]} {year_label(month(m).year)}"  # noqa: E731
    rows = [(name(s) if step == 1 else f"{name(s)} – {name(e)}", f"{month(s):%Y-%m}", f"{month(e):%Y-%m}")
            for s, e in buckets]
    every = max(1, math.ceil(n / 4))
    ticks = [(i, name(s)) for i, (s, _) in enumerate(buckets) if i % every == 0]
    return _draw("month" if step == 1 else f"{step} months", "months" if step == 1 else f"spans of {step} months",
                 rows, values, ticks, link, exact=False)


def _by_days(exact: dict, lo: dt.date, hi: dt.date, link: Link | None) -> Timeline:
    a, b = lo.toordinal(), hi.toordinal()
    step = next((s for s in DAY_STEPS if (b - a) // s + 1 <= MAX_BUCKETS), DAY_STEPS[-1])
    n = (b - a) // step + 1
    buckets = [(a + i * step, min(b, a + (i + 1) * step - 1)) for i in range(n)]
    values = [sum(c for d, c in exact.items() if s <= d.toordinal() <= e) for s, e in buckets]
    day = dt.date.fromordinal
    name = lambda o: f"{day(o).day} {MONTHS[day(o).month]} {year_label(day(o).year)}"  # noqa: E731
    rows = [(name(s) if s == e else f"{name(s)} – {name(e)}", f"{day(s):%Y-%m-%d}", f"{day(e):%Y-%m-%d}")
            for s, e in buckets]
    every = max(1, math.ceil(n / 4))
    ticks = [(i, f"{day(s).day} {MONTHS[day(s).month]}") for i, (s, _) in enumerate(buckets) if i % every == 0]
    return _draw("day" if step == 1 else f"{step} days", "days" if step == 1 else f"spans of {step} days", rows,
                 values, ticks, link, exact=step == 1)


def _draw(unit: str, units: str, rows: list[tuple[str, str, str]], values: list[int], ticks: list[tuple[int, str]],
          link: Link | None, exact: bool) -> Timeline:
    """Geometry: one slot per bucket across the whole span; empty runs of two or more slots become labelled gaps."""
    slot = WIDTH / len(rows)
    width = min(slot - 2, 24.0)
    top = max(values) or 1
    bars = [Bar(label, n, f, t, i * slot + (slot - width) / 2, width, max(3.0, HEIGHT * n / top),
                link(f, t) if link else "", exact)
            for i, ((label, f, t), n) in enumerate(zip(rows, values)) if n]
    gaps, i = [], 0
    while i < len(values):
        if values[i]:
            i += 1
            continue
        j = i
        while j < len(values) and not values[j]:
            j += 1
        if j - i >= 2:
            first, last = rows[i][0], rows[j - 1][0]
            gaps.append(Gap(i * slot, (j - i) * slot, f"no dates {first.split('–')[0].split(' – ')[0]}–"
                                                       f"{last.split('–')[-1].split(' – ')[-1]}"))
        i = j
    return Timeline(unit, units, bars, [Tick(i * slot, label) for i, label in ticks], gaps, len(rows))
