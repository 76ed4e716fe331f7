"""Documents inside documents: an attachment, an archive member, a message of an mbox. Its id is its container's id,
then " › " and where it was in it ("mail.eml › report.pdf"), so a container's members are found by that prefix:
removed with it, dropped when a new version no longer holds them, listed on its page."""
from __future__ import annotations

import json

from ..read.document import Document
from ..read.nested import SEPARATOR
from ..read.sources import Source
from .registry import Registry

MAX_LISTED = 200  # members named on a container's page; the rest are counted


def under(registry: Registry, doc_id: str) -> list[str]:
    """Every document inside this one, at any depth, in id order."""
    prefix = doc_id + SEPARATOR
    # A range on the primary key: ids that start with the prefix (U+10FFFF sorts after any character in an id).
    rows = registry.db.execute("SELECT doc_id FROM documents WHERE doc_id >= ? AND doc_id < ? ORDER BY doc_id",
                               (prefix, prefix + "\U0010ffff"))
    return [r[0] for r in rows]


def family(registry: Registry, doc_id: str) -> tuple[tuple[str, str] | None, list[tuple[str, str]], int]:
    """(the container this document was found in, the documents directly inside it, how many those are), as
    (id, title) pairs, for its page."""
    parent = None
    if SEPARATOR in doc_id:
        record = registry.get(doc_id.rsplit(SEPARATOR, 1)[0])
        parent = (record.doc_id, record.title) if record else None
    prefix = doc_id + SEPARATOR
    direct = [d for d in under(registry, doc_id) if SEPARATOR not in d[len(prefix):]]
    children = []
    for d in direct[:MAX_LISTED]:
        record = registry.get(d)
        if record is not None:
            children.append((d, record.title))
    return parent, children, len(direct)


def record_bytes(doc: Document, doc_id: str) -> bytes:
    """A document inside a file kept as a JSONL record (its source copy): what a rebuild reads it from."""
    rec = {"id": doc_id, "title": doc.title, "text": doc.text, "url": doc.url, "date": doc.date, "metadata": doc.metadata}
    return (json.dumps({k: v for k, v in rec.items() if v}, ensure_ascii=False, sort_keys=True) + "\n").encode()


def inside(src: Source, label: str) -> str:
    """The id of a document inside a file: the file's id, then where in it ("mail.eml › report.pdf")."""
    return src.doc_id + label[len(src.display_name):] if label.startswith(src.display_name) else label
