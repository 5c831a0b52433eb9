"""The short crash run of CI: about 15 s of orders while servers and workers are killed
(SIGKILL and SIGTERM) and restarted, on SQLite and on PostgreSQL when given.

The kill schedule's seed is fixed here, so that CI meets the same schedule each run
(``ORDEX_CHAOS_SEED`` picks another; ``make test-chaos`` draws one and prints it).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator

import pytest

from tests.chaos.checks import Thresholds, losses, recovery
from tests.chaos.harness import Config, Report, run
from tests.databases import BACKENDS, PostgresServer

SEED = int(os.environ.get("ORDEX_CHAOS_SEED") or 20261204)


@pytest.fixture(scope="module", params=BACKENDS)
def report(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Report]:
    workdir = tmp_path_factory.mktemp(f"chaos-{request.param}")
    config = Config(
        database_url=f"sqlite:///{workdir / 'chaos.db'}",
        workdir=workdir,
        seed=SEED,
        seconds=15.0,
        servers=1,
        workers=2,
        kill_every=(1.0, 2.5),
        concurrency=3,
        rate=10.0,
        receiver_delay=(0.0, 0.01),
        lease_seconds=5.0,
        drain_timeout=40.0,
    )
    if request.param == "sqlite":
        yield _run(config)
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    with server.fresh_database() as url:
        yield _run(dataclasses.replace(config, database_url=url, servers=2))


def _run(config: Config) -> Report:
    report = run(config)
    print(f"\n{report.summary()}\n  logs: {config.workdir}")
    return report


def test_no_acknowledged_order_or_committed_event_is_lost_across_kills(report: Report) -> None:
    assert not losses(report), report.summary()
    assert report.kills, "nothing was killed"


def test_delivery_recovers_within_seconds_of_a_worker_kill_and_sigterm_duplicates_nothing(
    report: Report,
) -> None:
    assert not recovery(report, Thresholds()), report.summary()
