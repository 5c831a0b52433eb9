"""Accounts own parties; API keys belong to accounts and are kept only as hashes."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from ordex.domain.content import PartyId

KEY_PREFIX = "ordex_"


def new_api_key() -> str:
    """A fresh secret key, shown once to its owner."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    """Keys are long random strings, so one SHA-256 is enough (no password stretching)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass
class Account:
    account_id: str
    name: str
    created_at: datetime
    parties: list[PartyId] = field(default_factory=list)

    def owns(self, party: PartyId) -> bool:
        return party in self.parties


@dataclass(frozen=True, slots=True)
class ApiKey:
    key_hash: str
    account_id: str
    created_at: datetime
    expires_at: datetime | None = None  # set for OAuth2 access tokens
    kind: str = "key"  # "key" or "token"
