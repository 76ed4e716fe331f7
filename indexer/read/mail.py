"""Email: MIME messages (.eml, or sniffed in a file of any name), by the standard library (mailboxes: mailbox.py).

Subject → title; From/To/Cc/Date head the text and are kept as metadata; the text part is the body (the HTML part,
read by the HTML reader, when there is no text part); attachments are documents of their own (see nested.py).
"""
from __future__ import annotations

import email
import email.errors
import email.header
import email.utils
import functools
import re
from email import policy
from email.message import EmailMessage
from email.policy import EmailPolicy

from .addresses import thread_of
from .document import Builder
from .html import read_html
from .text import clean_text, decode, one_line
from ..errors import ReadError
from .nested import Unpacking, member_name, read_members

HEADERS = ("From", "To", "Cc", "Date")
_THREAD = ("Message-ID", "In-Reply-To", "References")
# A message starts with header lines ("Name: value", folded lines indented); mail has some of these among them.
_HEADER_LINE = re.compile(rb"^([A-Za-z][A-Za-z0-9-]{0,60}):[ \t]?", re.M)
_MAIL_HEADERS = {b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"mime-version", b"received",
                 b"return-path", b"reply-to", b"in-reply-to", b"references", b"delivered-to", b"sender",
                 b"content-type", b"content-transfer-encoding"}


class _SharedHeaders(EmailPolicy):
    """The standard library's default policy, a header's parsed value shared by the messages that write it alike:
    the email package parses a header again each time it is asked for, and a message's Content-Type is asked for
    eight times as it is read (a third of reading a short message, the same line in most of a mailbox's)."""

    def header_fetch_parse(self, name: str, value: str):
        if type(value) is str:  # a header as read from the bytes (a header object set by a program is itself)
            return _parsed(name, value)
        return super().header_fetch_parse(name, value)


@functools.lru_cache(maxsize=1024)
def _parsed(name: str, value: str):
    return policy.default.header_fetch_parse(name, value)


POLICY = _SharedHeaders()


def looks_like_mail(data: bytes) -> bool:
    """True when the file starts with a header block holding at least two distinct mail headers."""
    head = data[:8192].lstrip(b"\r\n")
    if head.startswith(b"From ") and b"\n" in head:  # an mbox "From " line before the headers
        head = head.split(b"\n", 1)[1]
    names = set()
    for line in re.split(rb"\r?\n", head):
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue
        m = _HEADER_LINE.match(line)
        if not m:
            return False
        names.add(m.group(1).lower())
    return len(names & _MAIL_HEADERS) >= 2


def read_eml(data: bytes, name: str, unpack: Unpacking) -> list:
    """One message and its attachments."""
    unpack.enter("email")
    msg = email.message_from_bytes(data, policy=POLICY)
    if not any(k.lower() in ("from", "subject", "date", "to") and v.strip() for k, v in msg.raw_items()) \
            and not msg.is_multipart():
        raise ReadError("not an email: no From, To, Subject or Date header")
    return message(msg, name, unpack)


def message(msg: EmailMessage, name: str, unpack: Unpacking) -> list:
    """The message as a document, then its attachments read as documents of their own."""
    raw: dict[str, list[str]] = {}
    for key, value in msg.raw_items():
        raw.setdefault(key.lower(), []).append(value)
    values = {h.lower(): _header(msg, h, raw.get(h.lower(), [])) for h in (*HEADERS, *_THREAD)}
    texts: list[tuple[str, str]] = []
    attachments: list[tuple[str, bytes]] = []
    _parts(msg, texts, attachments, top=True)
    subject = _header(msg, "Subject", raw.get("subject", []))
    return compose(name, values, subject, _date(values["date"]), texts, attachments, unpack)


def compose(name: str, values: dict[str, str], subject: str, date: str | None, texts: list[tuple[str, str]],
            attachments: list, unpack: Unpacking, more: list | None = None) -> list:
    """A message's document from its header values (from, to, cc, date, message-id...), its texts ("plain" or
    "html", text) and attachments (name, bytes), then the attachments' documents (and `more`, already read)."""
    meta = {k: v for k, v in values.items() if v}
    if thread := thread_of(values):
        meta["thread"] = thread  # the messages of one thread share it (addresses.thread_of)
    b = Builder()
    b.add("", "\n".join(f"{h}: {values[h.lower()]}" for h in HEADERS if values.get(h.lower())), kind="metadata")
    for subtype, text in texts:
        _add_text(b, subtype, text, name)
    if attachments:
        b.add("Attachments", "\n".join(n for n, _ in attachments), kind="metadata")
        meta["attachments"] = str(len(attachments))
    doc = b.build(subject or name, "email", meta, date=date)
    unpack.count(len(attachments), sum(len(d) for _, d in attachments if isinstance(d, bytes)))
    return [doc, *read_members(name, attachments, unpack), *(more or [])]


