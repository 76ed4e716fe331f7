"""A query verb's other forms ("wrote" → written, write): the stemmer joins regular forms ("invented", "invents")
but not irregular ones, so "who wrote the communist manifesto" missed the article saying "written by".

The forms come from LemmInflect's English tables (MIT): the word's verb lemmas and their inflections.
"""
from __future__ import annotations

import functools

MAX_FORMS = 3
# Endings of the words that may share a form's stem: "range" is stemmed "rang", as ring's "rang" is.
_ENDINGS = ("", "e", "s", "es", "ed", "ing", "er", "ers", "y", "ies")


def _lemminflect():
    # Imported here, not at the top: lemminflect imports spaCy to hook into it (a second or more, and memory),
    # which a process that only indexes (unchanged files need no spaCy at all) must not pay; a server pays it once.
    import lemminflect

    return lemminflect


@functools.lru_cache(maxsize=4096)
def forms(word: str) -> tuple[tuple[str, str], ...]:
    """The other inflections of `word` read as a verb, each with its lemma (none when it is no verb form, or a form
    of be, have or do: grammar, not the deed asked about), lower case."""
    low = word.lower()
    if not low.isalpha():
        return ()
    lemmas = _lemminflect().getAllLemmas(low)
    if "AUX" in lemmas:
        return ()
    out: list[tuple[str, str]] = []
    for lemma in lemmas.get("VERB", ()):
        for group in _lemminflect().getAllInflections(lemma, upos="VERB").values():
            out.extend((f, lemma) for f in group if f != low and (f, lemma) not in out)
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def stands_for_another_word(stem: str, lemma: str, analyse) -> bool:
    """True when the stem of one of `lemma`'s irregular forms is also another word's: ring's "rang" is the stem of
    "range", so searching it for "ring" found every mountain range. (The regular forms share the lemma's own stem,
    which the query word's stem already stands for: "sing" for "sang" is kept, though "singe" shares it.)"""
    if analyse(lemma) == [stem]:
        return False
    for ending in _ENDINGS:
        word = stem + ending
        found = _lemminflect().getAllLemmas(word)
        if found and analyse(word) == [stem] and not any(lemma in lemmas for lemmas in found.values()):
            return True
    return False
