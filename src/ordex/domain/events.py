"""Domain events: what happened, in the past tense.

Use cases turn them into outbox messages in the same transaction as the change itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Event:
    """Base of every domain event."""


@dataclass(frozen=True, slots=True)
class OrderStateChanged(Event):
    order_id: str
    document_id: str
    action: str
    before: str
    after: str
    at: datetime


@dataclass(frozen=True, slots=True)
class DocumentExchanged(Event):
    """A document went from one party to another inside the hub.

    ``family`` is the PSB document family (``Order``, ``OrderChange``,
    ``OrderCancellation``, ``OrderResponse``): the sender hears ``<family>Sent``, the
    receiver ``<family>Received``.
    """

    family: str
    document_id: str
    order_id: str
    sender: str
    receiver: str
    message: str
    at: datetime
    details: dict[str, str] = field(default_factory=dict)

    @property
    def sent_topic(self) -> str:
        return f"{self.family}Sent"

    @property
    def received_topic(self) -> str:
        return f"{self.family}Received"
