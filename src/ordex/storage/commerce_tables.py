"""Tables of the commerce dialect (orders of web shops, their requests, refunds).

They join the one ``metadata`` of :mod:`ordex.storage.tables` (which imports this module
at its end), so migrations, ``ordex db copy`` and the tests see them. Money is stored as
decimal text and summed as ``Decimal`` in Python: exact on every database.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
)

from ordex.storage.tables import UtcDateTime, metadata

commerce_orders = Table(
    "commerce_orders",
    metadata,
    Column("order_id", String(36), primary_key=True),
    Column("party_id", String(100), nullable=False),
    Column("customer_number", String(100), nullable=False),
    Column("order_reference", String(40), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("order_date", Date, nullable=False),
    Column("prepaid", Boolean, nullable=False),
    Column("status", String(30), nullable=False),
    Column("content", JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    UniqueConstraint("party_id", "order_reference", name="uq_commerce_orders_party_reference"),
)

commerce_requests = Table(
    "commerce_requests",
    metadata,
    Column("internal_request_id", String(36), primary_key=True),
    Column("party_id", String(100), nullable=False),
    Column("customer_number", String(100), nullable=False),
    Column("order_reference", String(40), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("request_id", String(255), nullable=True),
    Column("status", String(12), nullable=False),
    Column("reason", String(40), nullable=True),
    Column("request_date", Date, nullable=True),
    Column("positions", Integer, nullable=False),
    Column("amount", String(30), nullable=False),
    Column("refunded", String(30), nullable=False),
    Column("errors", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_commerce_requests_report", "party_id", "kind", "request_date"),
)

commerce_refunds = Table(
    "commerce_refunds",
    metadata,
    Column("refund_id", String(36), primary_key=True),
    Column("order_id", String(36), ForeignKey("commerce_orders.order_id"), nullable=False),
    Column("internal_request_id", String(36), nullable=False),
    Column("amount", String(30), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("method", String(30), nullable=False),
    Column("bank", JSON, nullable=True),
    Column("status", String(12), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("completed_at", UtcDateTime(), nullable=True),
    Index("ix_commerce_refunds_order", "order_id"),
    Index("ix_commerce_refunds_pending", "status", "created_at"),
)
