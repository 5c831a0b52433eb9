"""Repositories for hooks and their deliveries."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Table,
    and_,
    bindparam,
    delete,
    func,
    select,
    text,
    update,
)

from ordex.domain.hooks import Attempt, Delivery, DeliveryStatus, Hook, HookDialect
from ordex.services.ports import DueHead
from ordex.storage import tables as t
from ordex.storage.repositories import chunks


def _hook(row: Any) -> Hook:
    return Hook(
        hook_id=row.hook_id,
        party_id=row.party_id,
        action=row.action,
        topics=list(row.topics),
        created_at=row.created_at,
        changed_at=row.changed_at,
        name=row.name,
        secret=row.secret,
        is_active=row.is_active,
        disabled_reason=row.disabled_reason,
        failing_since=row.failing_since,
        dialect=HookDialect(row.dialect),
    )


def _delivery(row: Any) -> Delivery:
    return Delivery(
        delivery_id=row.delivery_id,
        hook_id=row.hook_id,
        message_id=row.message_id,
        topic=row.topic,
        party_id=row.party_id,
        document_id=row.document_id,
        payload=row.payload,
        created_at=row.created_at,
        next_attempt_at=row.next_attempt_at,
        status=DeliveryStatus(row.status),
        attempts=row.attempts,
        last_status_code=row.last_status_code,
        last_error=row.last_error,
    )


# pg_try_advisory_xact_lock's key for the outbox relay: "ordexR" as a number (the purge
# leader's is "ordex", storage/leader.py).
RELAY_LOCK = 0x6F7264657852

# The worker's statements of every round, built once with bind parameters.
_HOOKS_OF_PARTIES = (
    select(t.hooks)
    .where(t.hooks.c.party_id.in_(bindparam("parties", expanding=True)))
    .order_by(t.hooks.c.created_at, t.hooks.c.hook_id)
)
_d = t.deliveries
_IS_PENDING = _d.c.status == DeliveryStatus.PENDING.value
_HEADS = (
    select(_d.c.hook_id, func.min(_d.c.seq).label("seq"))
    .where(_IS_PENDING)
    .group_by(_d.c.hook_id)
    .subquery()
)
_DUE = (  # a disabled hook's queue waits until the party enables it again
    select(
        _d.c.delivery_id,
        _d.c.hook_id,
        _d.c.seq,
        _d.c.next_attempt_at,
        t.hooks.c.party_id,
        func.row_number()
        .over(partition_by=t.hooks.c.party_id, order_by=(_d.c.next_attempt_at, _d.c.seq))
        .label("turn"),
    )
    .join(_HEADS, and_(_d.c.hook_id == _HEADS.c.hook_id, _d.c.seq == _HEADS.c.seq))
    .join(t.hooks, t.hooks.c.hook_id == _d.c.hook_id)
    .where(_IS_PENDING, _d.c.next_attempt_at <= bindparam("now"), t.hooks.c.is_active.is_(True))
    .subquery()
)
_DUE_HEADS = (  # the oldest first, at most ``per_party`` of one party (fair scheduling)
    select(_DUE.c.delivery_id, _DUE.c.hook_id, _DUE.c.seq, _DUE.c.party_id)
    .where(_DUE.c.turn <= bindparam("per_party"))
    .order_by(_DUE.c.next_attempt_at, _DUE.c.seq)
    .limit(bindparam("limit"))
)
_LIVE_LEASE = (  # a delivery of the hook that a worker holds now (ix_deliveries_hook_leased)
    select(_d.c.delivery_id)
    .where(_d.c.hook_id == bindparam("hook_id"), _d.c.leased_until > bindparam("now"))
    .limit(1)
)
_QUEUE_FROM = (
    select(_d)
    .where(_d.c.hook_id == bindparam("hook_id"), _IS_PENDING, _d.c.seq >= bindparam("seq"))
    .order_by(_d.c.seq)
    .limit(bindparam("limit"))
)

# A delivery's columns but ``seq`` (numbered when it is queued), in ``_row``'s order.
_COLUMNS = (
    "delivery_id",
    "hook_id",
    "message_id",
    "topic",
    "party_id",
    "document_id",
    "payload",
    "status",
    "attempts",
    "next_attempt_at",
    "last_status_code",
    "last_error",
    "created_at",
)
_DATETIMES = (10, 13)  # next_attempt_at, created_at in (seq, *_COLUMNS)


def _sqlite_datetime(value: datetime | None) -> str | None:
    """As SQLAlchemy's SQLite ``DateTime`` stores a UtcDateTime: naive UTC, microseconds."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
    return value.isoformat(" ", "microseconds")[:-6]  # without "+00:00"


