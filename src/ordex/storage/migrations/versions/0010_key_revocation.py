"""key revocation: revoked keys, tokens tied to the key that bought them, disabled accounts

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 18:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parent_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_api_keys_account", ["account_id"], unique=False)
        batch_op.create_index("ix_api_keys_parent", ["parent_hash"], unique=False)
        batch_op.create_index("ix_api_keys_expires", ["expires_at"], unique=False)
    # Tokens bought before this revision name no key: they would be refused at once, so
    # they go now (each lived an hour at most).
    op.execute("DELETE FROM api_keys WHERE kind = 'token'")


def downgrade() -> None:
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.drop_index("ix_api_keys_expires")
        batch_op.drop_index("ix_api_keys_parent")
        batch_op.drop_index("ix_api_keys_account")
        batch_op.drop_column("revoked_at")
        batch_op.drop_column("parent_hash")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_column("disabled_at")
