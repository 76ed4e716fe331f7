"""A value's type, voted over its mentions in the collection: the labels the model and the context rules gave.

The majority wins, with the model's PERSON as the weak label on proper nouns: a name the collection also often
calls a place ("Java": 16 persons, 11 places) is a place, and one it often calls a people, faith or period
("Norman": 3 persons, 3 groups, and "the Norman conquest" a vote against the person) is a group.
"""
from __future__ import annotations

from collections import Counter

_PLACE_SHARE = 0.6
# The weight of a one-word place mention with no sign of a place (lone.LONE_PLACE): a value with one such vote and
# nothing else gets no facet; two, or one beside any other place vote, make a place.
LONE = 0.999
_GROUP_SHARE = 1.0


def vote(facets: Counter) -> str | None:
    """The facet of a value from its weighted label votes ("" for no facet), None without votes."""
    if not facets:
        return None
    facet = max(facets.items(), key=lambda kv: (kv[1], kv[0]))[0]
    if facet == "place" and facets["place"] < 1:
        return ""
    if facet == "person" and facets["place"] >= _PLACE_SHARE * facets["person"]:
        return "place"
    if facet == "person" and facets["group"] >= _GROUP_SHARE * facets["person"]:
        return "group"
    return facet
