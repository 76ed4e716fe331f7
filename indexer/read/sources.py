"""Inputs to index: a file's bytes and the document id it gets, found by walking files and folders."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from . import archive, mailbox, ocr
from .document import Document, Refused
from .nested import Limits, Unpacking
from .pick import read_bytes
from ..query.results import DocumentReport

SKIP_NAMES = {"aliases.toml"}


@dataclass
class Source:
    """One input: a file's bytes and the document id it gets (JSONL records carry their own ids)."""

    name: str
    doc_id: str
    data: bytes
    suffix: str
    id_prefix: str = ""  # put before JSONL records' own ids ("upload/": uploads never replace indexed documents)
    # A large mailbox or archive is not loaded: `data` stays empty, its messages or members are read from this
    # file one at a time.
    path: Path | None = None
    _read: list | Exception | None = field(default=None, repr=False)

    def read(self, options: "ocr.Options | None" = None, limits: Limits | None = None) -> list[Document | Refused]:
        """The documents in this source, read once (so that uploads can be read before taking the write lock).

        Raises ReadError when the source cannot be read at all; a JSONL line that cannot be is a `Refused`. A
        streamed mailbox or archive gives an iterator instead, read as it is taken (and not kept).
        """
        if self.path is not None:
            unpack = Unpacking(limits or Limits(), options)
            unpack.read = read_bytes
            with open(self.path, "rb") as f:
                reader = mailbox.read_mbox_file if mailbox.is_mbox(f.read(8192)) else archive.read_archive_file
            return reader(self.path, self._reader_name, unpack)
        if self._read is None:
            try:
                unpack = Unpacking(limits, options) if limits is not None else None
                self._read = read_bytes(self._reader_name, self.data, options, unpack)
            except Exception as exc:  # kept, and raised again by the pipeline that reports it
                self._read = exc
        if isinstance(self._read, Exception):
            raise self._read
        return self._read

    def read_early(self, options: "ocr.Options", limits: Limits | None = None) -> None:
        """Read now (outside the write lock); a failure is kept and reported when the pipeline reads."""
        try:
            self.read(options, limits)
        except Exception:  # noqa: BLE001 - raised again, and reported, by Pipeline.index
            return

    def whole(self) -> bytes:
        """The file's bytes (a streamed file's read from its file now)."""
        return self.data if self.path is None else self.path.read_bytes()

    def digest(self) -> str:
        """SHA-256 of the file's bytes (the registry's `content_hash`), a streamed file's read a block at a time."""
        if self.path is None:
            return hashlib.sha256(self.data).hexdigest()
        digest = hashlib.sha256()
        with open(self.path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()

    @property
    def is_jsonl(self) -> bool:
        """True for a JSONL file, whose lines are documents of their own."""
        return self.suffix.lower() == ".jsonl"

    @property
    def _reader_name(self) -> str:
        """The name the reader sees: a stored copy's name ("c.jsonl [r1]") ends with the suffix it was kept as."""
        name = self.display_name
        return name if not self.suffix or name.lower().endswith(self.suffix.lower()) else name + self.suffix

    @property
    def display_name(self) -> str:
        """The file's name without the folders it was found in."""
        return Path(self.name).name if self.suffix else self.name


@dataclass(frozen=True)
class Walked:
    """A file found by walking: the folder it was found in (resolved), its path there (its document id)."""

    root: str
    rel: str
    path: Path

    def source(self) -> Source | DocumentReport:
        """Its bytes, read now; a file that cannot be read is a failed report."""
        return _source(self.path, self.rel)


def walk(paths: Iterable[Path]) -> Iterator[Walked | DocumentReport]:
    """The files under the given files and folders, in order, without reading them; a path that does not exist
    comes out as a failed report, in its place."""
    for root in paths:
        root = Path(root)
        if root.is_dir():
            base = str(root.resolve())
            files = sorted(p for p in root.rglob("*") if p.is_file() and not _hidden(p.relative_to(root)))
            for p in files:
                if p.name not in SKIP_NAMES:
                    yield Walked(base, p.relative_to(root).as_posix(), p)
        elif root.is_file():
            yield Walked(str(root.resolve().parent), root.name, root)
        else:
            yield DocumentReport(str(root), "failed", reason="no such file or folder")


def sources_from_paths(paths: Iterable[Path]) -> Iterator[Source | DocumentReport]:
    """Walk files and folders; a document's id is its path relative to the folder given (or its file name).

    A path that cannot be read comes out as a failed report, in its place.
    """
    for item in walk(paths):
        yield item if isinstance(item, DocumentReport) else item.source()


def _hidden(rel: Path) -> bool:
    return any(part.startswith(".") for part in rel.parts)


def _source(path: Path, doc_id: str) -> Source | DocumentReport:
    try:
        if path.stat().st_size >= mailbox.STREAM_BYTES:
            with open(path, "rb") as f:
                mbox = path.suffix.lower() == ".mbox" and mailbox.is_mbox(f.read(8192))
            if mbox or archive.is_streamed(path):
                return Source(str(path), doc_id, b"", path.suffix, path=path)
        return Source(str(path), doc_id, path.read_bytes(), path.suffix)
    except OSError as exc:
        return DocumentReport(str(path), "failed", reason=f"cannot read: {exc.strerror or exc}")
