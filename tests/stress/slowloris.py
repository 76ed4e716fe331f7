"""Slowloris and early 413 against `sleuth serve` on loopback (issue 14 item 8).

    python tests/stress/slowloris.py [--connections 150] [--seconds 20]

Opens N connections that each send one header byte every 3 s and reconnect when dropped (more than waitress's default limit of 100
connections), while a normal client searches every 0.5 s; then sends the headers of a 300 MB POST and waits for the
413. Checks: every normal search answers within 2 s; the server drops the slow connections after
SLEUTH_HEADER_TIMEOUT (5 s here) instead of keeping them; the 413 comes before any body is sent.
Bounded in time, loopback only.
"""
from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.stress._server import p95, report, request, start, stop  # noqa: E402

HEADER_TIMEOUT = 5


def drip(port: int, until: float, closed: list) -> None:
    """One slow client: a request line, then a header byte every 3 s; reconnects (as an attacker would) each time
    the server drops it, recording after how long."""
    while time.monotonic() < until:
        started = time.monotonic()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                s.sendall(b"GET /api/search?q=x HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                s.settimeout(3)
                while time.monotonic() < until:
                    try:
                        if s.recv(1) == b"":
                            break
                    except socket.timeout:
                        pass
                    s.sendall(b"a")
                else:
                    return  # still open when the test ended
        except OSError:
            pass
        closed.append(time.monotonic() - started)


def early_413(port: int) -> tuple[float, bytes]:
    """Seconds until the answer to the headers of a 300 MB upload, sending no body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
                  b"boundary=x\r\nContent-Length: 314572800\r\n\r\n")
        t0 = time.monotonic()
        answer = s.recv(200)
        return time.monotonic() - t0, answer


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--connections", type=int, default=150)
    ap.add_argument("--seconds", type=float, default=20.0)
    args = ap.parse_args(argv)
    server, url = start(Path(tempfile.mkdtemp(prefix="sleuth-slowloris-")) / "index",
                        SLEUTH_HEADER_TIMEOUT=str(HEADER_TIMEOUT))
    port = int(url.rsplit(":", 1)[1])
    closed: list[float] = []
    normal: list[tuple[float, int]] = []
    try:
        until = time.monotonic() + args.seconds
        slow = [threading.Thread(target=drip, args=(port, until, closed), daemon=True)
                for _ in range(args.connections)]
        for t in slow:
            t.start()
        time.sleep(1)
        while time.monotonic() < until:
            try:
                ms, status, _ = request(url + "/api/search?q=trotsky", timeout=10)
            except OSError:
                ms, status = 10000.0, 0
            normal.append((ms, status))
            time.sleep(0.5)
        for t in slow:
            t.join(10)
        took_413, answer = early_413(port)
    finally:
        stop(server)
    times = [ms for ms, _ in normal]
    print(f"{args.connections} slow clients (reconnecting) for {args.seconds:.0f} s: {len(closed)} connections "
          f"closed by the server, after {min(closed, default=0):.1f}–{max(closed, default=0):.1f} s")
    print(f"normal searches meanwhile: {len(times)}, p95 {p95(times):.0f} ms, slowest {max(times):.0f} ms")
    print(f"300 MB Content-Length: {answer[:12].decode(errors='replace')!r} after {took_413 * 1000:.0f} ms")
    return report({
        "every normal search answered 200 within 2 s": all(s == 200 and ms < 2000 for ms, s in normal),
        f"slow connections dropped within {HEADER_TIMEOUT} s + 3 s": len(closed) >= args.connections
        and max(closed) < HEADER_TIMEOUT + 3,
        "over-limit Content-Length answered 413 before the body": answer.startswith(b"HTTP/1.1 413") and took_413 < 1,
    })


if __name__ == "__main__":
    sys.exit(main())
