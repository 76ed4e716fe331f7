"""A Whoosh file storage that makes a commit durable before it becomes visible.

Whoosh writes segment files and then renames a new TOC into place, but never fsyncs: after a power loss the TOC
can point at files whose data never reached the disk. Here every file is fsynced when closed and the folder is
fsynced after each rename, so the TOC only appears once everything it names is on disk (as Lucene does).
"""
from __future__ import annotations

import os

from whoosh.filedb.filestore import FileStorage


def fsync_dir(path: str) -> None:
    """Persist a folder's entries (new, renamed or deleted files)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_on_close(structfile) -> None:
    f = structfile.file
    if hasattr(f, "flush") and hasattr(f, "fileno"):
        f.flush()
        os.fsync(f.fileno())


class DurableFileStorage(FileStorage):
    """FileStorage with fsync on file close and on every rename."""

    def create_file(self, name, excl=False, mode="wb", **kwargs):
        """Create a file that is fsynced when closed."""
        f = super().create_file(name, excl=excl, mode=mode, **kwargs)
        previous = f.onclose

        def onclose(sf, _previous=previous):
            _sync_on_close(sf)
            if _previous:
                _previous(sf)

        f.onclose = onclose
        return f

    def rename_file(self, oldname, newname, safe=False):
        """Rename, then fsync the folder so the new name survives a crash."""
        super().rename_file(oldname, newname, safe=safe)
        fsync_dir(self.folder)
