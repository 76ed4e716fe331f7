"""Entities: spaCy (`nlp`, the only module that imports it) and the rules that turn its raw spans into canonical
facet values (`mentions`, `evidence`, `names`, `canon`), and the user's `corrections`. Language only: no index,
no registry."""
