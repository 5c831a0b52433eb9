"""Accounts own parties; API keys belong to accounts and are kept only as hashes.

An OAuth2 access token (``/connect/token``) is kept like a key, with the key it was bought
with as its parent: it lives only while that key does (revoking a key ends its tokens at
once), and only a key can buy one. A disabled account's keys and tokens are refused.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from ordex.domain.content import PartyId

KEY_PREFIX = "ordex_"
KEY_ID_LENGTH = 16
"""A key's public name: the first hex digits of its hash (the key itself is never kept)."""


def new_api_key() -> str:
    """A fresh secret key, shown once to its owner."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    """Keys are long random strings, so one SHA-256 is enough (no password stretching)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def key_id_of(key: str) -> str:
    """The public ID of the secret ``key``."""
    return hash_key(key)[:KEY_ID_LENGTH]


@dataclass
class Account:
    account_id: str
    name: str
    created_at: datetime
    parties: list[PartyId] = field(default_factory=list)
    disabled_at: datetime | None = None

    def owns(self, party: PartyId) -> bool:
        return party in self.parties

    @property
    def disabled(self) -> bool:
        return self.disabled_at is not None


@dataclass(frozen=True, slots=True)
class ApiKey:
    key_hash: str
    account_id: str
    created_at: datetime
    expires_at: datetime | None = None  # set for OAuth2 access tokens
    kind: str = "key"  # "key" or "token"
    parent_hash: str | None = None  # a token's: the key that bought it
    revoked_at: datetime | None = None  # from then on refused (later than now: a grace)

    @property
    def key_id(self) -> str:
        return self.key_hash[:KEY_ID_LENGTH]

    @property
    def is_token(self) -> bool:
        return self.kind == "token"

    def live(self, now: datetime) -> bool:
        """Neither expired nor revoked at ``now``."""
        return not any(end is not None and end <= now for end in (self.expires_at, self.revoked_at))

    def revoked(self, at: datetime, grace: timedelta = timedelta(0)) -> ApiKey:
        """This key, refused from ``at + grace`` (an earlier revocation stands)."""
        end = at + grace
        if self.revoked_at is not None and self.revoked_at <= end:
            return self
        return replace(self, revoked_at=end)


@dataclass(frozen=True, slots=True)
class Credential:
    """What a bearer secret stands for: the key or token, its account, and for a token the
    key that bought it (``None`` when that key is gone)."""

    key: ApiKey
    account: Account
    parent: ApiKey | None = None

    def refusal(self, now: datetime) -> str | None:
        """Why this credential is refused at ``now``, or None when it is valid."""
        kind = "token" if self.key.is_token else "key"
        if self.account.disabled:
            return "The account of this bearer token is disabled."
        if not self.key.live(now):
            return f"This {kind} has expired or was revoked."
        if self.key.is_token and (self.parent is None or not self.parent.live(now)):
            return "The key this token was bought with was revoked."
        return None

    def valid(self, now: datetime) -> bool:
        return self.refusal(now) is None
