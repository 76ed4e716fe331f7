"""Issue 25, round 12: a work's title whole as the text writes it, and bodies named after a person (real model)."""
from __future__ import annotations

from indexer.entities.titles import whole_titles
from tests.test_entity_resolution import facets


def test_a_title_s_head_and_its_possessive_chain_are_taken_in():
    found = facets({
        "bond": ["Sean Connery continued starring as Bond in the Eon Productions films From Russia with Love (1963), "
                 "Goldfinger (1964) and Thunderball (1965)."],
        "huck": ["Adventures of Huckleberry Finn is a picaresque novel by American author Mark Twain that was first "
                 "published in 1884."],
        "plays": ["There are six additional sonnets that Shakespeare wrote and included in the plays Romeo and Juliet, "
                  "Henry V and Love's Labour's Lost."]})
    assert ("work", "From Russia with Love") in found["bond"] and ("place", "Russia") not in found["bond"]
    assert ("work", "Adventures of Huckleberry Finn") in found["huck"]
    assert not {v for pairs in found.values() for v in pairs} & {("work", "Love"), ("work", "Huckleberry Finn")}


def test_a_title_s_head_stops_at_a_list_a_person_an_owner_or_a_sentence_s_opening_verb():
    text = ("Shem was one of the three sons of Noah in the Book of Genesis. Publishing the Book of Mormon at 24, he "
            "spoke of the rays from His Manifestation.")
    spans = [(34, 38, "PERSON", "Noah"), (42, 61, "WORK_OF_ART", "the Book of Genesis"),
             (74, 92, "WORK_OF_ART", "the Book of Mormon"), (130, 143, "WORK_OF_ART", "Manifestation")]
    assert whole_titles(text, spans) == spans
    text = "the plays Romeo and Juliet, Henry V and Love's Labour's Lost."
    got = whole_titles(text, [(28, 35, "PERSON", "Henry V"), (40, 44, "WORK_OF_ART", "Love")])
    assert got == [(28, 35, "PERSON", "Henry V"), (40, 60, "WORK_OF_ART", "Love's Labour's Lost")]


def test_a_kind_of_piece_alone_is_no_work():
    found = facets({"gershwin": ["His compositions include Rhapsody in Blue (1924) and An American in Paris (1928) "
                                 "and his Piano Concerto (1925), and the opera Porgy and Bess (1935)."]})
    assert ("work", "Piano Concerto") not in found["gershwin"]


def test_a_body_named_after_a_person_s_surname_stays_a_body():
    found = facets({"mcd": ["McDonald's Corporation is an American multinational fast food restaurant chain. It was "
                            "founded in 1940 by Richard and Maurice McDonald."]})
    assert ("org", "McDonald's Corporation") in found["mcd"]


def test_a_sentence_defining_a_cut_title_as_a_work_gives_the_whole_title_and_its_short_form():
    found = facets({
        "dwarfs": ["Snow White and the Seven Dwarfs is a 1937 American animated musical fantasy film produced by "
                   "Walt Disney."],
        "alice": ["Alice's Adventures in Wonderland is an 1865 English children's novel by Lewis Carroll."],
        "romeo": ["The Tragedy of Romeo and Juliet, often shortened to Romeo and Juliet, is a tragedy written by "
                  "William Shakespeare about the romance between two young Italians."]})
    assert ("work", "Snow White and the Seven Dwarfs") in found["dwarfs"]
    assert ("work", "Alice's Adventures in Wonderland") in found["alice"]
    assert {("work", "The Tragedy of Romeo and Juliet"), ("work", "Romeo and Juliet")} <= found["romeo"]
    assert not {v for _, v in found["romeo"]} & {"Romeo", "Juliet"}


def test_a_publication_keeps_its_article_and_a_span_over_a_sentence_s_end_is_cut():
    text = "The Times is a British daily. It is wholly owned by News Corp. The Times and The Sunday Times merged."
    got = whole_titles(text, [(4, 9, "ORG", "Times"), (52, 72, "ORG", "News Corp. The Times")])
    assert got == [(0, 9, "WORK_OF_ART", "The Times"), (52, 61, "ORG", "News Corp"), (63, 72, "ORG", "The Times")]
    found = facets({"times": [text]})
    assert ("work", "The Times") in found["times"] and ("work", "Times") not in found["times"]
    short = "The New York Times is a daily. The Times is headquartered in Manhattan."  # stands for the longer title
    assert whole_titles(short, [(35, 40, "ORG", "The New York Times")]) == [(35, 40, "ORG", "The New York Times")]


def test_a_word_spoken_of_as_a_word_and_a_character_appearing_in_works_are_no_works():
    found = facets({"money": ['Notes were issued by merchants in China. "Banknote" is often used synonymously for '
                              'paper money, not least by collectors.',
                              'The term "Neogene" was coined in 1853 by the palaeontologist Moritz Hörnes.'],
                    "dc": ["Wonder Woman is a superheroine appearing in American comic books published by DC Comics."]})
    assert not {v for _, v in found["money"]} & {"Banknote", "Neogene"}
    assert ("work", "Wonder Woman") not in found["dc"]


def test_a_genre_an_event_s_title_and_a_subtitle_are_read_from_the_words_before_them():
    text = ("Uncle Tom's Cabin; or, Life Among the Lowly is an anti-slavery novel. His plays belong to the genre of "
            "comic drama known as Old Comedy. It premiered in a concert titled \"An Experiment in Modern Music\".")
    lowly, comedy, concert = text.index("Life"), text.index("Old Comedy"), text.index("An Experiment")
    got = whole_titles(text, [(lowly, lowly + 20, "WORK_CUE", "Life Among the Lowly"),
                              (comedy, comedy + 10, "WORK_CUE", "Old Comedy"),
                              (concert, concert + 29, "WORK_CUE", "An Experiment in Modern Music")])
    assert got == [(0, 43, "WORK_CUE", "Uncle Tom's Cabin; or, Life Among the Lowly"),
                   (comedy, comedy + 10, "MISC", "Old Comedy"),
                   (concert, concert + 29, "EVENT", "An Experiment in Modern Music")]


def test_a_work_is_shown_with_its_own_article_where_its_forms_tie():
    found = facets({"kafka": ["The Metamorphosis, also translated as The Transformation, is a novella by Franz Kafka "
                              "published in 1915. One of Kafka's best-known works, The Metamorphosis tells the story "
                              "of salesman Gregor Samsa."]})
    works = {v for f, v in found["kafka"] if f == "work"}
    assert "The Metamorphosis" in works and "Metamorphosis" not in works


def test_a_name_a_title_s_head_leads_to_before_a_year_is_a_work():
    text = "His films include Close-Up (1990) and Taste of Cherry (1997). He met the Duke of Wellington (1815)."
    cherry, duke = text.index("Cherry"), text.index("Wellington")
    got = whole_titles(text, [(cherry, cherry + 6, "PERSON", "Cherry"), (duke, duke + 10, "PERSON", "Wellington")])
    assert got == [(cherry - 9, cherry + 6, "WORK_CUE", "Taste of Cherry"), (duke, duke + 10, "PERSON", "Wellington")]
