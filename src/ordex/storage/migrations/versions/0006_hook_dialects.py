"""hook dialects: commerce callbacks and financing notification URLs share delivery

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 13:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hooks", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("dialect", sa.String(length=20), nullable=False, server_default="psb")
        )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("body", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("hook_id", sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_column("hook_id")
        batch_op.drop_column("body")
    with op.batch_alter_table("hooks", schema=None) as batch_op:
        batch_op.drop_column("dialect")
