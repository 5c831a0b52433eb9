"""``ordex serve --workers N`` and the purge lead: several server processes, one database."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from ordex.bootstrap import bootstrap
from ordex.cli import app
from ordex.config import Settings
from ordex.domain.documents import RetentionPolicy
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.serving import BackgroundJobs
from ordex.storage.leader import Leadership
from ordex.storage.unit_of_work import make_engine
from tests.integration.racers import BUYER, SELLER, order_xml
from tests.receiver import Receiver, loopback_receiver

ON_POSTGRESQL_ONLY = (
    "SQLite serves one process; this runs on PostgreSQL: "
    "bash .ci/with-postgres .venv/bin/pytest tests/integration/test_serve.py"
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_several_processes_on_sqlite_are_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["serve", "--workers", "2", "--database-url", f"sqlite:///{tmp_path / 'x.db'}"]
    )
    assert result.exit_code == 2
    assert "PostgreSQL" in result.output


def test_one_process_leads_the_purge_and_another_takes_over_when_it_goes(
    database_url: str,
) -> None:
    first, second = make_engine(database_url), make_engine(database_url)
    leaders = [Leadership(first), Leadership(second)]
    try:
        if first.dialect.name == "sqlite":
            assert [leader.held() for leader in leaders] == [True, True]  # one process
            return
        assert [leaders[0].held(), leaders[1].held()] == [True, False]
        assert [leaders[0].held(), leaders[1].held()] == [True, False]  # it keeps the lead
        leaders[0].release()
        assert leaders[1].held()
        assert not leaders[0].held()
        # The leader's connection dies (a restarted server, a network cut): the lock goes.
        assert leaders[1].conn is not None
        backend = leaders[1].conn.execute(text("SELECT pg_backend_pid()")).scalar()
        leaders[1].conn.commit()
        with first.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
        assert leaders[0].held()
        assert not leaders[1].held()
    finally:
        for leader in leaders:
            leader.release()
        first.dispose()
        second.dispose()


def test_the_purge_runs_in_one_process_however_many_serve(database_url: str) -> None:
    settings = Settings(database_url=database_url, retention=RetentionPolicy(timedelta(0)))
    runtimes = [bootstrap(settings), bootstrap(settings, migrate=False)]
    jobs = [BackgroundJobs(rt, embedded_worker=False) for rt in runtimes]
    try:
        outcomes = [job.purge_once() for job in jobs]
        if runtimes[0].engine.dialect.name == "sqlite":
            assert outcomes == [0, 0]  # one process serves SQLite: it always leads
        else:
            assert outcomes == [0, None]
    finally:
        for job, rt in zip(jobs, runtimes, strict=True):
            job.close()
            rt.engine.dispose()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with loopback_receiver() as receiver:
        yield receiver


def test_two_server_processes_take_orders_refuse_racing_duplicates_and_deliver_once(
    database_url: str, receiver: Receiver
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip(ON_POSTGRESQL_ONLY)
    rt = bootstrap(Settings(database_url=database_url))
    _, buyer_key = create_account(rt.ctx, "Buyer", [parse_party_id(BUYER)])
    _, seller_key = create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    rt.engine.dispose()
    with two_server_processes(database_url) as base:
        with httpx.Client(base_url=base, timeout=30) as client:
            hook = client.put(
                f"/api/v1/{SELLER}/hook",
                json={"action": receiver.url, "topics": ["OrderReceived"], "secret": "s"},
                headers={"Authorization": f"Bearer {seller_key}"},
            )
            assert hook.status_code == 200, hook.text

        def send(number: str) -> int:
            with httpx.Client(base_url=base, timeout=30) as own:
                return own.post(
                    f"/api/v1/{BUYER}/purchaseOrder/send",
                    content=order_xml(number),
                    headers={
                        "Authorization": f"Bearer {buyer_key}",
                        "Content-Type": "application/xml",
                    },
                ).status_code

        numbers = [f"PO-{n}" for n in range(20)] + [f"TWICE-{n}" for n in range(10)] * 2
        with ThreadPoolExecutor(8) as pool:
            answers = list(zip(numbers, pool.map(send, numbers), strict=True))
        statuses: dict[str, list[int]] = {}
        for number, status in answers:
            statuses.setdefault(number, []).append(status)
        for number, got in statuses.items():
            # Every order accepted once; of each pair sent at once, one is a duplicate.
            assert sorted(got) == ([200] if number.startswith("PO-") else [200, 409]), number

        def delivered() -> Counter[str]:
            return Counter(json.loads(r.body)["message"] for r in list(receiver.requests))

        deadline = time.monotonic() + 60
        while len(delivered()) < 30 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # let any double delivery arrive
        assert len(delivered()) == 30
        assert set(delivered().values()) == {1}
        ids = Counter(r.headers["webhook-id"] for r in list(receiver.requests))
        assert set(ids.values()) == {1}


@contextmanager
def two_server_processes(database_url: str, **environment: str) -> Iterator[str]:
    """``ordex serve --workers 2`` on ``database_url``, ready; its base URL."""
    port = free_port()
    env = {
        **os.environ,
        "ORDEX_DATABASE_URL": database_url,
        "ORDEX_ALLOW_PRIVATE_WEBHOOKS": "1",
        "ORDEX_ALLOW_HTTP_WEBHOOKS": "1",
        **environment,
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "ordex", "serve", "--workers", "2", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_metrics_count_the_requests_of_every_server_process_whichever_answers_the_scrape(
    database_url: str, tmp_path: Path
) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip(ON_POSTGRESQL_ONLY)
    shared = tmp_path / "metrics"
    shared.mkdir()
    (shared / "counter_1.db").write_bytes(b"an earlier run's counts")
    healthz = re.compile(
        r'^ordex_http_requests_total\{method="GET",route="/healthz",status="200"\} (\S+)$', re.M
    )
    with two_server_processes(database_url, PROMETHEUS_MULTIPROC_DIR=str(shared)) as base:
        assert not (shared / "counter_1.db").exists()
        for _ in range(40):  # a connection each: the two processes take turns accepting
            assert httpx.get(f"{base}/healthz").status_code == 200
        answered = {path.name for path in shared.glob("counter_*.db")}
        assert len(answered) == 2, f"one process answered everything: {answered}"
        for _ in range(6):
            scrape = httpx.get(f"{base}/metrics")
            assert scrape.status_code == 200
            found = healthz.search(scrape.text)
            assert found is not None, scrape.text
            assert float(found.group(1)) == 40


def test_a_started_server_keeps_its_start_up_objects_out_of_the_collector(
    tmp_path: Path,
) -> None:
    import gc

    from fastapi.testclient import TestClient

    from ordex.serving import served_app

    rt = bootstrap(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}"))
    gc.unfreeze()
    try:
        with TestClient(served_app(rt, embedded_worker=False)) as client:
            assert client.get("/healthz").status_code == 200
            assert gc.get_freeze_count() > 10_000  # the modules and the app, at least
    finally:
        gc.unfreeze()
