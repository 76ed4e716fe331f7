"""Issue 25, round 21: places the model cut at the wrong word (a kind's head left off, a thing's noun left on, an
abbreviation's full stop taken for the name's end)."""
from __future__ import annotations

from indexer.entities import nlp
from indexer.entities.mentions import refine
from indexer.entities.placecuts import place_cuts

_NLP = None


def _at(text: str, name: str, label: str = "GPE") -> tuple[int, int, str, str]:
    at = text.index(name)
    return (at, at + len(name), label, name)


def _refined(text: str) -> list[tuple[str, str]]:
    global _NLP
    _NLP = _NLP or nlp.load()
    return [(m[3], m[2]) for m in refine(text, nlp.find_entities(_NLP, [text])[0])]


def test_a_list_followed_by_a_plural_head_names_each_place_with_the_head():
    text = "The plain is watered by the Pan, Lin, and Hou rivers, and crossed by Barrow and Cole counties."
    spans = [_at(text, n) for n in ("Pan", "Lin", "Hou", "Barrow", "Cole")]
    got = place_cuts(text, spans)
    assert [m[3] for m in got] == ["Pan River", "Lin River", "Hou River", "Barrow County", "Cole County"]
    assert [m[:2] for m in got] == [m[:2] for m in spans]  # the spans stay on the names' words


def test_a_province_s_bare_name_is_its_usual_name_and_stays():
    text = "The basin drains most of Hunan, Jiangxi and Anhui provinces."
    assert [m[3] for m in place_cuts(text, [_at(text, "Jiangxi")])] == ["Jiangxi"]


def test_a_place_made_a_thing_by_the_noun_after_it_is_no_place():
    text = "The island was home to the flightless Marova solitaire, now extinct."
    assert place_cuts(text, [_at(text, "Marova")]) == []


def test_a_place_before_its_kind_a_plural_a_verb_or_an_adjective_stays():
    for text, name in [("Barges sail up the Rhine valley.", "Rhine"), ("The largest Texas cities grew.", "Texas"),
                       ("They fled to the Paris suburbs.", "Paris"), ("The Congo flows west.", "Congo"),
                       ("The fleet saw Russia abolish its monarchy.", "Russia"),
                       ("The daughter of a Georgia plantation owner.", "Georgia"),
                       ("She captains the Brazil national team.", "Brazil"),
                       ("The funds went to the U.S. government.", "U.S.")]:
        span = _at(text, name)
        assert place_cuts(text, [span]) == [span], text


def test_a_place_cut_at_an_abbreviation_s_full_stop_goes_on_over_the_name():
    text = "Mount St.\u00a0Helens is a volcano. The fort stood near Ft. Worth."
    got = place_cuts(text, [_at(text, "Mount St.", "LOC"), _at(text, "Helens", "PERSON"), _at(text, "Ft", "GPE")])
    assert [(m[3], m[2]) for m in got] == [("Mount St. Helens", "LOC"), ("Ft. Worth", "GPE")]


def test_the_model_s_places_in_a_list_of_rivers_take_the_head():
    got = _refined("The town lies where the Gan, Xin, and Xiu rivers meet, east of Nanchang.")
    assert ("Xin River", "GPE") in got or ("Xin River", "LOC") in got, got
    assert not any(v == "Xin" for v, _ in got)
