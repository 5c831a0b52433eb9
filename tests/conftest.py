"""Fixtures shared by every suite: the database URL a test runs on (see tests/databases.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.databases import BACKENDS, POSTGRES_URL, PostgresServer

EMPTY_SET = "got empty parameter set"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test parametrized over files of the official material (``shared_files``) has no
    cases without it; pytest's own skip reason would not say why or how to run it."""
    from tests.conformance.shared import SHARED, missing_material

    if SHARED.is_dir():
        return
    for item in items:
        for mark in item.iter_markers(name="skip"):
            if str(mark.kwargs.get("reason", "")).startswith(EMPTY_SET):
                item.add_marker(pytest.mark.skip(reason=missing_material()), append=False)
                break


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    if not POSTGRES_URL:
        pytest.fail(
            "CI is set but ORDEX_TEST_POSTGRES_URL is not: run the suite through "
            "`bash .ci/with-postgres make test` (or `make test-postgres`)."
        )
    server = PostgresServer(POSTGRES_URL)
    yield server
    server.close()


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database at the migrations' head, new for this test: SQLite, then PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ordex.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with server.fresh_database() as url:
        yield url


@pytest.fixture(params=BACKENDS)
def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with no tables at all, new for this test: SQLite, then PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with server.fresh_database(migrated=False) as url:
        yield url
