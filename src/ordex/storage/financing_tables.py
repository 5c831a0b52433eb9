"""Tables of the financing dialect, on the one schema (``ordex.storage.tables.metadata``).

An application is one row: the columns the queries need, and the rest (items with their
marks, payments, credit notes) as one JSON value in which amounts are strings (exact
Decimals on every database). ``version`` guards concurrent writers.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, Index, Integer, String, Table, UniqueConstraint

from ordex.storage.tables import UtcDateTime, metadata

financing_applications = Table(
    "financing_applications",
    metadata,
    Column("application_id", String(36), primary_key=True),
    Column("partner", String(100), nullable=False),
    Column("order_number", String(200), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("financing_type", String(30), nullable=False),
    Column("state", String(20), nullable=False),
    Column("state_reason", String(40), nullable=False),
    Column("content", JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    UniqueConstraint("partner", "fingerprint", name="uq_financing_applications_fingerprint"),
    Index("ix_financing_applications_partner_state", "partner", "state", "created_at"),
    Index("ix_financing_applications_partner_created", "partner", "created_at"),
    Index("ix_financing_applications_order", "partner", "order_number"),
)
