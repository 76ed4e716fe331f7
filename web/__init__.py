"""Sleuth's web app: `create_app(settings)` builds it; it talks to the index only through `indexer`'s public API."""
from __future__ import annotations

import hmac
import secrets
import time
from pathlib import Path

from flask import g, Flask, abort, flash, request, session

from indexer import ENTITY_FACETS, FACET_LABELS, FACETS, Settings, Sleuth

from . import params
from .dates import date_label

MAX_FORM_PARTS = 1000  # files and fields in one upload (werkzeug's default); more get a 413 saying so
PRIVATE_PATHS = ("/api/", "/doc/", "/login")
CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"


def create_app(settings: Settings | None = None, bind_host: str | None = None) -> Flask:
    """The application factory (also found by `flask --app web run`); `bind_host` is the address served on."""
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=settings.secret_key or _secret_key(settings.index_dir),
        MAX_CONTENT_LENGTH=settings.max_upload_bytes,
        MAX_FORM_PARTS=MAX_FORM_PARTS,
        DEBUG=settings.debug,
        PROPAGATE_EXCEPTIONS=False,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SLEUTH_SETTINGS=settings,
    )
    app.extensions["sleuth"] = Sleuth(settings)
    app.extensions["sleuth"].resume_upkeep()  # uploads a stopped server left without their entities

    from . import api, auth, batch, compare, corrections, documents, entities, errors, guard, library, search, upload

    guard.install(app, guard.allowed_hosts(bind_host, settings.allowed_hosts))
    auth.install(app, settings.password)
    for module in (search, documents, entities, upload, api, compare, library, batch, corrections):
        app.register_blueprint(module.bp)
    errors.register(app)

    app.jinja_env.globals.update(FACETS=FACETS, ENTITY_FACETS=ENTITY_FACETS, FACET_LABELS=FACET_LABELS, csrf_token=csrf_token, url_with=params.url_with,
                                 entity_url=params.entity_url)
    app.jinja_env.filters["thousands"] = lambda n: f"{n:,}"
    app.jinja_env.filters["date_label"] = date_label
    app.jinja_env.globals["doc_title"] = _doc_title

    _install_hooks(app, settings)
    return app


def _install_hooks(app: Flask, settings: Settings) -> None:
    """The `flask stats` command, the refusal tarpit and the security headers."""
    @app.cli.command("stats")
    def _stats() -> None:
        """Print the collection's counts (`flask --app web stats`)."""
        import json

        print(json.dumps(app.extensions["sleuth"].stats(), indent=2))

    @app.after_request
    def _tarpit(response):
        # A refused search answers after a pause: a client looping refused queries then mostly waits (the GIL is
        # free meanwhile) instead of taking the interpreter from everyone else's searches.
        if g.get("refused") and settings.refusal_delay:
            time.sleep(settings.refusal_delay)
        return response

    @app.after_request
    def _headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        if request.headers.get("HX-Request"):
            response.headers["Vary"] = "HX-Request"
        if request.path.startswith(PRIVATE_PATHS) or (settings.password and request.endpoint != "static"):
            # Documents and results may be private or deleted later: no shared or back-button cache keeps them.
            response.headers["Cache-Control"] = "no-store"
        return response


def _doc_title(doc_id: str) -> str:
    """A document's title for chips and labels (its id when it is not indexed)."""
    info = sleuth().info(doc_id)
    return info.title if info is not None and info.title else doc_id


def sleuth() -> Sleuth:
    """The app's search facade."""
    from flask import current_app

    return current_app.extensions["sleuth"]


def csrf_token() -> str:
    """This session's CSRF token for forms (created on first use)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def notice(text: str, kind: str = "message") -> None:
    """A status line for the next page, kept in the session (never in the URL); long names are cut so the session
    cookie stays within a browser's 4 KB."""
    flash(text if len(text) <= 400 else text[:399] + "…", kind)


def check_csrf() -> None:
    """Refuse a form POST whose token is missing or not this session's (a cross-site request)."""
    sent = request.form.get("csrf_token", "") or request.headers.get("X-CSRF-Token", "")
    # Compared as bytes: compare_digest refuses non-ASCII str (a TypeError, i.e. a 500, for `csrf_token=é`).
    expected = session.get("csrf", "").encode()
    if not sent or not expected or not hmac.compare_digest(sent.encode("utf-8", "replace"), expected):
        abort(400, description="The form expired or came from another site; reload the page and try again.")


def _secret_key(data_dir: Path) -> str:
    # A generated key kept in the data folder, readable only by its owner, so sessions survive restarts.
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.touch(mode=0o600)
    path.write_text(key)
    return key
