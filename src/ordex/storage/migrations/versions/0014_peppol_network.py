"""peppol network: AS4 messages received (MessageId, receipt) and transmissions to other APs

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-04 20:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "network_received",
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("sender_ap", sa.String(length=100), nullable=False),
        sa.Column("document_id", sa.String(length=36), nullable=True),
        sa.Column("receipt", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.document_id"],
            name=op.f("fk_network_received_document_id_documents"),
        ),
        sa.PrimaryKeyConstraint("message_id", name=op.f("pk_network_received")),
    )
    op.create_table(
        "network_transmissions",
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("sender", sa.String(length=100), nullable=False),
        sa.Column("receiver", sa.String(length=100), nullable=False),
        sa.Column("document_type_id", sa.String(length=500), nullable=False),
        sa.Column("process_id", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("endpoint_url", sa.Text(), nullable=True),
        sa.Column("message_id", sa.String(length=255), nullable=True),
        sa.Column("message_headers", sa.Text(), nullable=True),
        sa.Column("message_body", sa.LargeBinary(), nullable=True),
        sa.Column("exchange", sa.Text(), nullable=True),
        sa.Column("receipt", sa.LargeBinary(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("receiver_ap", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.document_id"],
            name=op.f("fk_network_transmissions_document_id_documents"),
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_network_transmissions")),
    )
    op.create_index(
        "ix_network_transmissions_due",
        "network_transmissions",
        ["status", "next_attempt_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_network_transmissions_due", table_name="network_transmissions")
    op.drop_table("network_transmissions")
    op.drop_table("network_received")
