"""Sessions of the web inbox and the accounts' password hashes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, bindparam, delete, select

from ordex.domain.sessions import WebSession
from ordex.storage.web_tables import account_passwords, web_sessions

_s, _pw = web_sessions, account_passwords
_SESSION = select(_s).where(_s.c.session_hash == bindparam("session_hash"))


class SqlWebSessions:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, session: WebSession) -> None:
        self.conn.execute(
            _s.insert().values(
                session_hash=session.session_hash,
                account_id=session.account_id,
                key_hash=session.key_hash,
                csrf_token=session.csrf_token,
                created_at=session.created_at,
                expires_at=session.expires_at,
            )
        )

    def get(self, session_hash: str) -> WebSession | None:
        row = self.conn.execute(_SESSION, {"session_hash": session_hash}).first()
        if row is None:
            return None
        return WebSession(
            session_hash=row.session_hash,
            account_id=row.account_id,
            csrf_token=row.csrf_token,
            created_at=row.created_at,
            expires_at=row.expires_at,
            key_hash=row.key_hash,
        )

    def remove(self, session_hash: str) -> None:
        self.conn.execute(delete(_s).where(_s.c.session_hash == session_hash))

    def prune(self, now: datetime) -> int:
        result = self.conn.execute(delete(_s).where(_s.c.expires_at <= now))
        return int(result.rowcount or 0)

    def password_of(self, account_id: str) -> str | None:
        return self.conn.execute(
            select(_pw.c.password_hash).where(_pw.c.account_id == account_id)
        ).scalar()

    def set_password(self, account_id: str, password_hash: str, at: datetime) -> None:
        self.conn.execute(delete(_pw).where(_pw.c.account_id == account_id))
        self.conn.execute(
            _pw.insert().values(account_id=account_id, password_hash=password_hash, updated_at=at)
        )

    def sessions_by_password(self, account_id: str) -> list[str]:
        """The account's sessions opened with its password (a new password ends them)."""
        return list(
            self.conn.execute(
                select(_s.c.session_hash).where(
                    _s.c.account_id == account_id, _s.c.key_hash.is_(None)
                )
            ).scalars()
        )
