"""web inbox: server-side sessions, account passwords (argon2), orders by seller and state

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 20:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("session_hash", sa.String(length=64), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=True),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.account_id"],
            name=op.f("fk_web_sessions_account_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("session_hash", name=op.f("pk_web_sessions")),
    )
    op.create_index("ix_web_sessions_expires", "web_sessions", ["expires_at"], unique=False)
    op.create_index("ix_web_sessions_account", "web_sessions", ["account_id"], unique=False)
    op.create_index("ix_orders_seller_state", "orders", ["seller", "state"], unique=False)
    op.create_table(
        "account_passwords",
        sa.Column("account_id", sa.String(length=36), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.account_id"],
            name=op.f("fk_account_passwords_account_id_accounts"),
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_account_passwords")),
    )


def downgrade() -> None:
    op.drop_table("account_passwords")
    op.drop_index("ix_orders_seller_state", table_name="orders")
    op.drop_index("ix_web_sessions_account", table_name="web_sessions")
    op.drop_index("ix_web_sessions_expires", table_name="web_sessions")
    op.drop_table("web_sessions")
