"""The scaling curve for SCALING.md: replicated indexes of growing size, built once and kept in the --work folder
(reused while the code's schema version matches), their size on disk, and a projection to sizes not measured."""
from __future__ import annotations

import json
import math
import subprocess
import time
from pathlib import Path

from indexer import Settings, Sleuth
from indexer.backend.whoosh.schema import SCHEMA_VERSION, build_schema

STAMP = "bench-build.json"


def schema_fingerprint() -> dict:
    """What an index built by this code looks like: the schema version and its fields with their types."""
    schema = build_schema()
    return {"schema_version": SCHEMA_VERSION,
            "fields": sorted(f"{name}:{type(schema[name]).__name__}" for name in schema.names())}


def replicate(corpus: Path, dest: Path, passages: int, per_copy: int) -> Path:
    """The corpus copied with new ids until it holds at least `passages` passages (`per_copy` a copy)."""
    copies = -(-passages // max(1, per_copy))
    lines = corpus.read_text(encoding="utf-8").splitlines()
    with dest.open("w", encoding="utf-8") as fh:
        for c in range(copies):
            for line in lines:
                if line.strip():
                    rec = json.loads(line)
                    fh.write(json.dumps({**rec, "id": f"{rec['id']}~{c}"}, ensure_ascii=False) + "\n")
    return dest


def reusable(index_dir: Path) -> dict | None:
    """The stamp of an index an earlier run built with a schema like this code's, or None."""
    stamp = index_dir / STAMP
    if not stamp.exists() or not (index_dir / "documents.sqlite").exists():
        return None
    info = json.loads(stamp.read_text())
    return info if info.get("schema") == schema_fingerprint() else None


def build_or_reuse(corpus: Path, work: Path, passages: int, per_copy: int) -> tuple[Path, dict]:
    """An index of at least `passages` replicated passages in work/ix-<passages>, and how it was built.

    A 200k build takes over half an hour: an index built earlier with the same schema is reused, with the
    build figures measured then (the stamp says when and on which commit).
    """
    index_dir = work / f"ix-{passages}"
    info = reusable(index_dir)
    if info is not None:
        return index_dir, {**info, "reused": True}
    import shutil

    shutil.rmtree(index_dir, ignore_errors=True)
    source = replicate(corpus, work / f"replicated-{passages}.jsonl", passages, per_copy)
    commit = _commit()  # the code that builds it (read now: the checkout may move during a half-hour build)
    started = time.perf_counter()
    report = Sleuth(Settings(index_dir=index_dir)).index_paths([source])
    info = {"schema": schema_fingerprint(), "passages": report.passages, "build_s": time.perf_counter() - started,
            "date": time.strftime("%Y-%m-%d %H:%M"), "commit": commit}
    (index_dir / STAMP).write_text(json.dumps(info, indent=2))
    source.unlink(missing_ok=True)
    return index_dir, {**info, "reused": False}


def disk_mb(index_dir: Path) -> dict:
    """Megabytes on disk: the Whoosh index alone, and everything in the data folder (registry, source copies)."""
    def size(p: Path) -> float:
        return sum(f.stat().st_size for f in p.rglob("*") if f.is_file()) / 2**20 if p.exists() else 0.0

    return {"index_mb": size(index_dir / "whoosh"), "total_mb": size(index_dir)}


def fit_power(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares fit of y = a·x^b on a log-log scale: (a, b)."""
    lx, ly = [math.log(x) for x in xs], [math.log(max(y, 1e-9)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    var = sum((x - mx) ** 2 for x in lx)
    b = sum((x - mx) * (y - my) for x, y in zip(lx, ly)) / var if var else 1.0
    return math.exp(my - b * mx), b


def project(xs: list[float], ys: list[float], at: float) -> tuple[float, float]:
    """The value at `at` from the power-law fit of the measured points, and the fitted exponent."""
    a, b = fit_power(xs, ys)
    return a * at ** b, b


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
