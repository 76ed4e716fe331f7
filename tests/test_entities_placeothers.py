"""Place-tagged spans whose last word or neighbours show another kind (indexer/entities/placeothers.py)."""
from indexer.entities import placekinds


def _label(text, name, label="GPE"):
    start = text.index(name)
    got = placekinds.relabel(text, (start, start + len(name), label, name))
    return got[2] if got else None


def test_language_or_time_noun_is_no_place():
    assert _label("The river is called the Tsang in the Adi language, and Jamuna downstream.", "the Adi language",
                  "LOC") == "MISC"
    assert _label("The long era, often called the Mon millennium, ended in war.", "the Mon millennium", "LOC") == "MISC"


def test_description_after_indefinite_article_is_no_place():
    assert _label("Aruba is a small Caribbean island and a country of the kingdom.", "Caribbean island", "LOC") == "MISC"
    assert _label("Lying in the Indian subcontinent, the state borders Nepal.", "Indian subcontinent", "LOC") is None


def test_office_alone_or_at_the_end_is_no_place():
    assert _label("He served as Bishop of Durham from 1600 to 1610.", "Bishop") == "MISC"
    assert _label("She was appointed United States Ambassador to France.", "United States Ambassador") == "MISC"


def test_person_by_who_suffix_or_theory():
    assert _label("As a youth he heard the sermons of Clement, who had known the apostles.", "Clement") == "PERSON_CUE"
    assert _label("Germany, who won the cup, met Spain.", "Germany") is None
    assert _label("The engine works by Kepler's second law of areas.", "Kepler") == "PERSON_CUE"
    assert _label("Robert Smalls Jr. was a ship pilot.", "Robert Smalls Jr") == "PERSON_CUE"


def test_work_by_kind_before_and_game_is_no_place():
    assert _label("He is known for his 1748 treatise Enquiry, on human knowledge.", "Enquiry") == "WORK_CUE"
    assert _label("Early video games were Spacewar and Tennis, both simple.", "Tennis") == "WORK_CUE"
    assert _label("Poker grew from the French game Poque in the 1800s.", "Poque") == "MISC"


def test_source_cited_and_title_are_no_place():
    assert _label("The family has 40 languages according to Glottolog, a catalogue.", "Glottolog") == "MISC"
    assert _label("He wrote the History of the Polish Crown, in six volumes.", "the Polish Crown") == "MISC"
    assert _label("History of the region: Poland grew.", "Poland") is None
