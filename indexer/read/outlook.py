"""Outlook messages (.msg, by olefile, BSD) and TNEF (winmail.dat, by tnefparse, LGPL-3.0), read as emails.

A .msg is an OLE file of MAPI properties, one stream per property (`__substg1.0_PPPPTTTT`: property id, type);
attachments are storages of their own, and an attached message is a message storage inside one.
"""
from __future__ import annotations

import datetime as dt
import struct
from email.parser import HeaderParser
from email.utils import parsedate_to_datetime

from .text import clean_text, one_line
from ..errors import ReadError
from . import mail
from .nested import SEPARATOR, Unpacking, member_name, placed

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
TNEF_MAGIC = b"\x78\x9f\x3e\x22"
OUTLOOK_EXTENSIONS = frozenset({".msg", ".tnef"})
_ATTACH, _EMBEDDED = "__attach_version1.0_#", "__substg1.0_3701000D"
_SUBMIT_TIME = 0x00390040  # PR_CLIENT_SUBMIT_TIME, a FILETIME in the properties stream


def ole_kind(data: bytes) -> str | None:
    """".msg", ".doc", ".xls" or ".ppt" for an OLE file, by the streams it holds; None when it is none of these."""
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except Exception:  # noqa: BLE001 - not an OLE file after all
        return None
    names = {e[0] for e in ole.listdir(streams=True, storages=True)}
    ole.close()
    if any(n.startswith("__substg1.0_") for n in names):
        return ".msg"
    kinds = (("WordDocument", ".doc"), ("Workbook", ".xls"), ("Book", ".xls"), ("PowerPoint Document", ".ppt"))
    return next((suffix for stream, suffix in kinds if stream in names), None)


def read_msg(data: bytes, name: str, unpack: Unpacking) -> list:
    """The message and its attachments; an attached message is read as a message of its own."""
    import olefile

    unpack.enter("Outlook message")
    try:
        ole = olefile.OleFileIO(data)
    except Exception:  # noqa: BLE001 - olefile raises several types for damaged files
        raise ReadError("not a valid Outlook .msg file (not an OLE file)") from None
    try:
        return _message(ole, [], name, unpack, top=True)
    finally:
        ole.close()


def _message(ole, prefix: list[str], name: str, unpack: Unpacking, top: bool = False) -> list:
    def prop(tag: str) -> str:
        return _string(ole, prefix, tag)

    if not top and not prop("0037") and not prop("1000"):
        raise ReadError("an attached Outlook item with no subject and no text")
    headers = HeaderParser().parsestr(prop("007D")) if prop("007D") else {}
    sender = prop("0C1A") or prop("0042")
    address = prop("5D01") or prop("0C1F") or prop("0065")
    values = {"from": f"{sender} <{address}>" if sender and "@" in address and address not in sender
              else sender or address, "to": prop("0E04"), "cc": prop("0E03"),
              "date": one_line(str(headers.get("Date", ""))),
              "message-id": prop("1035"), "in-reply-to": prop("1042"),
              "references": one_line(str(headers.get("References", "")))}
    when = _when(headers.get("Date")) or _submit_time(ole, prefix, top)
    if when and not values["date"]:
        values["date"] = when.strftime("%a, %d %b %Y %H:%M:%S %z").strip()
    body, html = prop("1000"), _string(ole, prefix, "1013", binary_ok=True)
    texts = [("plain", body)] if body.strip() else [("html", html)] if html.strip() else []
    attachments, embedded = [], []
    for storage in sorted({e[len(prefix)] for e in ole.listdir(streams=True, storages=True)
                           if len(e) > len(prefix) and e[:len(prefix)] == prefix
                           and e[len(prefix)].startswith(_ATTACH)}):
        path = [*prefix, storage]
        label = member_name(_string(ole, path, "3707") or _string(ole, path, "3704") or _string(ole, path, "3001")
                            or f"attachment {len(attachments) + len(embedded) + 1}")
        if ole.exists("/".join([*path, _EMBEDDED])):
            embedded.append((label if label.lower().endswith(".msg") else label + ".msg", [*path, _EMBEDDED]))
        elif ole.exists("/".join([*path, "__substg1.0_37010102"])):
            attachments.append((label, ole.openstream("/".join([*path, "__substg1.0_37010102"])).read()))
    more = []
    unpack.count(len(embedded), 0)
    unpack.depth += 1
    try:
        for label, path in embedded:
            try:
                more += [placed(d, name, label) for d in _message(ole, path, label, unpack)]
            except ReadError as exc:
                from .document import Refused

                more.append(Refused(f"{name}{SEPARATOR}{label}: {exc}"))
    finally:
        unpack.depth -= 1
    return mail.compose(name, values, prop("0037"), when.date().isoformat() if when else None, texts, attachments,
                        unpack, more)


def _string(ole, prefix: list[str], tag: str, binary_ok: bool = False) -> str:
    """A string property: UTF-16 (type 001F), 8-bit (001E, taken as cp1252), or bytes (0102) when allowed."""
    for kind, codec in (("001F", "utf-16-le"), ("001E", "cp1252"), *((("0102", "utf-8"),) if binary_ok else ())):
        path = "/".join([*prefix, f"__substg1.0_{tag}{kind}"])
        if ole.exists(path):
            return clean_text(ole.openstream(path).read().decode(codec, "replace")).rstrip("\x00")
    return ""


def _when(value) -> dt.datetime | None:
    try:
        return parsedate_to_datetime(str(value)) if value else None
    except (TypeError, ValueError):
        return None


def _submit_time(ole, prefix: list[str], top: bool) -> dt.datetime | None:
    """PR_CLIENT_SUBMIT_TIME from the properties stream (a 32-byte header on top, 24 in an attached message)."""
    path = "/".join([*prefix, "__properties_version1.0"])
    if not ole.exists(path):
        return None
    raw = ole.openstream(path).read()
    for at in range(32 if top else 24, len(raw) - 15, 16):
        tag, _flags, value = struct.unpack_from("<IIQ", raw, at)
        if tag == _SUBMIT_TIME and value:
            return dt.datetime(1601, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(microseconds=value // 10)
    return None


def read_tnef(data: bytes, name: str, unpack: Unpacking) -> list:
    """A TNEF file (winmail.dat): its message text, then its attachments as documents of their own."""
    import tnefparse

    unpack.enter("TNEF message")
    try:
        tnef = tnefparse.TNEF(data)
    except Exception as exc:  # noqa: BLE001 - tnefparse raises several types for damaged files
        raise ReadError(f"not a valid TNEF (winmail.dat) file ({type(exc).__name__})") from None
    texts = []
    if tnef.body:
        texts.append(("plain", clean_text(_decoded(tnef.body))))
    elif tnef.htmlbody:
        texts.append(("html", clean_text(_decoded(tnef.htmlbody))))
    elif (tnef.rtfbody or b"").lstrip().startswith(b"{\\rtf"):  # compressed RTF (LZFu) is not read
        from striprtf.striprtf import rtf_to_text

        texts.append(("plain", clean_text(rtf_to_text(_decoded(tnef.rtfbody), errors="replace"))))
    attachments = [(member_name(a.long_filename() or f"attachment {n}"), bytes(a.data or b""))
                   for n, a in enumerate(tnef.attachments, 1)]
    subject = one_line(_decoded(getattr(tnef, "subject", "") or ""))
    return mail.compose(name, {}, subject, None, texts, [a for a in attachments if a[1]], unpack)


def _decoded(value) -> str:
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8").rstrip("\x00")
        except UnicodeDecodeError:
            return value.decode("cp1252", "replace").rstrip("\x00")
    return str(value)
