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
    from indexer.backend.whoosh import search as _search

    monkeypatch.setattr(_admission, "_YIELD_EVERY", 1)
    sleuth = _limited(seeded, 0.4)
    collect = _search._TopAndAll._collect

    def busy_from_the_first_hit(self, docnum, score):  # an ordinary search arrives once it has a hit, and stays
        monkeypatch.setattr(_admission, "_ordinary", 1)
        return collect(self, docnum, score)

    everything = seeded.search("trotsky").total
    monkeypatch.setattr(_search._TopAndAll, "_collect", busy_from_the_first_hit)
    started = time.perf_counter()
    result = sleuth.search("trotsky")
    took = time.perf_counter() - started
    assert "cut off" in result.message and 0.3 < took < 1.0
    assert 1 <= result.total < everything  # what it found before the deadline is shown
    monkeypatch.setattr(_search._TopAndAll, "_collect", collect)
    monkeypatch.setattr(_admission, "_ordinary", 0)
    assert not sleuth.search("trotsky").message  # alone, it runs to the end

def test_a_broad_query_gives_way_while_it_opens_postings_before_its_first_hit(seeded, everything_broad, monkeypatch):
    # A wide OR or a prefix reads its words' postings up front (whoosh preloads an OR of many words): that time
    # gives way too, not only the collecting. With no checks between hits, only the postings' checkpoints remain.
    monkeypatch.setattr(_admission, "_YIELD_EVERY", 10**9)
    sleuth = _limited(seeded, 0.4)
    with _admission.ordinary():
        started = time.perf_counter()
        sleuth.search("trotsky OR mercader OR coyoacan")
        took = time.perf_counter() - started
    assert 0.3 < took < 1.0  # it waited (cut off, or done in the moment between its deadline and the timer's)
    started = time.perf_counter()
    alone = sleuth.search("trotsky OR mercader OR coyoacan")
    assert alone.total and not alone.message and time.perf_counter() - started < 0.3


def test_an_ordinary_search_never_waits_for_another_and_counts_from_its_parse(seeded, monkeypatch):
    from indexer.backend.whoosh import search as _search

    seen = []
    parse = _search._query.parse
    monkeypatch.setattr(_search._query, "parse", lambda *a: seen.append(_admission._ordinary) or parse(*a))
    sleuth = _limited(seeded, 0.4)
    with _admission.ordinary():  # another ordinary search in flight
        started = time.perf_counter()
        result = sleuth.search("ice axe")
    assert result.total and not result.message and time.perf_counter() - started < 0.3
    assert seen == [2]  # its own and the other: broad ones pause from its first step
    assert _admission._ordinary == 0
