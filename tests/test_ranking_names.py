"""Ranking, round 2 (issue 26), on a small real index of wiki summaries: the article named like the query first,
acronyms kept, the asked kind of answer preferred, ordinals not counted as the bare superlative, the article about a
phrase before a lesser one that says it. Real spaCy model (who/where/when read the entities), real Whoosh index.

The summaries are picked at test time from the shared wiki data: each example's article and the articles today's
main ranked above it on the 10k index.
"""
from __future__ import annotations

import pytest

from .wiki_sample import documents as _docs, wiki_fixture

PICKED = {f"wiki/{slug}" for slug in (
    "a-midsummer-night-s-dream", "agaricus", "alexander-fleming", "alexander-graham-bell", "amazon-river",
    "ancient-rome", "french-revolution", "antoine-lavoisier", "battle-of-the-atlantic", "byzantine-architecture",
    "byzantine-empire",
    "ceres-dwarf-planet", "chennai", "coimbatore", "madurai", "tamil-nadu",
    "summa-theologica", "thomas-aquinas", "thomism",
    "claude-shannon", "congo-river", "congress-of-vienna", "consanguinity",
    "declaration-of-the-rights-of-man-and-of-the-citizen", "eastern-front-world-war-ii", "erwin-rommel",
    "fall-of-the-western-roman-empire", "fran-ois-mitterrand", "french-invasion-of-russia", "friedrich-engels",
    "georges-danton", "georgy-zhukov", "hamlet", "hans-christian-rsted", "horatio-nelson-1st-viscount-nelson",
    "information-technology", "java-programming-language", "john-f-kennedy", "july-revolution", "jupiter",
    "karl-marx", "lee-de-forest", "lena-river", "liberty-leading-the-people", "lyndon-b-johnson", "macbeth",
    "marathon", "marco-polo", "marie-antoinette", "mark-antony", "marxism-leninism", "mercury-planet", "mobile-phone",
    "musician", "napoleon", "napoleonic-code", "napoleonic-wars", "neptune", "niger-river", "nile", "oligarchy",
    "government", "theocracy", "othello",
    "pablo-neruda", "parthian-empire", "patent", "penicillin", "pharmacy", "post-world-war-ii-economic-expansion",
    "psychoanalysis", "richard-nixon", "roman-empire", "satan", "saturn", "shakespeare-s-sonnets", "silk-road",
    "soldier", "tashkent", "telecommunications", "telephone", "the-communist-manifesto", "the-tempest",
    "theodore-roosevelt", "triton-moon", "united-states", "vladimir-mayakovsky", "werner-heisenberg",
    "western-imperialism-in-asia", "western-roman-empire", "william-shakespeare", "woodrow-wilson",
    "world-health-organization", "world-war-ii", "yangtze",
)}


wiki = wiki_fixture(PICKED)


@pytest.mark.parametrize("query, article", [
    ("Roman Empire", "wiki/roman-empire"), ("World War II", "wiki/world-war-ii"),
    ("French Revolution", "wiki/french-revolution"), ("Napoleon", "wiki/napoleon"),
])
def test_the_article_named_like_the_query_comes_first(wiki, query, article):
    assert _docs(wiki.search(query))[0] == article


def test_a_name_and_a_word_find_the_named_article_near_the_top(wiki):
    assert "wiki/william-shakespeare" in _docs(wiki.search("Shakespeare plays"))[:5]


@pytest.mark.parametrize("query", ["US", "IT", "C++"])
def test_an_acronym_in_capitals_is_searched(wiki, query):
    result = wiki.search(query)
    assert result.total > 0 and not result.message


@pytest.mark.parametrize("query, article", [
    ("WHO", "wiki/world-health-organization"), ("IT", "wiki/information-technology"),
    ("C++", "wiki/java-programming-language"),
])
def test_an_acronym_finds_what_it_stands_for(wiki, query, article):
    assert article in _docs(wiki.search(query))[:3]


def test_who_in_lower_case_is_still_a_question_word():
    from indexer.backend.whoosh import natural
    assert natural.content_words("who discovered penicillin")[0] == ["discov", "penicillin"]
    assert natural.content_words("WHO")[0] == ["who", "WHO"]


def test_who_prefers_the_article_about_a_person(wiki):
    assert _docs(wiki.search("who discovered penicillin?"))[0] == "wiki/alexander-fleming"
    docs = _docs(wiki.search("who invented the telephone"))
    assert docs.index("wiki/alexander-graham-bell") < docs.index("wiki/mobile-phone")


def test_wrote_is_joined_to_written(wiki):
    # Vladimir Mayakovsky "wrote" three times; The Communist Manifesto was "written by Karl Marx and Friedrich Engels".
    docs = _docs(wiki.search("who wrote the communist manifesto"))
    assert docs.index("wiki/the-communist-manifesto") < docs.index("wiki/vladimir-mayakovsky")


def test_an_ordinal_superlative_is_not_the_superlative(wiki):
    docs = _docs(wiki.search("longest river in the world"))
    assert docs.index("wiki/nile") < docs.index("wiki/yangtze")  # Yangtze: "the third-longest river in the world"
    docs = _docs(wiki.search("largest planet"))
    assert docs.index("wiki/jupiter") < docs.index("wiki/neptune")  # Neptune: "the fourth-largest planet"


def test_the_article_about_a_phrase_before_one_that_says_it(wiki):
    assert _docs(wiki.search("silk road trade routes"))[0] == "wiki/silk-road"


@pytest.mark.parametrize("query, article, named", [
    ("Capital of Tamil Nadu, India", "wiki/chennai", "wiki/tamil-nadu"),
    ("Theological treatise by Thomas Aquinas", "wiki/summa-theologica", "wiki/thomas-aquinas"),
])
def test_a_title_after_a_preposition_qualifies_what_is_asked_for(wiki, query, article, named):
    # What a description asks for is named before its first preposition or comma; a title after it ("of Tamil
    # Nadu") says where or what the answer belongs to, and is no title match.
    docs = _docs(wiki.search(query))
    assert docs.index(article) < docs.index(named)


def test_a_title_named_after_a_preposition_is_not_what_is_asked_for(wiki):
    # "Form of government …" asks for a form (Oligarchy); the article on Government, whose title is only in the
    # qualifier, comes after it.
    docs = _docs(wiki.search("Form of government with small ruling class"))
    assert docs.index("wiki/oligarchy") < docs.index("wiki/government")
