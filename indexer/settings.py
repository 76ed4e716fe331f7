"""One settings object, read from `SLEUTH_*` environment variables, shared by the indexer, the CLI and the web app."""
from __future__ import annotations

import os
from importlib import resources
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import SettingsError

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
    # NER pipeline (see indexer/entities/nlp.py); empty means the small English model, whichever of its packages is installed.
    model: str = ""
    # Worker processes for spaCy; 0 means "use the cores when the batch is large enough to pay for forking".
    n_process: int = 0
    batch_size: int = 64
    # NER on a Dask cluster: the scheduler's address (tcp://HOST:8786), empty for this machine's processes; seconds
    # to wait for the scheduler to answer and for its first worker.
    ner_cluster: str = ""
    ner_cluster_timeout: float = 30.0
    # Documents per commit: a crash loses at most this batch (never part of a document).
    commit_every: int = 2000
    # Passages a run reads ahead of writing: a larger run (a 1 GB mailbox) is read, its entities found and written
    # in rounds of this many, so that its memory stays flat.
    round_passages: int = 20000
    # Seconds a writer waits for another process's lock before telling the user the index is busy.
    writer_timeout: float = 60.0
    # Seconds a search may spend collecting hits before it is cut off with a message.
    search_time_limit: float = 1.0
    # Seconds the web app waits before answering a refused search (a tarpit): a client looping refused queries
    # then spends its time waiting, not taking the interpreter from everyone else's searches.
    refusal_delay: float = 0.25
    max_upload_bytes: int = 25 * 1024 * 1024
    # A document that splits into more passages than this is refused (a page-tree or paragraph bomb).
    max_passages: int = 10000
    # Uploads processed at once; more wait briefly, then get "busy", so server threads stay free for searches.
    max_concurrent_uploads: int = 2
    # Server: open connections, seconds of silence before a connection is dropped, seconds to send headers.
    max_connections: int = 500
    channel_timeout: int = 60
    header_timeout: float = 10.0
    # Host names the server answers to besides the bound address, localhost, 127.0.0.1 and ::1 (comma-separated).
    allowed_hosts: str = ""
    # When set, the web app asks for it (login page, or `Authorization: Bearer <password>` on the API).
    password: str = ""
    secret_key: str = ""
    # OCR of scanned PDF pages and images with Tesseract: SLEUTH_OCR=off turns it off; languages as Tesseract
    # names them ("eng+deu"); pages per document past which a scan is refused; seconds per page before it is cut.
    ocr: bool = True
    ocr_langs: str = "eng"
    ocr_max_pages: int = 500
    ocr_page_seconds: float = 60.0
    # Seconds OCR may spend on one document (all its pages), pixels an image may have (it is refused before it is
    # decoded), XML elements a .docx may hold (counted as it is read): each refusal names its setting.
    ocr_doc_seconds: float = 900.0
    max_image_pixels: int = 40_000_000
    max_docx_elements: int = 1_000_000
    # Characters in an entity name a correction gives (a longer one is refused, naming this setting).
    max_correction_name: int = 200
    # Characters in a tag or a saved search's name, and in a note on a document or passage (longer are refused).
    max_tag_chars: int = 60
    max_note_chars: int = 10000
    # Files inside files (attachments, archive members, a zip in an email in an mbox), read in memory: how deep
    # containers may nest, how many files one input may hold in all, and how many bytes they may expand to.
    max_archive_depth: int = 5
    max_archive_members: int = 10000
    max_expanded_bytes: int = 1024 * 1024 * 1024
    # Batch search: seconds one batch may search in all (the lines after it are reported not run), and batches
    # searched at once (another waits briefly, then is told the server is busy), so single searches keep their speed.
    # Pages that could grow without bound: passages shown per page of a document, matching passages per document
    # taken into a comparison (the page says when more matched).
    doc_passages_per_page: int = 200
    compare_passages: int = 30
    # The longest side, in pixels, of a PDF page or scan shown as it is on the original view (larger are scaled down).
    page_image_side: int = 1600
    batch_seconds: float = 30.0
    max_concurrent_batches: int = 1
    # Worker processes for work that would hold the server's interpreter for seconds (uploads of at least
    # worker_upload_bytes, batch searches), so searches keep their speed meanwhile; 0: all in the server's process.
    worker_processes: int = 3
    worker_upload_bytes: int = 1024 * 1024
    # ... and the upkeep's entity pass over uploads of at least this many passages (spaCy, names, the rewrite).
    worker_upkeep_passages: int = 500
    # Megabytes left free on the data folder's disk: an upload or indexing run that would leave less is refused
    # before it writes (deleting and correcting still work, and free space).
    min_free_mb: int = 20
    debug: bool = False
    # The search backend (a subpackage of indexer/backend): "whoosh" (the default, embedded) or "opensearch".
    backend: str = ""
    # OpenSearch: one or more nodes (comma-separated URLs), optional credentials and CA bundle for TLS, the index
    # name (default: one per data folder) and its number of primary shards (replicas: one once a second node joins).
    opensearch_url: str = ""
    opensearch_user: str = ""
    opensearch_password: str = ""
    opensearch_ca_certs: str = ""
    opensearch_index: str = ""
    opensearch_shards: int = 1

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> "Settings":
        """Build settings from `SLEUTH_*` variables, then apply explicit overrides (e.g. CLI flags)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        # Unknown SLEUTH_* names are ignored (other tools may share the prefix); known ones must parse.
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

    @property
    def aliases_files(self) -> list[Path]:
        """User-editable alias files, in the order they are merged: the corpus's, those of the folders indexed
        (kept in `aliases.d/`), the data folder's own (which wins)."""
        return [self.corpus_dir / "aliases.toml", *sorted((self.index_dir / "aliases.d").glob("*.toml")),
                self.index_dir / "aliases.toml"]


