"""Serving the app under waitress; an empty index is filled with the bundled corpus first."""
from __future__ import annotations

import ipaddress
import sys
import time
from dataclasses import replace

from indexer import Settings

from . import create_app

LOOKAHEAD = 1  # requests read ahead on a connection (waitress.client_disconnected needs at least one)
BODY_SLACK = 64 * 1024  # multipart boundaries and form fields around the files, beyond max_upload_bytes


def is_loopback(host: str) -> bool:
    """True when `host` is reachable only from this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def auth_mode(settings: Settings, host: str, no_auth: bool) -> tuple[Settings | None, str]:
    """The settings to serve with and the sentence saying who may use the server (None: refuse to start)."""
    if no_auth:
        return replace(settings, password=""), (f"--no-auth: no password; anyone who can reach {host} can read, "
                                             "upload and delete documents.")
    if settings.password:
        return settings, ("Password required (SLEUTH_PASSWORD): browsers log in at /login, API clients send "
                          "`Authorization: Bearer <password>`.")
    if is_loopback(host):
        return settings, "No password: only this machine can connect (loopback)."
    return None, (f"sleuth: error: serving on {host} would put every document, upload and delete on the network "
                  "without a password. Set SLEUTH_PASSWORD, or pass --no-auth if that is really intended.")


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 5000, no_auth: bool = False) -> int:
    """Index the bundled corpus if nothing is indexed yet, then serve until interrupted; returns an exit code."""
    import waitress

    settings, who = auth_mode(settings, host, no_auth)
    if settings is None:
        print(who, file=sys.stderr)
        return 2
    # Index reads release the GIL at every file read; with the default 5 ms switch interval a search that
    # needs it back waits behind any busy thread each time (the convoy effect), so hand it back sooner.
    sys.setswitchinterval(0.001)

    app = create_app(settings, bind_host=host)
    engine = app.extensions["sleuth"]
    if engine.is_empty():
        files = [p for p in settings.corpus_dir.iterdir() if p.is_file()] if settings.corpus_dir.is_dir() else []
        print(f"Index is empty: indexing the bundled corpus ({len(files)} files from {settings.corpus_dir})…",
              flush=True)
        report = engine.index_paths([settings.corpus_dir])
        print(f"Indexed {report.count('added')} documents, {report.passages} passages in {report.seconds:.1f} s.",
              flush=True)
    engine.workers.start(engine.settings.worker_processes)  # a first batch or upload need not wait for one
    server = waitress.create_server(app, host=host, port=port, threads=8, ident="Sleuth", **server_limits(settings))
    slow_headers_cut_off(server, settings.header_timeout, settings.max_upload_bytes)
    print(who, flush=True)
    print(f"Sleuth is ready at http://{host}:{port}  (data: {settings.index_dir}; Ctrl+C to stop)", flush=True)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    return 0


def server_limits(settings: Settings) -> dict:
    """Waitress limits from the settings: an over-long body is answered 413 as soon as its headers arrive."""
    return dict(max_request_body_size=settings.max_upload_bytes + BODY_SLACK,
                channel_timeout=settings.channel_timeout, connection_limit=settings.max_connections,
                cleanup_interval=min(30, settings.channel_timeout), asyncore_use_poll=True,
                # Reading ahead keeps a busy connection watched: a client gone mid-upload is seen (and its OCR stopped).
                channel_request_lookahead=LOOKAHEAD)


def slow_headers_cut_off(server, timeout: float, max_upload: int) -> None:
    """Close connections that take longer than `timeout` seconds to send their request headers (slowloris), and
    word waitress's early 413 like the app's."""
    from waitress.channel import HTTPChannel
    from waitress.parser import HTTPRequestParser
    from waitress.server import BaseWSGIServer
    from waitress.utilities import RequestEntityTooLarge

    too_large = (f"The upload is larger than the {max_upload // (1024 * 1024)} MB limit (SLEUTH_MAX_UPLOAD_BYTES). "
                 "Send fewer or smaller files.")

    class Parser(HTTPRequestParser):
        def received(self, data):
            n = super().received(data)
            if isinstance(self.error, RequestEntityTooLarge):
                self.error.body = too_large
            return n

    class Channel(HTTPChannel):
        parser_class = Parser
        header_started = 0.0

        def received(self, data):
            if self.request is None:
                self.header_started = time.time()
            return super().received(data)

        def readable(self):
            # Called on every turn of the event loop (about once a second when idle); a byte every few seconds
            # keeps a connection "active", so the channel timeout alone never ends it.
            req = self.request
            if req is not None and not req.headers_finished and time.time() - self.header_started > timeout:
                self.will_close = True
            return super().readable()

    for s in (server, *getattr(server, "map", {}).values()):
        if isinstance(s, BaseWSGIServer):
            s.channel_class = Channel
