"""Facet counts from compact per-segment arrays, counted over the matching documents in one numpy pass.

Whoosh's own facet counting walks every value's postings on every search. Here each segment's facet postings
are read once into int32 arrays (document, value id) and kept for the segment's life, so a commit that adds
a small segment only reads that segment; counting is a masked bincount over the concatenated arrays.

Segments never change once written, so each segment's arrays are also saved beside the index (plain .npz, no
pickle) and loaded in milliseconds by the next process: a restarted server does not read the postings again.
"""
from __future__ import annotations

import os
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import numpy as np
from whoosh.searching import Searcher

from ...folding import name_key, spelled_like


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

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.cache_dir = cache_dir
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
            if field not in reader.indexed_field_names():
                # Nothing to read, nor to save: an upload's first segment (its words alone) has no facet values,
                # and writing a file for each would be most of the first search after the upload.
                saved = (np.zeros(0, np.int32), np.zeros(0, np.int32), [])
            else:
                saved = self._load(key, reader.doc_count_all()) if seg is not None else None
            docs, local, values = saved if saved is not None else _read_postings(reader, field)
            if saved is None and seg is not None:
                self._save(key, reader.doc_count_all(), docs, local, values)
            lookup = np.array([vocab.id(v) for v in values], dtype=np.int32)
            arrays = (docs, lookup[local] if len(local) else np.zeros(0, np.int32))
            self._arrays[key] = arrays
            return arrays

    def _path(self, key: tuple[str, str]) -> Path | None:
        return self.cache_dir / f"{key[0]}.{key[1]}.npz" if self.cache_dir is not None else None

    def _load(self, key: tuple[str, str], doc_count: int):
        path = self._path(key)
        if path is None or not path.exists():
            return None
        try:
            with np.load(path, allow_pickle=False) as z:
                if int(z["doc_count"]) != doc_count:
                    return None
                blob = z["values"].tobytes().decode("utf-8")
                return z["docs"], z["local"], blob.split("\x00") if blob else []
        except (OSError, ValueError, KeyError, UnicodeDecodeError, zipfile.BadZipFile):
            return None  # damaged or from another version: read the postings again

    def _save(self, key: tuple[str, str], doc_count: int, docs, local, values: list[str]) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written whole then renamed, so a reader never sees half a file; a cache, so no fsync.
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                np.savez(fh, docs=docs, local=local, doc_count=np.int64(doc_count),
                         values=np.frombuffer("\x00".join(values).encode("utf-8"), dtype=np.uint8))
            os.replace(tmp, path)
        except OSError:
            pass  # read-only or full disk: the arrays are read from the postings next time

    def forget_except(self, segment_ids: set[str]) -> None:
        """Drop arrays of segments merged away."""
        with self._lock:
            gone = [k for k in self._arrays if k[0] not in segment_ids]
            for key in gone:
                del self._arrays[key]
            self._recent = set(segment_ids)
        # Only when a merge took segments away: every thread calls this on every new generation.
        if gone and self.cache_dir is not None and self.cache_dir.is_dir():
            # Files of merged-away segments; a minute's grace for segments another process has just written.
            old = time.time() - 60
            for path in self.cache_dir.glob("*.npz"):
                try:
                    if path.name.split(".", 1)[0] not in segment_ids and path.stat().st_mtime < old:
                        path.unlink()
                except OSError:
                    pass

    def recent(self) -> set[str]:
        """Segments of the previous generation (other threads may still search them)."""
        return set(self._recent)


def _read_postings(reader, field: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(local document numbers, local value ids, values) of one segment's field, from its postings."""
    docs: list[np.ndarray] = []
    local: list[np.ndarray] = []
    values: list[str] = []
    if field in reader.indexed_field_names():
        for term in reader.lexicon(field):
            ids = np.fromiter(reader.postings(field, term).all_ids(), dtype=np.int32)
            if len(ids):
                docs.append(ids)
                local.append(np.full(len(ids), len(values), dtype=np.int32))
                values.append(term.decode("utf-8") if isinstance(term, bytes) else term)
    return (np.concatenate(docs) if docs else np.zeros(0, np.int32),
            np.concatenate(local) if local else np.zeros(0, np.int32), values)


class FacetCache:
    """One searcher's view of the facet arrays: all its segments, with global document numbers."""

    def __init__(self, searcher: Searcher, arrays: SegmentArrays) -> None:
        self.searcher = searcher
        self.arrays = arrays
        self.doc_count_all = searcher.doc_count_all()
        self._fields: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._live: np.ndarray | None = None
        self._keys: dict[str, dict[str, list[tuple[str, int]]]] = {}
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

    def matching(self, name: str, value: str, near: int = 3) -> tuple[list[str], list[str]]:
        """The facet's values spelled like `value` (accents, case and punctuation aside), most passages first; when
        there is none, up to `near` values sharing most of its words instead."""
        self._field(name)
        if value in self.arrays.vocab[name].ids:  # the facet's own spelling: no need to build the keys
            return [value], []
        return spelled_like(self._keyed(name), value, near)

    def _keyed(self, name: str) -> dict[str, list[tuple[str, int]]]:
        """The values in use (with passages) by their matching key, computed once per searcher."""
        found = self._keys.get(name)
        if found is None:
            found = {}
            for v, n in self.counts(name, self.live()):
                found.setdefault(name_key(v), []).append((v, n))
            self._keys[name] = found
        return found
