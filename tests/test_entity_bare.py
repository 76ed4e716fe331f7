"""Issue 25, round 13: a place facet's wrong values from a span's form or the words right after it."""
from __future__ import annotations

from indexer.entities.things import NO_FACET
from tests.test_entity_things import _labels


def test_a_common_head_alone_or_a_sentence_end_inside_the_span_is_no_place():
    got = _labels("The Gulf is shallow. He ruled the Empire for two decades, having been Emir and later King of Nejd.",
                  [("The Gulf", "LOC"), ("the Empire", "GPE"), ("Emir", "GPE"), ("Nejd", "GPE")])
    assert got["The Gulf"] == got["the Empire"] == got["Emir"] == NO_FACET and got["Nejd"] == "GPE"
    got = _labels("The ship crossed the tundra.\u200d Arctic winds blew over Greenland Sea.",
                  [("tundra.\u200d Arctic", "LOC"), ("Greenland Sea", "LOC")])
    assert got["tundra.\u200d Arctic"] == NO_FACET and got["Greenland Sea"] == "LOC"
    # A name with a head keeps its place; an abbreviation's dot is no sentence's end.
    got = _labels("It flows into the Gulf of St. Lawrence near Cape Breton.",
                  [("the Gulf of St. Lawrence", "LOC"), ("Cape Breton", "LOC")])
    assert got["the Gulf of St. Lawrence"] == got["Cape Breton"] == "LOC"


def test_an_era_before_or_a_colon_s_clause_after_a_place_is_cut_off():
    got = _labels("The city flourished under the 6th century BC Achaemenid Empire.",
                  [("BC Achaemenid Empire", "GPE")])
    assert got == {"Achaemenid Empire": "GPE"}
    got = _labels("The island is split by the Bosporus: Asia to the east, and Europe.",
                  [("the Bosporus: Asia", "LOC"), ("Europe", "LOC")])
    assert "the Bosporus" in got and "Asia" not in " ".join(got)


def test_a_name_before_a_law_s_word_is_a_person_or_no_place():
    text = "The current follows Lenz's law, and the Stefan–Boltzmann law gives the power; Ohm lived in Bavaria."
    got = _labels(text, [("Lenz", "GPE"), ("Stefan–Boltzmann", "GPE"), ("Bavaria", "GPE")])
    assert got["Lenz"] == "PERSON" and got["Stefan–Boltzmann"] == NO_FACET and got["Bavaria"] == "GPE"
    # A genus before its epithet: "Phoenix dactylifera".
    assert _labels("Hypostomus plecostomus is kept in aquaria.", [("Hypostomus", "GPE")])["Hypostomus"] == NO_FACET


def test_a_genus_after_species_of_or_a_people_in_a_list_of_ethnic_groups_is_no_place():
    got = _labels("Lyme disease is caused by species of Borrelia carried by ticks in Connecticut.",
                  [("Borrelia", "GPE"), ("Connecticut", "GPE")])
    assert got["Borrelia"] == NO_FACET and got["Connecticut"] == "GPE"
    got = _labels("Other ethnic groups include the Ainu, Hmong, and Tatars. Most live in Hanoi.",
                  [("Ainu", "GPE"), ("Hmong", "GPE"), ("Hanoi", "GPE")])
    assert got["Hmong"] == NO_FACET and got["Hanoi"] == "GPE"


def test_a_word_its_passage_also_writes_in_lower_case_is_a_common_noun_not_a_place():
    text = "Mills spin cotton into Yarn for weaving; the yarn is then dyed in Leeds."
    got = _labels(text, [("Yarn", "GPE"), ("Leeds", "GPE")])
    assert got["Yarn"] == NO_FACET and got["Leeds"] == "GPE"
    # A place's cue before it keeps the place: "known simply as the Emirates … the seven emirates".
    text = "The federation, known simply as the Emirates, joins seven emirates."
    assert _labels(text, [("the Emirates", "GPE")])["the Emirates"] == "GPE"


def test_a_saint_s_name_cut_before_its_epithet_is_no_place():
    got = _labels("Pope Leo I, known as Saint Leo the Great, was bishop of Rome.",
                  [("Saint Leo", "GPE"), ("Rome", "GPE")])
    assert got["Saint Leo"] == NO_FACET and got["Rome"] == "GPE"
    assert _labels("The ship sailed from St. Lucia to Barbados.", [("St. Lucia", "GPE")])["St. Lucia"] == "GPE"
