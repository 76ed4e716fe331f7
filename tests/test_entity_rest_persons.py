"""Issue 25, round 21: persons and organisations of the facets' rest (values below the top 100). Examples of their
own, shaped like the failures of a draw of main's rest: the spans as the model gives them in the wiki summaries."""
from __future__ import annotations

from indexer.entities.evidence import PERSONS
from indexer.entities.mentions import refine


def _at(text: str, name: str, label: str, after: int = 0) -> tuple[int, int, str, str]:
    start = text.index(name, after)
    return (start, start + len(name), label, name)


def test_a_subject_defined_by_a_kind_of_person_before_a_body_s_word_is_a_person():
    # "… was a Roman author, naturalist … and army commander": "army" names no body the subject is.
    text = "Marcus Tullius Varro, known as Varro the Elder, was a Roman scholar, poet, and navy commander of the Republic."
    assert refine(text, [_at(text, "Marcus Tullius Varro", "ORG")])[0][2] in PERSONS
    text = "Ramon Gutierrez Luna was a Mexican poet and a scholar of the Escuela school of philosophy."
    assert refine(text, [_at(text, "Ramon Gutierrez Luna", "ORG")])[0][2] in PERSONS
    # A body's word heading the first phrase keeps the organisation ("a 23-member…", "a British rock band").
    text = "The Nordic Research Council is a 12-member international organisation devoted to polar science."
    assert refine(text, [_at(text, "The Nordic Research Council", "ORG")])[0][2] not in PERSONS
    text = "The Quiet Lanterns were a British rock band, formed by singer Tom Hale in 1971."
    assert refine(text, [_at(text, "The Quiet Lanterns", "ORG")])[0][2] not in PERSONS


def test_a_one_word_name_before_a_noun_of_science_is_no_mention():
    # "the Galois groups" (GPE), "the Zeeman effect" (NORP), "the Magellan expedition" (ORG), "Markov processes".
    text = ("The Kowalski groups of a field and the Dunmore effect were studied first. The Harcourt expedition "
            "reached the pole. Petrov processes are memoryless.")
    spans = [_at(text, "Kowalski", "GPE"), _at(text, "Dunmore", "NORP"), _at(text, "Harcourt", "ORG"),
             _at(text, "Petrov", "PERSON")]
    assert not [m for m in refine(text, spans) if m[2] != "DATE"]
    # A possessive, a people's adjective before "groups" or a people before "expedition" keeps the mention.
    text = "Darwin's theory changed biology. Major Celtic groups included the Gauls. The British expedition failed."
    spans = [_at(text, "Darwin", "PERSON"), _at(text, "Celtic", "NORP"), _at(text, "British", "NORP")]
    assert {m[3] for m in refine(text, spans)} >= {"Darwin", "Celtic", "British"}


def test_the_subject_s_other_names_take_the_subject_s_kind():
    # An island's other name tagged PERSON, a university's tagged PERSON, a person's tagged ORG.
    text = "Weddell Island, also known as Mount Ruthven Land or Isla Grande, is the largest landmass of the group."
    spans = refine(text, [_at(text, "Weddell Island", "GPE"), _at(text, "Mount Ruthven Land", "PERSON"),
                          _at(text, "Isla Grande", "GPE")])
    assert [m[2] for m in spans if m[3] == "Mount Ruthven Land"] == ["GPE"]
    text = "The Polytechnic University of Turin, also known as La Politecnica, is a public research university in Turin."
    spans = refine(text, [_at(text, "The Polytechnic University of Turin", "ORG"), _at(text, "La Politecnica", "PERSON"),
                          _at(text, "Turin", "GPE", 60)])
    assert [m[2] for m in spans if m[3] == "La Politecnica"] == ["ORG_CUE"]
    text = "Aurelio Marco Danti, better known in English as Danton the Elder, was a Roman playwright and poet."
    spans = refine(text, [_at(text, "Aurelio Marco Danti", "PERSON"), _at(text, "Danton the Elder", "ORG")])
    assert [m[2] for m in spans if m[3] == "Danton the Elder"] == ["PERSON"]
    # A list item holding more than the name, or a subject only the model called a person, passes nothing on.
    text = "Wepwawet, also known as Upuaut in Ancient Egyptian, is the god of war."
    spans = refine(text, [_at(text, "Wepwawet", "PERSON"), _at(text, "Ancient Egyptian", "NORP")])
    assert [m[2] for m in spans if m[3] == "Ancient Egyptian"] == ["NORP"]
    text = "The Ak Tuyun, also known as the White Horse Clans, were a Turkic tribal confederation."
    spans = refine(text, [_at(text, "The Ak Tuyun", "PERSON"), _at(text, "the White Horse Clans", "ORG")])
    assert [m[2] for m in spans if m[3] == "the White Horse Clans"] == ["ORG"]


