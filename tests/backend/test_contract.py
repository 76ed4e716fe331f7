"""The contract every search backend keeps: the same passages in, the same hits, facets, highlights, dates and
deletes out. Parametrised over every backend installed (indexer/backend/*), each on a real index on disk.

Passages are written as the pipeline writes them (`PassageEntry`), so no NER runs here: what is tested is the
backend, not the model.
"""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

from indexer import SearchRequest
from indexer.backend import Backend, PassageEntry, available, open_backend

AXE = "Ramón Mercader struck Leon Trotsky with an ice axe in Coyoacán on 20 August 1940."
PICK = "Trotsky was killed in Coyoacan with an ice pick, said the newspapers of 1940."
LATER = "In 1962 the city named a street after the exile."


def entry(doc_id: str, ordinal: int, text: str, people=(), places=(), days=(), dates=(), years=(),
          mentions=()) -> PassageEntry:
    facets = {k: list(v) for k, v in (("person", people), ("place", places)) if v}
    facets["year"] = list(years)
    return PassageEntry(f"{doc_id}#{ordinal}", doc_id, doc_id.title(), "", text, ordinal=ordinal, start=0,
                        end=len(text), days=list(days), dates=list(dates), mentions=list(mentions),
                        raw=[], facets=facets)


DOCS = {
    "wiki": [
        entry("wiki", 0, AXE, people=["Ramón Mercader", "Leon Trotsky"], places=["Coyoacán"],
              days=[19400820], dates=["1940-08-20"], years=["1940"],
              mentions=[(0, 14, "person", "Ramón Mercader", "Ramón Mercader"),
                        (23, 35, "person", "Leon Trotsky", "Leon Trotsky")]),
        entry("wiki", 1, LATER, days=[19620101, 19621231], dates=["1962"], years=["1962"]),
    ],
    "crime": [
        entry("crime", 0, PICK, people=["Leon Trotsky"], places=["Coyoacán"], days=[19400101, 19401231],
              dates=["1940"], years=["1940"]),
    ],
}


@pytest.fixture(scope="module", params=available())
def backend(request, tmp_path_factory):
    """A backend holding DOCS (read-only for the tests that use it)."""
    if request.param == "opensearch":
        request.getfixturevalue("opensearch_url")  # a real node (tests/backend/conftest.py)
    b = open_backend(request.param, tmp_path_factory.mktemp(f"backend-{request.param}"))
    b.write(DOCS)
    return b


@pytest.fixture(params=available())
def empty(request, tmp_path):
    """A backend with nothing in it, for tests that write."""
    if request.param == "opensearch":
        request.getfixturevalue("opensearch_url")
    return open_backend(request.param, tmp_path / "ix")


def ids(result) -> set[str]:
    return {h.passage_id for h in result.hits}


def test_it_implements_the_whole_protocol(backend):
    assert isinstance(backend, Backend)


def test_words_find_their_passages_with_the_words_marked(backend):
    result = backend.search(SearchRequest.of("ice axe"))
    assert result.hits[0].passage_id == "wiki#0" and not result.refused
    assert '<mark class="hit">axe</mark>' in result.hits[0].snippet
    assert result.hits[0].entities["person"] == ["Ramón Mercader", "Leon Trotsky"]
    assert ids(backend.search(SearchRequest.of('"ice pick"'))) == {"crime#0"}
    assert backend.search(SearchRequest.of("zeppelin")).total == 0


def test_accents_and_stems_meet(backend):
    assert ids(backend.search(SearchRequest.of("coyoacan"))) == {"wiki#0", "crime#0"}
    assert "crime#0" in ids(backend.search(SearchRequest.of("kill")))


ROME = ("The Roman Empire followed the Roman Republic; the Byzantine Empire outlived it. Relativity is related to "
        "the relation of motion, and Caesar was assassinated: his assassination was planned.")


def test_marks_only_where_the_match_is(empty):
    empty.write({"rome": [entry("rome", 0, ROME)]})

    def marked(query: str) -> list[str]:
        snippet = empty.search(SearchRequest.of(query)).hits[0].snippet
        html = empty.marked_passages("rome", query)[0].html
        words = re.findall(r'<mark class="hit">(.*?)</mark>', snippet)
        assert words == re.findall(r'<mark class="hit">(.*?)</mark>', html), query  # the page marks the same
        return words

    assert marked('"Roman Empire"') == ["Roman", "Empire"]  # not the Republic's Roman, not the Byzantine Empire
    assert marked("relativity") == ["Relativity"]  # not "related", "relation": the same stem, other words
    assert marked("assassinated") == ["assassinated", "assassination"]


def test_facets_count_passages_over_all_hits(backend):
    result = backend.search(SearchRequest.of("", per_page=1))
    assert result.total == 3 and len(result.hits) == 1 and result.documents == 2
    people = {v.value: v.count for v in result.facets["person"]}
    assert people == {"Leon Trotsky": 2, "Ramón Mercader": 1}
    assert {v.value: v.count for v in result.facets["doc_id"]} == {"wiki": 2, "crime": 1}


