"""Stored first answers for ``Idempotency-Key`` (one row per account and key)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import IntegrityError

from ordex.storage import tables as t


@dataclass(frozen=True)
class StoredAnswer:
    request_hash: str
    status_code: int | None  # None while the first request is still running
    body: bytes | None
    media_type: str | None


class IdempotencyStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def claim(
        self,
        account_id: str,
        key: str,
        request_hash: str,
        at: datetime,
        abandoned_before: datetime | None = None,
    ) -> StoredAnswer | None:
        """Claim ``key`` for this request; or the answer stored by whoever claimed it first.

        A claim that never got its answer (its request's process died in between) and was
        made before ``abandoned_before`` is taken over by the same request: the retry runs
        again instead of hearing "still being processed" until the key expires a day
        later. Exactly one of several retries racing for it wins (a compare-and-set on the
        claim's time); the others see the claim in progress.
        """
        try:
            with self.engine.begin() as conn:
                conn.execute(
                    t.idempotency_keys.insert().values(
                        account_id=account_id, key=key, request_hash=request_hash, created_at=at
                    )
                )
            return None
        except IntegrityError:
            pass
        k = t.idempotency_keys
        this_key = (k.c.account_id == account_id, k.c.key == key)
        with self.engine.begin() as conn:
            row = conn.execute(select(k).where(*this_key)).one_or_none()
            if row is None:  # released meanwhile: claim it afresh
                return self.claim(account_id, key, request_hash, at, abandoned_before)
            first = StoredAnswer(row.request_hash, row.status_code, row.body, row.media_type)
            abandoned = (
                abandoned_before is not None
                and row.status_code is None
                and row.request_hash == request_hash
                and row.created_at < abandoned_before
            )
            if not abandoned:
                return first
            taken = conn.execute(
                update(k)
                .where(*this_key, k.c.status_code.is_(None), k.c.created_at == row.created_at)
                .values(created_at=at)
            )
            return None if taken.rowcount == 1 else first

    def store(
        self, account_id: str, key: str, status_code: int, body: bytes, media_type: str
    ) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(t.idempotency_keys)
                .where(
                    t.idempotency_keys.c.account_id == account_id,
                    t.idempotency_keys.c.key == key,
                )
                .values(status_code=status_code, body=body, media_type=media_type)
            )

    def release(self, account_id: str, key: str) -> None:
        """Forget a claim whose request failed in a way worth retrying."""
        with self.engine.begin() as conn:
            conn.execute(
                delete(t.idempotency_keys).where(
                    t.idempotency_keys.c.account_id == account_id,
                    t.idempotency_keys.c.key == key,
                )
            )

    def prune(self, before: datetime) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(
                delete(t.idempotency_keys).where(t.idempotency_keys.c.created_at < before)
            )
        return result.rowcount


KEY_LIFETIME = timedelta(hours=24)
