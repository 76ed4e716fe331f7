"""Entity extraction in worker processes gives what the in-process pipeline gives, in order."""
from __future__ import annotations

import multiprocessing

from indexer import nlp
from indexer.mentions import refine

TEXTS = ["Leon Trotsky was attacked in Coyoacán on 20 August 1940.", "", "Ramón Mercader used an ice axe.",
         "Leon Trotsky was attacked in Coyoacán on 20 August 1940.", "Stalin ordered it from Moscow."] * 3


def test_workers_find_the_same_entities_in_the_same_order():
    with nlp.entity_stream(TEXTS, n_process=1, batch_size=2) as found:
        alone = list(found)
    seen: list[tuple[int, int]] = []
    with nlp.entity_stream(TEXTS, n_process=2, batch_size=2, progress=lambda d, t: seen.append((d, t))) as found:
        parallel = list(found)
    assert parallel == alone and len(alone) == len(TEXTS)
    assert ("Leon Trotsky", "PERSON") in {(m.text, m.label) for m in alone[0]}
    assert alone[1] == [] and alone[3] == alone[0]
    assert seen[-1] == (len(TEXTS), len(TEXTS)) and len(seen) == len(TEXTS) // 2 + 1


def test_leaving_early_stops_the_workers():
    with nlp.entity_stream(TEXTS * 50, n_process=2, batch_size=4) as found:
        next(found)
    assert not multiprocessing.active_children()


def _found(text: str) -> set[tuple[str, str]]:
    """(text, label) of what the real model and the rules find in one passage."""
    with nlp.entity_stream([text], n_process=1) as found:
        return {(m.text, m.label) for m in next(found)}


def test_a_quoted_nickname_stays_inside_the_name():
    found = _found('Trotsky\'s 14-year-old grandson, Vsevolod Platonovich "Esteban" Volkov (7 March 1926 – 16 June '
                   '2023), was shot in the foot.')
    assert ('Vsevolod Platonovich "Esteban" Volkov', "PERSON") in found
    assert not {("Vsevolod Platonovich", "PERSON"), ("Volkov", "PERSON")} & found


def test_bibliography_lines_give_whole_names_and_titles():
    found = _found('- Don Levine, Isaac. "The Mind of an Assassin"\n'
                   '- Volkogonov, Dmitri. "Trotsky, the Eternal Revolutionary"\n'
                   "- Leon Trotsky: A Revolutionary's Life by Joshua Rubenstein (2011)")
    assert {("Don Levine, Isaac", "PERSON"), ("Volkogonov, Dmitri", "PERSON"),
            ("Trotsky, the Eternal Revolutionary", "WORK_CUE"),
            ("Leon Trotsky: A Revolutionary's Life", "WORK_CUE")} <= found
    assert not {("Isaac", "PERSON"), ("Dmitri", "PERSON"), ("the Eternal Revolutionary", "ORG"),
                ("Revolutionary's Life", "ORG")} & found


def test_a_year_range_tagged_cardinal_is_a_date():
    found = _found("- The Prophet: The Life of Leon Trotsky by Isaac Deutscher (1954–1963)")
    assert ("1954–1963", "DATE") in found and not any(label == "CARDINAL" for _, label in found)


def test_bc_belongs_to_the_date_and_is_no_organisation():
    with nlp.entity_stream(["The temple was built c. 1479 BC by the pharaoh."], n_process=1) as found:
        spans = next(found)
    assert not any(m.text == "BC" for m in spans)
    assert all(m.text.endswith("BC") for m in spans if m.label == "DATE")


def _at(text: str, word: str, label: str = "DATE") -> tuple[int, int, str, str]:
    start = text.index(word)
    return (start, start + len(word), label, word)


def test_code_numbers_are_not_years_on_technical_text():
    # Issue 15 item 8: "1024" and "1234" became years.
    text = "Set the buffer size to 1024 bytes and listen on port 1234."
    assert refine(text, [_at(text, "1024"), _at(text, "1234")]) == []
    prose = "He was crowned in 1024 at Aachen."
    assert refine(prose, [_at(prose, "1024")]) == [_at(prose, "1024")]


def test_a_person_after_the_or_in_is_not_a_person():
    found = _found("Neil Armstrong walked on the Moon. Coffee grows in Java.")
    assert ("Neil Armstrong", "PERSON") in found
    assert not {("Moon", "PERSON"), ("Java", "PERSON")} & found


def test_an_eponym_is_not_a_person():
    text = "The Fourier series and the Markov chain are named after Joseph Fourier and Andrey Markov."
    spans = refine(text, [_at(text, "Fourier", "PERSON"), _at(text, "Markov", "PERSON"),
                          _at(text, "Joseph Fourier", "PERSON")])
    assert [(m[3], m[2]) for m in spans] == [("Fourier", "MISC"), ("Markov", "MISC"), ("Joseph Fourier", "PERSON")]


def test_a_definition_calling_it_a_city_outweighs_the_person_label():
    from collections import Counter

    from indexer.entities import Canon

    text = "Ibadan is the capital and most populous city of Oyo State. Plato is the author of the Republic."
    spans = refine(text, [_at(text, "Ibadan", "PERSON"), _at(text, "Plato", "PERSON")])
    assert [(m[3], m[2]) for m in spans] == [("Ibadan", "GPE_DEFINED"), ("Plato", "PERSON")]
    canon = Canon.build(Counter({("Ibadan", "GPE_DEFINED"): 1, ("Ibadan", "PERSON"): 6}))
    assert canon.resolve("Ibadan", "PERSON") == ("place", "Ibadan")