def _add_text(b: Builder, subtype: str, text: str, name: str) -> None:
    """A text part as sections: plain text as it is, HTML through the HTML reader."""
    if subtype != "html":
        b.add("", text)
        return
    try:
        for section in read_html(text, name).sections:
            b.add(section.title, section.text)
    except ReadError:  # an HTML part with no text
        pass


def _parts(part, texts: list, attachments: list, top: bool = False) -> None:
    """The message's own texts (one of each set of alternatives), and every other part into `attachments`."""
    ctype = part.get_content_type()
    if part.is_multipart() and ctype != "message/rfc822":  # a forwarded message is a document of its own
        subparts = list(part.iter_parts())
        if ctype == "multipart/alternative":  # the same text twice: the plain one, else the richest
            plain = [p for p in subparts if p.get_content_type() == "text/plain"]
            subparts = plain[:1] or subparts[-1:]
        for sub in subparts:
            _parts(sub, texts, attachments)
    elif ctype in ("text/plain", "text/html") and not part.get_filename() and not (
            part.get_content_disposition() == "attachment" and not top):
        texts.append((part.get_content_subtype(), _text(part)))
    elif (data := _payload(part)) and not (top and ctype != "message/rfc822"):  # a top part that is not text: none
        n = len(attachments) + 1
        attachments.append((member_name(part.get_filename() or _unnamed(part, n)), data))


def _forwarded(msg: EmailMessage) -> bool:
    return msg.get_content_type() == "message/rfc822"


def _header(msg: EmailMessage, name: str, raw: list[str]) -> str:
    """A header decoded (RFC 2047, any charset) as written ("barry@python.org (Barry A. Warsaw)" keeps its name),
    every one of that name joined for To and Cc ("Cc:" and "CC:" lines). The email package's header parser, ten
    times slower, reads those the quick way cannot (8-bit bytes, an unknown charset); a malformed one is its raw
    text, never an error."""
    try:
        values = [v if "=?" not in v else str(email.header.make_header(email.header.decode_header(v))) for v in raw
                  if v.isascii()]
        if len(values) == len(raw) and not any("\ufffd" in v for v in values):  # "unknown-8bit" is guessed below
            return one_line(", ".join(values) if name in ("To", "Cc") else values[0] if values else "")
    except (LookupError, ValueError, email.errors.HeaderParseError):
        pass
    try:
        values = [_commented(msg, name, str(v)) for v in msg.get_all(name) or []]
        return one_line(", ".join(values) if name in ("To", "Cc") else values[0] if values else "")
    except Exception:  # noqa: BLE001 - the email package raises on some malformed headers
        raw = msg.get_all(name, failobj=[""])  # may still hold the unparsed value
        return one_line(str(raw[0])) if raw else ""


def _commented(msg: EmailMessage, name: str, parsed: str) -> str:
    """An address header as written when parsing dropped its comment, the old way to give a name
    ("barry@python.org (Barry A. Warsaw)"); else as parsed."""
    if name not in ("From", "To", "Cc") or "(" in parsed:
        return parsed
    for key, raw in msg.raw_items():
        if key.lower() == name.lower() and "(" in raw and parsed.split("@")[0].strip(" <\"") in raw:
            try:
                return str(email.header.make_header(email.header.decode_header(raw)))
            except Exception:  # noqa: BLE001 - an unknown charset: the raw text
                return raw
    return parsed


def _text(part) -> str:
    """A text part decoded by its charset; an unknown or wrong charset is guessed as the text reader does."""
    try:
        return clean_text(part.get_content())
    except Exception:  # noqa: BLE001 - LookupError for an unknown charset, and kin
        data = _payload(part)
        try:
            return decode(data) if data else ""
        except ReadError:
            return ""


def _payload(part) -> bytes:
    try:
        if _forwarded(part):
            inner = part.get_content()
            return inner.as_bytes() if hasattr(inner, "as_bytes") else b""
        return part.get_payload(decode=True) or b""
    except Exception:  # noqa: BLE001 - undecodable base64 and kin: the attachment is skipped, the message kept
        return b""


def _unnamed(part, n: int) -> str:
    if _forwarded(part):
        return f"attachment {n}.eml"
    import mimetypes

    return f"attachment {n}{mimetypes.guess_extension(part.get_content_type()) or ''}"


def _date(header: str) -> str | None:
    try:
        when = email.utils.parsedate_to_datetime(header)
    except Exception:  # noqa: BLE001 - no date, or one that cannot be parsed
        return None
    return when.date().isoformat() if when else None
