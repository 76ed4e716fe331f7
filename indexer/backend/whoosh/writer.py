"""Whoosh's segment writer, keeping a merged segment's spelling words when the document they hang on is deleted.

Whoosh posts the spelling list's words (fuzzy terms, did-you-mean) of a whole commit under the commit's first
document. When that document is deleted (its file re-indexed or removed, an upload's draft replaced), the next merge
drops the postings of deleted documents, and with them every spelling word of the commit: "Coyoacn~" no longer found
the Coyoacán of a document still in the index. Here a merge hangs such words on the segment's first live document.
"""
from __future__ import annotations

from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

_ONCE = pack_uint(1)  # the spelling field's Frequency value: the word is there


class Writer(SegmentWriter):
    """A segment writer whose merges keep the spelling words that hung on a deleted document."""

    def add_postings_to_pool(self, reader, startdoc, docmap):
        super().add_postings_to_pool(reader, startdoc, docmap)
        if not reader.has_deletions():
            return
        live = next((d for d in range(reader.doc_count_all()) if not reader.is_deleted(d)), None)
        if live is None:
            return  # nothing of the segment is left, nor are its words
        newdoc = docmap[live] if docmap is not None else startdoc + live
        indexed = set(reader.indexed_field_names())
        add_post = self.pool.add
        for name, field in self.schema.items():
            spell = field.spelling_fieldname(name) if field.separate_spelling() else None
            if spell in indexed:
                for word in reader.lexicon(spell):
                    if not reader.postings(spell, word).is_active():  # its only posting was a deleted document's
                        add_post((spell, word, newdoc, 1, _ONCE))
