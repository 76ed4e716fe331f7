"""Issue 25, item 3: one ruler, one value. A regnal name's title and realm forms merge on evidence (rulers.py)."""
from __future__ import annotations

from collections import Counter

from indexer.entities.canon import Canon
from tests.canon_steps import built_in_two_steps
from tests.test_entity_resolution import facets

P = "PERSON"


def _resolved(counts: Counter, ctx_counts: Counter | None = None) -> dict[str, str]:
    canon = Canon.build(counts)
    ctx = canon.context(ctx_counts) if ctx_counts is not None else None
    return {surface: got[1] for surface, label in (ctx_counts or counts)
            if label == P and (got := canon.resolve(surface, label, ctx))}


def test_a_leading_title_makes_no_value_where_the_name_is_written_without_it():
    got = _resolved(Counter({("King Olaf III", P): 2, ("Olaf III", P): 1, ("Queen Astrid II", P): 1,
                             ("Tsar Boris IV of Narnia", P): 1, ("Boris IV of Narnia", P): 2}))
    assert got["King Olaf III"] == "Olaf III" and got["Tsar Boris IV of Narnia"] == "Boris IV of Narnia"
    assert got["Queen Astrid II"] == "Queen Astrid II"  # no untitled form: it stays as written


def test_a_bare_regnal_name_is_the_collection_s_one_realm_form_where_its_passage_names_the_realm():
    counts = Counter({("Olaf III of Norland", P): 2, ("Olaf III", P): 4, ("King Olaf III", P): 1, ("Norland", "GPE"): 3,
                      ("Sudmark", "GPE"): 1})
    got = _resolved(counts, Counter({("Olaf III", P): 1, ("King Olaf III", P): 1, ("Kingdom of Norland", "GPE"): 1}))
    assert set(got.values()) == {"Olaf III of Norland"}
    got = _resolved(counts, Counter({("Olaf III", P): 1, ("Sudmark", "GPE"): 1}))
    assert got["Olaf III"] == "Olaf III"  # nothing shows which Olaf III: perhaps another realm's


def test_a_bare_regnal_name_of_several_realms_stays_unless_its_document_writes_one():
    counts = Counter({("Olaf III of Norland", P): 2, ("Olaf III of Sudland", P): 2, ("Olaf III", P): 3,
                      ("King Olaf III", P): 1})
    got = _resolved(counts)
    assert got["Olaf III"] == got["King Olaf III"] == "Olaf III"  # not lumped into one of the two rulers
    here = _resolved(counts, Counter({("Olaf III of Sudland", P): 1, ("King Olaf III", P): 1, ("Olaf III", P): 1}))
    assert set(here.values()) == {"Olaf III of Sudland"}
    both = _resolved(counts, Counter({("Olaf III of Sudland", P): 1, ("Olaf III of Norland", P): 1,
                                      ("Olaf III", P): 1}))
    assert both["Olaf III"] == "Olaf III"  # its document writes both: neither


def test_a_bare_name_a_pope_bears_is_not_sent_to_a_kingdom_s_ruler_unasked():
    got = _resolved(Counter({("Pope Urban IX", P): 2, ("Urban IX", P): 2, ("Urban IX of Norland", P): 1}))
    assert got["Pope Urban IX"] == got["Urban IX"] == "Urban IX"


def test_a_form_added_later_changes_the_resolution_of_the_name_s_other_forms():
    canon, changed = built_in_two_steps(Counter({("King Olaf III", P): 1}), Counter({("Olaf III", P): 2}))
    assert ("King Olaf III", P) in changed and canon.resolve("King Olaf III", P) == ("person", "Olaf III")
    canon, changed = built_in_two_steps(Counter({("Olaf III", P): 3, ("Norland", "GPE"): 1}),
                                        Counter({("Olaf III of Norland", P): 2}))
    assert ("Olaf III", P) in changed  # its documents naming Norland now resolve it to the realm form


def test_a_king_named_with_his_realm_and_without_is_one_value_with_the_real_model():
    docs = {"court": ["Louis XIV of France built the palace of Versailles.", "King Louis XIV moved his court there."],
            "war": ["The war ended when Louis XIV signed the treaty in 1714, and France kept Alsace."],
            "spain": ["Charles II of Spain died childless in 1700.", "Charles II of England restored the monarchy."],
            "heir": ["The heir of Charles II was disputed for years."]}
    found = facets(docs)
    assert ("person", "Louis XIV of France") in found["war"] | found["court"]
    people = {v for pairs in found.values() for f, v in pairs if f == "person"}
    assert not {"Louis XIV", "King Louis XIV"} & people
    assert ("person", "Charles II of Spain") not in found["heir"] and ("person", "Charles II of England") \
        not in found["heir"]


def test_a_first_name_its_document_gives_a_titled_ruler_is_the_ruler_s_one_value():
    counts = Counter({("King Ferdinand II", P): 2, ("Ferdinand II of Aragon", P): 2, ("Ferdinand", P): 1,
                      ("Aragon", "GPE"): 2})
    got = _resolved(counts, Counter({("King Ferdinand II", P): 1, ("Ferdinand", P): 1, ("Aragon", "GPE"): 1}))
    assert set(got.values()) <= {"Ferdinand II of Aragon"} and got["King Ferdinand II"] == "Ferdinand II of Aragon"
