"""Limits on what comes in: unusable or repeated document ids, upload names and documents too large to index."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from .document import Document
from ..settings import Settings

MAX_ID_LENGTH = 300
MAX_NAME = 120  # characters of an uploaded file's name kept in its id
_SURROGATES = re.compile("[\ud800-\udfff]")
_UNSAFE = re.compile(r"[^\w.\- ]+")


def refusal(doc: Document, doc_id: str, seen: set[str]) -> str | None:
    """Why this document cannot be indexed under `doc_id` (None: it can); cleans stray surrogates from its fields."""
    problem = id_problem(doc_id)
    if problem:
        return f"the id {doc_id!r} cannot be used: {problem}"
    if doc_id in seen:
        return f"the id {doc_id!r} appears twice; the first one is indexed, give this one another id"
    seen.add(doc_id)
    # A lone surrogate (from a JSON "\ud800") cannot be encoded or stored; the reader cleans the text, this the rest.
    doc.title = _scrub(doc.title)
    doc.url, doc.date = _scrub(doc.url), _scrub(doc.date)
    doc.metadata = {_scrub(k): _scrub(v) for k, v in doc.metadata.items()}
    return None


def id_problem(doc_id: str) -> str | None:
    """What makes an id unusable in a URL or a file listing (None: it is fine)."""
    if not doc_id.strip():
        return "it is empty"
    if len(doc_id) > MAX_ID_LENGTH:
        return f"it is longer than {MAX_ID_LENGTH} characters"
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in doc_id):
        return "it contains control characters or broken Unicode"
    if doc_id != doc_id.strip():
        return "it starts or ends with a space"
    if "\\" in doc_id:
        return "it contains a backslash (browsers read it as '/')"
    if any(part in ("", ".", "..") for part in doc_id.split("/")):
        return "it has an empty, '.' or '..' part (like '/x', 'a//b' or 'a/../b'), which URLs cannot keep"
    return None


def too_many(passages: int, settings: Settings) -> str:
    """The refusal of a document with more passages than SLEUTH_MAX_PASSAGES."""
    return (f"it splits into {passages:,} passages, over the limit of {settings.max_passages:,} per document "
            "(SLEUTH_MAX_PASSAGES); split it into smaller files or raise the limit")


def _scrub(value):
    return _SURROGATES.sub("", value) if isinstance(value, str) else value


def safe_name(original: str) -> str:
    """A file name safe to use in an id: no folders, no dots-only names, at most 120 characters.

    A name changed on the way (`x(1).txt` and `x[1].txt` both give `x_1_.txt`) gets a short hash of the
    original, so that distinct names always give distinct ids.
    """
    base = unicodedata.normalize("NFC", original.replace("\\", "/").rsplit("/", 1)[-1]).strip()
    clean = _UNSAFE.sub("_", base).strip(" .") or "unnamed"
    stem, dot, ext = clean.rpartition(".")
    stem, ext = (stem, "." + ext) if dot and stem and len(ext) <= 9 else (clean, "")
    if clean != base or len(clean) > MAX_NAME:
        tag = "-" + hashlib.sha256(base.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        clean = stem[: MAX_NAME - len(tag) - len(ext)] + tag + ext
    return clean
