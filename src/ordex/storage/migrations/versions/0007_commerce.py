"""commerce dialect: orders of web shops, the outcome of each request, refunds

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 14:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "commerce_orders",
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("party_id", sa.String(length=100), nullable=False),
        sa.Column("customer_number", sa.String(length=100), nullable=False),
        sa.Column("order_reference", sa.String(length=40), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("order_date", sa.Date(), nullable=False),
        sa.Column("prepaid", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("order_id", name=op.f("pk_commerce_orders")),
        sa.UniqueConstraint(
            "party_id", "order_reference", name="uq_commerce_orders_party_reference"
        ),
    )
    op.create_table(
        "commerce_requests",
        sa.Column("internal_request_id", sa.String(length=36), nullable=False),
        sa.Column("party_id", sa.String(length=100), nullable=False),
        sa.Column("customer_number", sa.String(length=100), nullable=False),
        sa.Column("order_reference", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("request_id", sa.String(length=255), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=True),
        sa.Column("request_date", sa.Date(), nullable=True),
        sa.Column("positions", sa.Integer(), nullable=False),
        sa.Column("amount", sa.String(length=30), nullable=False),
        sa.Column("refunded", sa.String(length=30), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("internal_request_id", name=op.f("pk_commerce_requests")),
    )
    with op.batch_alter_table("commerce_requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_commerce_requests_report", ["party_id", "kind", "request_date"], unique=False
        )
    op.create_table(
        "commerce_refunds",
        sa.Column("refund_id", sa.String(length=36), nullable=False),
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("internal_request_id", sa.String(length=36), nullable=False),
        sa.Column("amount", sa.String(length=30), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("method", sa.String(length=30), nullable=False),
        sa.Column("bank", sa.JSON(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["commerce_orders.order_id"],
            name=op.f("fk_commerce_refunds_order_id_commerce_orders"),
        ),
        sa.PrimaryKeyConstraint("refund_id", name=op.f("pk_commerce_refunds")),
    )
    with op.batch_alter_table("commerce_refunds", schema=None) as batch_op:
        batch_op.create_index("ix_commerce_refunds_order", ["order_id"], unique=False)
        batch_op.create_index("ix_commerce_refunds_pending", ["status", "created_at"], unique=False)


def downgrade() -> None:
    op.drop_table("commerce_refunds")
    op.drop_table("commerce_requests")
    op.drop_table("commerce_orders")
