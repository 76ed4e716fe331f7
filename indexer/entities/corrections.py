"""Entity corrections a user makes (merge, rename, change type, hide), kept in a readable TOML file in the data folder.

Corrections act on canonical entities after the automatic rules: a mention that resolves to ("person",
"Jacques Mornard") and a merge of that entity into ("person", "Ramón Mercader") ends up as the latter. The file
is read again whenever it changes, so a hand edit applies like a change made on the entity page.
"""
from __future__ import annotations

import json
import re
import secrets
import shutil
import sys
import unicodedata
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

import tomli_w

from ..errors import SleuthError
from ..query.facets import facet_noun
from ..locked_file import LockedFile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ACTIONS = ("merge", "rename", "retype", "hide")
FILE_NAME = "corrections.toml"
APPLIED_NAME = ".corrections-applied.json"
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
        what = {"merge": f"merged into {facet_noun(self.into_type or self.facet)} “{self.into}”",
                "rename": f"renamed “{self.into}”", "retype": f"counted as {facet_noun(self.into)}",
                "hide": "hidden (not a name)"}
        return f"{facet_noun(self.facet)} “{self.name}” {what[self.action]}"


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

    def loop_from(self, start: tuple[str, str]) -> list[str]:
        """The names of a loop the corrections make from `start` (A → B → C → A), or [] when there is none."""
        seen, at = [start], start
        while True:
            c = self._map.get(at)
            if c is None or c.action == "hide":
                return []
            at = ((c.into_type or c.facet, c.into) if c.action == "merge" else (at[0], c.into)
                  if c.action == "rename" else (c.into, at[1]))
            if at in seen:
                return [f"{f} “{n}”" for f, n in seen[seen.index(at):] + [at]]
            seen.append(at)


