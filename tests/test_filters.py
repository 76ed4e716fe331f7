"""Filters fold spellings exactly as search does (issue 25, item 7), on the seeds indexed with the real model:
"Ramòn", "ramon" and "RAMÓN" filter by the canonical "Ramón Mercader", on the CLI, the API and the page; a filter
that matches nothing says so and offers the nearest values; `person:"X"` in a query finds what the facet counts."""
from __future__ import annotations

import json

import pytest

from .copies import copy_index
from .test_cli import sleuth as run_sleuth


def facet_count(seeded, facet: str, value: str) -> int:
    return next(v.count for v in seeded.facet_values(facet) if v.value == value)


@pytest.mark.parametrize("typed", ["Ramòn Mercader", "ramon mercader", "RAMÓN MERCADER", "Ramon  Mercader"])
def test_a_person_filter_folds_accents_and_case(seeded, typed):
    result = seeded.search("", filters={"person": [typed]})
    assert result.total == facet_count(seeded, "person", "Ramón Mercader") > 0
    assert result.request.filters == {"person": ["Ramón Mercader"]} and result.message is None


def test_a_place_filter_folds_accents(seeded):
    assert seeded.search("", filters={"place": ["Coyoacan"]}).total == facet_count(seeded, "place", "Coyoacán") > 0


def test_an_exclusion_folds_too(seeded):
    everything = seeded.search("").total
    assert seeded.search("", exclude={"person": ["ramon mercader"]}).total == \
        everything - facet_count(seeded, "person", "Ramón Mercader")


def test_a_filter_that_matches_nothing_says_so_and_offers_the_nearest(seeded):
    result = seeded.search("", filters={"person": ["Mercader Ramon"]})
    assert result.total == 0
    assert result.message == "No person here is called “Mercader Ramon”; the nearest: Ramón Mercader."
    nothing = seeded.search("", filters={"org": ["Acme Widgets"]})
    assert nothing.message == "No organisation here is called “Acme Widgets”."


def test_a_person_field_phrase_finds_every_passage_the_facet_counts(seeded):
    for query in ('person:"Ramón Mercader"', 'person:"ramon mercader"', "person:mercader"):
        assert seeded.search(query).total == facet_count(seeded, "person", "Ramón Mercader"), query


def test_the_cli_and_the_api_fold_filters(tmp_path, seeded_dir, client, seeded):
    index_dir = copy_index(seeded_dir, tmp_path)
    expected = facet_count(seeded, "person", "Ramón Mercader")
    for typed in ("Ramòn Mercader", "ramon mercader"):
        out = run_sleuth(index_dir, "search", "--filter", f"person={typed}", "--json", check_code=0).stdout
        assert json.loads(out)["total"] == expected
        assert client.get("/api/search", query_string={"person": typed}).get_json()["total"] == expected
    place = run_sleuth(index_dir, "search", "--filter", "place=Coyoacan", "--json", check_code=0).stdout
    assert json.loads(place)["total"] == facet_count(seeded, "place", "Coyoacán")
    missing = run_sleuth(index_dir, "search", "--filter", "person=Mercader Ramon")
    assert "No person here is called “Mercader Ramon”; the nearest: Ramón Mercader." in missing.stderr + missing.stdout


def test_the_page_shows_the_filter_as_the_facet_spells_it(client, seeded):
    typed = client.get("/search", query_string={"person": "ramon mercader", "q": "axe"})
    assert typed.status_code == 302 and typed.headers["Location"] == "/search?person=Ram%C3%B3n+Mercader&q=axe"
    page = client.get(typed.headers["Location"]).get_data(as_text=True)
    assert "Only passages with Ramón Mercader" not in page  # it is the filter already, not a value to add
    assert f"Show {seeded.search('axe', filters={'person': ['Ramón Mercader']}).total} results" in page
    none = client.get("/search", query_string={"person": "Mercader Ramon"}).get_data(as_text=True)
    assert "No person here is called “Mercader Ramon”; the nearest: Ramón Mercader." in none
