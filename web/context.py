"""What every blueprint needs from the app: its search facade and the session's CSRF token."""
from __future__ import annotations

import hmac
import secrets

from flask import abort, current_app, flash, request, session

from indexer import Sleuth


def sleuth() -> Sleuth:
    """The app's search facade."""
    return current_app.extensions["sleuth"]


def csrf_token() -> str:
    """This session's CSRF token for forms (created on first use)."""
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


def check_csrf() -> None:
    """Refuse a form POST whose token is missing or not this session's (a cross-site request)."""
    sent = request.form.get("csrf_token", "") or request.headers.get("X-CSRF-Token", "")
    # Compared as bytes: compare_digest refuses non-ASCII str (a TypeError, i.e. a 500, for `csrf_token=é`).
    expected = session.get("csrf", "").encode()
    if not sent or not expected or not hmac.compare_digest(sent.encode("utf-8", "replace"), expected):
        abort(400, description="The form expired or came from another site; reload the page and try again.")


def notice(text: str, kind: str = "message") -> None:
    """A status line for the next page, kept in the session (never in the URL); long names are cut so the session
    cookie stays within a browser's 4 KB."""
    flash(text if len(text) <= 400 else text[:399] + "…", kind)


def doc_title(doc_id: str) -> str:
    """A document's title for chips and labels (its id when it is not indexed)."""
    info = sleuth().info(doc_id)
    return info.title if info is not None and info.title else doc_id