def _insert_many(
    conn: Connection,
    table: Table,
    columns: Sequence[str],
    rows: list[tuple[Any, ...]],
    datetimes: Sequence[int],
) -> None:
    """Insert many rows past SQLAlchemy's per-row parameter processing.

    The delivery worker inserts a delivery and an attempt row per webhook; SQLAlchemy's
    parameter processing cost more than the databases' own inserts (SQLite: 57 against
    19 µs a row; PostgreSQL: 52 against 12 µs of CPU with COPY), so the rows go to the
    driver as they are: one ``executemany`` on SQLite, ``COPY ... FROM STDIN`` with
    psycopg. The types involved are strings, integers, bytes and aware datetimes (at the
    positions ``datetimes``): psycopg takes them all; for SQLite the datetimes are written
    in the very format SQLAlchemy writes and reads (``_sqlite_datetime``).
    """
    dialect = conn.dialect
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(name) for name in columns)
    if dialect.name == "sqlite":
        for n in datetimes:
            rows = [(*row[:n], _sqlite_datetime(row[n]), *row[n + 1 :]) for row in rows]
        marks = ", ".join("?" * len(columns))
        conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({marks})", rows)
    elif dialect.name == "postgresql" and dialect.driver == "psycopg":
        # (the connection's own transaction: SQLAlchemy's and this cursor's are one)
        driver: Any = conn.connection.driver_connection
        with (
            driver.cursor() as cursor,
            cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
    else:  # any other database or driver: the general way
        conn.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])


# The columns a delivery attempt changes; the rest is written once.
_CHANGING = ("status", "attempts", "next_attempt_at", "last_status_code", "last_error")


class SqlHooks:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, hook: Hook) -> None:
        self.conn.execute(t.hooks.insert().values(**self._values(hook)))

    def update(self, hook: Hook) -> None:
        self.conn.execute(
            update(t.hooks).where(t.hooks.c.hook_id == hook.hook_id).values(**self._values(hook))
        )

    def get(self, hook_id: str) -> Hook | None:
        row = self.conn.execute(select(t.hooks).where(t.hooks.c.hook_id == hook_id)).first()
        return _hook(row) if row else None

    def get_many(self, hook_ids: Collection[str]) -> dict[str, Hook]:
        found: dict[str, Hook] = {}
        for chunk in chunks(sorted(hook_ids)):
            for row in self.conn.execute(select(t.hooks).where(t.hooks.c.hook_id.in_(chunk))):
                found[row.hook_id] = _hook(row)
        return found

    def for_party(self, party_id: str) -> list[Hook]:
        rows = self.conn.execute(
            select(t.hooks).where(t.hooks.c.party_id == party_id).order_by(t.hooks.c.created_at)
        )
        return [_hook(row) for row in rows]

    def for_parties(self, party_ids: Collection[str]) -> dict[str, list[Hook]]:
        found: dict[str, list[Hook]] = {party_id: [] for party_id in party_ids}
        for chunk in chunks(sorted(found)):
            rows = self.conn.execute(_HOOKS_OF_PARTIES, {"parties": list(chunk)})
            for row in rows:
                found[row.party_id].append(_hook(row))
        return found

    def delete(self, hook_id: str) -> None:
        self.conn.execute(delete(t.hooks).where(t.hooks.c.hook_id == hook_id))

    @staticmethod
    def _values(hook: Hook) -> dict[str, Any]:
        return dict(
            hook_id=hook.hook_id,
            party_id=hook.party_id,
            name=hook.name,
            action=hook.action,
            topics=list(hook.topics),
            secret=hook.secret,
            is_active=hook.is_active,
            disabled_reason=hook.disabled_reason,
            failing_since=hook.failing_since,
            created_at=hook.created_at,
            changed_at=hook.changed_at,
            dialect=hook.dialect.value,
        )


