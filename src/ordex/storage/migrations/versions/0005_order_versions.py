"""order versions: every order, change and agreement the order went through

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-23 13:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "order_versions",
        sa.Column("order_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("source", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_by", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.order_id"], name=op.f("fk_order_versions_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("order_id", "number", name=op.f("pk_order_versions")),
    )
    with op.batch_alter_table("order_versions", schema=None) as batch_op:
        batch_op.create_index("ix_order_versions_document", ["document_id"], unique=False)
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state_before_change", sa.String(length=40), nullable=True))
    # Orders received before versions existed: version 1 is what they say now.
    op.execute(
        "INSERT INTO order_versions (order_id, number, document_id, source, status, content, "
        "created_at) SELECT order_id, 1, order_id, 'order', "
        "CASE state WHEN 'accepted' THEN 'accepted' WHEN 'rejected' THEN 'rejected' "
        "WHEN 'accepted_with_changes' THEN 'accepted_with_changes' ELSE 'pending' END, "
        "content, created_at FROM orders"
    )


def downgrade() -> None:
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_column("state_before_change")
    op.drop_table("order_versions")
