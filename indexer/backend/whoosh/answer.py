"""The kind of answer a question asks for, and how well a passage offers one: "who" a person, "where" a place,
"when" a date.

A passage about a person (its title is one of the people it names: the article on Alexander Fleming) answers
"who discovered penicillin?" better than the article on penicillin, which names him once; a passage naming a
person the query does not name comes next. "When" prefers a passage that gives a date. Read from the entities and
dates stored with each passage when it was indexed: nothing is analysed at search time.
"""
from __future__ import annotations

from ...folding import name_key

ASKS = {"who": "person", "whom": "person", "whose": "person", "where": "place", "when": "date"}
ABOUT = 1.0  # the passage is about an answer of the asked kind (its title is one)
HOLDS = 0.5  # the passage names one the query does not


def asked(text: str) -> str | None:
    """The facet a question's first word asks for ("person", "place", "date"), or None."""
    first = text.strip().split(" ", 1)[0].lower()
    return ASKS.get(first)


def offer(stored: dict, kind: str, query_key: str) -> float:
    """How well a passage's stored entities answer: ABOUT, HOLDS or 0."""
    if kind == "date":  # a day or a month answers "when" better than a year alone
        dates = stored.get("dates") or []
        return ABOUT if any("-" in d for d in dates) else HOLDS if dates else 0.0
    asked = set(query_key.split())
    if is_about(stored, kind) and not set(name_key(stored.get("title", "")).split()) & asked:
        return ABOUT  # about one the question does not name ("who killed Trotsky": not the life of Trotsky)
    values = [name_key(v) for v in stored.get(kind) or []]
    return HOLDS if any(v and not set(v.split()) <= asked for v in values) else 0.0


def is_about(stored: dict, kind: str) -> bool:
    """Whether the passage's title is one of the names of `kind` (person, place) found in it."""
    title = set(name_key(stored.get("title", "")).split())
    return bool(title) and any(title <= set(name_key(v).split()) for v in stored.get(kind) or [])
