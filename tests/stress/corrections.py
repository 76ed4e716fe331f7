"""Corrections against `sleuth serve` on loopback (issue 28 items 2 and 3): writers at once, and kill -9 right
after a correction.

    python tests/stress/corrections.py [--clients 2] [--each 10] [--cli 4] [--kills 3]

Two browser sessions post corrections at once while `sleuth entities hide` runs in other processes: every one is
kept, none answers 500, and corrections.toml always parses. Then, `--kills` times: a merge is posted and the server
killed (SIGKILL) the moment it answers; after a restart the merged name has no passages left under it within 60 s.
Bounded in time, loopback only.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from indexer.entities.corrections import tomllib  # noqa: E402
from tests.stress._server import report, request, start, stop  # noqa: E402


class Browser:
    """One session: its own cookies, its CSRF token."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.opener.open(url + "/upload", timeout=60).read().decode()
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)

    def correct(self, **form: str) -> int:
        body = urllib.parse.urlencode({"csrf_token": self.token, **form}).encode()
        try:
            with self.opener.open(self.url + "/corrections", body, timeout=120) as answer:
                return answer.status
        except urllib.error.HTTPError as exc:
            return exc.code


def passages(url: str, person: str) -> int:
    query = urllib.parse.urlencode({"person": person, "per_page": 1})
    return request(f"{url}/api/search?{query}")[2].get("total", -1)


def concurrent(url: str, data: Path, clients: int, each: int, cli: int) -> dict[str, bool]:
    codes: list[int] = []

    def post(who: int) -> None:
        browser = Browser(url)
        for i in range(each):
            codes.append(browser.correct(action="hide", facet="person", name=f"Web {who}-{i}"))

    env = dict(os.environ, SLEUTH_INDEX_DIR=str(data))
    threads = [threading.Thread(target=post, args=(who,)) for who in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    runs = [subprocess.run([sys.executable, "-m", "indexer", "entities", "hide", "person", f"Cli {i}"],
                           capture_output=True, text=True, env=env, timeout=300).returncode for i in range(cli)]
    for t in threads:
        t.join()
    entries = tomllib.loads((data / "corrections.toml").read_text(encoding="utf-8"))["correction"]
    names = {e["name"] for e in entries}
    wanted = {f"Web {w}-{i}" for w in range(clients) for i in range(each)} | {f"Cli {i}" for i in range(cli)}
    print(f"{clients}×{each} web corrections and {cli} CLI runs at once in {time.monotonic() - started:.1f} s: "
          f"statuses {sorted(set(codes))}, CLI exits {sorted(set(runs))}, {len(names & wanted)} of {len(wanted)} kept")
    return {"no correction answered 500": 500 not in codes and set(runs) == {0},
            "every correction kept, the file valid": wanted <= names}


def kills(data: Path, rounds: int) -> dict[str, bool]:
    proc, url = start(data)
    people = [v["value"] for v in request(url + "/api/entities?type=person")[2].get("person", [])][:rounds + 1]
    stop(proc)
    ok = True
    for i in range(min(rounds, len(people) - 1)):
        proc, url = start(data)
        name, into = people[i], people[-1]
        before = passages(url, name)
        status = Browser(url).correct(action="merge", facet="person", name=name, into=into, into_type="person")
        proc.kill()  # SIGKILL the moment the correction is confirmed
        proc.wait()
        proc, url = start(data)
        deadline = time.monotonic() + 60
        while passages(url, name) and time.monotonic() < deadline:
            time.sleep(0.5)
        after = passages(url, name)
        stop(proc)
        print(f"kill {i + 1}: merge {name!r} ({before} passages) into {into!r}: answered {status}; "
              f"after a restart {after} passages left under it")
        ok &= status == 200 and before > 0 and after == 0
    return {"a correction confirmed before kill -9 is applied after the restart": ok}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=2)
    ap.add_argument("--each", type=int, default=10)
    ap.add_argument("--cli", type=int, default=4)
    ap.add_argument("--kills", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        checks = kills(data, args.kills)
        proc, url = start(data)
        try:
            checks.update(concurrent(url, data, args.clients, args.each, args.cli))
        finally:
            stop(proc)
    return report(checks)


if __name__ == "__main__":
    sys.exit(main())
