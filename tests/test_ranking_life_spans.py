"""A life span in a description is the described one's (issue 26): "French painter (1840–1926)" asks for Claude
Monet, whose summary does not give his years; Water Lilies gives them after his name ("by French Impressionist
Claude Monet (1840–1926)") and ranked first on them, the query's rarest words. "Composer in Carnatic Classical Music
(1767-1847)" put Muthuswami Dikshitar ("alongside Tyagaraja (1767–1847)") before Tyagaraja. Years given after the
passage's own name still count ("Omar Khayyam (1048–1131) was a Persian poet"). Real Whoosh index of wiki summaries
(the articles the 10k index ranks first for these queries), real spaCy model.
"""
from __future__ import annotations

from indexer.backend.whoosh import lifespan

from .wiki_sample import documents as _docs, wiki_fixture

PICKED = {f"wiki/{slug}" for slug in (
    "water-lilies-monet-series", "claude-monet", "douard-manet", "jacques-louis-david", "gustave-courbet",
    "muthuswami-dikshitar", "tyagaraja", "syama-sastri", "hindustani-classical-music", "indian-classical-music",
    "omar-khayyam", "rudaki", "ferdowsi", "saadi-shirazi", "hafez",
)}

wiki = wiki_fixture(PICKED)


def test_a_life_span_given_after_another_name_does_not_rank_a_passage_first(wiki):
    painters = _docs(wiki.search("French painter (1840–1926)"))
    assert painters.index("wiki/claude-monet") < painters.index("wiki/water-lilies-monet-series")
    assert _docs(wiki.search("Composer in Carnatic Classical Music (1767-1847)"))[0] == "wiki/tyagaraja"
    assert _docs(wiki.search("Persian poet (1048–1131)"))[0] == "wiki/omar-khayyam"  # its own years still count


def test_whose_years_a_passage_gives():
    years = lifespan.years("Indian musician (1762 – 1827)")
    assert years == {"1762", "1827"}
    assert lifespan.years("American filmmaker (born 1946)") == {"1946"}
    assert lifespan.years("Emperor of China from 581 to 604") == set()
    assert lifespan.others("alongside Tyagaraja (1767–1847), and Syama Sastri (1762–1827).", "Muthuswami Dikshitar",
                           years) == years
    assert lifespan.others("Anglo-Spanish War (1762–1763), and others", "Seven Years' War", years) == {"1762"}
    assert lifespan.others("Oscar-Claude Monet (1840–1926) was a French painter", "Claude Monet", {"1840"}) == set()
    assert lifespan.others("born in 1762; Syama Sastri (1762–1827)", "Someone Else", years) == {"1827"}
    lenin = "Vladimir Ilyich Ulyanov (1870–1924), better known as Lenin, was a Russian revolutionary."
    assert lifespan.others(lenin, "Vladimir Lenin", {"1870", "1924"}) == set()  # the first sentence's subject
