"""An `aliases.toml` in a folder given to `sleuth index`: checked, then kept in the data folder (`aliases.d/`, one
file per folder), where canonical names read it with the corpus's and the data folder's own (which still wins).

It is never indexed as a document. A file that is not valid TOML, or holds no `[aliases]`/`[infobox]` table, is
reported as failed with the fix; the folder is indexed without it.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from ..entities.aliases import check_aliases

FOLDER_ALIASES = "aliases.d"


@dataclass
class Adopted:
    """What the folders' alias files did: any changed (the names must be built again), notes and failures."""

    changed: bool
    notes: list[str]
    failed: list[tuple[str, str]]  # (file, reason)


def adopt(paths: Iterable[Path], data_dir: Path, corpus_dir: Path, earlier: bool) -> Adopted:
    """Keep each given folder's `aliases.toml` in the data folder (the corpus folder's is read where it is); say
    what changed. `earlier`: documents are indexed already (they keep their names until a rebuild)."""
    changed, notes, failed = False, [], []
    for folder in (Path(p) for p in paths):
        source = folder / "aliases.toml"
        if not folder.is_dir() or not source.is_file() or folder.resolve() == Path(corpus_dir).resolve():
            continue
        data = source.read_bytes().removeprefix(b"\xef\xbb\xbf")  # as Notepad saves it
        problem, count = check_aliases(data)
        if problem:
            failed.append((str(source), f"{problem}; fix it and index the folder again (it was indexed without it)"))
            continue
        kept = data_dir / FOLDER_ALIASES / (hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16] + ".toml")
        if kept.is_file() and kept.read_bytes() == data:
            continue
        notes.append(f"Names from {source} are used ({count} aliases)"
                     + ("; documents indexed before it was read or changed keep their names until "
                        "`sleuth index --rebuild`." if earlier else "."))
        _write(kept, data)
        changed = True
    return Adopted(changed, notes, failed)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".aliases-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
