"""Facet counts from compact per-segment arrays, counted over the matching documents in one numpy pass.

Whoosh's own facet counting walks every value's postings on every search. Here each segment's facet postings
are read once into int32 arrays (document, value id) and kept for the segment's life, so a commit that adds
a small segment only reads that segment; counting is a masked bincount over the concatenated arrays.
"""
from __future__ import annotations

import threading

import numpy as np
from whoosh.searching import Searcher


class Vocabulary:
    """Facet values ↔ small integer ids, shared by all segments of one index (per field)."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self.ids: dict[str, int] = {}

    def id(self, value: str) -> int:
        """The id of a value, assigning the next one if new."""
        vid = self.ids.get(value)
        if vid is None:
            vid = self.ids[value] = len(self.values)
            self.values.append(value)
        return vid


class SegmentArrays:
    """Per-index cache: (segment id, field) → (local document numbers, value ids)."""

    def __init__(self) -> None:
        self.vocab: dict[str, Vocabulary] = {}
        self._arrays: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        self._recent: set[str] = set()
        self._lock = threading.Lock()

    def get(self, reader, field: str) -> tuple[np.ndarray, np.ndarray]:
        """The arrays of one segment reader's field, read on first use."""
        seg = reader.segment()
        key = (seg.segment_id() if seg is not None else str(id(reader)), field)
        found = self._arrays.get(key)
        if found is not None:
            return found
        with self._lock:
            if key in self._arrays:
                return self._arrays[key]
            vocab = self.vocab.setdefault(field, Vocabulary())
            docs: list[np.ndarray] = []
            vals: list[np.ndarray] = []
            if field in reader.indexed_field_names():
                for term in reader.lexicon(field):
                    ids = np.fromiter(reader.postings(field, term).all_ids(), dtype=np.int32)
                    if len(ids):
                        text = term.decode("utf-8") if isinstance(term, bytes) else term
                        docs.append(ids)
                        vals.append(np.full(len(ids), vocab.id(text), dtype=np.int32))
            arrays = (np.concatenate(docs) if docs else np.zeros(0, np.int32),
                      np.concatenate(vals) if vals else np.zeros(0, np.int32))
            self._arrays[key] = arrays
            return arrays

    def forget_except(self, segment_ids: set[str]) -> None:
        """Drop arrays of segments merged away."""
        with self._lock:
            for key in [k for k in self._arrays if k[0] not in segment_ids]:
                del self._arrays[key]
            self._recent = set(segment_ids)

    def recent(self) -> set[str]:
        """Segments of the previous generation (other threads may still search them)."""
        return set(self._recent)


class FacetCache:
    """One searcher's view of the facet arrays: all its segments, with global document numbers."""

    def __init__(self, searcher: Searcher, arrays: SegmentArrays) -> None:
        self.searcher = searcher
        self.arrays = arrays
        self.doc_count_all = searcher.doc_count_all()
        self._fields: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._live: np.ndarray | None = None
        self._lock = threading.Lock()

    def warm(self, fields) -> "FacetCache":
        """Read every field now (before the searcher is handed to requests)."""
        for f in fields:
            self._field(f)
        return self

    def _field(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        found = self._fields.get(name)
        if found is not None:
            return found
        with self._lock:
            if name not in self._fields:
                docs, vals = [], []
                for sub, offset in self.searcher.leaf_searchers():
                    d, v = self.arrays.get(sub.reader(), name)
                    docs.append(d + offset)
                    vals.append(v)
                self._fields[name] = (np.concatenate(docs) if docs else np.zeros(0, np.int32),
                                      np.concatenate(vals) if vals else np.zeros(0, np.int32))
            return self._fields[name]

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
        docs, vals = self._field(name)
        if not len(docs):
            return []
        values = self.arrays.vocab[name].values
        counts = np.bincount(vals[mask[docs]], minlength=len(values))
        nz = np.nonzero(counts)[0]
        if limit and len(nz) > limit:
            # Keep the top values by count cheaply before sorting them in Python.
            nz = nz[np.argsort(-counts[nz], kind="stable")[: limit * 2]]
        pairs = sorted(((values[i], int(counts[i])) for i in nz), key=lambda p: (-p[1], p[0]))
        return pairs[:limit] if limit else pairs

    def all_values(self, name: str) -> list[str]:
        """Every value a facet field has had in this index (including values of deleted documents)."""
        self._field(name)
        return list(self.arrays.vocab[name].values)
