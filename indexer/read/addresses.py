"""The people of an email's From, To and Cc headers: their names as person mentions, their names and addresses as the
`from:` and `to:` search fields, and the thread a message belongs to (In-Reply-To, References)."""
from __future__ import annotations

import email.utils
import functools
import re

# A header line of the message's metadata passage ("From: Barry Warsaw <barry@python.org>").
_LINE = re.compile(r"^(?P<key>From|To|Cc):[ \t]*(?P<value>[^\n]+)$", re.M | re.I)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_LETTER = re.compile(r"[^\W\d_]")
# Display names of mail systems and lists, not people ("Mail Delivery Subsystem", "MAILER DAEMON").
_NOT_PEOPLE = {"mail", "mailer", "daemon", "delivery", "subsystem", "postmaster", "system", "notification",
               "notifications", "noreply", "no-reply", "newsletter", "digest", "admin", "administrator", "support"}


@functools.lru_cache(maxsize=4096)  # asked for each passage of a message, and a mailbox writes its people alike
def people(value: str) -> tuple[tuple[str, str], ...]:
    """(name, address) of each person a header names; a name written "Last, First" is turned round."""
    out = []
    for name, address in email.utils.getaddresses([value]):
        name = " ".join(name.split())
        if "," in name and name.count(",") == 1:
            last, first = (p.strip() for p in name.split(","))
            name = f"{first} {last}" if first and last else name
        out.append((name, address.strip()))
    return tuple(out)


def header_mentions(text: str) -> list[tuple[int, int, str, str]]:
    """The names in the From/To/Cc lines of a message's header passage, as PERSON spans (start, end, label, name):
    they go through the canonical names as NER's names do. An address alone, or a name that is one, is no name."""
    out = []
    for line in _LINE.finditer(text):
        at = line.start("value")
        for name, _ in people(line.group("value")):
            if not _LETTER.search(name) or "@" in name or _NOT_PEOPLE & set(name.casefold().split()):
                continue
            found = text.find(name, at, line.end())
            if found < 0:  # written otherwise in the text ("Warsaw, Barry", a quoted name): a fact, not a place
                out.append((0, 0, "PERSON", name))
                continue
            out.append((found, found + len(name), "PERSON", name))
            at = found + len(name)
    return out


def search_fields(metadata: dict[str, str]) -> dict[str, str]:
    """An email's `from` (its sender's name and address), `to` (To and Cc) and `thread` values."""
    def words(*keys: str) -> str:
        return " ".join(f"{n} {a}".strip() for k in keys for n, a in people(metadata.get(k, "")))

    fields = {"from": words("from"), "to": words("to", "cc"), "thread": metadata.get("thread", "")}
    return {k: v for k, v in fields.items() if v}


def thread_of(values: dict[str, str]) -> str:
    """The id of the first message of the thread: the first of References, else In-Reply-To, else its own id."""
    for key in ("references", "in-reply-to", "message-id"):
        ids = _MESSAGE_ID.findall(values.get(key) or "")
        if ids:
            return ids[0]
    return ""
