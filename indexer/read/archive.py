"""Archives: .zip, .tar (+ gz/bz2/xz), .7z (py7zr) and single .gz/.bz2/.xz files, unpacked in memory within the limits.

An archive is a document listing its files; each member is read as a document of its own (nested.py). A single
compressed file (Debian's `changelog.Debian.gz`, a `.pdf.gz`) is read as the file it holds.
"""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Iterator

from .document import Builder
from ..errors import ReadError
from .nested import Unpacking, each_member, member_name, read_members

ARCHIVE_EXTENSIONS = frozenset({".zip", ".tar", ".tgz", ".tbz2", ".txz", ".gz", ".bz2", ".xz", ".7z"})
_COMPRESSED = {".gz": lambda f: gzip.GzipFile(fileobj=f), ".tgz": lambda f: gzip.GzipFile(fileobj=f),
               ".bz2": bz2.BZ2File, ".tbz2": bz2.BZ2File, ".xz": lzma.LZMAFile, ".txz": lzma.LZMAFile}
_MAGIC = ((b"PK\x03\x04", ".zip"), (b"PK\x05\x06", ".zip"), (b"\x1f\x8b", ".gz"), (b"BZh", ".bz2"),
          (b"\xfd7zXZ\x00", ".xz"), (b"7z\xbc\xaf\x27\x1c", ".7z"))


# A zip that is an office file says so by a member it holds (or by its `mimetype` member).
_ZIP_KINDS = (("word/document.xml", ".docx"), ("xl/workbook.xml", ".xlsx"), ("ppt/presentation.xml", ".pptx"))
_ODF_KINDS = {b"application/vnd.oasis.opendocument.text": ".odt",
              b"application/vnd.oasis.opendocument.spreadsheet": ".ods",
              b"application/vnd.oasis.opendocument.presentation": ".odp", b"application/epub+zip": ".epub"}


def sniff(data: bytes) -> str | None:
    """The type of these bytes by their first bytes (".zip", ".tar", ...; ".docx", ".odt"... for a zip that is an
    office file), or None."""
    for magic, suffix in _MAGIC:
        if data.startswith(magic):
            return _zip_kind(data) if suffix == ".zip" else suffix
    return ".tar" if data[257:262] == b"ustar" else None


def _zip_kind(data: bytes | Path) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                kind = _ODF_KINDS.get(zf.read("mimetype").strip())
                if kind:
                    return kind
    except Exception:  # noqa: BLE001 - a damaged zip is refused as a zip by the archive reader
        return ".zip"
    return next((suffix for member, suffix in _ZIP_KINDS if member in names), ".zip")


def read_archive(data: bytes, name: str, suffix: str, unpack: Unpacking) -> list:
    """The archive's listing as a document, then its members; a single compressed file as the file it holds.

    Members are taken out one at a time and read before the next is inflated: a large archive is never held
    unpacked in memory all at once.
    """
    unpack.enter("archive")
    if suffix == ".zip":
        kind, members = "zip", _zip(io.BytesIO(data), unpack)
    elif suffix == ".7z":
        kind, members = "7z", iter(_seven_zip(data, unpack))
    elif suffix == ".tar" or data[257:262] == b"ustar" or _peek(data, suffix)[257:262] == b"ustar":
        kind, members = "tar", _tar(io.BytesIO(data), unpack)  # tarfile inflates .tar.gz as it goes
    else:
        return _single(_decompress(data, suffix, unpack), name, suffix, unpack)
    names: list[str] = []
    docs = read_members(name, _listed(members, names), unpack)
    return [_listing(names, name, kind), *docs]


def is_streamed(path: Path) -> bool:
    """Whether this file is a zip or tar archive (not an office file) that can be read from its file."""
    with open(path, "rb") as f:
        head = f.read(512)
    kind = sniff(head)
    if kind == ".zip":
        return _zip_kind(path) == ".zip"
    if kind in (".gz", ".bz2", ".xz"):
        try:
            with open(path, "rb") as raw, _COMPRESSED[kind](raw) as f:  # a .tar.gz: its first block inflated
                head = f.read(512)
        except (OSError, EOFError, lzma.LZMAError, zlib.error):
            return False  # refused as it is read whole
    return head[257:262] == b"ustar"


def read_archive_file(path: Path, name: str, unpack: Unpacking) -> Iterator:
    """A zip or tar archive read from its file (`is_streamed`) a member at a time: each member's documents, then
    the listing. Only the member in hand is in memory, whatever the archive's size."""
    unpack.enter("archive")
    kind = "zip" if zipfile.is_zipfile(path) else "tar"
    with open(path, "rb") as f:
        names: list[str] = []
        yield from each_member(name, _listed(_zip(f, unpack) if kind == "zip" else _tar(f, unpack), names), unpack)
    yield _listing(names, name, kind)


def _listed(members: Iterator[tuple[str, bytes | ReadError]], names: list[str]) -> Iterator:
    for member, blob in members:
        names.append(member)
        yield member, blob


