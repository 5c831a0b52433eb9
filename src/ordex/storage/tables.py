"""The database schema (portable SQL: SQLite and PostgreSQL). Alembic migrations follow it."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every database (SQLite forgets the zone otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


accounts = Table(
    "accounts",
    metadata,
    Column("account_id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("disabled_at", UtcDateTime(), nullable=True),
)

parties = Table(
    "parties",
    metadata,
    Column("party_id", String(100), primary_key=True),
    Column("account_id", String(36), ForeignKey("accounts.account_id"), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_parties_account", "account_id"),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("key_hash", String(64), primary_key=True),
    Column("account_id", String(36), ForeignKey("accounts.account_id"), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("expires_at", UtcDateTime(), nullable=True),
    Column("parent_hash", String(64), nullable=True),  # a token's: the key that bought it
    Column("revoked_at", UtcDateTime(), nullable=True),
    Index("ix_api_keys_account", "account_id"),
    Index("ix_api_keys_parent", "parent_hash"),
    Index("ix_api_keys_expires", "expires_at"),
)

orders = Table(
    "orders",
    metadata,
    Column("order_id", String(36), primary_key=True),
    Column("buyer", String(100), nullable=False),
    Column("seller", String(100), nullable=False),
    Column("number", String(200), nullable=False),
    Column("profile_id", String(200), nullable=False),
    Column("state", String(40), nullable=False),
    Column("state_before_cancellation", String(40), nullable=True),
    Column("state_before_change", String(40), nullable=True),
    Column("content", JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("updated_at", UtcDateTime(), nullable=False),
    Index("ix_orders_seller_state", "seller", "state"),
)

order_versions = Table(
    "order_versions",
    metadata,
    Column("order_id", String(36), ForeignKey("orders.order_id"), primary_key=True),
    Column("number", Integer, primary_key=True),
    Column("document_id", String(36), nullable=False),
    Column("source", String(20), nullable=False),
    Column("status", String(30), nullable=False),
    Column("content", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("answered_by", String(36), nullable=True),
    Index("ix_order_versions_document", "document_id"),
)

documents = Table(
    "documents",
    metadata,
    Column("document_id", String(36), primary_key=True),
    Column("order_id", String(36), ForeignKey("orders.order_id"), nullable=False),
    Column("document_type", String(40), nullable=False),
    Column("transaction_id", String(10), nullable=False),
    Column("number", String(200), nullable=False),
    Column("sender", String(100), nullable=False),
    Column("receiver", String(100), nullable=False),
    Column("content", LargeBinary, nullable=True),
    Column("response_code", String(4), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("first_downloaded_at", UtcDateTime(), nullable=True),
    Column("purged_at", UtcDateTime(), nullable=True),
    Column("purge_reason", String(20), nullable=True),
    UniqueConstraint("sender", "document_type", "number", name="uq_documents_sender_type_number"),
    Index("ix_documents_receiver_created", "receiver", "created_at", "document_id"),
    Index("ix_documents_sender_created", "sender", "created_at", "document_id"),
    Index("ix_documents_order", "order_id"),
    Index("ix_documents_retention", "purged_at", "created_at"),
)

order_history = Table(
    "order_history",
    metadata,
    Column("entry_id", Integer, primary_key=True, autoincrement=True),
    Column("order_id", String(36), ForeignKey("orders.order_id"), nullable=False),
    Column("document_id", String(36), nullable=False),
    Column("name", String(60), nullable=False),
    Column("description", Text, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Index("ix_order_history_order", "order_id", "entry_id"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("message_id", String(36), primary_key=True),
    Column("topic", String(60), nullable=False),
    Column("party_id", String(100), nullable=False),
    Column("document_id", String(36), nullable=False),
    Column("sender_party_id", String(100), nullable=False),
    Column("message", Text, nullable=False),
    Column("details", JSON, nullable=False),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("dispatched_at", UtcDateTime(), nullable=True),
    Column("body", JSON, nullable=True),
    Column("hook_id", String(36), nullable=True),
    # Written order within one timestamp (ties are common inside one transaction).
    Column("seq", BigInteger, nullable=True),
    Index("ix_outbox_pending", "dispatched_at", "created_at"),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("account_id", String(36), primary_key=True),
    Column("key", String(255), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("status_code", Integer, nullable=True),
    Column("body", LargeBinary, nullable=True),
    Column("media_type", String(100), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    # The request holding a claim that has no answer yet, and until when (it renews it).
    Column("owner", String(36), nullable=True),
    Column("lease_until", UtcDateTime(), nullable=True),
)

hooks = Table(
    "hooks",
    metadata,
    Column("hook_id", String(36), primary_key=True),
    Column("party_id", String(100), nullable=False),
    Column("name", String(200), nullable=True),
    Column("action", Text, nullable=False),
    Column("topics", JSON, nullable=False),
    Column("secret", String(200), nullable=True),
    Column("is_active", Boolean, nullable=False),
    Column("disabled_reason", Text, nullable=True),
    Column("failing_since", UtcDateTime(), nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    Column("changed_at", UtcDateTime(), nullable=False),
    Column("dialect", String(20), nullable=False, server_default="psb"),
    Index("ix_hooks_party", "party_id"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("delivery_id", String(36), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("hook_id", String(36), ForeignKey("hooks.hook_id", ondelete="CASCADE"), nullable=False),
    Column("message_id", String(36), nullable=False),
    Column("topic", String(60), nullable=False),
    Column("party_id", String(100), nullable=False),
    Column("document_id", String(36), nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("status", String(12), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UtcDateTime(), nullable=True),
    # while a worker holds its claim (next_attempt_at is then the same): see claim_heads
    Column("leased_until", UtcDateTime(), nullable=True),
    Column("last_status_code", Integer, nullable=True),
    Column("last_error", Text, nullable=True),
    Column("created_at", UtcDateTime(), nullable=False),
    UniqueConstraint("hook_id", "message_id", name="uq_deliveries_hook_message"),
    Index("ix_deliveries_due", "status", "next_attempt_at"),
    Index("ix_deliveries_hook_status_seq", "hook_id", "status", "seq"),
    Index("ix_deliveries_queue_heads", "status", "hook_id", "seq"),
    Index("ix_deliveries_hook_leased", "hook_id", "leased_until"),
)

delivery_attempts = Table(
    "delivery_attempts",
    metadata,
    Column("attempt_id", Integer, primary_key=True, autoincrement=True),
    Column(
        "delivery_id",
        String(36),
        ForeignKey("deliveries.delivery_id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("attempted_at", UtcDateTime(), nullable=False),
    Column("duration_ms", Integer, nullable=False),
    Column("status_code", Integer, nullable=True),
    Column("response_excerpt", Text, nullable=True),
    Column("error", Text, nullable=True),
    Index("ix_delivery_attempts_delivery", "delivery_id", "attempt_id"),
)


# The dialects' tables join the same metadata (imported last: they use what is above).
from ordex.storage import commerce_tables as commerce_tables  # noqa: E402
from ordex.storage import financing_tables as financing_tables  # noqa: E402
from ordex.storage import network_tables as network_tables  # noqa: E402
from ordex.storage import web_tables as web_tables  # noqa: E402
