"""What crossed the Peppol network in a period, for ``ordex peppol report`` (one read).

A document one of whose parties is hosted on this hub and the other not can only have
crossed the network. The sending access point of an incoming one is read from the AS4
side's ``network_received`` table (migration 0014) when the schema has it; the receiving
access point of an outgoing one is not recorded yet (``network_transmissions`` has no
column for it), so such a month's TSR is refused until it is. This module is the one
place that reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, and_, column, inspect, select, table

from ordex.storage import tables as t


@dataclass(frozen=True)
class CrossingDocument:
    transaction: str  # T01, T114, ...
    sender: str
    receiver: str
    incoming: bool  # the receiver is hosted here (the sender is not)
    content: bytes | None  # None once purged
    other_access_point: str | None = None  # not recorded by the documents table


def crossing_documents(engine: Engine, start: datetime, end: datetime) -> list[CrossingDocument]:
    """Documents created in ``[start, end)`` between a hosted and a not hosted party."""
    documents = t.documents.c
    sender = t.parties.alias("sender_party")
    receiver = t.parties.alias("receiver_party")
    query = (
        select(
            documents.document_id,
            documents.transaction_id,
            documents.sender,
            documents.receiver,
            documents.content,
            sender.c.party_id.is_not(None).label("sender_hosted"),
            receiver.c.party_id.is_not(None).label("receiver_hosted"),
        )
        .select_from(
            t.documents.outerjoin(sender, sender.c.party_id == documents.sender).outerjoin(
                receiver, receiver.c.party_id == documents.receiver
            )
        )
        .where(and_(documents.created_at >= start, documents.created_at < end))
        .order_by(documents.created_at, documents.document_id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        senders = _sending_access_points(conn, start, end)
    return [
        CrossingDocument(
            transaction=row.transaction_id,
            sender=row.sender,
            receiver=row.receiver,
            incoming=bool(row.receiver_hosted),
            content=row.content,
            other_access_point=senders.get(row.document_id) if row.receiver_hosted else None,
        )
        for row in rows
        if bool(row.sender_hosted) != bool(row.receiver_hosted)
    ]


RECEIVED = table("network_received", column("document_id"), column("sender_ap"))
"""The AS4 side's record of each message received (only the columns read here)."""


def _sending_access_points(conn: Connection, start: datetime, end: datetime) -> dict[str, str]:
    """The sending AP's seat ID of each document received over AS4 (none before 0014)."""
    if not inspect(conn).has_table("network_received"):
        return {}
    found = conn.execute(
        select(RECEIVED.c.document_id, RECEIVED.c.sender_ap)
        .select_from(
            RECEIVED.join(t.documents, t.documents.c.document_id == RECEIVED.c.document_id)
        )
        .where(and_(t.documents.c.created_at >= start, t.documents.c.created_at < end))
    )
    return {document_id: sender_ap for document_id, sender_ap in found if document_id}
