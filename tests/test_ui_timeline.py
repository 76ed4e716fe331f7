"""The timeline's axis (grouping, ticks, gaps, labels) and the facade calls behind the pages' lists and bars."""
from __future__ import annotations

from collections import Counter

import pytest

from indexer import FacetValue
from web.timeline import MAX_BUCKETS, WIDTH, timeline


def years(*pairs: tuple[int, int]) -> list[FacetValue]:
    return [FacetValue(f"{y:04d}", n) for y, n in pairs]


@pytest.mark.parametrize("span, unit", [((1940, 1944), "year"), ((1750, 1940), "decade"), ((330, 2020), "century")])
def test_grouping_follows_the_span_and_bars_stay_wide(span, unit):
    tl = timeline(years((span[0], 1), (span[1], 3), ((span[0] + span[1]) // 2, 2)))
    assert tl.unit == unit
    assert tl.slots <= MAX_BUCKETS and min(b.width for b in tl.bars) >= 6 * WIDTH / 270
    assert [b.date_from for b in tl.bars] == sorted((b.date_from for b in tl.bars), key=int)


def test_first_year_reads_as_written_and_one_passage_is_singular():
    tl = timeline(years((330, 1), (1940, 2)))
    labels = [b.label for b in tl.bars]
    assert labels[0] == "300–399" and not any(t.startswith("0") for t in labels)
    assert tl.bars[0].date_from == "300"  # the date filter reads "300", not "0300"
    assert not any(t.label.startswith("0") for t in tl.ticks) and len(tl.ticks) >= 2
    assert [b.title for b in timeline(years((1938, 1), (1940, 2))).bars] == ["1938: 1 passage", "1940: 2 passages"]


def test_gaps_are_on_the_axis_and_labelled():
    tl = timeline(years((1910, 5), (1911, 2), (1935, 1), (1939, 4)))
    assert tl.unit == "year"
    xs = [b.x for b in tl.bars]
    assert xs[2] - xs[1] > 10 * (xs[1] - xs[0])  # 34 empty years take their room
    assert [g.label for g in tl.gaps] == ["no dates 1912–1934", "no dates 1936–1938"]


def test_a_range_inside_a_month_goes_by_day():
    days = Counter({"1940-08-20": 4, "1940-08-21": 1, "1940-08-27": 1, "1940-08": 2, "1917-10-25": 3})
    tl = timeline(years((1940, 6), (1917, 3)), "1940-08-01", "1940-08-31", days=days)
    assert tl.unit == "day" and 20 <= tl.slots <= 31
    assert [b.title for b in tl.bars] == ["20 Aug 1940: 4 passages", "21 Aug 1940: 1 passage",
                                          "27 Aug 1940: 1 passage"]
    assert tl.bars[0].date_from == tl.bars[0].date_to == "1940-08-20"


def test_a_year_goes_by_month():
    days = Counter({"1940-05-24": 2, "1940-08-20": 4, "1940-08": 1})
    tl = timeline(years((1940, 6)), "1940", "1940", days=days)
    assert tl.unit == "month" and [b.label for b in tl.bars] == ["May 1940", "Aug 1940"]


def test_facade_finds_values_without_accents_and_counts_spans_like_the_filter(seeded):
    found = [v.value for v in seeded.facet_values("person", "ramon")]
    assert "Ramón Mercader" in found and all("ram" in v.lower() for v in found)
    assert len(seeded.facet_values("person")) == len(seeded.entities("person")["person"])
    spans = [(1930, 1939), (1940, 1949)]
    by_year = seeded.year_spans(spans, query="Trotsky")
    by_filter = [seeded.search("Trotsky", date_from=str(a), date_to=str(b)).total for a, b in spans]
    assert by_year == by_filter and by_year[1] > 0
    assert seeded.date_spans([("1940-08", "1940-08")]) == [seeded.search(date_from="1940-08", date_to="1940-08").total]
    assert "later than" in seeded.date_range_problem("1945", "1940-08")
    assert seeded.date_range_problem("1940", "1940") is None and seeded.date_range_problem("someday", "1940") is None


def test_a_year_named_only_as_a_year_stays_by_year():
    tl = timeline(years((1969, 22)), "1969", "1969", days=Counter({"1969-11-10": 1}))
    assert tl.unit == "year" and [b.title for b in tl.bars] == ["1969: 22 passages"]
