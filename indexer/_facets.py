"""Facet counts from compact per-searcher arrays, counted over the matching documents in one numpy pass.

Whoosh's own facet counting walks every value's postings on every search; here each facet field is read once
per searcher generation into two int32 arrays (document, value), and counting is a masked bincount.
"""
from __future__ import annotations

import threading

import numpy as np
from whoosh.searching import Searcher


class _Field:
    __slots__ = ("values", "docs", "vals")

    def __init__(self, values: list[str], docs: np.ndarray, vals: np.ndarray) -> None:
        self.values = values  # value id -> display text
        self.docs = docs  # posting i: document number
        self.vals = vals  # posting i: value id


class FacetCache:
    """Per-searcher arrays of (document, facet value) pairs for fast counting."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.doc_count_all = searcher.doc_count_all()
        self._fields: dict[str, _Field] = {}
        self._live: np.ndarray | None = None
        self._lock = threading.Lock()

    def _field(self, name: str) -> _Field:
        f = self._fields.get(name)
        if f is not None:
            return f
        with self._lock:
            if name in self._fields:
                return self._fields[name]
            values: list[str] = []
            index: dict[str, int] = {}
            docs: list[np.ndarray] = []
            vals: list[np.ndarray] = []
            for sub, offset in self.searcher.leaf_searchers():
                reader = sub.reader()
                if name not in reader.indexed_field_names():
                    continue
                for term in reader.lexicon(name):
                    ids = np.fromiter(reader.postings(name, term).all_ids(), dtype=np.int32)
                    if reader.has_deletions():
                        ids = ids[[not reader.is_deleted(int(i)) for i in ids]] if len(ids) else ids
                    if not len(ids):
                        continue
                    text = term.decode("utf-8") if isinstance(term, bytes) else term
                    vid = _value_id(values, text, index)
                    docs.append(ids + offset)
                    vals.append(np.full(len(ids), vid, dtype=np.int32))
            f = _Field(
                values,
                np.concatenate(docs) if docs else np.zeros(0, np.int32),
                np.concatenate(vals) if vals else np.zeros(0, np.int32),
            )
            self._fields[name] = f
            return f

    def live(self) -> np.ndarray:
        """Boolean mask of documents that are not deleted."""
        if self._live is None:
            mask = np.zeros(self.doc_count_all, dtype=bool)
            mask[np.fromiter(self.searcher.reader().all_doc_ids(), dtype=np.int64)] = True
            self._live = mask
        return self._live

    def mask(self, docnums) -> np.ndarray:
        """A boolean mask from an iterable of matching document numbers."""
        mask = np.zeros(self.doc_count_all, dtype=bool)
        ids = np.fromiter(docnums, dtype=np.int64)
        if len(ids):
            mask[ids] = True
        return mask

    def counts(self, name: str, mask: np.ndarray, limit: int | None = None) -> list[tuple[str, int]]:
        """(value, passages) for one facet over the masked documents, most frequent first, ties by value."""
        f = self._field(name)
        if not len(f.docs):
            return []
        hits = f.vals[mask[f.docs]]
        counts = np.bincount(hits, minlength=len(f.values))
        nz = np.nonzero(counts)[0]
        pairs = sorted(((f.values[i], int(counts[i])) for i in nz), key=lambda p: (-p[1], p[0]))
        return pairs[:limit] if limit else pairs

    def all_values(self, name: str) -> list[str]:
        """Every value a facet field has (including values only deleted documents had)."""
        return self._field(name).values

    def values_of(self, name: str, docnum: int) -> list[str]:
        """The facet values of one document (slow path, for single documents only)."""
        f = self._field(name)
        return [f.values[v] for v in f.vals[f.docs == docnum]]


def _value_id(values: list[str], text: str, index: dict[str, int]) -> int:
    vid = index.get(text)
    if vid is None:
        vid = index[text] = len(values)
        values.append(text)
    return vid