_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off"}
# Fields that must be at least this (0 allowed where 0 has a meaning, e.g. n_process "auto").
_MINIMUM = {"n_process": 0, "batch_size": 1, "commit_every": 1, "writer_timeout": 0, "search_time_limit": 0.05,
            "max_upload_bytes": 1, "max_passages": 1, "max_concurrent_uploads": 1, "max_connections": 10,
            "channel_timeout": 1, "header_timeout": 0.5, "refusal_delay": 0,
            "max_correction_name": 1, "ocr_doc_seconds": 1, "max_image_pixels": 1, "max_docx_elements": 1,
            "max_archive_members": 1, "max_expanded_bytes": 1, "opensearch_shards": 1,
            "batch_seconds": 0.1, "doc_passages_per_page": 1, "compare_passages": 1, "max_concurrent_batches": 1,
            "max_tag_chars": 1, "max_note_chars": 1, "page_image_side": 200, "ner_cluster_timeout": 1}


def _convert(name: str, raw: str) -> object:
    default = Settings.__dataclass_fields__[name].default
    var = ENV_PREFIX + name.upper()
    text = raw.strip().lower()
    if isinstance(default, bool):
        if text not in _TRUE | _FALSE:
            raise SettingsError(f"{var}={raw!r} is not a yes/no value; use 1/true/yes/on or 0/false/no/off.")
        return text in _TRUE
    if isinstance(default, (int, float)):
        kind = int if isinstance(default, int) else float
        try:
            value = kind(text)
        except ValueError:
            what = "a whole number" if kind is int else "a number (seconds)" if "time" in name else "a number"
            raise SettingsError(f"{var}={raw!r} is not {what}; unset it for the default ({default}).") from None
        if value != value or value in (float("inf"), float("-inf")) or value < _MINIMUM.get(name, 0):
            raise SettingsError(f"{var}={raw!r} is out of range; use at least {_MINIMUM.get(name, 0)} "
                                f"(default {default}).")
        return value
    return raw
