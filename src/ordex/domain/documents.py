"""A document as the hub keeps it: who sent it to whom, its bytes, and their retention."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from ordex.domain.content import DocumentType, PartyId
from ordex.domain.errors import DocumentGone

TOPICS: Final = (
    "OrderReceived",
    "OrderChangeSent",
    "OrderChangeReceived",
    "OrderCancellationSent",
    "OrderCancellationReceived",
    "OrderResponseSent",
    "OrderResponseReceived",
    "OrderAgreementSent",
    "OrderAgreementReceived",
    "HookSentRetry",
    "HookSentError",
    # a document for a party on another Peppol access point: its receipt came, a try
    # failed (retried with back-off), it failed for good
    "OrderDeliveredToNetwork",
    "NetworkDeliveryRetry",
    "NetworkDeliveryFailed",
)


class PurgeReason(enum.StrEnum):
    RETENTION = "retention"
    DELETED = "deleted"


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How long a received document's content stays (PSB: 90 days, 7 after download)."""

    never_downloaded: timedelta = timedelta(days=90)
    after_download: timedelta = timedelta(days=7)

    def expires_at(self, received_at: datetime, first_downloaded_at: datetime | None) -> datetime:
        if first_downloaded_at is None:
            return received_at + self.never_downloaded
        return min(received_at + self.never_downloaded, first_downloaded_at + self.after_download)


@dataclass
class Document:
    """One exchanged document. ``content`` is ``None`` once purged."""

    document_id: str
    order_id: str
    document_type: DocumentType
    transaction: str
    number: str
    sender: PartyId
    receiver: PartyId
    created_at: datetime
    content: bytes | None
    response_code: str | None = None
    first_downloaded_at: datetime | None = None
    purged_at: datetime | None = None
    purge_reason: PurgeReason | None = None

    @property
    def family(self) -> str:
        return self.document_type.value

    def read(self, at: datetime) -> bytes:
        """The content for its receiver; remembers the first download."""
        if self.content is None:
            raise DocumentGone(self._gone_message())
        if self.first_downloaded_at is None:
            self.first_downloaded_at = at
        return self.content

    def purge(self, at: datetime, reason: PurgeReason) -> None:
        if self.content is None:
            raise DocumentGone(self._gone_message())
        self.content = None
        self.purged_at = at
        self.purge_reason = reason

    def is_expired(self, policy: RetentionPolicy, now: datetime) -> bool:
        return (
            self.content is not None
            and policy.expires_at(self.created_at, self.first_downloaded_at) <= now
        )

    def _gone_message(self) -> str:
        when = self.purged_at.isoformat() if self.purged_at else "earlier"
        if self.purge_reason is PurgeReason.DELETED:
            return f"Document {self.document_id} was deleted by its receiver on {when}."
        return (
            f"Document {self.document_id} is no longer available: its content was purged "
            f"on {when} by the retention policy (90 days after receipt, 7 days after the "
            "first download)."
        )
