"""Aliases a user gives in `aliases.toml` (`[aliases]`: variant = canonical name; `[infobox]`: Infobox key = facet),
and the built-in aliases no spelling rule can merge."""
from __future__ import annotations

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the same parser, from PyPI
    import tomli as tomllib
from pathlib import Path
from typing import Iterable

from ..folding import name_key
from ..read.passages import infobox_keys

# Names no spelling rule can merge; users add theirs in aliases.toml (theirs win).
BUILTIN_ALIASES: dict[str, str] = {
    "WWII": "World War II", "WW2": "World War II", "WW II": "World War II", "Second World War": "World War II",
    "World War Two": "World War II", "WWI": "World War I", "WW1": "World War I", "First World War": "World War I",
    "World War One": "World War I", "USSR": "Soviet Union", "U.S.S.R.": "Soviet Union",
    "Union of Soviet Socialist Republics": "Soviet Union", "US": "United States", "U.S.": "United States",
    "USA": "United States", "U.S.A.": "United States", "United States of America": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "UN": "United Nations", "U.N.": "United Nations",
}


def load_aliases(paths: Iterable[Path]) -> dict[str, str]:
    """Read `[aliases]` tables ("Jacques Mornard" = "Ramón Mercader") from TOML files that exist; later files win."""
    aliases: dict[str, str] = {}
    for path in paths:
        if not path.is_file():
            continue
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for variant, canonical in (data.get("aliases") or {}).items():
            aliases[name_key(str(variant))] = str(canonical)
    return aliases


def load_infobox_keys(paths: Iterable[Path]) -> dict[str, str]:
    """The Infobox key map with the `[infobox]` tables of the same TOML files ("Killed by" = "person")."""
    extra: dict[str, str] = {}
    for path in paths:
        if path.is_file():
            with path.open("rb") as fh:
                extra.update({str(k): str(v) for k, v in (tomllib.load(fh).get("infobox") or {}).items()})
    return infobox_keys(extra)


def check_aliases(data: bytes) -> tuple[str | None, int]:
    """(why an alias file cannot be used, or None; how many aliases it names)."""
    try:
        parsed = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return "not UTF-8 text", 0
    except tomllib.TOMLDecodeError as exc:
        return f"not valid TOML ({exc})", 0
    tables = {k: parsed.get(k) for k in ("aliases", "infobox") if k in parsed}
    if not tables or not all(isinstance(t, dict) for t in tables.values()):
        return "holds no [aliases] or [infobox] table", 0
    return None, len(tables.get("aliases") or {})
