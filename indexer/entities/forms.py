"""The written forms merged into one canonical entity, for its page."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from .canon import Canon


def surface_forms(canon: Canon, facet: str, display: str, docs: Iterable[Counter] = ()) -> Counter:
    """Every written form merged into one canonical entity, with mention counts; `docs` (mention counts of the
    documents naming it) adds the forms only their context resolves ("Mercader" beside "Ramón Mercader")."""
    out: Counter = Counter()
    for (surface, label), n in canon.counts.items():
        if canon.resolve(surface, label) == (facet, display):
            out[" ".join(surface.split())] += n
    for counts in docs:
        ctx = canon.context(counts)
        for (surface, label), n in counts.items():
            if canon.resolve(surface, label) != (facet, display) == canon.resolve(surface, label, ctx):
                out[" ".join(surface.split())] += n
    return out
