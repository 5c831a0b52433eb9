"""Accounts, their parties, API keys and access tokens (kept as hashes only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, or_, select, update
from sqlalchemy.exc import IntegrityError

from ordex.domain.accounts import Account, ApiKey, Credential
from ordex.domain.content import PartyId
from ordex.domain.errors import PartyAlreadyRegistered
from ordex.storage import tables as t
from ordex.storage.repositories import party_id

# Statements of every request, built once (building a statement costs more than
# running it from SQLAlchemy's compiled cache).
_k, _a, _p = t.api_keys, t.accounts, t.parties
_parent = t.api_keys.alias("parent")
_HOLDER_OF_KEY = (
    select(
        _k.c.account_id,
        _k.c.kind,
        _k.c.created_at.label("key_created_at"),
        _k.c.expires_at,
        _k.c.parent_hash,
        _k.c.revoked_at,
        _parent.c.key_hash.label("parent_found"),
        _parent.c.created_at.label("parent_created_at"),
        _parent.c.revoked_at.label("parent_revoked_at"),
        _a.c.name,
        _a.c.created_at,
        _a.c.disabled_at,
        _p.c.party_id,
    )
    .select_from(
        _k.join(_a, _a.c.account_id == _k.c.account_id)
        .outerjoin(_parent, _parent.c.key_hash == _k.c.parent_hash)
        .outerjoin(_p, _p.c.account_id == _a.c.account_id)
    )
    .where(_k.c.key_hash == bindparam("key_hash"))
    .order_by(_p.c.party_id)
)
_OWNER_OF = select(_p.c.account_id).where(_p.c.party_id == bindparam("party_id"))


def _key(row: Any) -> ApiKey:
    return ApiKey(
        key_hash=row.key_hash,
        account_id=row.account_id,
        created_at=row.created_at,
        expires_at=row.expires_at,
        kind=row.kind,
        parent_hash=row.parent_hash,
        revoked_at=row.revoked_at,
    )


class SqlAccounts:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, account: Account) -> None:
        self.conn.execute(
            t.accounts.insert().values(
                account_id=account.account_id,
                name=account.name,
                created_at=account.created_at,
                disabled_at=account.disabled_at,
            )
        )
        for party in account.parties:
            try:
                with self.conn.begin_nested():
                    self.conn.execute(
                        t.parties.insert().values(
                            party_id=str(party),
                            account_id=account.account_id,
                            created_at=account.created_at,
                        )
                    )
            except IntegrityError as exc:
                # Two accounts claiming one party at once: the primary key decides.
                if self.owner_of(party) is None:
                    raise
                raise PartyAlreadyRegistered(
                    f"Party {party} already belongs to an account."
                ) from exc

    def get(self, account_id: str) -> Account | None:
        row = self.conn.execute(
            select(t.accounts).where(t.accounts.c.account_id == account_id)
        ).first()
        if row is None:
            return None
        parties = self.conn.execute(
            select(t.parties.c.party_id)
            .where(t.parties.c.account_id == account_id)
            .order_by(t.parties.c.party_id)
        ).scalars()
        return Account(
            account_id=row.account_id,
            name=row.name,
            created_at=row.created_at,
            parties=[party_id(p) for p in parties],
            disabled_at=row.disabled_at,
        )

    def set_disabled(self, account_id: str, disabled_at: datetime | None) -> None:
        self.conn.execute(
            update(t.accounts)
            .where(t.accounts.c.account_id == account_id)
            .values(disabled_at=disabled_at)
        )

    def owner_of(self, party: PartyId) -> str | None:
        return self.conn.execute(_OWNER_OF, {"party_id": str(party)}).scalar()

    def add_key(self, key: ApiKey) -> None:
        self.conn.execute(
            t.api_keys.insert().values(
                key_hash=key.key_hash,
                account_id=key.account_id,
                kind=key.kind,
                created_at=key.created_at,
                expires_at=key.expires_at,
                parent_hash=key.parent_hash,
                revoked_at=key.revoked_at,
            )
        )

    def keys_of(self, account_id: str) -> list[ApiKey]:
        """The account's API keys (not its tokens), oldest first."""
        rows = self.conn.execute(
            select(t.api_keys)
            .where(t.api_keys.c.account_id == account_id, t.api_keys.c.kind == "key")
            .order_by(t.api_keys.c.created_at, t.api_keys.c.key_hash)
        ).all()
        return [_key(row) for row in rows]

    def revoke_key(self, key: ApiKey) -> None:
        """Store ``key.revoked_at``; its tokens end with it (they are checked against it)."""
        self.conn.execute(
            update(t.api_keys)
            .where(t.api_keys.c.key_hash == key.key_hash)
            .values(revoked_at=key.revoked_at)
        )

    def prune_tokens(self, now: datetime) -> int:
        """Delete the tokens that expired, or whose key was revoked, by ``now``."""
        revoked = select(_parent.c.key_hash).where(_parent.c.revoked_at <= now)
        result = self.conn.execute(
            delete(t.api_keys).where(
                t.api_keys.c.kind == "token",
                or_(t.api_keys.c.expires_at <= now, t.api_keys.c.parent_hash.in_(revoked)),
            )
        )
        return int(result.rowcount or 0)

    def holder_of_key(self, key_hash: str) -> Credential | None:
        rows = self.conn.execute(_HOLDER_OF_KEY, {"key_hash": key_hash}).all()
        if not rows:
            return None
        first = rows[0]
        key = ApiKey(
            key_hash=key_hash,
            account_id=first.account_id,
            created_at=first.key_created_at,
            expires_at=first.expires_at,
            kind=first.kind,
            parent_hash=first.parent_hash,
            revoked_at=first.revoked_at,
        )
        parent = None
        if first.parent_found is not None:
            parent = ApiKey(
                key_hash=first.parent_found,
                account_id=first.account_id,
                created_at=first.parent_created_at,
                revoked_at=first.parent_revoked_at,
            )
        account = Account(
            account_id=first.account_id,
            name=first.name,
            created_at=first.created_at,
            parties=[party_id(row.party_id) for row in rows if row.party_id is not None],
            disabled_at=first.disabled_at,
        )
        return Credential(key, account, parent)
