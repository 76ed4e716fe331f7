"""A one-word place value that is the surname of a confident full-name person of the collection.

The small model tags a famous surname as a place in a list of persons ("Beethoven, Brahms, Mozart, Schubert, Liszt,
Tchaikovsky, and Schumann" [GPE]) or after "of" ("the influences of Tchaikovsky"), while the collection names the
person in full elsewhere ("Pyotr Ilyich Tchaikovsky"). A place named after a person keeps its own weight: "Washington"
is a place in 21 mentions, "George Washington" is named 4 times. So the word is that person's where
- the person is confident: its full name and the bare word as a person named at least _CONFIDENT times together;
- no other full name shares the surname much ("Victoria": Queen Victoria and Tomás Luis de Victoria; "Rogers");
- the place votes the text shows (not `lone.LONE_PLACE`, a place its passage gives no sign of) are no more than the
  person's mentions, and no passage defines the word as a place ("Donetsk, formerly known as … Stalin");
- the word is no one's first name in the collection ("Ferdinand": which Ferdinand?).
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable

from .names import is_territory
from .lists import DEFINED_PLACE
from .lone import LONE_PLACE
from .votes import LONE

_RIVALS = 2  # the top full name must be named this many times the other full names sharing the surname
_CONFIDENT = 3


def surname_person(key: str, votes: Counter, labels: Counter, fulls: Iterable[str], size: Callable[[str], int],
                   display: str) -> str | None:
    """The full-name person key a one-word place value `key` stands for, or None. `votes`: its facet votes;
    `labels`: its mentions by label (empty for a first name of the collection's persons); `fulls`: the full-name
    person keys with `key` for surname; `size`: a key's mentions."""
    ranked = sorted(fulls, key=lambda k: (-size(k), k))
    if not labels or labels[DEFINED_PLACE] or not ranked or ranked[0].rsplit(" ", 1)[-1] != key \
            or is_territory(display):
        return None  # "King Louis VII" has no surname "Louis"; a country's name is the country's
    top, rest = size(ranked[0]), sum(size(k) for k in ranked[1:])
    person = votes["person"] + top
    if top < _RIVALS * rest or person < _CONFIDENT:
        return None
    return ranked[0] if votes["place"] - LONE * labels[LONE_PLACE] <= person else None
