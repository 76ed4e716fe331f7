"""Admission control: broad queries run one at a time, give way to ordinary searches, and stay within the limit."""
from __future__ import annotations

import dataclasses
import time

import pytest
from whoosh.searching import Searcher

from indexer import Sleuth
from indexer.backend.whoosh import admission as _admission


@pytest.fixture
def everything_broad(monkeypatch):
    """Make every query with postings broad (the seed corpus is too small to have a naturally broad one)."""
    monkeypatch.setattr(_admission, "BROAD_MIN", 0)
    monkeypatch.setattr(_admission, "BROAD_SHARE", 0.0)


def _limited(seeded: Sleuth, seconds: float) -> Sleuth:
    return Sleuth(dataclasses.replace(seeded.settings, search_time_limit=seconds))


def test_hits_are_counted_without_running_the_query_again(seeded, monkeypatch):
    expected = seeded.search("trotsky", per_page=100)
    # Whoosh's TopCollector lists all hits by running the query a second time, with no time limit.
    monkeypatch.setattr(Searcher, "docs_for_query", lambda *a, **k: pytest.fail("query run twice"))
    again = seeded.search("trotsky", per_page=5)
    assert again.total == expected.total == len(expected.hits) > 5


def test_ordinary_queries_are_not_broad(seeded):
    with _admission.broad(wait=0):  # the slot is taken, yet an ordinary search does not wait for it
        started = time.perf_counter()
        result = seeded.search("ice axe")
    assert result.total and not result.message and time.perf_counter() - started < 0.5


def test_a_second_broad_query_waits_briefly_then_is_refused_with_a_message(seeded, everything_broad):
    sleuth = _limited(seeded, 0.4)
    with _admission.broad(wait=0) as admitted:
        assert admitted
        started = time.perf_counter()
        refused = sleuth.search("trotsky")
        waited = time.perf_counter() - started
    assert "Another broad search is running" in refused.message and not refused.hits
    assert 0.09 <= waited < 0.4  # a quarter of the budget
    after = sleuth.search("trotsky")
    assert after.total and not after.message


def test_a_broad_query_gives_way_to_ordinary_ones_until_its_deadline(seeded, everything_broad, monkeypatch):
    monkeypatch.setattr(_admission, "_YIELD_EVERY", 1)
    sleuth = _limited(seeded, 0.4)
    with _admission.ordinary():  # an ordinary search in flight for the whole time
        started = time.perf_counter()
        result = sleuth.search("trotsky")
        took = time.perf_counter() - started
    assert "cut off" in result.message and 0.3 < took < 1.0
    assert result.total >= 1  # what it found before the deadline is shown
    assert not sleuth.search("trotsky").message  # alone, it runs to the end
