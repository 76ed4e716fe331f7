"""Mailboxes (.mbox): one document per message (and its attachments), a message at a time — split in memory, or
read from the file itself, so that a mailbox of any size is never held whole (`read_mbox_file`)."""
from __future__ import annotations

import dataclasses
import email
import re
from pathlib import Path
from typing import Iterable, Iterator

from . import mail
from .document import Document, Refused
from .nested import SEPARATOR, Unpacking
from ..errors import ReadError

_MBOX_FROM = re.compile(rb"^From \S+", re.M)
STREAM_BYTES = 32 * 1024 * 1024  # an .mbox (a .zip, a .tar) this large is read from its file a message at a time
_READ_SIZE = 1 << 20


def is_mbox(data: bytes) -> bool:
    """An mbox starts with a "From " line followed by a message."""
    return data.startswith(b"From ") and mail.looks_like_mail(data)


def read_mbox(data: bytes, name: str, unpack: Unpacking) -> Iterator:
    """The documents of a mailbox held in memory; a broken message is refused alone."""
    unpack.enter("mailbox")
    starts = [m.start() for m in _MBOX_FROM.finditer(data)]
    if len(starts) == 1:  # one message saved with its "From " line (a `git format-patch` file): that message
        yield from mail.read_eml(data, name, unpack)
        return
    yield from _documents((data[b:e] for b, e in zip(starts, starts[1:] + [len(data)])), name, unpack)


def read_mbox_file(path: Path, name: str, unpack: Unpacking) -> Iterator:
    """The documents of a mailbox read from its file a message at a time (each message is named, even a lone one)."""
    unpack.enter("mailbox")
    yield from _documents(messages(path), name, unpack)


def messages(path: Path) -> Iterator[bytes]:
    """The messages of an mbox file as `mailbox.mbox` splits them (at each line that starts with "From "), read a
    block at a time: only the message in hand is in memory."""
    with open(path, "rb") as f:
        lines: list[bytes] = []
        for line in iter(f.readline, b""):  # readline reads through the file's own buffer
            if line.startswith(b"From ") and lines:
                yield b"".join(lines)
                lines = []
            lines.append(line)
        if lines:
            yield b"".join(lines)


def _documents(raws: Iterable[bytes], name: str, unpack: Unpacking) -> Iterator:
    """Each message's documents; its attachments are counted against the limits for one input on their own (a
    mailbox of 100,000 messages is not one zip of 100,000 files)."""
    for n, raw in enumerate(raws, 1):
        label = f"{name}{SEPARATOR}message {n}"
        try:
            msg = email.message_from_bytes(raw, policy=mail.POLICY)
            found = mail.message(msg, label, dataclasses.replace(unpack, members=0, expanded=0))
        except ReadError as exc:
            yield Refused(f"{label}: {exc}")
            continue
        except Exception as exc:  # noqa: BLE001 - a malformed message must not cost the rest of the mailbox
            yield Refused(f"{label}: malformed message ({type(exc).__name__})")
            continue
        for item in found:
            if isinstance(item, Document) and item.source is None:
                item.source = label
            yield item
