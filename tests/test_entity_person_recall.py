"""Issue 25, round 19 (person recall on passages nobody judged): a biography's subject the model tags as an
organisation or leaves untagged, defined by a word for a person with none of the occupations' endings ("a Mongol
general", "a comic playwright", "a Nahua woman"). Sentences of their own, spans as the model gives them in the wiki."""
from __future__ import annotations

from indexer.entities.evidence import PERSONS
from indexer.entities.mentions import refine


def _at(text: str, name: str, label: str) -> tuple[int, int, str, str]:
    start = text.index(name)
    return (start, start + len(name), label, name)


def _first(text: str, name: str | None = None, label: str = "ORG") -> str:
    spans = refine(text, [_at(text, name, label)] if name else [])
    return spans[0][2] if spans else ""


def test_a_definition_s_head_without_an_occupation_s_ending_defines_a_person():
    assert _first("Tavrin was a Mongol general and the chief strategist of the khan.", "Tavrin") in PERSONS
    assert _first("Odalric was an Ancient Greek comic playwright from Athens. He wrote forty plays.") in PERSONS
    assert _first("Yelena Varga was a Nahua woman who served as an interpreter.", "Yelena Varga", "GPE") in PERSONS
    assert _first("Bruno Falk was a German architect who designed the town hall.", "Bruno Falk") in PERSONS


def test_a_word_for_a_person_that_modifies_a_thing_defines_no_person():
    text = "The Grand Lexicon, better known as the Lexicon, was a general encyclopedia published in France."
    assert refine(text, [_at(text, "Lexicon", "ORG")])[0][2] not in PERSONS
    assert _first("Corvan is a boy band from Leeds that formed in 2009.", "Corvan") not in PERSONS
    assert _first("Velmora is a spy film directed by a Danish director.", "Velmora", "WORK_OF_ART") not in PERSONS


def _spans(text: str, tagged: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(m[3], m[2]) for m in refine(text, [_at(text, name, label) for name, label in tagged])]


def test_an_opening_name_with_a_regnal_number_or_a_place_after_of_is_the_defined_person():
    assert _spans("Tharsos II was a pharaoh and founder of a dynasty.", [])[0] == ("Tharsos II", "PERSON_DEFINED")
    # the model's span over the place only ("Pythagoras of [Samos]" PERSON): a part of the defined name
    got = _spans("Menaric of Kalos was an ancient Greek philosopher.", [("Kalos", "PERSON"), ("Greek", "NORP")])
    assert got[0] == ("Menaric of Kalos", "PERSON_DEFINED") and ("Kalos", "PERSON") not in got
    # a title before the name is no part of it ("Emperor Wu of Han")
    got = _spans("Emperor Lian of Qeng was an emperor of the Qeng dynasty.", [("Qeng", "GPE")])
    assert got[0] == ("Lian of Qeng", "PERSON_DEFINED")
    # a place defined as a place keeps its parts
    got = _spans("Bay of Tarsen is a bay of the Aegean Sea.", [("Tarsen", "GPE"), ("the Aegean Sea", "LOC")])
    assert ("Tarsen", "GPE") in got or got[0][1] != "PERSON_DEFINED"


def test_a_one_word_person_the_passage_writes_after_a_title_elsewhere_is_shown_a_person():
    # the model tags only the possessive mention, not the one after the title
    text = "Merit was a scribe to the King Tethos, and the builder of Tethos's tomb at Saqqara."
    at = text.index("Tethos's")
    assert [m[2] for m in refine(text, [(at, at + 6, "PERSON", "Tethos")])] == ["PERSON_CUE"]
    text = "The ship reached Tethos in May. Tethos's harbour was busy."  # no title anywhere: no cue
    assert _spans(text, [("Tethos", "PERSON")]) == [("Tethos", "PERSON")]


def test_a_definition_opening_with_a_ruler_s_capitalised_title_defines_a_person():
    text = ("Tavros, also known as Tavra or Tavrós, most commonly known as Tavros the Great, was Emperor of Kelmar "
            "from c. 268 BCE until his death.")
    assert _spans(text, [("Tavros the Great", "EVENT")])[0] == ("Tavros", "PERSON_CUE")  # one mention's weight
    # a capitalised word that is no title of a person defines none
    assert _spans("Orvel was Capital of the Duchy until 1800.", [])[:1] != [("Orvel", "PERSON_DEFINED")]


def test_a_name_with_a_ruler_s_epithet_is_a_person_whatever_the_model_called_it():
    from indexer.entities.names import shape_facet
    assert shape_facet("Tavros the Great", "event") == "person"
    assert shape_facet("Gertie the Dinosaur", "work") is None


def test_an_untagged_name_after_a_god_s_or_a_ruler_s_kind_is_a_person():
    got = _spans("He was high priest of the sun god Karu at Heliopolis, under the Inca emperor Tupa Yalli.",
                 [("Heliopolis", "GPE")])
    assert ("Karu", "PERSON_CUE") in got and ("Tupa Yalli", "PERSON_CUE") in got
    # a name the model tagged keeps its span; a capitalised word after no such kind gets none
    got = _spans("The goddess Ishtar ruled over Uruk.", [("Ishtar", "PERSON"), ("Uruk", "GPE")])
    assert [m[0] for m in got] == ["Ishtar", "Uruk"]


def test_an_element_s_symbol_is_no_name():
    text = "Radium is a chemical element; it has symbol Ra and atomic number 88."
    at = text.index("Ra ")
    assert [m[2] for m in refine(text, [(at, at + 2, "NORP", "Ra")])] == ["MISC"]  # no facet
