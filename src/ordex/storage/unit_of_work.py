"""The SQL unit of work: one connection, one transaction, committed once by the use case."""

from __future__ import annotations

import threading
import weakref
from typing import Self

from sqlalchemy import Connection, Engine, create_engine, event

from ordex.services.ports import (
    AccountRepository,
    ApplicationRepository,
    CommerceRepository,
    DeliveryRepository,
    DocumentRepository,
    HistoryRepository,
    HookRepository,
    NetworkRepository,
    OrderRepository,
    Outbox,
    VersionRepository,
    WebSessionRepository,
)
from ordex.storage.account_repositories import SqlAccounts
from ordex.storage.commerce_repositories import SqlCommerce
from ordex.storage.financing_repositories import SqlApplications
from ordex.storage.hook_repositories import SqlDeliveries, SqlHooks
from ordex.storage.network_repositories import SqlNetwork
from ordex.storage.repositories import (
    SqlDocuments,
    SqlHistory,
    SqlOrders,
    SqlOutbox,
)
from ordex.storage.snapshots import dumps
from ordex.storage.version_repositories import SqlVersions
from ordex.storage.web_repositories import SqlWebSessions


def postgres_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` URLs use psycopg 3 (SQLAlchemy's default
    PostgreSQL driver is psycopg2, which ordex does not install)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str) -> Engine:
    """An engine for ``url``.

    SQLite gets foreign keys, WAL, a busy timeout and ``BEGIN IMMEDIATE``: one writer at a
    time, so every transaction sees what the one before it committed.

    PostgreSQL runs at READ COMMITTED, its default, stated here so that no server setting
    changes it. What keeps concurrent writers correct there is not the isolation level:
    an order is updated only if it still carries the version that was read (optimistic,
    ``ConcurrentUpdate`` otherwise); unique constraints refuse a second document or party
    (translated to the same domain errors as on SQLite); queue rows are claimed with
    ``FOR UPDATE SKIP LOCKED``; and a repository writes back only the columns a use case
    changed. READ COMMITTED (rather than REPEATABLE READ) lets a statement that waited for
    a row lock see the row as committed, so a losing writer gets a domain error instead of
    a serialization failure.
    """
    url = postgres_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"timeout": 30, "check_same_thread": False},
            json_serializer=dumps,
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            # Let SQLAlchemy, not the sqlite3 module, say when transactions begin, so that
            # SAVEPOINTs work; BEGIN IMMEDIATE takes the write lock up front (no upgrade
            # deadlocks between two writers).
            dbapi_conn.isolation_level = None
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _begin_immediate(conn):  # type: ignore[no-untyped-def]
            # A reading unit of work begins DEFERRED: in WAL mode it reads a snapshot
            # while the writer writes, and never waits for it.
            read_only = conn.get_execution_options().get(READ_ONLY, False)
            conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

        return engine
    if url.startswith("postgresql"):
        return create_engine(
            url,
            pool_pre_ping=True,
            isolation_level="READ COMMITTED",
            json_serializer=dumps,
            pool_size=POOL_SIZE,
            max_overflow=POOL_OVERFLOW,
        )
    return create_engine(url, pool_pre_ping=True, json_serializer=dumps)


# Execution option of a reading unit of work's connection.
READ_ONLY = "ordex_read_only"

# Connections per process: the request thread pool plus the delivery worker's senders.
POOL_SIZE = 10
POOL_OVERFLOW = 20


# SQLite has one writer at a time, and every unit of work begins IMMEDIATE (it writes).
# Threads of one process queue for that on a lock of their own: the next one starts the
# moment the last one ends, where SQLite's busy handler would sleep and poll (up to
# 100 ms a try). Other processes (an ``ordex worker``) still meet the busy handler.
_WRITERS: weakref.WeakKeyDictionary[Engine, threading.RLock] = weakref.WeakKeyDictionary()
_WRITERS_GUARD = threading.Lock()


def _writer_lock(engine: Engine) -> threading.RLock | None:
    if engine.dialect.name != "sqlite":
        return None
    with _WRITERS_GUARD:
        lock = _WRITERS.get(engine)
        if lock is None:
            lock = _WRITERS[engine] = threading.RLock()
        return lock


class SqlUnitOfWork:
    """Opened with ``with``; rolled back unless :meth:`commit` was called.

    ``read_only=True`` makes a reading unit of work (``Context.read``): it takes no write
    lock (SQLite: neither ``BEGIN IMMEDIATE`` nor the in-process writer lock), so reads such
    as authentication and listings run beside the writer; it cannot commit.
    """

    accounts: AccountRepository
    documents: DocumentRepository
    orders: OrderRepository
    history: HistoryRepository
    outbox: Outbox
    hooks: HookRepository
    deliveries: DeliveryRepository
    versions: VersionRepository
    commerce: CommerceRepository
    applications: ApplicationRepository
    network: NetworkRepository
    web: WebSessionRepository

    def __init__(self, engine: Engine, read_only: bool = False) -> None:
        self.engine = engine
        self.conn: Connection | None = None
        self.read_only = read_only
        self.writer = None if read_only else _writer_lock(engine)

    def __enter__(self) -> Self:
        if self.writer is not None:
            self.writer.acquire()
        try:
            self.conn = self.engine.connect()
            if self.read_only:
                self.conn.execution_options(**{READ_ONLY: True})
            self.conn.begin()
        except BaseException:
            if self.conn is not None:
                self.conn.close()
                self.conn = None
            if self.writer is not None:
                self.writer.release()
            raise
        self.accounts = SqlAccounts(self.conn)
        self.documents = SqlDocuments(self.conn)
        self.orders = SqlOrders(self.conn)
        self.history = SqlHistory(self.conn)
        self.outbox = SqlOutbox(self.conn)
        self.hooks = SqlHooks(self.conn)
        self.deliveries = SqlDeliveries(self.conn)
        self.versions = SqlVersions(self.conn)
        self.commerce = SqlCommerce(self.conn)
        self.applications = SqlApplications(self.conn)
        self.network = SqlNetwork(self.conn)
        self.web = SqlWebSessions(self.conn)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self.conn is not None
        try:
            if self.conn.in_transaction():
                self.conn.rollback()
        finally:
            self.conn.close()
            self.conn = None
            if self.writer is not None:
                self.writer.release()

    def commit(self) -> None:
        assert self.conn is not None
        if self.read_only:
            raise RuntimeError("a reading unit of work cannot commit; use Context.uow")
        self.conn.commit()
