"""Turn domain events into outbox messages and status history, inside the caller's UoW."""

from __future__ import annotations

from ordex.domain.documents import TOPICS
from ordex.domain.events import DocumentExchanged
from ordex.services.context import new_id
from ordex.services.ports import HistoryEntry, OutboxMessage, UnitOfWork


def publish_exchange(uow: UnitOfWork, event: DocumentExchanged, history_name: str) -> None:
    """The sender hears ``<family>Sent``, the receiver ``<family>Received`` (known topics only)."""
    for topic, party in ((event.sent_topic, event.sender), (event.received_topic, event.receiver)):
        if topic not in TOPICS:
            continue
        uow.outbox.add(
            OutboxMessage(
                message_id=new_id(),
                topic=topic,
                party_id=party,
                document_id=event.document_id,
                sender_party_id=event.sender,
                message=event.message,
                created_at=event.at,
                details={"orderId": event.order_id, **event.details},
            )
        )
    uow.history.add(
        HistoryEntry(
            order_id=event.order_id,
            document_id=event.document_id,
            name=history_name,
            description=event.message,
            created_at=event.at,
        )
    )
