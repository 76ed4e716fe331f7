"""Issue 25, works: titles cut at a possessive, a subtitle, a dated author's title or a foreign title's rest taken
whole; a span run over a list cut at its comma; a by-line's author no work (real model where the NER matters)."""
from __future__ import annotations

from indexer.entities.titles import whole_titles
from tests.test_entity_resolution import facets


def _span(text: str, words: str, label: str) -> tuple[int, int, str, str]:
    start = text.index(words)
    return (start, start + len(words), label, words)


def test_an_opening_possessive_of_a_defined_work_is_part_of_its_title():
    found = facets({"tales": ["Andersen's Fairy Tales, first printed in Danish as Eventyr, is a Danish collection of "
                              "fairy tales by Hans Christian Andersen."]})
    assert ("work", "Andersen's Fairy Tales") in found["tales"] and ("work", "Fairy Tales") not in found["tales"]


def test_a_subtitle_between_commas_before_the_short_form_is_part_of_the_title():
    found = facets({"play": ["The Tragedy of Coriolanus, General of Rome, often shortened to Coriolanus, is a tragedy "
                             "by William Shakespeare."]})
    assert ("work", "The Tragedy of Coriolanus, General of Rome") in found["play"]
    assert ("work", "The Tragedy of Coriolanus") not in found["play"]


def test_the_author_in_a_by_line_is_no_work():
    found = facets({"travels": ["The Travels, first titled A Voyage into Remote Lands. In Two Parts. By Samuel "
                                "Pickwick, First a Clerk, and then a Captain of Several Ships, is a 1730 satirical "
                                "novel by the Irish writer Thomas Blake."]})
    assert ("person", "Samuel Pickwick") in found["travels"] and ("work", "Samuel Pickwick") not in found["travels"]


def test_an_author_s_dated_title_takes_in_the_head_the_model_called_a_person():
    text = "She translated William Whewell's History of the Inductive Sciences (1837) into German."
    spans = [_span(text, "William Whewell's", "PERSON"), _span(text, "History", "PERSON"),
             _span(text, "the Inductive Sciences", "WORK_CUE")]
    got = whole_titles(text, spans)
    assert got == [spans[0], _span(text, "History of the Inductive Sciences", "WORK_CUE")]
    # no possessive before it: a person "of" a dated work stays apart
    text = "The report by Carl Bernstein of the Washington Post (1972) named him."
    spans = [_span(text, "Carl Bernstein", "PERSON"), _span(text, "the Washington Post", "WORK_CUE")]
    assert whole_titles(text, spans) == spans


def test_a_sentence_case_title_goes_on_over_its_own_conjunction():
    text = "as told by Lope de Vega in his 1613 play La dama boba y el castigo del necio. It was staged in Madrid."
    spans = [_span(text, "Lope de Vega", "PERSON"), _span(text, "La dama boba", "WORK_CUE")]
    assert whole_titles(text, spans)[1] == _span(text, "La dama boba y el castigo del necio", "WORK_CUE")
    # an English title is followed by the sentence, not by its rest
    text = "the play Death of a Salesman and the novel The Grapes of Wrath were banned."
    spans = [_span(text, "Death of a Salesman", "WORK_CUE"), _span(text, "The Grapes of Wrath", "WORK_CUE")]
    assert whole_titles(text, spans) == spans


def test_a_work_span_run_over_a_list_is_cut_at_its_first_comma():
    text = "his works are the ballet The Wooden Prince, Dance Suite for Orchestra, and the Cantata Profana."
    got = whole_titles(text, [_span(text, "The Wooden Prince, Dance Suite for Orchestra", "WORK_CUE")])
    assert got == [_span(text, "The Wooden Prince", "WORK_CUE"), _span(text, "Dance Suite for Orchestra", "WORK_CUE")]
    text = "other major cities including Lahore, Multan, and Sialkot."
    got = whole_titles(text, [_span(text, "Lahore, Multan", "WORK_OF_ART")])
    assert got == []  # one-word pieces are left to the collection's names
    text = "Uncle Tom's Cabin; or, Life Among the Lowly is an anti-slavery novel."
    spans = [_span(text, "Uncle Tom's Cabin; or, Life Among the Lowly", "WORK_CUE")]
    assert whole_titles(text, spans) == spans


def test_a_name_after_a_kind_of_work_and_before_its_possessive_s_noun_starts_the_title():
    text = "He wrote the novel Crusoe's Travels (1720) and the opera Bluebeard's Wives."
    spans = [_span(text, "Crusoe", "ORG"), _span(text, "Travels", "WORK_CUE"), _span(text, "Bluebeard", "PERSON")]
    assert whole_titles(text, spans) == [_span(text, "Crusoe's Travels", "WORK_CUE"),
                                         _span(text, "Bluebeard's Wives", "WORK_CUE")]
    text = "He wrote the opera Bluebeard's Castle."  # a place's head would make the title a place: left as it was
    spans = [_span(text, "Bluebeard", "ORG")]
    assert whole_titles(text, spans) == spans
    text = "He admired Shakespeare's Hamlet."  # an author's possessive, no kind before it
    spans = [_span(text, "Shakespeare", "PERSON"), _span(text, "Hamlet", "WORK_CUE")]
    assert whole_titles(text, spans) == spans