def test_filters_and_exclusions(backend):
    assert ids(backend.search(SearchRequest.of(filters={"person": ["Ramón Mercader"]}))) == {"wiki#0"}
    assert ids(backend.search(SearchRequest.of("trotsky", exclude={"doc_id": ["wiki"]}))) == {"crime#0"}
    assert ids(backend.search(SearchRequest.of(filters={"doc_id": ["wiki"]}))) == {"wiki#0", "wiki#1"}


def test_every_hit_is_the_pages_put_together_and_sorts_by_year(backend):
    paged = [h.passage_id for n in (1, 2, 3) for h in backend.search(SearchRequest.of("", page=n, per_page=1)).hits]
    every = backend.every_hit(SearchRequest.of("", per_page=1)).hits
    assert len(every) == 3 and [h.passage_id for h in every[0:3]] == paged
    assert [h.passage_id for h in every[1:2]] == paged[1:2]
    oldest = backend.search(SearchRequest.of("", sort="oldest")).hits
    assert [h.passage_id for h in oldest] == ["wiki#0", "crime#0", "wiki#1"]  # 1940, 1940 (reading order), 1962
    newest = backend.every_hit(SearchRequest.of("trotsky", sort="newest")).hits
    assert [h.passage_id for h in newest[0:2]] == ["wiki#0", "crime#0"]


def test_within_keeps_any_of_the_documents_and_passages_given(backend):
    """`SearchRequest.within`: what `tag:` is turned into (a tag's documents and passages), with the other filters."""
    within = SearchRequest.of("trotsky")
    assert ids(backend.search(replace(within, within=(("doc_id", "crime"), ("passage_id", "wiki#0"))))) == {
        "crime#0", "wiki#0"}
    assert ids(backend.search(replace(SearchRequest.of(), within=(("doc_id", "wiki"),)))) == {"wiki#0", "wiki#1"}
    assert backend.search(replace(within, within=())).total == 0
    tagged = replace(SearchRequest.of(filters={"person": ["Leon Trotsky"]}), within=(("doc_id", "wiki"),))
    assert ids(backend.search(tagged)) == {"wiki#0"}
    assert [(v.value, v.count) for v in backend.facet_lists(tagged, ["place"])["place"]] == [("Coyoacán", 1)]


def test_date_ranges_match_mentioned_days(backend):
    assert ids(backend.search(SearchRequest.of(date_from="1940", date_to="1940"))) == {"wiki#0", "crime#0"}
    # A mention is its first and last day: "1940" is not within August 1940.
    assert ids(backend.search(SearchRequest.of(date_from="1940-08", date_to="1940-08"))) == {"wiki#0"}
    assert ids(backend.search(SearchRequest.of(date_from="1950"))) == {"wiki#1"}
    refused = backend.search(SearchRequest.of("trotsky", date_from="someday"))
    assert refused.refused and "not a date" in refused.message and not refused.hits


def test_timeline_counts(backend):
    everything = SearchRequest.of()
    assert backend.year_spans(everything, [(1930, 1949), (1950, 1969)]) == [2, 1]
    assert backend.date_spans(everything, [("1940-08-20", "1940-08-20"), ("1963", "1970")]) == [1, 0]
    assert backend.date_counts(everything, 100)["1940-08-20"] == 1


def test_facet_lists_over_a_search_and_the_whole_index(backend):
    found = backend.facet_lists(SearchRequest.of("pick"), ["person", "place"])
    assert [(v.value, v.count) for v in found["person"]] == [("Leon Trotsky", 1)]
    assert [v.value for v in backend.facet_lists(None, ["person"], contains="ramon")["person"]] == ["Ramón Mercader"]
    assert [v.value for v in backend.facet_lists(None, ["year"])["year"]] == ["1940", "1962"]


def test_facet_values_matched_as_search_folds_them(backend):
    for typed in ("Ramón Mercader", "ramon mercader", "RAMÒN MERCADER", "Ramon  Mercader"):
        assert backend.match_values("person", typed) == (["Ramón Mercader"], []), typed
    assert backend.match_values("place", "coyoacan") == (["Coyoacán"], [])
    assert backend.match_values("person", "Mercader Ramon") == ([], ["Ramón Mercader"])
    assert backend.match_values("person", "Trotsky Mercader", near=1) == ([], ["Leon Trotsky"])  # more passages
    assert backend.match_values("person", "Nobody Atall") == ([], [])


def test_a_document_comes_back_whole_and_marked(backend):
    stored = backend.passages("wiki")
    assert sorted(p.ordinal for p in stored) == [0, 1] and {p.text for p in stored} == {AXE, LATER}
    first = next(p for p in stored if p.ordinal == 0)
    assert first.facets["person"] == ["Ramón Mercader", "Leon Trotsky"] and first.dates == ["1940-08-20"]
    marked = backend.marked_passages("wiki", "axe")
    assert [p.ordinal for p in marked] == [0, 1] and marked[0].hit_count == 1 and marked[1].hit_count == 0
    assert 'data-name="Leon Trotsky"' in marked[0].html and '<mark class="hit">axe</mark>' in marked[0].html
    assert [m.name for m in backend.mentions("wiki#0")] == ["Ramón Mercader", "Leon Trotsky"]
    assert backend.stats()["passages"] == 3


