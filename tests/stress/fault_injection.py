"""Durability under simulated power loss, in the spirit of Lucene's MockDirectoryWrapper.

    python tests/stress/fault_injection.py [--trials 20] [--seed 1]

Each trial runs a writer in a child process that commits small uploads and prints an ACK after each commit
returns. At a random file operation the child simulates power loss in the index folder (files keep only what
was fsynced; directory entries not yet fsynced vanish; never-synced files are truncated at random) and dies.
The parent then opens the index: it must open, and hold exactly the last acknowledged commit (or the commit in
flight, if its TOC had become durable) — never less, never a partial one. A control run with fsync switched
off shows the harness does catch lost commits.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

DOC = "Report {i}: Leon Trotsky wrote to Natalia Sedova from Coyoacán on 20 August 1940.\n\n{body}"


def blank_model(dest: Path) -> Path:
    """A tiny spaCy pipeline (blank English + an entity ruler) so trials do not pay for the real model."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Leon Trotsky"}, {"label": "GPE", "pattern": "Coyoacán"},
                        {"label": "DATE", "pattern": "20 August 1940"}])
    nlp.to_disk(dest)
    return dest


# --- the child: write, acknowledge, and lose power at operation `crash_at` --------------------------------------
def child(index_dir: str, model: str, crash_at: int, seed: int, sync: bool) -> None:
    from indexer import Settings, Sleuth
    from indexer.backend.whoosh import durable as _durable

    rng = random.Random(seed)
    folder = Path(index_dir) / "whoosh"
    durable_len: dict[str, int] = {}
    durable_names = set(os.listdir(folder)) if folder.exists() else set()
    for name in durable_names:
        durable_len[name] = (folder / name).stat().st_size
    ops = [0]

    def tick() -> None:
        ops[0] += 1
        if ops[0] == crash_at:
            power_loss()

    def power_loss() -> None:
        for name in os.listdir(folder):
            path = folder / name
            if name.endswith("WRITELOCK") or path.is_dir():
                continue
            if name not in durable_names:
                path.unlink()  # its directory entry never reached the disk
                continue
            keep = durable_len.get(name, 0)
            size = path.stat().st_size
            if size > keep:  # unsynced tail: some of it may have landed
                with open(path, "r+b") as fh:
                    fh.truncate(keep + rng.randint(0, size - keep) if rng.random() < 0.5 else keep)
        print("CRASH", flush=True)
        os._exit(9)

    real_sync, real_dir = _durable._sync_on_close, _durable.fsync_dir

    def sync_on_close(sf) -> None:
        tick()
        if sync:
            real_sync(sf)
            name = os.path.basename(sf.file.name)
            durable_len[name] = os.fstat(sf.file.fileno()).st_size

    def sync_dir(path: str) -> None:
        tick()
        if sync:
            real_dir(path)
            durable_names.clear()
            durable_names.update(os.listdir(path))
            for name in list(durable_len):
                if name not in durable_names:
                    del durable_len[name]

    _durable._sync_on_close, _durable.fsync_dir = sync_on_close, sync_dir
    create = _durable.DurableFileStorage.create_file

    def create_file(self, name, *a, **kw):
        tick()
        return create(self, name, *a, **kw)

    _durable.DurableFileStorage.create_file = create_file
    rename = _durable.DurableFileStorage.rename_file

    def rename_file(self, old, new, *a, **kw):
        # The synced bytes move with the file; its new name is durable only once the folder is fsynced.
        tick()
        if old in durable_len:
            durable_len[new] = durable_len.pop(old)
        return rename(self, old, new, *a, **kw)

    _durable.DurableFileStorage.rename_file = rename_file
    sleuth = Sleuth(Settings(index_dir=Path(index_dir), model=model))
    body = " ".join(["The guards at the villa kept watch through the night."] * 20)
    for i in range(40):
        sleuth.index_uploads([(f"r{i}.txt", DOC.format(i=i, body=body).encode())])
        print("ACK", sleuth.stats()["passages"], flush=True)
    os._exit(0)


# --- the parent ---------------------------------------------------------------------------------------------
def trial(work: Path, model: Path, seed: int, sync: bool) -> tuple[bool, str]:
    """One crash; True when the index opened at the last acknowledged commit (or the one in flight)."""
    from indexer import Settings, Sleuth

    rng = random.Random(seed)
    index_dir = work / f"trial-{seed}-{'sync' if sync else 'nosync'}"
    crash_at = rng.randint(5, 400)
    proc = subprocess.run([sys.executable, __file__, "--child", str(index_dir), str(model), str(crash_at),
                           str(seed), "1" if sync else "0"], capture_output=True, text=True, timeout=300)
    acks = [int(line.split()[1]) for line in proc.stdout.splitlines() if line.startswith("ACK")]
    last = acks[-1] if acks else 0
    per_commit = (acks[-1] - acks[-2]) if len(acks) > 1 else (acks[0] if acks else 0) or 3
    try:
        sleuth = Sleuth(Settings(index_dir=index_dir, model=str(model)))
        found = sleuth.stats()["passages"]  # an index not created yet opens empty
        sleuth.search("Trotsky")
    except Exception as exc:  # noqa: BLE001 - any failure to open is what this test looks for
        return False, f"crash at op {crash_at} after {len(acks)} acks: index does not open ({exc})"
    ok = found == last or (found == last + per_commit and "CRASH" in proc.stdout)
    return ok, f"crash at op {crash_at} after {len(acks)} acks: {found} passages (last ack {last})"


def run(trials: int, seed: int, sync: bool, work: Path, model: Path) -> list[tuple[bool, str]]:
    return [trial(work, model, seed * 1000 + t, sync) for t in range(trials)]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        child(argv[1], argv[2], int(argv[3]), int(argv[4]), argv[5] == "1")
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="sleuth-faults-"))
    model = blank_model(work / "model")
    results = run(args.trials, args.seed, True, work, model)
    for ok, line in results:
        print(("ok    " if ok else "FAIL  ") + line)
    control = run(args.trials, args.seed, False, work, model)
    lost = sum(1 for ok, _ in control if not ok)
    print(f"control without fsync: {lost} of {args.trials} trials lost an acknowledged commit or broke the index")
    passed = sum(ok for ok, _ in results)
    print(json.dumps({"trials": args.trials, "opened_at_last_ack": passed, "control_lost": lost}))
    print(f"{passed} passed, {args.trials - passed} failed")
    return 0 if passed == args.trials else 1


if __name__ == "__main__":
    sys.exit(main())