class SqlDeliveries:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, delivery: Delivery) -> None:
        self.add_many([delivery])

    def add_many(self, deliveries: Sequence[Delivery]) -> None:
        if not deliveries:
            return
        d = t.deliveries
        hook_ids = sorted({delivery.hook_id for delivery in deliveries})
        if self.conn.dialect.name == "postgresql":
            # Two relays (one per process) may fan out to one hook at once: lock its row
            # so that they number its deliveries one after the other, never both "max+1".
            # SQLite's BEGIN IMMEDIATE already serialises them.
            self.conn.execute(
                select(t.hooks.c.hook_id)
                .where(t.hooks.c.hook_id.in_(hook_ids))
                .order_by(t.hooks.c.hook_id)
                .with_for_update(key_share=True)
            ).all()
        # The last number of each hook, found per status: max(seq) over one (hook_id,
        # status) prefix of ix_deliveries_hook_status_seq is one index lookup, where over
        # the hook_id prefix alone it reads the hook's whole history (265 ms at 1M rows).
        h = t.hooks
        latest = [
            select(func.max(d.c.seq))
            .where(d.c.hook_id == h.c.hook_id, d.c.status == status.value)
            .scalar_subquery()
            for status in DeliveryStatus
        ]
        last: dict[str, int] = {}
        for row in self.conn.execute(select(h.c.hook_id, *latest).where(h.c.hook_id.in_(hook_ids))):
            last[row[0]] = max((seq for seq in row[1:] if seq is not None), default=0)
        rows = []
        for delivery in deliveries:
            last[delivery.hook_id] = seq = last.get(delivery.hook_id, 0) + 1
            rows.append((seq, *self._row(delivery)))
        _insert_many(self.conn, d, ("seq", *_COLUMNS), rows, _DATETIMES)

    def lock_relay(self) -> bool:
        """PostgreSQL: a transaction-level advisory lock, tried (a relay running elsewhere
        means nothing to relay here now). Two relays side by side would number one hook's
        deliveries in the order their transactions reach its row, not in outbox order.
        SQLite: writers are serialised already."""
        if self.conn.dialect.name != "postgresql":
            return True
        locked = self.conn.execute(
            text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": RELAY_LOCK}
        ).scalar()
        return bool(locked)

    def queued(self, hook_ids: Collection[str]) -> set[str]:
        d, h = t.deliveries, t.hooks
        pending = (
            select(d.c.delivery_id)
            .where(d.c.hook_id == h.c.hook_id, d.c.status == DeliveryStatus.PENDING.value)
            .exists()
        )
        queued: set[str] = set()
        for chunk in chunks(sorted(hook_ids)):
            queued.update(
                self.conn.execute(select(h.c.hook_id).where(h.c.hook_id.in_(chunk), pending))
                .scalars()
                .all()
            )
        return queued

    def get(self, delivery_id: str) -> Delivery | None:
        row = self.conn.execute(
            select(t.deliveries).where(t.deliveries.c.delivery_id == delivery_id)
        ).first()
        return _delivery(row) if row else None

    def update(self, delivery: Delivery) -> None:
        self.update_many([delivery])

    def update_many(self, deliveries: Sequence[Delivery]) -> None:
        """Save what changes as a delivery is tried.

        Deliveries whose changes are alike (a batch that succeeded: status, attempts, code)
        are saved by one ``UPDATE ... WHERE delivery_id IN (...)``; the rest by one
        statement with a row of parameters each.
        """
        if not deliveries:
            return
        d = t.deliveries
        alike: dict[tuple[Any, ...], list[str]] = {}
        for delivery in deliveries:
            changes = tuple(self._changing(delivery).values())
            alike.setdefault(changes, []).append(delivery.delivery_id)
        singles: list[dict[str, Any]] = []
        for changes, ids in alike.items():
            values = dict(zip(_CHANGING, changes, strict=True))
            if len(ids) == 1:
                singles.append({"key": ids[0]} | {f"new_{k}": v for k, v in values.items()})
                continue
            values["leased_until"] = None  # (recorded: no longer held)
            for chunk in chunks(ids):
                self.conn.execute(update(d).where(d.c.delivery_id.in_(chunk)).values(values))
        if singles:
            self.conn.execute(
                update(d)
                .where(d.c.delivery_id == bindparam("key"))
                .values(
                    {name: bindparam(f"new_{name}") for name in _CHANGING} | {"leased_until": None}
                ),
                singles,
            )

    def claim_due(
        self, now: datetime, lease_until: datetime, limit: int, per_hook: int = 1
    ) -> list[Delivery]:
        """Per hook whose oldest pending delivery is due, a batch from it on, leased.

        One hook's events go out in order, and a hook that is down holds back no other.
        The lease (``next_attempt_at`` moved forward in this transaction) keeps other
        workers off the batch: a later delivery is never due while an earlier one of its
        hook waits. If this worker dies, the lease runs out and another worker retries.
        """
        return self.claim_heads(self.due_heads(now, limit, limit), now, lease_until, per_hook)

    def due_heads(self, now: datetime, limit: int, per_party: int) -> list[DueHead]:
        rows = self.conn.execute(_DUE_HEADS, {"now": now, "limit": limit, "per_party": per_party})
        return [DueHead(row.delivery_id, row.hook_id, row.seq, row.party_id) for row in rows]

    def claim_heads(
        self, heads: Sequence[DueHead], now: datetime, lease_until: datetime, per_hook: int
    ) -> list[Delivery]:
        """On PostgreSQL the head of each hook's queue is locked ``FOR UPDATE SKIP LOCKED``
        so that two workers never take the same hook at once; on SQLite the write
        transaction (BEGIN IMMEDIATE) serialises claims."""
        claimed: list[Delivery] = []
        postgres = self.conn.dialect.name == "postgresql"
        for head in heads:
            if postgres and not self._lock_head(head.delivery_id, now):
                continue  # another worker holds this hook
            if self.conn.execute(_LIVE_LEASE, {"hook_id": head.hook_id, "now": now}).first():
                continue  # a worker sends a later batch (the head was resent or recovered)
            batch = {"hook_id": head.hook_id, "seq": head.seq, "limit": per_hook}
            rows = self.conn.execute(_QUEUE_FROM, batch)
            for row in rows:
                if row.next_attempt_at is None or row.next_attempt_at > now:
                    break
                claimed.append(_delivery(row))
        self.lease([c.delivery_id for c in claimed], lease_until)
        return claimed

    def _lock_head(self, delivery_id: str, now: datetime) -> bool:
        d = t.deliveries
        return (
            self.conn.execute(
                select(d.c.delivery_id)
                .where(
                    d.c.delivery_id == delivery_id,
                    d.c.status == DeliveryStatus.PENDING.value,
                    d.c.next_attempt_at <= now,
                )
                .with_for_update(skip_locked=True)
            ).first()
            is not None
        )

    def lease(self, delivery_ids: Sequence[str], until: datetime) -> None:
        for chunk in chunks(delivery_ids):
            self.conn.execute(
                update(t.deliveries)
                .where(t.deliveries.c.delivery_id.in_(chunk))
                .values(next_attempt_at=until, leased_until=until)
            )

    def release(self, delivery_ids: Sequence[str], at: datetime) -> None:
        for chunk in chunks(delivery_ids):
            self.conn.execute(
                update(t.deliveries)
                .where(t.deliveries.c.delivery_id.in_(chunk))
                .values(next_attempt_at=at, leased_until=None)
            )

    def due_now(self, hook_id: str, now: datetime) -> int:
        d = t.deliveries
        return self.conn.execute(
            update(d)
            .where(
                d.c.hook_id == hook_id,
                d.c.status == DeliveryStatus.PENDING.value,
                d.c.next_attempt_at > now,
                (d.c.leased_until.is_(None)) | (d.c.leased_until <= now),
            )
            .values(next_attempt_at=now, leased_until=None)
        ).rowcount

    def renew(self, delivery_ids: Sequence[str], lease_until: datetime, until: datetime) -> bool:
        d = t.deliveries
        renewed = 0
        for chunk in chunks(delivery_ids):
            renewed += self.conn.execute(
                update(d)
                .where(
                    d.c.delivery_id.in_(chunk),
                    d.c.status == DeliveryStatus.PENDING.value,
                    d.c.next_attempt_at == lease_until,
                )
                .values(next_attempt_at=until, leased_until=until)
            ).rowcount
        return renewed == len(delivery_ids)

    def for_hook(
        self,
        hook_id: str,
        limit: int = 100,
        status: DeliveryStatus | None = None,
        since: datetime | None = None,
    ) -> list[Delivery]:
        """The hook's deliveries, newest first."""
        stmt = (
            select(t.deliveries)
            .where(t.deliveries.c.hook_id == hook_id)
            .order_by(t.deliveries.c.seq.desc())
            .limit(limit)
        )
        if status is not None:
            stmt = stmt.where(t.deliveries.c.status == status.value)
        if since is not None:
            stmt = stmt.where(t.deliveries.c.created_at >= since)
        return [_delivery(row) for row in self.conn.execute(stmt)]

    def add_attempt(self, attempt: Attempt) -> None:
        self.add_attempts([attempt])

    def add_attempts(self, attempts: Sequence[Attempt]) -> None:
        if not attempts:
            return
        _insert_many(
            self.conn,
            t.delivery_attempts,
            (
                "delivery_id",
                "attempted_at",
                "duration_ms",
                "status_code",
                "response_excerpt",
                "error",
            ),
            [
                (
                    attempt.delivery_id,
                    attempt.attempted_at,
                    attempt.duration_ms,
                    attempt.status_code,
                    attempt.response_excerpt,
                    attempt.error,
                )
                for attempt in attempts
            ],
            datetimes=(1,),
        )

    def attempts(self, delivery_id: str) -> list[Attempt]:
        rows = self.conn.execute(
            select(t.delivery_attempts)
            .where(t.delivery_attempts.c.delivery_id == delivery_id)
            .order_by(t.delivery_attempts.c.attempt_id)
        )
        return [
            Attempt(
                delivery_id=row.delivery_id,
                attempted_at=row.attempted_at,
                duration_ms=row.duration_ms,
                status_code=row.status_code,
                response_excerpt=row.response_excerpt,
                error=row.error,
            )
            for row in rows
        ]

    @staticmethod
    def _changing(delivery: Delivery) -> dict[str, Any]:
        return {
            "status": delivery.status.value,
            "attempts": delivery.attempts,
            "next_attempt_at": delivery.next_attempt_at,
            "last_status_code": delivery.last_status_code,
            "last_error": delivery.last_error,
        }

    @staticmethod
    def _row(delivery: Delivery) -> tuple[Any, ...]:
        """The values of ``_COLUMNS``."""
        return (
            delivery.delivery_id,
            delivery.hook_id,
            delivery.message_id,
            delivery.topic,
            delivery.party_id,
            delivery.document_id,
            delivery.payload,
            delivery.status.value,
            delivery.attempts,
            delivery.next_attempt_at,
            delivery.last_status_code,
            delivery.last_error,
            delivery.created_at,
        )
