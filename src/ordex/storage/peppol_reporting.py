"""What crossed the Peppol network in a period, for ``ordex peppol report`` (one read).

A document one of whose parties is hosted on this hub and the other not can only have
crossed the network. Incoming: the document stored in the period, with the sending access
point from ``network_received``. Outgoing: the transmissions of ``network_transmissions``
delivered in the period (their receipt verified), with the receiving access point's seat
ID recorded when the message was built; one not delivered (pending, or failed for good)
did not cross and is not counted. A crossing document with no such record (stored before
this hub was an access point) keeps ``other_access_point=None``, and the TSR is refused
rather than written wrong. This module is the one place that reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, and_, select

from ordex.storage import tables as t
from ordex.storage.network_tables import network_received as received
from ordex.storage.network_tables import network_transmissions as transmissions

DELIVERED = "delivered"  # services.network's status of a transmission whose receipt verified


@dataclass(frozen=True)
class CrossingDocument:
    transaction: str  # T01, T114, ...
    sender: str
    receiver: str
    incoming: bool  # the receiver is hosted here (the sender is not)
    content: bytes | None  # None once purged
    other_access_point: str | None = None  # its seat ID, when the network tables know it


def crossing_documents(engine: Engine, start: datetime, end: datetime) -> list[CrossingDocument]:
    """Documents received in ``[start, end)`` from, or delivered in it to, a party not
    hosted here."""
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
            transmissions.c.document_id.is_not(None).label("transmitted"),
        )
        .select_from(
            t.documents.outerjoin(sender, sender.c.party_id == documents.sender)
            .outerjoin(receiver, receiver.c.party_id == documents.receiver)
            .outerjoin(transmissions, transmissions.c.document_id == documents.document_id)
        )
        .where(and_(documents.created_at >= start, documents.created_at < end))
        .order_by(documents.created_at, documents.document_id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        senders = _sending_access_points(conn, start, end)
        delivered = _delivered(conn, start, end)
    crossing = [
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
        and (row.receiver_hosted or not row.transmitted)  # transmitted: counted when delivered
    ]
    return crossing + delivered


def _sending_access_points(conn: Connection, start: datetime, end: datetime) -> dict[str, str]:
    """The sending AP's seat ID of each document received over AS4."""
    found = conn.execute(
        select(received.c.document_id, received.c.sender_ap)
        .select_from(
            received.join(t.documents, t.documents.c.document_id == received.c.document_id)
        )
        .where(and_(t.documents.c.created_at >= start, t.documents.c.created_at < end))
    )
    return {document_id: sender_ap for document_id, sender_ap in found if document_id}


def _delivered(conn: Connection, start: datetime, end: datetime) -> list[CrossingDocument]:
    """The outgoing documents whose AS4 receipt came in ``[start, end)``."""
    rows = conn.execute(
        select(
            t.documents.c.transaction_id,
            transmissions.c.sender,
            transmissions.c.receiver,
            t.documents.c.content,
            transmissions.c.receiver_ap,
        )
        .select_from(
            transmissions.join(
                t.documents, t.documents.c.document_id == transmissions.c.document_id
            )
        )
        .where(
            transmissions.c.status == DELIVERED,
            transmissions.c.delivered_at >= start,
            transmissions.c.delivered_at < end,
        )
        .order_by(transmissions.c.delivered_at, transmissions.c.document_id)
    )
    return [
        CrossingDocument(
            transaction=row.transaction_id,
            sender=row.sender,
            receiver=row.receiver,
            incoming=False,
            content=row.content,
            other_access_point=row.receiver_ap,
        )
        for row in rows
    ]
