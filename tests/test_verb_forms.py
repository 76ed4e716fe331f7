"""A query verb's other forms count as it ("wrote": written), but not an irregular form whose stem is another word's:
ring's "rang" is the stem of "range", and "ring" found every mountain range. (The index holds stems only, so "rang"
itself is not found by "ring" either: the lesser loss.)"""
from __future__ import annotations

from indexer import Settings, Sleuth

TEXTS = {
    "bells.txt": "Bells\n\nThe church bell rings at noon, and the town hears it.\n",
    "alps.txt": "Alps\n\nThe mountain range runs north of the valley, and the town lies below it.\n",
    "letters.txt": "Letters\n\nThe letters were written by the mayor to the town council.\n",
}


def _titles(sleuth: Sleuth, query: str) -> set[str]:
    return {hit.title for hit in sleuth.search(query).hits}


def test_a_verb_form_that_is_another_words_stem_is_not_searched(tmp_path, light_model):
    folder = tmp_path / "notes"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    sleuth = Sleuth(Settings(index_dir=tmp_path / "index", corpus_dir=folder, model=light_model))
    sleuth.index_paths([folder])
    assert _titles(sleuth, "ring") == {"Bells"}  # not "range" (stemmed "rang", as ring's "rang" is)
    assert _titles(sleuth, "who wrote to the town council") >= {"Letters"}  # "written" still counts as "wrote"
