"""Issue 25, round 19: names of other kinds in the place facet. Festivals and holidays, peoples named in the plural,
events named by their head word. Sentences of our own, like the failures, not the judged ones; places alike stay."""
from __future__ import annotations

from collections import Counter

from indexer.entities import unperson
from indexer.entities.canon import Canon
from indexer.entities.mentions import refine
from tests.test_entity_resolution import facets

_PLACES = ("GPE", "LOC", "FAC", "GPE_LONE", "GPE_DEFINED")


def _label(text: str, name: str, label: str = "GPE") -> str:
    start = text.index(name)
    return next(m[2] for m in refine(text, [(start, start + len(name), label, name)]) if m[0] == start)


def test_a_festival_by_its_definition_or_its_kind_beside_it_is_no_place():
    assert _label("Navroz is the first of the three great festivals in Zoroastrianism.", "Navroz") not in _PLACES
    assert _label("Holi is the second of the two main festivals in Hinduism, alongside Diwali.", "Diwali") \
        not in _PLACES
    assert _label("Tihar, or Swanti in Newar, is a major Nepali holiday.", "Swanti") not in _PLACES
    assert _label("The comedy was first staged at Anthesteria festival in classical Athens.", "Anthesteria") \
        not in _PLACES
    assert _label("The plays were staged at the festivals of the Thargelia and later in Rome.", "Thargelia") \
        not in _PLACES
    text = "He is honoured at several festivals: birth on Ram Navami, and return to Ayodhya on Holi, marked by lights."
    assert _label(text, "Holi") not in _PLACES and _label(text, "Ayodhya") in _PLACES
    assert _label("Onam is celebrated during the month of Chingam.", "Onam") not in _PLACES


def test_places_beside_festivals_stay_places():
    assert _label("The plays were performed at the religious festivals of Athens.", "Athens") in _PLACES
    assert _label("It is one of the big film festivals, alongside Venice and Berlin.", "Venice") in _PLACES
    assert _label("Hangzhou is celebrated for its lakes and its tea.", "Hangzhou") in _PLACES


def test_a_person_tagged_festival_defined_so_is_no_person():
    text = "Holi is the second of the two main festivals in Hinduism."
    assert unperson.relabel(text, (0, 4, "PERSON", "Holi"))[2] == "MISC"
    assert unperson.relabel("Holi is the second of the two main poets in Hinduism.", (0, 4, "PERSON", "Holi")) is None


def test_a_people_in_the_plural_by_the_words_before_or_its_definition_is_a_group():
    assert _label("The region saw civilizations such as the Toltecs, Mixtecs and Zapotecs.", "Toltecs") == "NORP"
    assert _label("Uzbek is a Turkic language spoken in Central Asia by the Uzbeks.", "Uzbeks") == "NORP"
    assert _label("The dialect is spoken by many ethnic Uzbeks in Russia.", "Uzbeks") == "NORP"
    assert _label("Two cadet branches of the Capetians ruled France.", "Capetians") == "NORP"
    assert _label("The Toltecs or Toltec were an early major Mesoamerican civilization.", "Toltecs") == "NORP"
    assert _label("The Whites and Neris were factions in the cities of Tuscany.", "Neris") == "NORP"


def test_places_in_the_plural_stay_places():
    assert _label("The King of the Netherlands opened the dam.", "Netherlands") in _PLACES
    assert _label("The Tagalogs are spoken of in the Philippines.", "Philippines") in _PLACES
    assert _label("The Andes are a mountain range in South America.", "Andes", "LOC") in _PLACES


def test_an_event_s_head_makes_an_event_with_the_real_model():
    found = facets({"x": ["London was rebuilt after the Great Fire in 1666 by Wren."]})
    assert ("event", "Great Fire") in found["x"] and ("place", "Great Fire") not in found["x"]


def test_a_plural_place_whose_singular_is_a_people_named_more_often_is_the_group():
    canon = Canon.build(Counter({("Uzbeks", "GPE"): 1, ("Uzbek", "NORP"): 9,
                                 ("Philippines", "GPE"): 40, ("Philippine", "NORP"): 8,
                                 ("Neotropics", "GPE"): 1, ("Neotropic", "NORP"): 2}))
    assert canon.resolve("Uzbeks", "GPE") == ("group", "Uzbek")
    assert canon.resolve("Philippines", "GPE") == ("place", "Philippines")
    assert canon.resolve("Neotropics", "GPE") == ("place", "Neotropics")  # not named twice as often as a people
