"""Files inside files (attachments, archive members): read in memory, named after where they came from, bounded.

Nothing is ever written to disk: a member's name ("../../etc/passwd", "/abs", a NUL) only labels its document.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .document import Document
from .docx import MAX_UNPACKED_BYTES
from ..errors import ReadError

SEPARATOR = " › "
MAX_NAME = 150  # characters of a member's name kept in its label (a document's id is at most 300)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class LimitError(ReadError):
    """A limit on unpacking was passed: the whole input is refused, naming the limit and its setting."""


@dataclass(frozen=True)
class Limits:
    """How deep containers may nest, how many files one input may hold, how many bytes they may expand to."""

    depth: int = 5
    members: int = 10_000
    expanded: int = 1024 * 1024 * 1024

    @classmethod
    def from_settings(cls, settings: object) -> "Limits":
        """The unpacking part of the settings (`SLEUTH_MAX_ARCHIVE_DEPTH`, ...)."""
        d = cls()
        return cls(int(getattr(settings, "max_archive_depth", d.depth)),
                   int(getattr(settings, "max_archive_members", d.members)),
                   int(getattr(settings, "max_expanded_bytes", d.expanded)))


@dataclass
class Unpacking:
    """One input's unpacking, across every level: its limits, options, and what has been taken out so far."""

    limits: Limits = field(default_factory=Limits)
    ocr_options: object = None
    # How a member is read: `pick.read_bytes`, handed over when reading starts (a container reader calls it for
    # its members without importing the module that imports it).
    read: Callable[..., list] | None = None
    depth: int = 0
    members: int = 0
    expanded: int = 0

    def enter(self, kind: str) -> None:
        """Called by a container reader before it opens anything: refuses one nested too deep."""
        if self.depth > self.limits.depth:
            raise ReadError(f"this {kind} is nested {self.depth} levels deep, over the limit of {self.limits.depth} "
                            "(SLEUTH_MAX_ARCHIVE_DEPTH); unpack it and index its files, or raise the limit")

    def left(self) -> int:
        """Bytes that may still be expanded (a reader reads at most one more, to see that it is over)."""
        return max(self.limits.expanded - self.expanded, 0)

    def count(self, files: int, size: int) -> None:
        """Add files and expanded bytes; past a limit the whole input is refused (a zip bomb, or too much)."""
        self.members += files
        self.expanded += size
        if self.members > self.limits.members:
            raise LimitError(f"it holds more than {self.limits.members:,} files, the limit for one input "
                             "(SLEUTH_MAX_ARCHIVE_MEMBERS); split it, or raise the limit")
        if self.expanded > self.limits.expanded:
            raise LimitError(f"it expands to more than {_mb(self.limits.expanded)}, the limit for one input "
                             "(SLEUTH_MAX_EXPANDED_BYTES): a zip bomb, or too large; unpack it, or raise the limit")


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MB" if n >= 2**20 else f"{n:,} bytes"


def member_name(raw: str) -> str:
    """A member's name as shown: no control characters, no empty, '.' or '..' parts, no leading '/'."""
    raw = raw.encode("utf-8", "surrogateescape")  # a tar keeps names it cannot decode as escapes
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:  # old archivers wrote names in the system's code page
        text = raw.decode("cp1252", "replace")
    parts = [p for p in _CONTROL.sub("", text).replace("\\", "/").split("/") if p not in ("", ".", "..")]
    name = "/".join(parts) or "unnamed"
    if len(name) > MAX_NAME:  # ids stay short enough to use: the start, a hash of the whole, the end
        tag = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        name = f"{name[:MAX_NAME // 3]}…{tag}…{name[-MAX_NAME // 2:]}"
    return name


def read_members(parent: str, items: Iterable[tuple[str, bytes | ReadError]], unpack: Unpacking) -> list:
    """Each (name, bytes) read as a file of its own; its documents say where they came from and carry their parent.

    A member that cannot be read is a `Refused` naming it; a passed limit refuses the whole input (LimitError).
    """
    return list(each_member(parent, items, unpack))


def each_member(parent: str, items: Iterable[tuple[str, bytes | ReadError]], unpack: Unpacking) -> Iterator:
    """`read_members`, a member's documents at a time: only the member in hand is in memory."""
    from .document import Refused

    seen: set[str] = set()
    unpack.depth += 1
    try:
        for name, data in items:
            name = _unique(name, seen)
            label = parent + SEPARATOR + name
            if isinstance(data, ReadError):  # the container could not take this member out
                yield Refused(f"{label}: {data}")
                continue
            try:
                found = unpack.read(name, data, unpack=unpack)
            except LimitError:
                raise
            except ReadError as exc:
                yield Refused(f"{label}: {exc}")
                continue
            except Exception as exc:  # noqa: BLE001 - a damaged member must not cost the others
                yield Refused(f"{label}: cannot be read ({type(exc).__name__})")
                continue
            data = None  # the member's bytes go before its documents are handed on
            for item in found:
                yield placed(item, parent, name)
    finally:
        unpack.depth -= 1


def _unique(name: str, seen: set[str]) -> str:
    """Two attachments called "msg.txt" become "msg.txt" and "msg (2).txt"."""
    stem, dot, ext = name.rpartition(".")
    stem, ext = (stem, dot + ext) if dot and stem else (name, "")
    unique, n = name, 1
    while unique in seen:
        n += 1
        unique = f"{stem} ({n}){ext}"
    seen.add(unique)
    return unique


def placed(item, parent: str, name: str):
    """A document (or refusal) read from the member `name` of `parent`, named after where it came from."""
    from .document import Refused

    if isinstance(item, Document):
        item.source = parent + SEPARATOR + (item.source or name)
        item.parent = parent + SEPARATOR + item.parent if item.parent else parent
        return item
    reason = str(item)
    return Refused(parent + SEPARATOR + (reason if reason.startswith(name) else f"{name}: {reason}"))


def open_zip(data: bytes, unpack: Unpacking, kind: str):
    """A zip-based file (.xlsx, .odt, .epub...) opened in memory; refused when it expands past what is left."""
    import io
    import zipfile

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        size = sum(i.file_size for i in zf.infolist())
    except Exception:  # noqa: BLE001 - BadZipFile, or a damaged directory zipfile chokes on another way
        raise ReadError(f"not a valid {kind} (not a zip archive)") from None
    # Sizes from the archive's own directory, checked before anything is inflated; an office file is held
    # unpacked by its library, so it has the .docx reader's limit too.
    if size > unpack.left():
        unpack.count(0, size)
    if size > MAX_UNPACKED_BYTES:
        raise ReadError(f"this {kind} expands to {size // 2**20} MB, over the {MAX_UNPACKED_BYTES // 2**20} MB "
                        "limit (a zip bomb, or too large)")
    return zf