def _listing(names: list[str], name: str, kind: str):
    """The archive's own document: the names of the files it holds."""
    b = Builder()
    b.add("Files", "\n".join(names))
    if not b.sections:
        raise ReadError(f"this {kind} archive holds no files")
    return b.build(name, kind, {"files": str(len(names))})


def _zip(file, unpack: Unpacking) -> Iterator[tuple[str, bytes | ReadError]]:
    try:
        zf = zipfile.ZipFile(file)
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except Exception:  # noqa: BLE001 - BadZipFile, or a damaged directory zipfile chokes on another way
        raise ReadError("not a valid zip archive") from None
    if any(i.flag_bits & 0x1 for i in infos):
        raise ReadError("this zip archive is encrypted (password-protected); decrypt it and index its files")
    # Sizes from the archive's own directory, checked before anything is inflated; then counted as read.
    declared = sum(i.file_size for i in infos)
    unpack.count(len(infos), declared if declared > unpack.left() else 0)
    for info in infos:
        try:
            with zf.open(info) as f:
                blob = f.read(unpack.left() + 1)
        except (zipfile.BadZipFile, NotImplementedError, EOFError, OSError, zlib.error) as exc:
            yield member_name(info.filename), ReadError(f"a damaged member of the zip archive ({exc})")
            continue
        unpack.count(0, len(blob))
        yield member_name(info.filename), blob


def _tar(fileobj, unpack: Unpacking) -> Iterator[tuple[str, bytes]]:
    taken = 0
    try:
        with tarfile.open(fileobj=fileobj, mode="r:*") as tf:
            for info in tf:  # headers read one at a time: a long tar.gz is not listed first
                if not info.isfile():  # links, devices, folders: never followed, nothing made
                    continue
                unpack.count(1, 0)
                if info.size > unpack.left():
                    unpack.count(0, info.size)
                f = tf.extractfile(info)
                blob = f.read(unpack.left() + 1) if f else b""
                unpack.count(0, len(blob))
                taken += 1
                yield member_name(info.name), blob
    except (tarfile.TarError, EOFError, OSError, lzma.LZMAError, zlib.error) as exc:
        if not taken:
            raise ReadError(f"not a valid tar archive ({exc})") from None
        # A truncated archive: the members read so far are kept.


def _peek(data: bytes, suffix: str) -> bytes:
    """The first bytes of a compressed file's content (to see whether it is a tar), or b"" when it is not one."""
    opener = _COMPRESSED.get(suffix) or _COMPRESSED.get(sniff(data) or "")
    if opener is None:
        return b""
    try:
        with opener(io.BytesIO(data)) as f:
            return f.read(512)
    except (OSError, EOFError, lzma.LZMAError, zlib.error):
        return b""


def _decompress(data: bytes, suffix: str, unpack: Unpacking) -> bytes:
    opener = _COMPRESSED.get(suffix) or _COMPRESSED[sniff(data) or ".gz"]
    try:
        with opener(io.BytesIO(data)) as f:
            inner = f.read(unpack.left() + 1)
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as exc:
        raise ReadError(f"not a valid {suffix} file ({exc})") from None
    unpack.count(0, len(inner))
    return inner


def _single(inner: bytes, name: str, suffix: str, unpack: Unpacking) -> list:
    """A compressed file read as the file it holds: `changelog.Debian.gz` as `changelog.Debian`."""
    path = PurePosixPath(name)
    inner_name = path.stem if path.suffix.lower() == suffix else path.name
    if suffix in (".tgz", ".tbz2", ".txz"):
        inner_name += ".tar"
    unpack.depth += 1
    try:
        return unpack.read(inner_name, inner, unpack=unpack)
    finally:
        unpack.depth -= 1


def _seven_zip(data: bytes, unpack: Unpacking) -> list[tuple[str, bytes]]:
    import py7zr
    from py7zr.io import BytesIOFactory

    try:
        with py7zr.SevenZipFile(io.BytesIO(data)) as sz:
            if sz.needs_password():
                raise ReadError("this 7z archive is encrypted (password-protected); decrypt it and index its files")
            infos = [i for i in sz.list() if not i.is_directory and not i.is_symlink]
            declared = sum(i.uncompressed or 0 for i in infos)
            unpack.count(len(infos), declared if declared > unpack.left() else 0)
            # In memory, each file cut at what may still be expanded; links are never followed or made.
            factory = BytesIOFactory(unpack.left() + 1)
            sz.extract(targets=[i.filename for i in infos], factory=factory)
    except ReadError:
        raise
    except py7zr.PasswordRequired:
        raise ReadError("this 7z archive is encrypted (password-protected); decrypt it and index its files") from None
    except Exception as exc:  # noqa: BLE001 - py7zr raises many types for damaged archives
        raise ReadError(f"not a valid 7z archive ({type(exc).__name__})") from None
    out = []
    for info in infos:
        product = factory.products.get(info.filename)
        if product is not None:
            product.seek(0)
        blob = product.read() if product is not None else b""
        unpack.count(0, len(blob))
        out.append((member_name(info.filename), blob))
    return out
