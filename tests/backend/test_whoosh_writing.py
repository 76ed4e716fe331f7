"""The Whoosh backend's indexing shortcuts give the index Whoosh's own chain would: the cached analyzer yields the
same terms at the same positions, and spelling words posted once per run still serve fuzzy terms and did-you-mean
for every batch, also after documents are replaced."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("whoosh")

from whoosh import formats  # noqa: E402
from whoosh.analysis.analyzers import CompositeAnalyzer  # noqa: E402

from indexer import SearchRequest  # noqa: E402
from indexer.backend import PassageEntry, open_backend  # noqa: E402
from indexer.backend.whoosh import analyzer, schema  # noqa: E402
from indexer.backend.whoosh.analyzer import CachedAnalyzer, CachedPositions  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "corpus"
ODD = ["assert.deepStrictEqual is a final_tidyup of the U.S. and a b c Coyoacán, ROUND-TRIP x2 3.141",
       "the of and", "", "A a assert.deepStrictEqual deepStrictEqual", "Viola (plant) is a genus. Sparta was a polis."]


def _texts() -> list[str]:
    out = list(ODD)
    for path in sorted(SEEDS.rglob("*")):
        if path.suffix in {".txt", ".md"}:
            out += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return out


def _terms(analyzer, text: str, **kw) -> list[tuple]:
    return [(t.text, t.pos if kw.get("positions") else None, t.boost) for t in analyzer(text, **kw)]


@pytest.mark.parametrize("name", ["TEXT_ANALYZER", "TITLE_ANALYZER", "LEAD_ANALYZER"])
def test_cached_analyzer_matches_the_chain(name):
    cached = getattr(schema, name)
    chain = CompositeAnalyzer(*cached.items)  # the same filters, no cache
    texts = _texts()
    assert len(texts) > 20
    for kwargs in ({"positions": True, "boosts": True, "mode": "index"}, {"no_morph": True}, {"mode": "query"},
                   {"positions": True, "chars": True}):
        for text in texts + texts:  # the second time from the cache
            assert _terms(cached, text, **kwargs) == _terms(chain, text, **kwargs), (kwargs, text[:60])


def _entry(doc_id: str, text: str, title: str = "", section: str = "") -> PassageEntry:
    return PassageEntry(f"{doc_id}#0", doc_id, title or doc_id.title(), section, text, ordinal=0, start=0, end=len(text),
                        days=[], dates=[], mentions=[], raw=[], facets={"year": []})


def _fuzzy_total(backend, word: str) -> int:
    return backend.search(SearchRequest(query=f"{word}~")).total


def test_spelling_words_of_every_batch_are_searchable(tmp_path):
    backend = open_backend("whoosh", tmp_path)
    batches = [{"a": "Ramón Mercader struck with an axe."}, {"b": "Mercader again, and the Coyoacán villa."},
               {"c": "Trotsky lived in Coyoacán; Sylvia Ageloff was there."}]
    for batch in batches:  # three commits: words met in an earlier one are not posted again
        backend.write({doc_id: [_entry(doc_id, text)] for doc_id, text in batch.items()})
    for typo in ("Mercadr", "Coyoacn", "Agelof", "Trotsly"):
        assert _fuzzy_total(backend, typo) > 0, typo
    # Replacing the document whose commit first posted "Mercader" must not lose the word at the next merges.
    backend.write({"a": [_entry("a", "A new text about the weather.")]})
    backend.write({"b": [_entry("b", "Nothing here either.")]})
    backend.write({"d": [_entry("d", "Mercader was tried in Mexico.")]}, merge=True)
    backend.index._open().optimize()  # one segment: postings of deleted documents are dropped
    for typo in ("Mercadr", "Weathr", "Agelof"):
        assert _fuzzy_total(backend, typo) > 0, typo



def test_a_merge_keeps_the_spelling_words_that_hung_on_a_deleted_document(tmp_path):
    """Whoosh hangs a commit's spelling words on its first document: replacing that document and merging lost the
    fuzzy words of the documents still there."""
    backend = open_backend("whoosh", tmp_path)
    backend.write({"a": [_entry("a", "Ramón Mercader struck with an axe.")],
                   "b": [_entry("b", "The Coyoacán villa of Sylvia Ageloff.")]})
    backend.write({"a": [_entry("a", "A new text about the weather.")]})  # the commit's first document, replaced
    backend.write({"c": [_entry("c", "Nothing here.")]})
    backend.merge()
    backend.index.writer().commit(optimize=True)  # one segment: every deleted document's postings dropped
    assert len(backend.index.searcher()[0].reader().leaf_readers()) == 1
    for typo in ("Coyoacn", "Agelof", "Weathr"):
        assert _fuzzy_total(backend, typo) > 0, typo


def test_the_text_title_and_lead_analyzers_of_every_index_share_one_word_cache(tmp_path):
    """The text, title and lead fields (one filter chain) of every index a process opens use one cache of analysed
    words. (Before, the text's, title's and lead's analyzers had a cache each: a word was run through the chain once
    per field, and held once per field.)"""
    before = len(analyzer._SHARED)
    for name in ("one", "two"):
        backend = open_backend("whoosh", tmp_path / name)
        for n in range(3):
            backend.write({f"d{n}": [_entry(f"d{n}", f"Mercader {n} in the Coyoacán villa.", title=f"Villa {n}",
                                            section="Mexico")]})
        assert backend.search(SearchRequest(query="villa")).total == 3
    assert len(analyzer._SHARED) - before <= 1


def _postings(backend) -> dict:
    """Every (field, term) of the index with its postings (document, weight, encoded positions)."""
    out = {}
    with backend.index._open().reader() as reader:
        for field, term in reader.all_terms():
            out[(field, term)] = _walk(reader.postings(field, term))
    return out


def _walk(m) -> list[tuple]:
    found = []
    while m.is_active():
        found.append((m.id(), m.weight(), m.value()))
        m.next()
    return found


def test_cached_indexing_writes_what_the_chain_writes(tmp_path, monkeypatch):
    texts = [t for t in _texts() if t.strip()]
    docs = {f"d{n}": [_entry(f"d{n}", text, title=texts[-n - 1][:80], section=texts[n // 2][:60])]
            for n, text in enumerate(texts)}
    fast = open_backend("whoosh", tmp_path / "fast")
    fast.write(docs)
    # The same passages through Whoosh's own code: its Positions format and the uncached filter chain.
    monkeypatch.setattr(CachedPositions, "word_values", formats.Positions.word_values)
    monkeypatch.setattr(CachedAnalyzer, "__call__", CompositeAnalyzer.__call__)
    plain = open_backend("whoosh", tmp_path / "plain")
    plain.write(docs)
    got, want = _postings(fast), _postings(plain)
    assert len(want) > 500 and any(field == "spell_text" for field, _ in want)
    assert got == want


def _segments_terminfos(backend):
    """Every term info of every segment, as the segment's own codec reads it."""
    with backend.index._open().reader() as reader:
        for sub, _ in reader.leaf_readers():
            for (field, term) in sub.all_terms():
                yield sub.term_info(field, term)