def test_other_names_pass_on_no_place_from_an_event_the_model_called_a_place():
    from indexer.entities.akas import other_names
    text = "The Vendel Rebellion, also known as the Harvest Movement or Corn War, was an uprising of farmers."
    spans = [_at(text, "The Vendel Rebellion", "GPE"), _at(text, "the Harvest Movement", "ORG")]
    assert other_names(text, spans) == spans
    text = text.replace("Rebellion", "Uplands").replace("an uprising of farmers", "a hilly region")
    spans = [_at(text, "The Vendel Uplands", "GPE"), _at(text, "the Harvest Movement", "ORG")]
    assert [m[2] for m in other_names(text, spans)] == ["GPE", "GPE"]
    # Every item of a longer list takes the subject's kind, not only the first.
    text = "Tor Island, also known as Big Tor, Tor Land, and Zemlja Tora, is the largest landmass of the group."
    spans = refine(text, [_at(text, "Tor Island", "GPE"), _at(text, "Zemlja Tora", "PERSON")])
    assert [m[2] for m in spans if m[3] == "Zemlja Tora"] == ["GPE"]


def test_names_listed_after_a_plural_kind_of_work_are_works():
    # "his books Astronomia nova, Harmonice Mundi, and …", "the novels Robinson Crusoe (1719), Moll Flanders (1722)".
    text = "She is best known for the novels Harriet Vane (1931), Lord Peter Quince (1934) and The Nine Bells."
    spans = refine(text, [_at(text, "Harriet Vane", "PERSON"), _at(text, "Lord Peter Quince", "PERSON")])
    assert {m[3]: m[2] for m in spans} == {"Harriet Vane": "WORK_CUE", "Lord Peter Quince": "WORK_CUE"}
    text = "His best-known orchestral compositions—Noche Andaluza, the Volga Overture, and a suite—are played often."
    assert refine(text, [_at(text, "Noche Andaluza", "PERSON")])[0][2] == "WORK_CUE"
    # A comma after the kind opens no list, and a possessive is a person's.
    text = "In his stories, Holmes solves crimes. Works such as Erik Eriksen's stages of development are cited."
    spans = refine(text, [_at(text, "Holmes", "PERSON"), _at(text, "Erik Eriksen's", "PERSON")])
    assert all(m[2] == "PERSON" for m in spans)


def test_a_first_name_written_alone_more_often_than_its_full_name_stands_for_no_one_else():
    from collections import Counter
    from indexer.entities.canon import Canon
    bible = Counter({("Adam", "PERSON"): 5, ("Eve", "PERSON"): 5})
    smith = Counter({("Adam Smith", "PERSON"): 3, ("Adam Mickiewicz", "PERSON"): 1})
    canon = Canon.build(bible + smith)
    assert canon.resolve("Adam", "PERSON", canon.context(bible)) != ("person", "Adam Smith")
    # Written alone no more often than the full name, it is the full name's ("Leonardo", "Leonardo da Vinci").
    painter = Counter({("Leonardo", "PERSON"): 3, ("Leonardo da Vinci", "PERSON"): 4, ("Leonardo Bruni", "PERSON"): 1})
    canon = Canon.build(painter)
    assert canon.resolve("Leonardo", "PERSON", canon.context(Counter({("Leonardo", "PERSON"): 1}))) \
        == ("person", "Leonardo da Vinci")


def test_a_title_the_model_cut_short_in_a_list_of_works_is_left_as_it_was():
    text = "He is best known for the novels Treasure Cove (1883), Strange Case of Dr Jekyll, and Kidnapped Twice."
    spans = refine(text, [_at(text, "Strange Case", "PERSON")])
    assert spans[0][2] == "PERSON"
    text = "Works in this vein include the ballets Spring Hills, Billy the Kid and Rodeo, and a fanfare."
    assert refine(text, [_at(text, "Billy the Kid and Rodeo", "PERSON")])[0][2] == "PERSON"


def test_a_building_s_or_a_landform_s_last_word_makes_a_place_of_a_person_or_an_organisation():
    from indexer.entities.names import shape_facet
    assert shape_facet("Puerto Rico Trench", "person") == "place"
    assert shape_facet("Lowell Observatory", "person") == "place"
    assert shape_facet("Tabo Monastery", "org") == "place"
    # An observatory, a tower or an abbey can be an institution; a surname can end like a landform.
    assert shape_facet("Lowell Observatory", "org") is None and shape_facet("Lee de Forest", "person") is None
