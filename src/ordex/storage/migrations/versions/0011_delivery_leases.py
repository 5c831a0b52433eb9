"""delivery leases: a claimed delivery says till when it is leased

A delivery's ``next_attempt_at`` is both when a retry is due and till when a worker's claim
holds; ``leased_until`` (set while claimed, cleared when its attempt is recorded or it is
given back) tells them apart, so that ``recover`` and "retry now" can make a back-off due
at once without touching what a worker is sending.

Revision ID: 0011
Revises: 0009
Create Date: 2026-12-04 18:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("leased_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_deliveries_hook_leased", ["hook_id", "leased_until"])


def downgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_hook_leased")
        batch_op.drop_column("leased_until")
