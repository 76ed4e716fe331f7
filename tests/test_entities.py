"""Canonical entity names: cleaning, accent/case folding, surname redirects, person wins, aliases."""
from collections import Counter

import pytest

from indexer.entities import LABEL_TO_FACET, Canon, clean_name, load_aliases, name_key


@pytest.mark.parametrize(
    "raw, clean",
    [("the Soviet Union", "Soviet Union"), ("  Leon   Trotsky ", "Leon Trotsky"), ("Trotsky's", "Trotsky"),
     ("U.S.", "U.S."), ("Leon Trotsky\n- Location", None), ("1940", None), ("***", None), ("Infobox", None),
     ("x" * 200, None)],
)
def test_clean_name(raw, clean):
    assert clean_name(raw) == clean


def test_keys_fold_accents_and_case():
    assert name_key("Ramón Mercader") == name_key("Ramòn MERCADER") == "ramon mercader"
    assert name_key("Coyoacán") == name_key("Coyoacan")


def _canon(pairs, aliases=None):
    return Canon.build(Counter(pairs), aliases or {})


def test_surname_maps_to_unique_full_name_and_person_wins_over_place():
    canon = _canon({("Leon Trotsky", "PERSON"): 3, ("Trotsky", "PERSON"): 9, ("Ramón Mercader", "PERSON"): 2,
                    ("Ramòn Mercader", "PERSON"): 1, ("Mercader", "GPE"): 5, ("Mexico", "GPE"): 2})
    assert canon.resolve("Trotsky", "PERSON") == ("person", "Leon Trotsky")
    assert canon.resolve("Mercader", "GPE") == ("person", "Ramón Mercader")
    assert canon.resolve("Ramòn Mercader", "PERSON") == ("person", "Ramón Mercader")
    assert canon.resolve("Mexico", "GPE") == ("place", "Mexico")
    assert canon.surface_forms("person", "Ramón Mercader") == Counter(
        {"Ramón Mercader": 2, "Ramòn Mercader": 1, "Mercader": 5})


def test_ambiguous_surname_is_left_alone_and_titles_are_not_full_names():
    canon = _canon({("Joseph Stalin", "PERSON"): 1, ("Vasily Stalin", "PERSON"): 1, ("Stalin", "PERSON"): 4,
                    ("the Order of Lenin", "PERSON"): 1, ("Lenin", "PERSON"): 3})
    assert canon.resolve("Stalin", "PERSON") == ("person", "Stalin")
    assert canon.resolve("Lenin", "PERSON") == ("person", "Lenin")


def test_most_frequent_surface_form_is_displayed_deterministically():
    canon = _canon({("NKVD", "ORG"): 5, ("Nkvd", "ORG"): 1, ("Coyoacan", "GPE"): 1, ("Coyoacán", "GPE"): 1})
    assert canon.resolve("Nkvd", "ORG") == ("org", "NKVD")
    # A tie prefers the accented spelling, whatever the insertion order.
    assert canon.resolve("Coyoacan", "GPE") == ("place", "Coyoacán")


def test_aliases_merge_names_rules_cannot(tmp_path):
    path = tmp_path / "aliases.toml"
    path.write_text('[aliases]\n"Jacques Mornard" = "Ramón Mercader"\n', encoding="utf-8")
    aliases = load_aliases([path, tmp_path / "missing.toml"])
    canon = _canon({("Ramón Mercader", "PERSON"): 2, ("Jacques Mornard", "PERSON"): 1}, aliases)
    assert canon.resolve("Jacques Mornard", "PERSON") == ("person", "Ramón Mercader")


def test_label_map_covers_every_facet():
    assert set(LABEL_TO_FACET.values()) == {"person", "org", "place", "group", "event", "work"}


def test_incremental_updates_match_a_full_build():
    first = Counter({("Trotsky", "PERSON"): 4, ("Mercader", "GPE"): 3, ("Stalin", "PERSON"): 2, ("NKVD", "ORG"): 1})
    second = Counter({("Leon Trotsky", "PERSON"): 1, ("Ramón Mercader", "PERSON"): 1, ("Nkvd", "ORG"): 2})
    canon = Canon.build(first)
    assert canon.resolve("Trotsky", "PERSON") == ("person", "Trotsky")
    changed = canon.add(second)
    full = Canon.build(first + second)
    for pair in first + second:
        assert canon.resolve(*pair) == full.resolve(*pair), pair
    assert {("Trotsky", "PERSON"), ("Mercader", "GPE"), ("NKVD", "ORG")} <= changed
    assert ("Stalin", "PERSON") not in changed
    back = canon.add(Counter({k: -n for k, n in second.items()}))
    assert canon.resolve("Trotsky", "PERSON") == ("person", "Trotsky") and ("Trotsky", "PERSON") in back
    assert canon.resolve("Mercader", "GPE") == ("place", "Mercader")
