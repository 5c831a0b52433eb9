"""The access point's rows: AS4 messages received and transmissions to other APs."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ordex.domain.errors import ConcurrentUpdate
from ordex.services.ports import ReceivedMessage, Transmission
from ordex.storage.network_tables import network_received as _r
from ordex.storage.network_tables import network_transmissions as _t

_INSERT_RECEIVED = {
    "sqlite": sqlite.insert(_r).on_conflict_do_nothing().returning(_r.c.message_id),
    "postgresql": postgresql.insert(_r).on_conflict_do_nothing().returning(_r.c.message_id),
}
_MUTABLE = (
    "status",
    "attempts",
    "next_attempt_at",
    "endpoint_url",
    "message_id",
    "message_headers",
    "message_body",
    "exchange",
    "receipt",
    "last_error",
    "delivered_at",
    "receiver_ap",
)


class SqlNetwork:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def received(self, message_id: str) -> ReceivedMessage | None:
        row = self.conn.execute(select(_r).where(_r.c.message_id == message_id)).first()
        if row is None:
            return None
        return ReceivedMessage(
            row.message_id, row.sender_ap, row.document_id, row.receipt, row.received_at
        )

    def add_received(self, message: ReceivedMessage) -> None:
        values = dict(
            message_id=message.message_id,
            sender_ap=message.sender_ap,
            document_id=message.document_id,
            receipt=message.receipt,
            received_at=message.received_at,
        )
        if self.conn.execute(_INSERT_RECEIVED[self.conn.dialect.name], values).first() is None:
            raise ConcurrentUpdate(f"AS4 message {message.message_id} was stored meanwhile.")

    def add_transmission(self, transmission: Transmission) -> None:
        self.conn.execute(_t.insert().values(**_values(transmission)))

    def transmission(self, document_id: str) -> Transmission | None:
        row = self.conn.execute(select(_t).where(_t.c.document_id == document_id)).first()
        return _transmission(row) if row else None

    def claim_due(self, now: datetime, lease_until: datetime, limit: int) -> list[Transmission]:
        query = (
            select(_t)
            .where(_t.c.status == "pending", _t.c.next_attempt_at <= now)
            .order_by(_t.c.next_attempt_at, _t.c.created_at)
            .limit(limit)
        )
        if self.conn.dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        claimed = [_transmission(row) for row in self.conn.execute(query)]
        if claimed:
            self.conn.execute(
                update(_t)
                .where(_t.c.document_id.in_([t.document_id for t in claimed]))
                .values(next_attempt_at=lease_until)
            )
        for transmission in claimed:
            transmission.next_attempt_at = lease_until
        return claimed

    def update_transmission(self, transmission: Transmission) -> None:
        values = _values(transmission)
        self.conn.execute(
            update(_t)
            .where(_t.c.document_id == transmission.document_id)
            .values(**{name: values[name] for name in _MUTABLE})
        )


def _values(t: Transmission) -> dict[str, Any]:
    return dict(
        document_id=t.document_id,
        sender=t.sender,
        receiver=t.receiver,
        document_type_id=t.document_type_id,
        process_id=t.process_id,
        country=t.country,
        status=t.status,
        attempts=t.attempts,
        next_attempt_at=t.next_attempt_at,
        endpoint_url=t.endpoint_url,
        message_id=t.message_id,
        message_headers=json.dumps(t.message_headers) if t.message_headers else None,
        message_body=t.message_body,
        exchange=t.exchange,
        receipt=t.receipt,
        last_error=t.last_error,
        created_at=t.created_at,
        delivered_at=t.delivered_at,
        receiver_ap=t.receiver_ap,
    )


def _transmission(row: Row[Any]) -> Transmission:
    return Transmission(
        document_id=row.document_id,
        sender=row.sender,
        receiver=row.receiver,
        document_type_id=row.document_type_id,
        process_id=row.process_id,
        country=row.country,
        created_at=row.created_at,
        status=row.status,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        endpoint_url=row.endpoint_url,
        message_id=row.message_id,
        message_headers=json.loads(row.message_headers) if row.message_headers else None,
        message_body=row.message_body,
        exchange=row.exchange,
        receipt=row.receipt,
        last_error=row.last_error,
        delivered_at=row.delivered_at,
        receiver_ap=row.receiver_ap,
    )
