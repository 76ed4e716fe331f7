"""The facade's annotations: stars, tags and notes on documents and passages, `tag:NAME` in a query, and saved
searches with what is new since they were last opened (`write/annotations.py` keeps them). Mixed into `Sleuth`."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from functools import cached_property

from .browsing import Browsing
from .query.request import SearchRequest
from .query.results import SearchResult
from .settings import Settings
from .views.batch import csv_cell
from .write.annotations import AnnotationError, Annotations, Marks, SavedSearch

# `tag:NAME` or `tag:"two words"` anywhere in a query, as its own word.
_TAG = re.compile(r'(?<!\S)tag:(?:"([^"]*)"|(\S+))', re.IGNORECASE)
_SAVED_KEYS = ("query", "filters", "exclude", "date_from", "date_to")


class Annotating(Browsing):
    """What the tag, note and saved-search pages and commands need."""

    settings: Settings

    @cached_property
    def annotations(self) -> Annotations:
        """The store in the data folder (its database is opened on first use)."""
        return Annotations(self.settings.index_dir, self.settings.max_tag_chars, self.settings.max_note_chars)

    # --- targets ---------------------------------------------------------------------------------
    def target(self, text: str) -> tuple[str, str]:
        """(doc_id, passage ordinal or "") of a document id or a passage id ("doc_id#3"); raises AnnotationError
        naming what to give when neither is indexed."""
        text = text.strip()
        if self.registry.get(text) is not None:
            return text, ""
        doc_id, _, ordinal = text.rpartition("#")
        record = self.registry.get(doc_id) if ordinal.isdigit() else None
        if record is not None and int(ordinal) < record.passages:
            return doc_id, str(int(ordinal))
        raise AnnotationError(f"No document or passage “{text}” is indexed. Give a document id, or a passage id "
                              "(doc_id#N) as `sleuth search` shows it in [brackets].")

    def marks(self, doc_id: str, passage: str = "") -> Marks:
        """The star, tags and note of a document (passage "") or one of its passages."""
        return self.annotations.marks(doc_id, passage)

    def all_marks(self, doc_id: str | None = None) -> list[Marks]:
        """Every starred, tagged or annotated document and passage (of one document if given)."""
        return self.annotations.all_marks(doc_id)

    def star(self, target: str, on: bool = True) -> Marks:
        """Star (or unstar) a document or passage."""
        doc_id, passage = self.target(target)
        self.annotations.star(doc_id, passage, on)
        return self.marks(doc_id, passage)

    def tag(self, target: str, tags: list[str], remove: bool = False) -> Marks:
        """Add (or remove) tags on a document or passage."""
        doc_id, passage = self.target(target)
        self.annotations.tag(doc_id, passage, tags, remove)
        return self.marks(doc_id, passage)

    def note(self, target: str, text: str) -> Marks:
        """Set the note of a document or passage ("" deletes it)."""
        doc_id, passage = self.target(target)
        self.annotations.note(doc_id, passage, text)
        return self.marks(doc_id, passage)

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with how many documents and passages carry it."""
        return self.annotations.tag_counts()

    def export_marks(self) -> list[dict]:
        """Every mark with its document's title (for CSV and JSON export)."""
        out = []
        for m in self.all_marks():
            record = self.registry.get(m.doc_id)
            out.append({**m.to_json(), "title": record.title if record else ""})
        return out

    # --- tag: in a query -------------------------------------------------------------------------
    def fold(self, request: SearchRequest) -> tuple[SearchRequest, str | None]:
        """Browsing's fold, then `tag:NAME` taken out of the words and turned into the documents and passages
        carrying the tag (every tag given, when there are several)."""
        folded, message = super().fold(request)
        names = [a or b for a, b in _TAG.findall(folded.query)]
        if not names:
            return folded, message
        within = self._within(names)
        if not within:
            known = ", ".join(t for t, _ in self.tags()) or "none yet"
            missing = f"Nothing is tagged “{'” and “'.join(names)}” (tags: {known})."
            message = f"{message} {missing}" if message else missing
        return replace(folded, query=" ".join(_TAG.sub(" ", folded.query).split()), within=within), message

    def as_typed(self, result: SearchResult, query: str) -> None:
        """A `tag:` search's result with the query as typed, its suggestion keeping the tags."""
        result.request = replace(result.request, query=query, within=None)
        if result.suggestion:
            result.suggestion = " ".join([result.suggestion, *(m.group(0) for m in _TAG.finditer(query))])

    def _within(self, names: list[str]) -> tuple[tuple[str, str], ...]:
        sets = [self.annotations.tagged(n) for n in names]
        docs = [{d for d, p in s if not p} for s in sets]
        passages = [{(d, p) for d, p in s if p} for s in sets]
        whole = set.intersection(*docs)
        parts = {(d, p) for d, p in set.union(*passages)
                 if d not in whole and all((d, p) in ps or d in ds for ds, ps in zip(docs, passages))}
        return (tuple(("doc_id", d) for d in sorted(whole))
                + tuple(("passage_id", f"{d}#{p}") for d, p in sorted(parts)))

    # --- saved searches --------------------------------------------------------------------------
    def save_search(self, name: str, request: SearchRequest) -> None:
        """Keep a search by name (a name used already is replaced); it counts as seen now."""
        self.annotations.save(name, {k: getattr(request, k) for k in _SAVED_KEYS})

    def saved_searches(self) -> list[SavedSearch]:
        """Every saved search with its passages now and those in documents added since it was last opened."""
        found = self.annotations.saved()
        for saved in found:
            request = SearchRequest.matching(saved.search)
            saved.total = self.search(request.changed(per_page=1)).total
            added = set(self.registry.added_since(saved.seen))
            if added:
                new = self.fold(request)[0]
                new = replace(new, per_page=1, within=tuple(("doc_id", d) for d in sorted(added))
                              if new.within is None else tuple(w for w in new.within if _doc_of(w) in added))
                saved.new = self.backend.search(new).total
        return found

    def open_saved(self, name: str) -> SearchRequest:
        """A saved search's request; it counts as seen now. Raises AnnotationError when there is no such name."""
        found = self.annotations.saved(name)
        if not found:
            names = ", ".join(s.name for s in self.annotations.saved()) or "none yet"
            raise AnnotationError(f"No saved search is called “{name}” (saved: {names}).")
        self.annotations.seen(name)
        return SearchRequest.matching(found[0].search)

    def forget_saved(self, name: str) -> bool:
        """Delete a saved search; False if there was none of that name."""
        return self.annotations.forget(name)


def _doc_of(within: tuple[str, str]) -> str:
    field, value = within
    return value if field == "doc_id" else value.rpartition("#")[0]


def marks_csv(rows: list[dict], line_end: str = "\r\n") -> str:
    """`export_marks` as CSV: one row per document or passage, tags joined by "; " (cells safe in a spreadsheet)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=line_end)
    writer.writerow(["doc_id", "passage", "title", "starred", "tags", "note"])
    for row in rows:
        writer.writerow([csv_cell(v) for v in (row["doc_id"], row["passage"], row["title"],
                                               "yes" if row["starred"] else "", "; ".join(row["tags"]), row["note"])])
    return out.getvalue()
