"""financing applications (the buy-now-pay-later dialect)

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-24 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "financing_applications",
        sa.Column("application_id", sa.String(length=36), nullable=False),
        sa.Column("partner", sa.String(length=100), nullable=False),
        sa.Column("order_number", sa.String(length=200), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("financing_type", sa.String(length=30), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("state_reason", sa.String(length=40), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_financing_applications")),
        sa.UniqueConstraint("partner", "fingerprint", name="uq_financing_applications_fingerprint"),
    )
    with op.batch_alter_table("financing_applications", schema=None) as batch_op:
        batch_op.create_index(
            "ix_financing_applications_partner_state",
            ["partner", "state", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_financing_applications_partner_created", ["partner", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_financing_applications_order", ["partner", "order_number"], unique=False
        )


def downgrade() -> None:
    op.drop_table("financing_applications")
