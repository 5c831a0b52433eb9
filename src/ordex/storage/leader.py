"""Which process runs the hub-wide periodic jobs (the retention purge), however many run.

On PostgreSQL the leader is the process holding a session-level advisory lock on a
connection of its own. The lock lives as long as that connection: when the leader stops,
crashes or loses the database, the lock is free and the next process that asks takes
over. A SQLite hub is served by one process (``ordex serve`` refuses ``--workers`` above 1
there), which is therefore always the leader.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

log = logging.getLogger("ordex.leader")

# pg_try_advisory_lock's key: "ordex" as a number, unlikely to clash with another app's.
PURGE_LOCK = 0x6F72646578


class Leadership:
    def __init__(self, engine: Engine, key: int = PURGE_LOCK) -> None:
        self.engine = engine
        self.key = key
        self.conn: Connection | None = None

    def held(self) -> bool:
        """Whether this process leads now (takes the lead if nobody holds it)."""
        if self.engine.dialect.name != "postgresql":
            return True
        if self.conn is not None:
            try:
                self.conn.execute(text("SELECT 1"))
                self.conn.commit()
                return True
            except DBAPIError:  # the connection, and with it the lock, is gone
                log.warning("lost the database connection that held the purge lock")
                self._drop()
        conn = self.engine.connect()
        try:
            got = bool(
                conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": self.key}).scalar()
            )
            conn.commit()  # ends the transaction; a session lock outlives it
        except DBAPIError:
            conn.invalidate()
            conn.close()
            raise
        if not got:
            conn.close()
            return False
        self.conn = conn
        return True

    def release(self) -> None:
        """Give the lead up (at shutdown): the connection is closed, not pooled with it."""
        self._drop()

    def _drop(self) -> None:
        if self.conn is not None:
            self.conn.invalidate()  # closes the session, which frees the advisory lock
            self.conn.close()
            self.conn = None
