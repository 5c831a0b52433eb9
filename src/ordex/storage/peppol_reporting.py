"""What crossed the Peppol network in a period, for ``ordex peppol report`` (one read).

Until the AS4 side records each transmission (the other access point's seat ID, the
SBDH's countries and process), this reads the documents table: a document one of whose
parties is hosted on this hub and the other not can only have crossed the network. This
module is the one place to point at the AS4 transmission table when it exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, and_, select

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
    return [
        CrossingDocument(
            transaction=row.transaction_id,
            sender=row.sender,
            receiver=row.receiver,
            incoming=bool(row.receiver_hosted),
            content=row.content,
        )
        for row in rows
        if bool(row.sender_hosted) != bool(row.receiver_hosted)
    ]
