"""Sessions of the web inbox: a browser signs in once and carries a cookie after that.

A session is kept server-side (only the hash of its cookie's secret is stored, like an API
key's), expires ``SESSION_LIFETIME`` after sign-in, and carries the CSRF token that every
form of the inbox must send back. A session opened with an API key has that key's scope and
lives only while the key does (revoking the key ends its sessions); one opened with the
account's password lives while the account is enabled.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

SESSION_LIFETIME = timedelta(hours=8)
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1000


def new_secret() -> str:
    """A fresh random secret for a cookie or a CSRF token."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    """Session secrets are long random strings: one SHA-256 is enough."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def password_problem(password: str) -> str | None:
    """Why ``password`` may not be the account's, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"password: at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return f"password: at most {MAX_PASSWORD_LENGTH} characters."
    return None


@dataclass(frozen=True, slots=True)
class WebSession:
    session_hash: str
    account_id: str
    csrf_token: str
    created_at: datetime
    expires_at: datetime
    key_hash: str | None = None  # the API key it was opened with; None: the password

    def live(self, now: datetime) -> bool:
        return now < self.expires_at

    def csrf_matches(self, token: str | None) -> bool:
        return token is not None and secrets.compare_digest(token, self.csrf_token)


def opened(
    account_id: str, now: datetime, key_hash: str | None, lifetime: timedelta = SESSION_LIFETIME
) -> tuple[WebSession, str]:
    """A new session and its cookie's secret (kept by the browser only)."""
    secret = new_secret()
    session = WebSession(
        session_hash=hash_secret(secret),
        account_id=account_id,
        csrf_token=new_secret(),
        created_at=now,
        expires_at=now + lifetime,
        key_hash=key_hash,
    )
    return session, secret
