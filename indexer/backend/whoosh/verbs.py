"""A query verb's other forms ("wrote" → written, write): the stemmer joins regular forms ("invented", "invents")
but not irregular ones, so "who wrote the communist manifesto" missed the article saying "written by".

The forms come from LemmInflect's English tables (MIT): the word's verb lemmas and their inflections.
"""
from __future__ import annotations

import functools

MAX_FORMS = 3


@functools.lru_cache(maxsize=4096)
def forms(word: str) -> tuple[str, ...]:
    """The other inflections of `word` read as a verb (none when it is no verb form), lower case."""
    low = word.lower()
    if not low.isalpha():
        return ()
    # Imported here, not at the top: lemminflect imports spaCy to hook into it (a second or more, and memory),
    # which a process that only indexes (unchanged files need no spaCy at all) must not pay; a server pays it once.
    import lemminflect

    out: list[str] = []
    for lemma in lemminflect.getAllLemmas(low, upos="VERB").get("VERB", ()):
        for group in lemminflect.getAllInflections(lemma, upos="VERB").values():
            out.extend(f for f in group if f != low and f not in out)
    return tuple(out)
