"""A timeline of the years mentioned, drawn as SVG geometry on the server (no charting library, no inline styles)."""
from __future__ import annotations

from dataclasses import dataclass

from indexer import FacetValue

HEIGHT = 60
MAX_BARS = 80


@dataclass
class Bar:
    """One year's bar."""

    year: str
    count: int
    x: float
    width: float
    height: float


def timeline(years: list[FacetValue], width: float = 600.0) -> list[Bar]:
    """Bars for the most mentioned years, in chronological order, scaled to the largest count."""
    picked = sorted(sorted(years, key=lambda v: -v.count)[:MAX_BARS], key=lambda v: v.value)
    if not picked:
        return []
    top = max(v.count for v in picked)
    step = width / len(picked)
    return [Bar(v.value, v.count, i * step, max(step - 2, 1.0), max(2.0, HEIGHT * v.count / top))
            for i, v in enumerate(picked)]
