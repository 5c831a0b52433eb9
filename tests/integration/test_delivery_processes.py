"""Delivery workers as real processes: killed mid-batch, or two at once, on one database
(SQLite, and PostgreSQL when given)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.services.context import new_id
from ordex.services.hooks import PutHook, put_hook
from ordex.services.ports import OutboxMessage
from tests.receiver import Receiver, loopback_receiver

SELLER = "0088:7302347231110"
EVENTS = 300


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with loopback_receiver() as receiver:
        yield receiver


def prepare(url: str, receiver: Receiver) -> tuple[str, set[str]]:
    """A database with one hook and EVENTS committed outbox messages for it."""
    rt = bootstrap(Settings(database_url=url, allow_private_webhooks=True))
    account, _ = create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    put_hook(
        rt.ctx,
        PutHook(account, parse_party_id(SELLER), receiver.url, ["OrderReceived"], secret="s"),
    )
    documents = {f"doc-{n}" for n in range(EVENTS)}
    with rt.ctx.uow() as uow:
        for n, document_id in enumerate(sorted(documents)):
            uow.outbox.add(
                OutboxMessage(
                    new_id(),
                    "OrderReceived",
                    SELLER,
                    document_id,
                    "0088:1",
                    f"event {n}",
                    datetime.now(UTC),
                )
            )
        uow.commit()
    rt.engine.dispose()
    return url, documents


def start_worker(url: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "ORDEX_DATABASE_URL": url,
        "ORDEX_ALLOW_PRIVATE_WEBHOOKS": "1",
        "ORDEX_DELIVERY_LEASE_SECONDS": "2",
        "ORDEX_WEBHOOK_TIMEOUT_SECONDS": "1",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "ordex", "worker", "--interval", "0.05"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def received_documents(receiver: Receiver) -> list[str]:
    return [json.loads(r.body)["documentId"] for r in list(receiver.requests)]


def wait_for(condition: object, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.02)
    raise AssertionError("timed out")


def test_a_worker_killed_mid_batch_loses_nothing_after_restart(
    database_url: str, receiver: Receiver
) -> None:
    url, documents = prepare(database_url, receiver)
    worker = start_worker(url)
    try:
        wait_for(lambda: len(receiver.requests) >= 40)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        assert len(set(received_documents(receiver))) < EVENTS  # killed mid-way
        worker = start_worker(url)
        wait_for(lambda: set(received_documents(receiver)) >= documents, timeout=180)
    finally:
        worker.kill()
        worker.wait()
    assert set(received_documents(receiver)) == documents  # every one, none invented


def test_two_workers_at_once_send_each_event_once(database_url: str, receiver: Receiver) -> None:
    url, documents = prepare(database_url, receiver)
    workers = [start_worker(url), start_worker(url)]
    try:
        wait_for(lambda: set(received_documents(receiver)) >= documents)
        time.sleep(0.5)  # let any double send arrive
    finally:
        for worker in workers:
            worker.kill()
            worker.wait()
    counts = Counter(r.headers["webhook-id"] for r in receiver.requests)
    assert len(counts) == EVENTS
    assert set(counts.values()) == {1}