def test_writing_a_document_again_replaces_it_whole(empty):
    empty.write(DOCS)
    empty.write({"wiki": [entry("wiki", 0, "A new text about the garden wall.", people=["Natalia Sedova"])]})
    assert empty.search(SearchRequest.of("axe")).total == 0
    assert ids(empty.search(SearchRequest.of("garden"))) == {"wiki#0"}
    people = {v.value for v in empty.search(SearchRequest.of()).facets["person"]}
    assert people == {"Natalia Sedova", "Leon Trotsky"}


def test_deleted_documents_leave_no_hits_or_facets(empty):
    empty.write(DOCS)
    empty.delete(["wiki"])
    result = empty.search(SearchRequest.of())
    assert ids(result) == {"crime#0"} and {v.value for v in result.facets["person"]} == {"Leon Trotsky"}
    assert empty.passages("wiki") == [] and empty.facet_lists(None, ["year"])["year"][0].value == "1940"


def test_commits_are_on_disk_and_wipe_empties(empty, tmp_path):
    empty.write(DOCS)
    name = type(empty).__module__.rsplit(".", 1)[-1]
    again = open_backend(name, tmp_path / "ix")  # another process would open it like this
    assert again.search(SearchRequest.of("axe")).total == 1
    again.wipe()
    assert open_backend(name, tmp_path / "ix").search(SearchRequest.of()).total == 0


def test_query_syntax_and_its_refusals(backend):
    assert ids(backend.search(SearchRequest.of("trotsky NOT pick"))) == {"wiki#0"}
    assert ids(backend.search(SearchRequest.of("(axe OR pick) AND coyoacan"))) == {"wiki#0", "crime#0"}
    assert ids(backend.search(SearchRequest.of("person:mercader"))) == {"wiki#0"}
    assert ids(backend.search(SearchRequest.of("year:1962"))) == {"wiki#1"}
    assert ids(backend.search(SearchRequest.of("Trotsly~"))) == {"wiki#0", "crime#0"}
    assert ids(backend.search(SearchRequest.of("ice *"))) == {"wiki#0", "crime#0"}
    unclosed = backend.search(SearchRequest.of("(axe OR pick"))
    assert ids(unclosed) == {"wiki#0", "crime#0"} and "never closed" in unclosed.message
    for query, says in (("start:3", "is not a field you can search"), ("?x", "starts with a wildcard"),
                        ("a~ b~ c~ d~ e~", "the limit is 4"), ("the", "only very common words")):
        refused = backend.search(SearchRequest.of(query))
        assert refused.refused and says in refused.message and not refused.hits, query


def test_a_rebuild_is_swapped_in_whole_and_a_failed_one_leaves_the_old_index(empty, tmp_path):
    empty.write(DOCS)
    with pytest.raises(RuntimeError):
        with empty.rebuilt() as fresh:
            fresh.write({"crime": DOCS["crime"]})
            assert empty.search(SearchRequest.of("axe")).total == 1  # searches read the old index meanwhile
            raise RuntimeError("the rebuild failed half-way")
    assert empty.search(SearchRequest.of("axe")).total == 1 and empty.search(SearchRequest.of()).total == 3
    with empty.rebuilt() as fresh:
        fresh.write({"crime": DOCS["crime"]})
    assert empty.search(SearchRequest.of("axe")).total == 0 and empty.search(SearchRequest.of("pick")).total == 1
    name = type(empty).__module__.rsplit(".", 1)[-1]
    assert open_backend(name, tmp_path / "ix").search(SearchRequest.of()).total == 1  # on disk, for other processes
    empty.write({"wiki": DOCS["wiki"]})  # the swapped-in index takes writes
    assert empty.search(SearchRequest.of()).total == 3


def test_an_emails_sender_recipients_and_thread_are_searched_and_kept(empty):
    mail = {"reply": [replace(entry("reply", 0, "Barry wrote back about the lyrics."),
                              headers={"from": "Barry Warsaw barry@python.org", "to": "Dingus Lovers c@d.com",
                                       "thread": "<1.root@python.org>"})],
            "wiki": DOCS["wiki"]}
    empty.write(mail)
    for query, found in (("from:warsaw", {"reply#0"}), ("from:BARRY@python.org", {"reply#0"}),
                         ('to:"dingus lovers"', {"reply#0"}), ("to:warsaw", set()), ("from:trotsky", set()),
                         ('thread:"<1.root@python.org>"', {"reply#0"}), ("from:barry lyrics", {"reply#0"})):
        assert ids(empty.search(SearchRequest.of(query))) == found, query
    assert empty.passages("reply")[0].headers == mail["reply"][0].headers  # kept: a facet rewrite writes them again
    assert empty.passages("wiki")[0].headers == {}
