"""Entity corrections a user makes (merge, rename, change type, hide), kept in a readable TOML file in the data folder.

Corrections act on canonical entities after the automatic rules: a mention that resolves to ("person",
"Jacques Mornard") and a merge of that entity into ("person", "Ramón Mercader") ends up as the latter. The file
is read again whenever it changes, so a hand edit applies like a change made on the entity page.
"""
from __future__ import annotations

import json
import os
import secrets
import sys
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from .errors import SleuthError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ACTIONS = ("merge", "rename", "retype", "hide")
FILE_NAME = "corrections.toml"
_HEADER = """# Sleuth's entity corrections, newest last. Made on entity pages or with `sleuth entities merge|rename|retype|hide`;
# undo them on the corrections page or with `sleuth entities undo ID`, or edit this file by hand.
# Each names an entity by its type and canonical name, as shown on its page:
#   merge  — its mentions count as the entity `into` (of type `into_type`, default the same type)
#   rename — shown as `into` instead
#   retype — counted as type `into`
#   hide   — not a name: dropped from facets and entity lists
"""


@dataclass
class Correction:
    """One correction of one canonical entity."""

    id: str
    action: str  # one of ACTIONS
    facet: str
    name: str
    into: str = ""  # merge: target name; rename: new name; retype: new facet
    into_type: str = ""  # merge: the target's facet when it differs
    made: str = ""

    def describe(self) -> str:
        """One line for lists: what it does."""
        what = {"merge": f"merged into {_noun(self.into_type or self.facet)} “{self.into}”",
                "rename": f"renamed “{self.into}”", "retype": f"counted as {_noun(self.into)}",
                "hide": "hidden (not a name)"}
        return f"{_noun(self.facet)} “{self.name}” {what[self.action]}"


def _noun(facet: str) -> str:
    """A type as a reader says it ("organisation", not the key "org")."""
    return {"org": "organisation"}.get(facet, facet)


class Corrections:
    """The corrections in force, applied to (facet, name) resolutions."""

    def __init__(self, items: list[Correction] | None = None) -> None:
        self.items = list(items or [])
        self._map: dict[tuple[str, str], Correction] = {}
        for c in self.items:  # later corrections of the same entity win
            self._map[(c.facet, c.name)] = c

    def apply(self, resolved: tuple[str, str] | None) -> tuple[str, str] | None:
        """The corrected (facet, name) of a resolved mention, or None if hidden; follows chains a few steps."""
        for _ in range(8):  # a merge into a renamed entity, and so on; bounded against cycles in a hand-edited file
            if resolved is None:
                return None
            c = self._map.get(resolved)
            if c is None:
                return resolved
            if c.action == "hide":
                return None
            if c.action == "merge":
                resolved = (c.into_type or c.facet, c.into)
            elif c.action == "rename":
                resolved = (resolved[0], c.into)
            else:
                resolved = (c.into, resolved[1])
        return resolved


class CorrectionsFile:
    """`corrections.toml` in the data folder: read when changed, written whole and atomically."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME
        self._cache: tuple[float, Corrections] | None = None

    def stamp(self) -> float:
        """Changes whenever the file does (0 when there is none)."""
        try:
            return self.path.stat().st_mtime_ns
        except FileNotFoundError:
            return 0

    def load(self) -> Corrections:
        """The corrections in force (the file is read again only when it changed)."""
        stamp = self.stamp()
        if self._cache is None or self._cache[0] != stamp:
            self._cache = (stamp, Corrections(self._read()))
        return self._cache[1]

    def _read(self) -> list[Correction]:
        if not self.path.exists():
            return []
        try:
            data = tomllib.loads(self.path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SleuthError(f"{self.path.name} in the data folder is not valid TOML ({exc}); fix or delete it.")
        fields = set(Correction.__dataclass_fields__)
        return [Correction(**{k: str(v) for k, v in entry.items() if k in fields})
                for entry in data.get("correction", []) if entry.get("action") in ACTIONS]

    def add(self, action: str, facet: str, name: str, into: str = "", into_type: str = "") -> Correction:
        """Record a new correction; returns it (with its id for undo)."""
        made = datetime.now(timezone.utc).isoformat(timespec="seconds")
        new = Correction(secrets.token_hex(4), action, facet, name, into, into_type, made)
        self._write(self.load().items + [new])
        return new

    def remove(self, correction_id: str) -> Correction | None:
        """Undo one correction by id; returns it, or None if there is none such."""
        items = self.load().items
        gone = next((c for c in items if c.id == correction_id), None)
        if gone is not None:
            self._write([c for c in items if c.id != correction_id])
        return gone

    def _write(self, items: list[Correction]) -> None:
        lines = [_HEADER]
        for c in items:
            lines.append("[[correction]]")
            lines += [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in asdict(c).items() if v]
            lines.append("")
        tmp = self.path.with_suffix(".toml.tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            fh.write("\n".join(lines))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, self.path)
        self._cache = None


def changed_mentions(canon, old: Corrections, new: Corrections) -> set[tuple[str, str]]:
    """The raw (surface, label) mentions whose corrected entity differs between two sets of corrections."""
    changed = set()
    for pair in list(canon.counts):
        resolved = canon.resolve(*pair, corrected=False)
        if old.apply(resolved) != new.apply(resolved):
            changed.add(pair)
    return changed


def check(action: str, facet: str, name: str, into: str, into_type: str, facets: tuple[str, ...]) -> None:
    """Refuse a correction that cannot apply, with a message naming what to give instead."""
    if action not in ACTIONS:
        raise SleuthError(f"Unknown correction {action!r}; use one of {', '.join(ACTIONS)}.")
    if facet not in facets or not name.strip():
        raise SleuthError(f"Name an entity by its type ({', '.join(facets)}) and its name as shown on its page.")
    if action in ("merge", "rename") and not into.strip():
        raise SleuthError(f"Say which name to {'merge into' if action == 'merge' else 'show instead'}.")
    if action == "retype" and (into not in facets or into == facet):
        raise SleuthError(f"Give the new type, one of {', '.join(f for f in facets if f != facet)}.")
    if action == "merge" and into_type and into_type not in facets:
        raise SleuthError(f"Unknown type {into_type!r}; use one of {', '.join(facets)}.")
    if action == "merge" and (into_type or facet, into.strip()) == (facet, name):
        raise SleuthError("An entity cannot be merged into itself.")
