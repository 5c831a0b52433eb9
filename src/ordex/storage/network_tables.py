"""Tables of the Peppol access point, on the one schema (``ordex.storage.tables.metadata``).

``network_received``: every AS4 message accepted from another access point, by its
MessageId, with the signed receipt that answered it (a second copy is answered with the
same receipt and stored nowhere). ``network_transmissions``: the outbox of documents for
parties on other access points, one row per document, with the AS4 message once built
(re-sent byte for byte on retry, so the receiver recognises its MessageId), the sending
exchange for verifying the receipt, the receiving AP's seat ID (its certificate's subject
CN, for the Peppol Reporting TSR) and the receipt once it came.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
)

from ordex.storage.tables import UtcDateTime, metadata

network_received = Table(
    "network_received",
    metadata,
    Column("message_id", String(255), primary_key=True),
    Column("sender_ap", String(100), nullable=False),
    Column("document_id", String(36), ForeignKey("documents.document_id"), nullable=True),
    Column("receipt", LargeBinary, nullable=False),
    Column("received_at", UtcDateTime(), nullable=False),
)

network_transmissions = Table(
    "network_transmissions",
    metadata,
    Column("document_id", String(36), ForeignKey("documents.document_id"), primary_key=True),
    Column("sender", String(100), nullable=False),
    Column("receiver", String(100), nullable=False),
    Column("document_type_id", String(500), nullable=False),
    Column("process_id", String(200), nullable=False),
    Column("country", String(2), nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UtcDateTime(), nullable=True),
    Column("endpoint_url", Text, nullable=True),
    Column("message_id", String(255), nullable=True),
    Column("message_headers", Text, nullable=True),
    Column("message_body", LargeBinary, nullable=True),
    Column("exchange", Text, nullable=True),
    Column("receipt", LargeBinary, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("delivered_at", UtcDateTime(), nullable=True),
    Column("receiver_ap", String(100), nullable=True),
    Index("ix_network_transmissions_due", "status", "next_attempt_at"),
)
