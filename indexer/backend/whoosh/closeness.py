"""How closely the query's words stand in a passage: the smallest window of its text holding each of them."""
from __future__ import annotations


def closeness(positions: dict[str, list[int]]) -> float:
    """(k − 1) / span of the smallest window holding all k words: 1.0 when they stand side by side."""
    events = sorted((p, w) for w, ps in positions.items() for p in ps)
    need = len(positions)
    count: dict[str, int] = {}
    best = None
    lo = 0
    for hi, (pos, w) in enumerate(events):
        count[w] = count.get(w, 0) + 1
        while len(count) == need:
            span = pos - events[lo][0]
            best = span if best is None or span < best else best
            lw = events[lo][1]
            count[lw] -= 1
            if not count[lw]:
                del count[lw]
            lo += 1
    return (need - 1) / best if best else 0.0
