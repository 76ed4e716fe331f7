"""A full disk under `sleuth serve` (issue 28 item 13): the data folder on a small tmpfs, mounted here when run as
root (CI runs as root; otherwise the script says so and passes without running).

    python tests/stress/disk_full.py [--size-mb 40]

The bundled corpus is served from the tmpfs, which is then filled: uploads must be refused with 507 naming the disk
(nothing half-visible), search must answer, a delete must free space; without the margin (SLEUTH_MIN_FREE_MB=0)
uploads at 800 KB to 0 free must each be all-or-nothing; after space is freed an upload works, its entities are found by the upkeep (which must survive the
full disk), and the registry's write-ahead log stays under 1 MB. Bounded in time, loopback only.
"""
from __future__ import annotations

import argparse
import errno
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.stress._server import multipart, report, request, start, stop  # noqa: E402


def fill(disk: Path, leave: int) -> Path:
    filler = disk / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(fd, b"\0" * (1 << 16))
    except OSError as exc:
        if exc.errno != errno.ENOSPC:
            raise
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def upload(url: str, name: str, word: str, size: int) -> tuple[int, str, bool, bool]:
    """(status, error, passages found, document registered)."""
    line = f"A line of the report on {word} and the quarry. "
    body, headers = multipart([(name, (line * (size // len(line) + 1)).encode()[:size])])
    _, status, answer = request(url + "/api/documents", body, headers, timeout=120)
    found = request(f"{url}/api/search?q={quote(word)}")[2].get("total", 0) > 0
    registered = request(f"{url}/api/documents/{quote('upload/' + name)}")[1] == 200
    return status, answer.get("error", ""), found, registered


def run(disk: Path) -> int:
    data = disk / "index"
    server, url = start(data, SLEUTH_MIN_FREE_MB="2")
    try:
        checks: dict[str, bool] = {}
        filler = fill(disk, 1_000_000)
        status, error, found, registered = upload(url, "full.txt", "zircon", 100_000)
        print(f"upload with 1 MB free (margin 2 MB): {status} — {error[:140]}")
        checks["an upload on a full disk is refused 507 naming the disk, nothing visible"] = \
            status == 507 and "The disk holding the data folder" in error and not found and not registered
        checks["search answers on a full disk"] = request(url + "/api/search?q=Trotsky")[1] == 200
        docs = request(url + "/api/search?q=Trotsky&per_page=1")[2].get("results", [])
        gone = docs[0]["doc_id"] if docs else ""
        status = request(f"{url}/api/documents/{quote(gone)}", method="DELETE")[1]
        print(f"delete of {gone} on the full disk: {status}")
        checks["a delete works on the full disk"] = status == 204
        filler.unlink()
        # Without the margin: the writes themselves meet the full disk.
        stop(server)
        server, url = start(data, SLEUTH_MIN_FREE_MB="0")
        outcomes = []
        for n, leave in enumerate((800_000, 600_000, 400_000, 200_000, 0)):
            filler = fill(disk, leave)
            status, error, found, registered = upload(url, f"part{n}.txt", f"garnet{n}", 105_000)
            outcomes.append((leave, status, found, registered))
            filler.unlink()
        print("uploads of 105 KB at (free bytes, status, found, registered):", outcomes)
        checks["each upload near a full disk is all or nothing, 201 or 507"] = all(
            s in (201, 507) and f == r == (s == 201) for _, s, f, r in outcomes)
        status, _, found, registered = upload(url, "later.txt", "Leon Trotsky", 20_000)
        filler = fill(disk, 0)  # while the upkeep finds its entities
        time.sleep(5)
        filler.unlink()
        deadline = time.monotonic() + 90
        pending = True
        while pending and time.monotonic() < deadline:
            pending = request(f"{url}/api/documents/{quote('upload/later.txt')}")[2].get("entities_pending", True)
            time.sleep(0.5)
        print(f"upload after space was freed: {status}; entities still pending after the full disk: {pending}")
        checks["after space is freed uploads work and the upkeep finishes"] = status == 201 and found and not pending
        wal = data / "documents.sqlite-wal"
        size = wal.stat().st_size if wal.exists() else 0
        print(f"registry write-ahead log: {size / 1e6:.2f} MB")
        checks["the registry's write-ahead log stays under 1 MB"] = size <= 1 << 20
        checks["the server is still up"] = server.poll() is None
    finally:
        stop(server)
    return report(checks)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size-mb", type=int, default=40)
    args = ap.parse_args(argv)
    if os.geteuid() != 0:
        print("disk_full: NOT RUN - mounting a tmpfs needs root (CI runs as root)")
        return 0
    disk = Path(tempfile.mkdtemp(prefix="sleuth-disk-"))
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={args.size_mb}m", "tmpfs", str(disk)]).returncode:
        print("disk_full: NOT RUN - this machine cannot mount a tmpfs")
        return 0
    try:
        return run(disk)
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


if __name__ == "__main__":
    sys.exit(main())
