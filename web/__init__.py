"""Sleuth's web app: `create_app(settings)` builds it; it talks to the index only through `indexer`'s public API."""
from __future__ import annotations

import secrets
import time
from pathlib import Path

from flask import g, Flask, request

from indexer import ENTITY_FACETS, FACET_LABELS, FACETS, Settings, Sleuth

from . import params
from .context import csrf_token, doc_title
from .dates import date_label

MAX_FORM_PARTS = 1000  # files and fields in one upload (werkzeug's default); more get a 413 saying so
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

    from .views import (api, auth, batch, compare, corrections, documents, entities, library, marks, original, search,
                        upload)
    from . import errors, guard

    guard.install(app, guard.allowed_hosts(bind_host, settings.allowed_hosts))
    auth.install(app, settings.password)
    for module in (search, documents, entities, upload, api, compare, library, batch, corrections, marks, original):
        app.register_blueprint(module.bp)
    errors.register(app)

    app.jinja_env.globals.update(FACETS=FACETS, ENTITY_FACETS=ENTITY_FACETS, FACET_LABELS=FACET_LABELS, csrf_token=csrf_token, url_with=params.url_with,
                                 entity_url=params.entity_url)
    app.jinja_env.filters["thousands"] = lambda n: f"{n:,}"
    # A corrections file that cannot be used is shown on every page, naming the file and the fix.
    app.context_processor(lambda: {"corrections_problem": app.extensions["sleuth"].corrections.problem})
    app.jinja_env.filters["date_label"] = date_label
    app.jinja_env.globals["doc_title"] = doc_title

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
        if request.endpoint != "static":
            # Documents and results may be private or deleted later, with or without a password: no shared or
            # back-button cache keeps them.
            response.headers["Cache-Control"] = "no-store"
        return response


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
