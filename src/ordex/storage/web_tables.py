"""Tables of the web inbox: its sessions and the accounts' passwords (issue 22).

They join the one ``metadata`` of :mod:`ordex.storage.tables` (which imports this module
at its end). Only hashes are kept: SHA-256 of a session's cookie secret, argon2 of a
password.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text

from ordex.storage.tables import UtcDateTime, metadata

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("session_hash", String(64), primary_key=True),
    Column("account_id", String(36), ForeignKey("accounts.account_id"), nullable=False),
    Column("key_hash", String(64), nullable=True),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=False),
    Index("ix_web_sessions_expires", "expires_at"),
    Index("ix_web_sessions_account", "account_id"),
)

account_passwords = Table(
    "account_passwords",
    metadata,
    Column("account_id", String(36), ForeignKey("accounts.account_id"), primary_key=True),
    Column("password_hash", Text, nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
)
