"""A body named by common words alone, read as its passage's country's when the collection sees several."""
from collections import Counter

from indexer.entities.canon import Canon
from indexer.entities.mentions import refine


def _resolve(passages):
    refined = [refine(text, ents) for text, ents in passages]
    canon = Canon.build(Counter((m[3], m[2]) for spans in refined for m in spans))
    return [[canon.resolve(m[3], m[2]) for m in spans if "Party" in m[3] or "Museum" in m[3]] for spans in refined]


def _passage(country, body="the Liberal Party"):
    text = f"He was a president of {country}. A member of {body}, he held many offices."
    start = text.index(body)
    return text, [(text.index(country), text.index(country) + len(country), "GPE", country),
                  (start, start + len(body), "ORG", body)]


def test_a_generic_body_of_several_countries_names_its_country():
    got = _resolve([_passage("Mexico"), _passage("the United Kingdom")])
    assert got == [[("org", "Liberal Party (Mexico)")], [("org", "Liberal Party (United Kingdom)")]]


def test_a_generic_body_of_one_country_stays_plain():
    got = _resolve([_passage("the United Kingdom", "the Labour Party"), _passage("the United Kingdom", "the Labour Party")])
    assert got == [[("org", "Labour Party")], [("org", "Labour Party")]]


def test_a_named_body_and_a_party_of_a_country_are_left_alone():
    got = _resolve([_passage("Mexico", "the Museum of Modern Art"), _passage("Austria", "the Museum of Modern Art"),
                    _passage("Germany", "the Social Democratic Party of Germany")])
    assert got == [[("org", "Museum of Modern Art")], [("org", "Museum of Modern Art")],
                   [("org", "Social Democratic Party of Germany")]]


def test_a_country_named_after_of_in_a_realm_s_name():
    def passage(realm, label):
        text = f"He served {realm} under its Council of State."
        return text, [(text.index(realm), text.index(realm) + len(realm), label, realm),
                      (text.index("Council"), text.index("Council") + 16, "ORG", "Council of State")]
    refined = [refine(*passage("the Commonwealth of England", "ORG")),
               refine(*passage("the Democratic Republic of the Congo", "GPE"))]
    assert [m[3] for spans in refined for m in spans if "Council" in m[3]] == ["Council of State (England)",
                                                                                "Council of State (Congo)"]
