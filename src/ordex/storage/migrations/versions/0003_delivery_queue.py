"""delivery queue: an index to find each hook's oldest pending delivery

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 12:20:00
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_deliveries_queue_heads", ["status", "hook_id", "seq"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_queue_heads")
