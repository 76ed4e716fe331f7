"""An acronym in capitals weighs in the ranking as one word, as its lowercase spelling does (issue 26).

Since schema 8 a word of capitals in a text ("BC") is indexed twice, as "bc" and as "BC", and a query word in
capitals is searched as indexed. The re-rank counted it twice (its lowercase twin too), so "… 1200 BC to 600 AD"
weighed BC and AD double against the query's other words and ranked otherwise than "… 1200 bc to 600 ad".
Real Whoosh index of wiki summaries (the articles the 10k index ranked near Ancient Greece), real spaCy model.
"""
from __future__ import annotations

from .wiki_sample import documents as _docs, wiki_fixture

PICKED = {f"wiki/{slug}" for slug in (
    "ancient-greece", "ancient-greek-architecture", "classical-antiquity", "olmecs", "draco-legislator",
    "history-of-egypt", "ancient-mesopotamian-religion", "mycenaean-greece", "history-of-the-middle-east",
    "kingdom-of-armenia-antiquity", "byzantine-empire", "hellenistic-period",
)}


wiki = wiki_fixture(PICKED)


def test_an_acronym_in_capitals_ranks_as_in_lower_case(wiki):
    upper = _docs(wiki.search("Greek civilization from 1200 BC to 600 AD"))
    lower = _docs(wiki.search("Greek civilization from 1200 bc to 600 ad"))
    assert "wiki/ancient-greece" in lower
    assert upper == lower
