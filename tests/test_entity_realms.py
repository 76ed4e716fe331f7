"""Places the model tags as something else: a ruler's realm, a name before a place's head, a list of towns."""
from indexer.entities.mentions import refine


def _labels(text, tagged):
    found = []
    for name, label in tagged:
        start = text.index(name)
        found.append((start, start + len(name), label, name))
    return {m[3]: m[2] for m in refine(text, found)}


def test_the_realm_of_a_ruler_s_title_is_a_place():
    text = ("Henry IV was Holy Roman Emperor (1084–1105), King of Germany (1054–1105), and King of Italy and "
            "Burgundy (1056–1105). He was also the prince of Lutsk (1387–1389).")
    got = _labels(text, [("King of Germany", "GPE"), ("King of Italy", "ORG"), ("Burgundy", "PERSON"),
                         ("Lutsk", "ORG")])
    assert got["Germany"] == got["Italy"] == got["Burgundy"] == got["Lutsk"] == "GPE"


def test_a_peer_s_title_and_a_people_s_king_are_no_realm():
    text = "Robert Walpole, 1st Earl of Orford, read of Hrothgar, the king of the Danes."
    got = _labels(text, [("Orford", "ORG"), ("Danes", "ORG")])
    assert got["Orford"] == got["Danes"] == "ORG"


def test_a_name_before_a_place_s_head_is_a_place_and_a_demonym_is_not():
    text = ("Manaus is near the confluence of the Negro and Amazon rivers. Transnistria lies across the Dniester "
            "river. The family came from the Mugello region, not the Brazilian region. Reds range from pink.")
    got = _labels(text, [("Negro", "ORG"), ("Dniester", "ORG"), ("Mugello", "ORG"), ("Brazilian", "NORP"),
                         ("Reds", "ORG")])
    assert got["Negro River"] == got["Dniester"] == got["Mugello"] == "GPE"
    assert got["Brazilian"] == "NORP" and got["Reds"] != "GPE"


def test_a_list_of_one_word_towns_in_a_sentence_about_places_is_places_but_not_a_list_of_tongues():
    text = ("The city has grown together with Neuss, Krefeld, Hilden, Langenfeld and Ratingen. "
            "English is the language of the city administration, while Bemba, Tonga and Chichewa are spoken.")
    got = _labels(text, [("Neuss", "PERSON"), ("Krefeld", "PERSON"), ("Hilden", "GPE"), ("Langenfeld", "GPE"),
                         ("Ratingen", "ORG"), ("Bemba", "ORG"), ("Tonga", "GPE"), ("Chichewa", "GPE")])
    assert got["Neuss"] == got["Krefeld"] == got["Ratingen"] == "GPE"
    assert got["Bemba"] != "GPE"


def test_king_of_kings_names_no_realm():
    text = "Darius the Great was the third King of Kings of the Achaemenid Empire."
    assert _labels(text, [("Kings", "ORG")])["Kings"] == "ORG"


def test_a_one_word_organisation_nothing_shows_that_the_model_also_calls_a_place_is_a_place():
    from collections import Counter
    from indexer.entities.votes import shown, vote
    assert vote(Counter({"org": 9, "place": 1}), shown(Counter(), "Constantinople")) == "place"
    assert vote(Counter({"org": 18, "place": 7, "": 2}), shown(Counter(), "Germanic")) == "org"  # a MISC vote too
    assert vote(Counter({"org": 3, "place": 1}), shown(Counter(), "Swahili")) == "org"  # a language's name
    assert vote(Counter({"org": 7, "place": 1}), shown(Counter(), "UNESCO")) == "org"  # an acronym
