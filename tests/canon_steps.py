"""One check for the canonical names built document by document: each step's answers are those of a full build."""
from __future__ import annotations

from collections import Counter

from indexer.entities.canon import Canon


def built_in_two_steps(first: Counter, second: Counter) -> tuple[Canon, set]:
    """The canon built from `first`, then `second` added: asserts it resolves every pair as one built from both,
    and returns it with what the addition reported as changed."""
    canon = Canon.build(first)
    changed = canon.add(second)
    full = Canon.build(first + second)
    for pair in first + second:
        assert canon.resolve(*pair) == full.resolve(*pair), pair
    return canon, changed
