"""Password protection (`SLEUTH_PASSWORD`): a login page and session cookie for browsers, a bearer token for the
API, and a throttle on failed attempts."""
from __future__ import annotations

import hashlib
import hmac
import threading
import time
import unicodedata
from collections import deque
from urllib.parse import urlsplit

from flask import (Blueprint, Flask, abort, current_app, jsonify, redirect, render_template, request, session,
                   url_for)

from ..sessions import Sessions

bp = Blueprint("auth", __name__)
OPEN_ENDPOINTS = ("auth.login", "static")
FAILS_PER_CLIENT = 5  # failed attempts per client address per window
FAILS_TOTAL = 30  # failed attempts from all clients per window (a spread-out guessing attack)
WINDOW = 60.0


class Throttle:
    """Counts failed logins per client and overall over a sliding window."""

    def __init__(self, per_client: int = FAILS_PER_CLIENT, total: int = FAILS_TOTAL, window: float = WINDOW):
        self.per_client, self.total, self.window = per_client, total, window
        self._fails: dict[str, deque[float]] = {}
        self._all: deque[float] = deque()
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """Seconds this client must wait before trying again (0: it may try now)."""
        now = time.monotonic()
        with self._lock:
            mine = self._prune(self._fails.get(client, deque()), now)
            everyone = self._prune(self._all, now)
            waits = [q[0] + self.window - now for q, cap in ((mine, self.per_client), (everyone, self.total))
                     if len(q) >= cap]
        return max(waits, default=0.0)

    def failed(self, client: str) -> None:
        """Record one failed attempt."""
        now = time.monotonic()
        with self._lock:
            self._fails.setdefault(client, deque()).append(now)
            self._all.append(now)
            if len(self._fails) > 10000:  # forget quiet clients so the table stays small
                self._fails = {k: q for k, q in self._fails.items() if self._prune(q, now)}

    def _prune(self, q: deque[float], now: float) -> deque[float]:
        while q and q[0] <= now - self.window:
            q.popleft()
        return q


def install(app: Flask, password: str) -> None:
    """Require the password on every route but the login page and static files (nothing when it is empty)."""
    app.register_blueprint(bp)
    app.extensions["sleuth_auth"] = (password, Throttle())
    app.extensions["sleuth_sessions"] = Sessions(app.config["SLEUTH_SETTINGS"].index_dir)
    # Pages show "Log out" to a browser that logged in (none when there is no password).
    app.jinja_env.globals["logged_in"] = lambda: bool(password) and session.get("auth") == _marker()
    if not password:
        return

    @app.before_request
    def _require_login():
        if request.endpoint in OPEN_ENDPOINTS or _logged_in():
            return None
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            if _check(header[len("Bearer "):].strip()):
                return None
            return _unauthorised("Wrong bearer token.")
        if request.path.startswith("/api/"):
            return _unauthorised("Log in first: send `Authorization: Bearer <SLEUTH_PASSWORD>`.")
        return redirect(url_for("auth.login", next=request.full_path if request.args else request.path))


def _logged_in() -> bool:
    # The signed cookie says which login it is; the server says whether that login is still live (not logged out).
    return session.get("auth") == _marker() and current_app.extensions["sleuth_sessions"].live(session.get("sid"))


def _marker() -> str:
    # Kept in the signed session: a changed password (or secret key) logs every browser out.
    password = current_app.extensions["sleuth_auth"][0]
    return hmac.new(current_app.secret_key.encode(), password.encode(), hashlib.sha256).hexdigest()[:32]


def _check(sent: str) -> bool:
    """Compare a sent password in constant time, counting failures; aborts 429 while throttled."""
    password, throttle = current_app.extensions["sleuth_auth"]
    client = request.remote_addr or "?"
    wait = throttle.wait(client)
    if wait > 0:
        abort(429, description=f"Too many failed logins; try again in {wait:.0f} s.")
    if password and hmac.compare_digest(sent.encode("utf-8", "replace"), password.encode("utf-8")):
        return True
    throttle.failed(client)
    return False


def _unauthorised(message: str):
    response = jsonify(error=message)
    response.status_code = 401
    response.headers["WWW-Authenticate"] = 'Bearer realm="sleuth"'
    return response


def _safe_next(target: str | None) -> str:
    # Only a path on this server: never "//evil.example" or "/\\evil.example", which browsers treat as hosts, nor
    # one with a control character, which browsers drop ("/\t/evil.example" is "//evil.example") and which cannot
    # go into a Location header anyway.
    if (target and target.startswith("/") and "\\" not in target
            and not any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in target)):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and not parts.path.startswith("//"):
            return target
    return url_for("search.search")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The login form, and checking what it sends."""
    password = current_app.extensions["sleuth_auth"][0]
    if not password:
        return redirect(url_for("search.search"))
    target = _safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("login.html", next=target, error=None)
    from ..context import check_csrf

    check_csrf()
    if _check(request.form.get("password", "")):
        session.clear()  # a fresh session (and CSRF token) after login
        session["auth"] = _marker()
        session["sid"] = current_app.extensions["sleuth_sessions"].start()
        session.permanent = True
        return redirect(target)
    return render_template("login.html", next=target, error="Wrong password."), 401


@bp.post("/logout")
def logout():
    """Forget this browser's login."""
    from ..context import check_csrf

    check_csrf()
    current_app.extensions["sleuth_sessions"].end(session.get("sid", ""))
    session.clear()
    return redirect(url_for("auth.login"))
