"""Issue 25, the place facet's tail: persons defined before a place's noun, units named by generic words, tribes'
Latin plurals. Sentences of our own, like the failures of a draw of the tail; places alike stay."""
from __future__ import annotations

from indexer.entities.mentions import refine

_PLACES = ("GPE", "LOC", "FAC", "GPE_LONE", "GPE_DEFINED")


def _span(text: str, name: str, label: str = "GPE") -> tuple:
    start = text.index(name)
    return next(m for m in refine(text, [(start, start + len(name), label, name)]) if m[0] == start)


def test_a_definition_that_calls_its_subject_a_person_first_makes_no_place():
    text = "Amara Okafor was a Nigerian lawyer, a founder of the city council of Enugu."
    assert _span(text, "Amara Okafor", "PERSON")[2] not in _PLACES
    text = "Gregor Hollis was an early Scottish bishop of Norse descent from the island town of Kirkwall."
    assert _span(text, "Gregor Hollis", "PERSON")[2] not in _PLACES


def test_a_place_defined_so_stays_a_place():
    assert _span("Tomsk is a city in western Siberia on the Tom River.", "Tomsk", "PERSON")[2] == "GPE_DEFINED"
    text = "Kirkwall is the largest town and former fishing port of Orkney."
    assert _span(text, "Kirkwall", "PERSON")[2] == "GPE_DEFINED"


def test_a_unit_named_by_generic_words_goes_on_over_its_place():
    text = "Trentino, officially the Autonomous Province of Trento, lies in the Alps."
    assert _span(text, "the Autonomous Province")[3] == "the Autonomous Province of Trento"
    text = "Turin is the seat of the Metropolitan City of Turin, in Piedmont."
    assert _span(text, "the Metropolitan City")[3] == "the Metropolitan City of Turin"


def test_a_unit_with_a_name_of_its_own_keeps_it():
    text = "Ghent is a city in the Flemish Region of Belgium."
    assert _span(text, "the Flemish Region")[3] == "the Flemish Region"


def test_a_tribe_in_a_latin_plural_is_no_place():
    text = "Cassivellaunus was a chieftain of the Catuvellauni who fought against Caesar."
    assert _span(text, "Catuvellauni")[2] not in _PLACES


def test_a_place_in_i_without_an_article_stays_a_place():
    assert _span("Kamehameha was the first king of Hawaii and a great warrior.", "Hawaii")[2] in _PLACES


def test_bearings_sharing_one_place_make_a_value_each():
    text = "The dance spread across North and West Africa in the colonial era."
    start = text.index("North")
    got = refine(text, [(start, start + len("North and West Africa"), "LOC", "North and West Africa")])
    assert [m[3] for m in got] == ["North Africa", "West Africa"]
    assert [text[m[0]:m[1]] for m in got] == ["North", "West Africa"]
    text = "Towns of Central and Northern Italy; the South Pacific and Latin America."
    assert _span(text, "Latin America", "LOC")[3] == "Latin America"
    start = text.index("Central")
    got = refine(text, [(start, start + len("Central and Northern Italy"), "GPE", "Central and Northern Italy")])
    assert [m[3] for m in got if m[0] < 40] == ["Central Italy", "Northern Italy"]
