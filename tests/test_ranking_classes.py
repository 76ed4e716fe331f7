"""A description that names a class by a title and qualifies it (issue 26): "Composite subatomic particle" asks for
Hadron, whose first sentence says it *is* "a composite subatomic particle"; Subatomic particle only names the class,
and Baryon is "a type of composite subatomic particle". A passage whose lead opens with a title the query names
(all of the title's words, one word more allowed) shares that title's match. On the 10k index the same rule puts
Light ("electromagnetic radiation that can be perceived by the human eye") before Electromagnetic radiation for
"Electromagnetic radiation humans can see". Real Whoosh index of wiki summaries, real spaCy model.
"""
from __future__ import annotations

from .wiki_sample import documents as _docs, wiki_fixture

PICKED = {f"wiki/{slug}" for slug in (
    "light", "electromagnetic-radiation", "visible-spectrum", "radio-wave", "ultraviolet", "infrared",
    "black-body-radiation", "microwave", "human-eye",
    "hadron", "baryon", "subatomic-particle", "meson", "proton",
)}

wiki = wiki_fixture(PICKED)


def test_the_member_a_lead_defines_before_the_class_named(wiki):
    docs = _docs(wiki.search("Composite subatomic particle"))
    assert docs[0] == "wiki/hadron"
    assert "wiki/subatomic-particle" in docs[:10]  # the class's own article stays on the first page
