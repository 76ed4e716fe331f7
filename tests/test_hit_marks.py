"""Marks only where the match is (issue 26), through the real Flask app: a quoted phrase marks the phrase, never its
words alone; a typed word marks its own forms, not every word its stem joins ("relativity" is not "related"); the
Infobox's hits are marked in its table and counted with the rest; grouped by document, a document is shown by its
best prose passage, not its "See also" list."""
from __future__ import annotations

import json
import re

import pytest

from indexer import Settings
from web import create_app

from .conftest import SHARED_DATA

WIKI_DOC = "002_e41d2cd84ffb8d9f.txt"
SUMMARIES = SHARED_DATA / "wiki-vital-summaries.jsonl"
# Summaries naming the Roman Empire beside the Byzantine Empire or the Roman Republic, and those on relativity
# beside a few that say "related" or "relation" (the index stems all of these to `relat`).
PICKED = {"wiki/roman-empire", "wiki/byzantine-architecture", "wiki/gladiator", "wiki/carolingian-empire",
          "wiki/gothic-war-535-554", "wiki/history-of-italy", "wiki/general-relativity",
          "wiki/theory-of-relativity", "wiki/equivalence-principle", "wiki/hendrik-lorentz", "wiki/ernst-mach"}
_MARK = re.compile(r'<mark class="hit[^"]*">(.*?)</mark>', re.S)


def marked(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m).lower() for m in _MARK.findall(page)]


@pytest.fixture(scope="module")
def wiki(tmp_path_factory, light_model):
    """The app over a dozen wiki summaries (entities do not matter here: the light pipeline)."""
    if not SUMMARIES.exists():
        pytest.skip("../shared/data/wiki-vital-summaries.jsonl is not beside this clone")
    folder = tmp_path_factory.mktemp("wiki-marks")
    records = [line for line in SUMMARIES.open(encoding="utf-8") if json.loads(line)["id"] in PICKED]
    assert len(records) == len(PICKED)
    (folder / "wiki.jsonl").write_text("".join(records), encoding="utf-8")
    app = create_app(Settings(index_dir=folder / "data", corpus_dir=folder, secret_key="t", model=light_model))
    assert app.extensions["sleuth"].index_paths([folder / "wiki.jsonl"]).count("added") == len(PICKED)
    return app.test_client()


def test_a_quoted_phrase_marks_only_the_phrase(wiki, client):
    page = wiki.get('/search?q="Roman Empire"&per_page=50').get_data(as_text=True)
    phrase = re.compile(r'<mark class="hit">Roman</mark> <mark class="hit">Empires?</mark>', re.I)
    assert len(phrase.findall(page)) >= 5
    alone = phrase.sub("", page)
    assert marked(alone) == []  # not "Byzantine Empire", not "Roman Republic"
    assert "Byzantine Empire" in page and "Roman Republic" in page
    seeds = client.get('/search?q="ice axe"&per_page=50').get_data(as_text=True)
    assert "the <mark" not in seeds  # "The adze of the axe wounded Trotsky": not the phrase
    assert set(marked(seeds)) == {"ice", "axe"} and marked(seeds).count("ice") == marked(seeds).count("axe")


def test_a_word_marks_its_own_forms_not_every_word_of_its_stem(wiki, client):
    page = wiki.get("/search?q=relativity&per_page=50").get_data(as_text=True)
    assert re.search(r"\b(related|relation|relates)\b", re.sub(r"<[^>]+>", "", page))  # found: the stem is shared
    words = set(marked(page))
    assert "relativity" in words and not words & {"related", "relation", "relates", "relative", "relatives"}, words
    # What the stems join and the user meant is still marked: another ending, accents, near spellings.
    assert "assassination" in marked(client.get("/search?q=assassinated").get_data(as_text=True))
    assert {"coyoacan", "coyoacán"} <= set(marked(client.get("/search?q=Coyoacan").get_data(as_text=True)))
    assert "trotsky" in marked(client.get("/search?q=Trotsly~").get_data(as_text=True))


def test_the_infobox_hit_is_marked_in_its_table_and_counted(client):
    page = client.get(f"/doc/{WIKI_DOC}?q=Mercader").get_data(as_text=True)
    table = re.search(r'<section class="metadata".*?</section>', page, re.S).group(0)
    assert re.search(r'<dt>Assailant</dt><dd>.*<mark class="hit">Mercader</mark>', table)
    shown = int(re.search(r"<strong>(\d+)</strong> hits? for", page).group(1))
    assert shown == len(_MARK.findall(page)) and "(1 of them in the Infobox)" in page


def test_grouped_by_document_a_document_is_shown_by_its_best_prose_passage(client):
    page = client.get("/search?q=Trotsky&group_by=document").get_data(as_text=True)
    page = re.search(r'<ol class="hit-list grouped".*?</ol>', page, re.S).group(0)
    assert "Assassination of Leon Trotsky" in page
    assert "Revolutionary" not in page and "Joshua Rubenstein" not in page  # the "See also" list
    assert "survived a raid on his villa" in page  # the 24 May 1940 raid: the best passage that is prose