def test_single_postings_kept_in_the_term_table_read_as_whoosh_wrote_them(tmp_path, monkeypatch):
    """The inlining codec gives the postings, hits and highlights of Whoosh's own W3 codec, across batches,
    replacements and merges (facet values of one passage are terms without values: a merge rewrites them)."""
    from whoosh.codec import whoosh3

    from indexer.backend.whoosh import index as whoosh_index

    texts = [t for t in _texts() if t.strip()]
    batches = [{f"d{n}": [_entry(f"d{n}", text)] for n, text in enumerate(texts) if n % 3 == k} for k in range(3)]
    for batch in batches:
        for n, (doc_id, entries) in enumerate(batch.items()):
            entries[0].facets["year"] = [str(1900 + n)]  # each year in one passage: one posting, no value

    def build(folder: Path):
        backend = open_backend("whoosh", folder)
        for batch in batches:
            backend.write(batch, merge=False)
        backend.write({"d1": [_entry("d1", "Replaced: the weather in Coyoacán.")]}, merge=False)
        return backend

    inlined = build(tmp_path / "inlined")
    monkeypatch.setattr(whoosh_index, "Codec", whoosh3.W3Codec)
    plain = build(tmp_path / "plain")
    assert any(t.is_inlined() for t in _segments_terminfos(inlined))
    with inlined.index._open().reader() as reader:  # a compound matcher's copy keeps the term and its statistics
        sub = reader.leaf_readers()[0][0]
        term = next(t for f, t in sub.all_terms() if f == "text" and sub.term_info(f, t).is_inlined())
        m = sub.postings("text", term)
        assert type(m).__name__ == "InlinedPostings"
        assert (m.copy().term(), m.copy().block_max_length()) == (m.term(), m.block_max_length()) != (None, None)
    assert not any(t.is_inlined() for t in _segments_terminfos(plain))
    queries = ["Coyoacán", '"ice axe"', "Mercadr~", "Trotsky AND villa", "year:1901", "weather", "deepStrictEqual"]

    def answers(backend):
        found = []
        for q in queries:
            result = backend.search(SearchRequest(query=q))
            found.append((q, result.total, [(h.passage_id, round(h.score, 6), h.snippet) for h in result.hits]))
        return found

    assert answers(inlined) == answers(plain)
    assert _postings(inlined) == _postings(plain)
    # One segment each, through the backend's writer: every inlined term read back and written again by a merge.
    plain.index.writer().commit(optimize=True)
    monkeypatch.undo()
    inlined.index.writer().commit(optimize=True)
    assert _postings(inlined) == _postings(plain)
    assert answers(inlined) == answers(plain)
    assert any(t.is_inlined() for t in _segments_terminfos(inlined))
