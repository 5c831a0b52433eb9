"""The databases the storage, e2e and concurrency tests run on.

Always SQLite (a file per test). Also PostgreSQL when ``ORDEX_TEST_POSTGRES_URL`` names a
server (``.ci/with-postgres`` starts one), or when ``CI`` is set, where a missing URL is an
error rather than a silent skip. Each PostgreSQL test gets a database of its own, created
from a template migrated once per session (``CREATE DATABASE ... TEMPLATE``), and dropped
afterwards; the URL's user therefore needs the right to create databases.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, make_url
from sqlalchemy.pool import NullPool

from ordex.storage.migrate import upgrade
from ordex.storage.unit_of_work import make_engine, postgres_url

POSTGRES_URL = os.environ.get("ORDEX_TEST_POSTGRES_URL", "").strip()
IN_CI = os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}

BACKENDS = ["sqlite", *(["postgresql"] if POSTGRES_URL or IN_CI else [])]


class PostgresServer:
    """Creates and drops the per-test databases on the server of ``ORDEX_TEST_POSTGRES_URL``."""

    def __init__(self, url: str) -> None:
        self.url = make_url(postgres_url(url))
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        self.template: str | None = None

    def _url(self, database: str) -> str:
        return self.url.set(database=database).render_as_string(hide_password=False)

    def _create(self, name: str, template: str | None = None) -> None:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(
                f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
            )

    def drop(self, name: str) -> None:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _ensure_template(self) -> str:
        if self.template is None:
            name = f"ordex_template_{os.getpid()}"
            self.drop(name)
            self._create(name)
            engine = make_engine(self._url(name))
            try:
                upgrade(engine)
            finally:
                engine.dispose()
            self.template = name
        return self.template

    @contextmanager
    def fresh_database(self, migrated: bool = True) -> Iterator[str]:
        """A new database for one test: at the migrations' head, or empty."""
        name = f"ordex_test_{uuid.uuid4().hex[:12]}"
        self._create(name, self._ensure_template() if migrated else None)
        try:
            yield self._url(name)
        finally:
            self.drop(name)

    def close(self) -> None:
        if self.template is not None:
            self.drop(self.template)
        self.admin.dispose()
