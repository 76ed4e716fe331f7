"""Request guards run before every route: the Host must be one we serve (DNS rebinding), writes must be same-origin."""
from __future__ import annotations

import socket
from urllib.parse import urlsplit

from flask import Flask, abort, request

LOOPBACK = ("localhost", "127.0.0.1", "::1")
WILDCARDS = ("", "0.0.0.0", "::")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def allowed_hosts(bind_host: str | None, extra: str) -> frozenset[str]:
    """Host names this server answers to: loopback, the bound address and `SLEUTH_ALLOWED_HOSTS` ("*" = any)."""
    hosts = set(LOOPBACK) | {h.strip().lower().strip("[]") for h in extra.split(",") if h.strip()}
    if bind_host is not None and bind_host not in WILDCARDS:
        hosts.add(bind_host.lower().strip("[]"))
    elif bind_host is not None:
        hosts |= _this_machine()
    return frozenset(hosts)


def _this_machine() -> set[str]:
    # Bound to every interface: the names and addresses this machine is reached by on the network.
    names = {socket.gethostname().lower(), socket.getfqdn().lower()}
    try:
        names |= set(socket.gethostbyname_ex(socket.gethostname())[2])
    except OSError:
        pass
    return names


def host_name(host_header: str) -> str:
    """The name in a Host header, without port or brackets, lower case."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    if host.count(":") == 1:
        host = host.split(":", 1)[0]
    return host.rstrip(".")


def install(app: Flask, hosts: frozenset[str]) -> None:
    """Check every request's Host, and refuse writes that a page of another origin sent."""

    @app.before_request
    def _check_host():
        if "*" not in hosts and host_name(request.host) not in hosts:
            abort(400, description=f"This server does not answer to the host name {host_name(request.host)!r}. "
                                   "Add it to SLEUTH_ALLOWED_HOSTS if it is really this server's name.")

    @app.before_request
    def _same_origin_writes():
        if request.method in SAFE_METHODS:
            return
        # Browsers send Sec-Fetch-Site (recent ones) and Origin (on every POST/DELETE); tools like curl send
        # neither. Any page of another origin (another port of 127.0.0.1 is "same-site", not same-origin) is out.
        site = request.headers.get("Sec-Fetch-Site")
        if site is not None and site not in ("same-origin", "none"):
            abort(403, description="Requests from another site may not change the collection.")
        origin = request.headers.get("Origin")
        if origin is not None and (origin == "null" or urlsplit(origin).netloc.lower() != request.host.lower()):
            abort(403, description="Requests from another site may not change the collection.")
