"""Logged-in sessions kept on the server (`sessions.json` in the data folder), so that logging out ends a session
even for a copy of its cookie, and every server process sharing the data folder agrees."""
from __future__ import annotations

import json
import secrets
import time
from pathlib import Path

from indexer import LockedFile

LIFETIME = 31 * 24 * 3600  # seconds: Flask's permanent-session lifetime
MAX_SESSIONS = 1000  # the newest logins kept; older ones must log in again


class Sessions:
    """The ids of live logins, each with the time it was made."""

    def __init__(self, data_dir: Path) -> None:
        self._file = LockedFile(data_dir / "sessions.json")
        self._cache: tuple[object, dict[str, float]] = (None, {})

    def start(self) -> str:
        """A new login's id (kept in its signed cookie)."""
        sid = secrets.token_urlsafe(24)
        self._change(lambda live: live.__setitem__(sid, time.time()))
        return sid

    def end(self, sid: str) -> None:
        """Log this session out: its cookie, and any copy of it, no longer opens anything."""
        if sid:
            self._change(lambda live: live.pop(sid, None))

    def live(self, sid: object) -> bool:
        """True when `sid` is a login that has not been ended or expired."""
        made = self._read().get(sid) if isinstance(sid, str) else None
        return made is not None and time.time() - made < LIFETIME

    def _change(self, edit) -> None:
        with self._file.locked():
            self._cache = (None, {})
            live = dict(self._read())
            edit(live)
            now = time.time()
            kept = sorted(((t, s) for s, t in live.items() if now - t < LIFETIME), reverse=True)[:MAX_SESSIONS]
            self._file.replace(json.dumps({s: t for t, s in kept}))

    def _read(self) -> dict[str, float]:
        path = self._file.path
        try:
            st = path.stat()
            stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            return {}
        if self._cache[0] != stamp:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                live = {k: float(v) for k, v in data.items()} if isinstance(data, dict) else {}
            except (OSError, ValueError, TypeError, AttributeError):
                live = {}  # unreadable: every browser logs in again, nothing worse
            self._cache = (stamp, live)
        return self._cache[1]
