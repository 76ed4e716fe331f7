"""Whoosh's W3 codec, with a term that has a single posting kept in its term entry instead of a postings block.

About half the terms a segment writes (rare words, names, the spelling list's words) have one posting. For each,
the W3 codec writes a block of its own: two pickles, a header and four writes into the postings file, then a pointer
to it in the term table. W3 has a switch to store such postings in the term entry itself ("inlining", read back as a
`ListMatcher`), but in whoosh3 3.54.0 it cannot be turned on: the writer calls `terminfo.set_inline`, the method is
`set_inlined`, and the matcher it reads back with loses its term on `copy()` and gives `""` for a field without
values (a merge's writer wants `None` or bytes). This subclass fixes those three and inlines one posting. Segments
written by the plain W3 codec are read as before; readers pick the codec each segment was written with.
"""
from __future__ import annotations

from whoosh.codec import whoosh3
from whoosh.matching import ListMatcher

from .admission import checkpoint

INLINE_LIMIT = 2  # postings lists shorter than this are inlined: one posting


class InlinedPostings(ListMatcher):
    """A term's inlined postings, with the same answers as W3's on-disk matcher."""

    def value(self):
        values = self._values
        return values[self._i] if values else None

    def copy(self) -> "InlinedPostings":
        return InlinedPostings(self._ids, self._weights, self._values, self._format, self._scorer, self._i,
                               self._all_weights, self._term, self._terminfo)


class BlockPostings(whoosh3.W3LeafMatcher):
    """W3's on-disk postings, where a broad search gives way to ordinary ones before each block it reads (an OR
    of many words reads them all up front, before the first hit: `admission.checkpoint`)."""

    def _goto(self, position):
        checkpoint()
        super()._goto(position)


class _PostingsWriter(whoosh3.W3PostingsWriter):
    def finish_postings(self):
        if self._byteids or self.written() or len(self) >= self._inlinelimit:  # term vectors want an extent
            return super().finish_postings()
        terminfo = self._terminfo
        terminfo.add_block(self)
        terminfo.set_inlined(self._ids, self._weights, self._inline_values())
        self._terminfo = None
        return terminfo

    def _inline_values(self) -> tuple:
        # What W3's block reader hands back: a fixed-size format's values cut to size (Whoosh posts a spelling
        # word with its text field's value), none for a format without values.
        size = self._format.fixed_value_size()
        if size is None or size < 0:
            return tuple(self._values) if len(self._values) == len(self._ids) else ()
        return tuple(v[:size] for v in self._values) if size else ()


class Codec(whoosh3.W3Codec):
    """W3 with single postings inlined; pickled into each segment it writes, so keep its name and place."""

    def __init__(self, blocklimit: int = 128, compression: int = 3, inlinelimit: int = INLINE_LIMIT) -> None:
        super().__init__(blocklimit, compression, inlinelimit)

    def postings_writer(self, dbfile, byteids=False):
        return _PostingsWriter(dbfile, blocklimit=self._blocklimit, byteids=byteids,
                               compression=self._compression, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if not terminfo.is_inlined():
            offset, length = terminfo.extent()
            return BlockPostings(dbfile, offset, length, format_, term=term, scorer=scorer)
        checkpoint()  # a prefix's rare words are each one inlined posting
        ids, weights, values = terminfo.inlined_postings()
        return InlinedPostings(ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo)
