"""An email's thread: the messages that share its first message's id (In-Reply-To, References), in date order."""
from __future__ import annotations

import email.utils
from datetime import datetime, timezone

from .registry import Registry

MAX_LISTED = 200  # messages named on an email's page


def thread(registry: Registry, doc_id: str) -> list[tuple[str, str]]:
    """(id, title) of each message of this email's thread, itself included, oldest first; none for a message
    alone in its thread or a document that is no email."""
    record = registry.get(doc_id)
    key = record.metadata.get("thread") if record is not None and record.fmt == "email" else None
    if not key:
        return []
    rows = registry.db.execute("SELECT doc_id, title, json_extract(metadata, '$.date') FROM documents "
                               "WHERE fmt = 'email' AND json_extract(metadata, '$.thread') = ?", (key,)).fetchall()
    if len(rows) < 2:
        return []
    rows.sort(key=lambda r: (_when(r[2]), r[0]))
    return [(d, title) for d, title, _ in rows[:MAX_LISTED]]


def _when(header: str | None) -> datetime:
    """The Date header as a moment; a missing or unreadable one sorts first."""
    try:
        when = email.utils.parsedate_to_datetime(header or "")
    except (TypeError, ValueError):
        return datetime.min.replace(tzinfo=timezone.utc)
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)
