"""Date normalisation: EDTF with precision, no guesses from vague or relative mentions."""
import datetime as dt

import pytest

from indexer.dates import day_number, normalise_date, parse_bound


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
    "text", ["31 February 1940", "the next day", "Two years later", "the age of 60", "the 19th century", "Friday",
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
        ("the 1760s", "1760/1769"), ("the mid-1960s", "1960/1969"), ("the 1800s", "1800/1899"),
        ("1954–1963", "1954/1963"), ("802 to 1431 AD", "0802/1431"), ("476 AD", "0476"), ("c. 375", "0375~"),
        ("in the year 1940", "1940"),
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
    ],
)
def test_quantities_bc_and_lists_are_not_dates(text):
    assert normalise_date(text) is None
