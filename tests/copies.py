"""Private copies of an index folder, so a test that writes need not index the seeds again."""
from __future__ import annotations

import itertools
import shutil
from pathlib import Path

_numbers = itertools.count()


def copy_index(template: Path, dest_parent: Path) -> Path:
    """A copy of an index folder (milliseconds, where indexing the seeds again takes about half a second)."""
    dest = dest_parent / f"index-copy-{next(_numbers)}"
    shutil.copytree(template, dest)
    return dest
