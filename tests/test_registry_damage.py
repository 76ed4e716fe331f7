"""Issue 28 item 11: a damaged or emptied document registry is named with its fix by every command — never a
traceback, never silently "0 documents" — and `sleuth index --rebuild` can proceed by setting it aside."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from indexer import RegistryDamaged, Settings, Sleuth


def damage(index_dir, how: str) -> None:
    path = index_dir / "documents.sqlite"
    for extra in ("-wal", "-shm"):
        path.with_name(path.name + extra).unlink(missing_ok=True)
    if how == "torn":  # the header and first page intact, the rest overwritten: found only when read
        data = path.read_bytes()
        path.write_bytes(data[:4096] + b"\xa5" * (len(data) - 4096))
    else:
        path.write_bytes(b"" if how == "empty" else b"this is not a database, it was overwritten\n" * 200)


def sleuth_cli(settings: Settings, *args: str, **env: str) -> subprocess.CompletedProcess:
    full = dict(os.environ, SLEUTH_INDEX_DIR=str(settings.index_dir), SLEUTH_CORPUS_DIR=str(settings.corpus_dir),
                **env)
    return subprocess.run([sys.executable, "-m", "indexer", *args], capture_output=True, text=True, env=full,
                          timeout=300)


@pytest.mark.parametrize("how", ["garbage", "empty"])
def test_every_command_names_the_registry_and_the_fix(seeded_copy, how):
    settings = seeded_copy()
    damage(settings.index_dir, how)
    for args in (("stats",), ("search", "Trotsky"), ("entities",), ("serve", "--port", "0")):
        proc = sleuth_cli(settings, *args)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, (args, proc.stderr)
        assert "documents.sqlite" in proc.stderr and "sleuth index --rebuild" in proc.stderr, args
        assert "0 documents" not in proc.stdout
    with pytest.raises(RegistryDamaged, match="documents.sqlite in the data folder"):
        Sleuth(settings)


def test_rebuild_sets_the_damaged_registry_aside(seeded_copy, light_model):
    settings = seeded_copy()
    damage(settings.index_dir, "garbage")
    proc = sleuth_cli(settings, "index", "--rebuild", str(settings.corpus_dir), SLEUTH_MODEL=light_model)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "damaged" in proc.stderr
    kept = [p.name for p in settings.index_dir.iterdir() if p.name.startswith("documents.sqlite.damaged-")]
    assert len(kept) == 1
    again = Sleuth(settings)
    assert again.stats()["documents"] == 2 and again.search("Trotsky").total > 0


def test_damage_found_past_the_first_page_is_named_too(seeded_copy):
    settings = seeded_copy()
    Sleuth(settings).close()  # a checkpoint: everything in the main file, none in the WAL
    damage(settings.index_dir, "torn")
    proc = sleuth_cli(settings, "stats")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "documents.sqlite" in proc.stderr and "sleuth index --rebuild" in proc.stderr
    for args in (("search", "Trotsky"), ("entities",)):
        assert "Traceback" not in sleuth_cli(settings, *args).stderr, args