class CorrectionsFile:
    """`corrections.toml` in the data folder: read when changed and checked entry by entry; written whole, under a
    lock that holds across processes, from a unique temporary file. A file that cannot be used is not fatal: the
    collection is shown without the corrections it cannot read, and `problem` says which and how to fix it."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / FILE_NAME
        self._file = LockedFile(self.path)
        # The corrections the index's facets were last rewritten with: a correction made just before a kill, or a
        # hand edit while no server ran, differs from it, and the next start rewrites what the difference touches.
        self._applied = LockedFile(data_dir / APPLIED_NAME)
        self._cache: tuple[object, Corrections, str] | None = None

    def stamp(self) -> object:
        """Changes whenever the file does (None when there is none); the inode tells apart two writes in one tick."""
        try:
            st = self.path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def load(self) -> Corrections:
        """The corrections in force (the file is read again only when it changed)."""
        stamp = self.stamp()
        if self._cache is None or self._cache[0] != stamp:
            items, problem = self._read()
            self._cache = (stamp, Corrections(items), problem)
        return self._cache[1]

    @property
    def problem(self) -> str:
        """Why some or all of the file's corrections are not applied ("" when all are), naming the fix."""
        self.load()
        return self._cache[2] if self._cache else ""

    def _read(self) -> tuple[list[Correction], str]:
        where = f"{FILE_NAME} in the data folder"
        try:
            text = self.path.read_text(encoding="utf-8-sig")  # a byte-order mark, as Notepad writes, is accepted
        except FileNotFoundError:
            return [], ""
        except IsADirectoryError:
            return [], f"Corrections are off: {where} is a folder, not a file. Move it away to use corrections."
        except (OSError, UnicodeDecodeError) as exc:
            return [], (f"Corrections are off: {where} cannot be read ({exc}). Fix it or move it away "
                        f"(`sleuth entities corrections` lists what is applied).")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            try:  # versions before 2026-12 wrote control characters raw (a DEL in a name): read them as escapes
                data = tomllib.loads(_RAW_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
            except tomllib.TOMLDecodeError:
                return [], (f"Corrections are off: {where} is not valid TOML ({exc}). Fix that line, or move the "
                            "file away to start without corrections.")
        entries = data.get("correction", [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            return [], (f"Corrections are off: in {where}, `correction` must be a list of [[correction]] tables. "
                        "Fix it, or move the file away to start without corrections.")
        items, bad = [], []
        for n, entry in enumerate(entries, 1):
            why = _entry_problem(entry)
            if why:
                bad.append(f"entry {n} {why}")
            else:
                items.append(Correction(**{k: v for k, v in entry.items() if k in _FIELDS}))
        if not bad:
            return items, ""
        return items, (f"{len(bad)} correction(s) in {where} are not applied: {'; '.join(bad[:5])}. "
                       "Fix or delete those entries.")

    def applied(self) -> Corrections:
        """The corrections the facets in the index reflect (none before the first rewrite)."""
        try:
            entries = json.loads(self._applied.path.read_text(encoding="utf-8"))
            return Corrections([Correction(**{k: str(v) for k, v in e.items() if k in _FIELDS}) for e in entries])
        except (OSError, ValueError, TypeError, AttributeError):  # none yet, or unreadable: rewrite from scratch
            return Corrections()

    def mark_applied(self, done: Corrections) -> None:
        """Record that the facets in the index now reflect `done`."""
        if done.items != self.applied().items:
            self._applied.replace(json.dumps([asdict(c) for c in done.items], ensure_ascii=False))

    def add(self, action: str, facet: str, name: str, into: str = "", into_type: str = "") -> Correction:
        """Record a new correction; returns it (with its id for undo). Refuses one that would make a loop."""
        made = datetime.now(timezone.utc).isoformat(timespec="seconds")
        new = Correction(secrets.token_hex(4), action, facet, name, into, into_type, made)
        with self._file.locked():
            items = self._fresh()
            loop = Corrections(items + [new]).loop_from((facet, name))
            if loop:
                raise SleuthError(f"That would make a loop ({' → '.join(loop)}): each name would stand for "
                                  "another. Undo one of the corrections in it first.")
            self._write(items + [new])
        return new

    def remove(self, correction_id: str) -> Correction | None:
        """Undo one correction by id; returns it, or None if there is none such."""
        with self._file.locked():
            items = self._fresh()
            gone = next((c for c in items if c.id == correction_id), None)
            if gone is not None:
                self._write([c for c in items if c.id != correction_id])
        return gone

    def _fresh(self) -> list[Correction]:
        # Read under the lock, whatever the cache says: another process may have written a moment ago.
        self._cache = None
        items = self.load().items
        if self._cache and self._cache[2] and self.path.is_file():
            # Entries that could not be read are not written back: the file as it was is kept beside it.
            shutil.copyfile(self.path, self.path.with_name(FILE_NAME + ".bad"))
        return items

    def _write(self, items: list[Correction]) -> None:
        entries = [{k: v for k, v in asdict(c).items() if v} for c in items]
        self._file.replace(_HEADER + "\n" + tomli_w.dumps({"correction": entries}) if entries else _HEADER)
        self._cache = None


_FIELDS = set(Correction.__dataclass_fields__)
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # what TOML forbids raw (tab, LF, CR allowed)
_CONTROL = {"Cc", "Cs", "Zl", "Zp"}  # controls, lone surrogates, line and paragraph separators
_NEEDS_INTO = ("merge", "rename", "retype")


def _entry_problem(entry: dict) -> str:
    """Why one [[correction]] entry of a hand-edited file cannot apply ("" when it can)."""
    if entry.get("action") not in ACTIONS:
        return f"has action {entry.get('action')!r}, not one of {', '.join(ACTIONS)}"
    needed = ("id", "facet", "name") + (("into",) if entry["action"] in _NEEDS_INTO else ())
    missing = [k for k in needed if not entry.get(k)]
    if missing:
        return f"lacks {', '.join(missing)}"
    wrong = [k for k, v in entry.items() if k in _FIELDS and not isinstance(v, str)]
    if wrong:
        return f"has {', '.join(wrong)} that {'is' if len(wrong) == 1 else 'are'} not text (put it in quotes)"
    return ""


def changed_mentions(canon, old: Corrections, new: Corrections) -> set[tuple[str, str]]:
    """The raw (surface, label) mentions whose corrected entity differs between two sets of corrections."""
    changed = set()
    for pair in list(canon.counts):
        resolved = canon.resolve(*pair, corrected=False)
        if old.apply(resolved) != new.apply(resolved):
            changed.add(pair)
    return changed


def check(action: str, facet: str, name: str, into: str, into_type: str, facets: tuple[str, ...],
          max_name: int) -> None:
    """Refuse a correction that cannot apply, with a message naming what to give instead."""
    for text in (name, into):
        if len(text) > max_name:
            raise SleuthError(f"A name may be at most {max_name} characters (SLEUTH_MAX_CORRECTION_NAME); "
                              f"this one has {len(text)}.")
        if any(unicodedata.category(ch) in _CONTROL for ch in text):
            raise SleuthError("A name may not hold control characters (tabs, line breaks, DEL…); type it again "
                              "as it should be shown.")
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
