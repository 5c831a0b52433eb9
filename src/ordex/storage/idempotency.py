"""Stored first answers for ``Idempotency-Key`` (one row per account and key).

A row without an answer is a claim: the request that holds it (its ``owner``, a token of
one request) renews ``lease_until`` while it runs. A claim whose lease ran out belongs to a
request whose process died; the next retry takes it over.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Engine, delete, select, update
from sqlalchemy.exc import IntegrityError

from ordex.storage import tables as t

KEY_LIFETIME = timedelta(hours=24)


@dataclass(frozen=True)
class StoredAnswer:
    """The key belongs to another request: its answer, or ``None`` while it runs."""

    request_hash: str
    status_code: int | None  # None while the first request is still running
    body: bytes | None
    media_type: str | None


@dataclass(frozen=True)
class Claimed:
    """This request holds the key."""

    claimed_at: datetime
    """When the key was first claimed: by this request, or by the dead one it took over."""
    taken_over: bool
    """A request with the same fingerprint claimed the key first and died before answering."""


def _same(column: Any, value: object) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value  # type: ignore[no-any-return]


class IdempotencyStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def claim(
        self,
        account_id: str,
        key: str,
        request_hash: str,
        owner: str,
        at: datetime,
        lease: timedelta,
    ) -> StoredAnswer | Claimed:
        """Claim ``key`` for the request ``owner``; or what whoever claimed it first left.

        A claim whose lease ran out before ``at`` without an answer (its request's process
        died in between) is taken over by the same request: the retry runs again instead
        of hearing "still being processed". Exactly one of several retries racing for it
        wins (a compare-and-set on the claim's owner and lease); the others see the claim
        in progress.
        """
        k = t.idempotency_keys
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    k.insert().values(
                        account_id=account_id,
                        key=key,
                        request_hash=request_hash,
                        created_at=at,
                        owner=owner,
                        lease_until=at + lease,
                    )
                )
            return Claimed(claimed_at=at, taken_over=False)
        except IntegrityError:
            pass
        this_key = (k.c.account_id == account_id, k.c.key == key)
        with self.engine.begin() as conn:
            row = conn.execute(select(k).where(*this_key)).one_or_none()
            if row is None:  # released meanwhile: claim it afresh
                return self.claim(account_id, key, request_hash, owner, at, lease)
            first = StoredAnswer(row.request_hash, row.status_code, row.body, row.media_type)
            # A claim made before leases existed holds for one lease after it was made.
            lease_until = row.lease_until or row.created_at + lease
            dead = (
                row.status_code is None and row.request_hash == request_hash and lease_until <= at
            )
            if not dead:
                return first
            taken = conn.execute(
                update(k)
                .where(
                    *this_key,
                    k.c.status_code.is_(None),
                    _same(k.c.owner, row.owner),
                    _same(k.c.lease_until, row.lease_until),
                )
                .values(owner=owner, lease_until=at + lease)
            )
            if taken.rowcount != 1:
                return first
            return Claimed(claimed_at=row.created_at, taken_over=True)

    def renew(self, account_id: str, key: str, owner: str, lease_until: datetime) -> bool:
        """Extend the claim of a request that is still running; False when it is not its
        own any more (answered, released, or taken over after its lease ran out)."""
        k = t.idempotency_keys
        with self.engine.begin() as conn:
            renewed = conn.execute(
                update(k)
                .where(
                    k.c.account_id == account_id,
                    k.c.key == key,
                    k.c.owner == owner,
                    k.c.status_code.is_(None),
                )
                .values(lease_until=lease_until)
            )
        return renewed.rowcount == 1

    def store(
        self,
        account_id: str,
        key: str,
        owner: str,
        status_code: int,
        body: bytes,
        media_type: str,
    ) -> None:
        """Keep the answer of the request that holds the claim (a request whose claim was
        taken over keeps nothing: the retry's answer is the one replayed)."""
        k = t.idempotency_keys
        with self.engine.begin() as conn:
            conn.execute(
                update(k)
                .where(
                    k.c.account_id == account_id,
                    k.c.key == key,
                    k.c.owner == owner,
                    k.c.status_code.is_(None),
                )
                .values(status_code=status_code, body=body, media_type=media_type)
            )

    def release(self, account_id: str, key: str, owner: str) -> None:
        """Forget a claim whose request failed in a way worth retrying."""
        k = t.idempotency_keys
        with self.engine.begin() as conn:
            conn.execute(
                delete(k).where(
                    k.c.account_id == account_id,
                    k.c.key == key,
                    k.c.owner == owner,
                    k.c.status_code.is_(None),
                )
            )

    def prune(self, before: datetime) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                delete(t.idempotency_keys).where(t.idempotency_keys.c.created_at < before)
            )
        return result.rowcount
