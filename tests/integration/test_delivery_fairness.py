"""One tenant's slow hooks do not delay another tenant's webhooks (a running worker, real
HTTP on loopback, SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from ordex.bootstrap import Runtime, bootstrap
from ordex.config import Settings
from ordex.delivery.worker import Worker
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.services.context import new_id
from ordex.services.hooks import PutHook, put_hook
from ordex.services.ports import OutboxMessage
from tests.slow_receiver import SlowReceiver, slow_receiver, wait_for

TENANT_A = "0088:7302347231110"
TENANT_B = "0088:7302347231127"
SLOW_HOOKS = 40
SLOW_ANSWER = 2.0  # seconds each of tenant A's hooks takes to answer


@pytest.fixture
def receiver() -> Iterator[SlowReceiver]:
    with slow_receiver() as receiver:
        yield receiver


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    rt = bootstrap(Settings(database_url=database_url, allow_private_webhooks=True))
    yield rt
    rt.engine.dispose()


def hook(rt: Runtime, party: str, url: str) -> None:
    account, _ = create_account(rt.ctx, f"Tenant {url}", [parse_party_id(party)])
    put_hook(rt.ctx, PutHook(account, parse_party_id(party), url, ["OrderReceived"], secret="s"))


def publish(rt: Runtime, party: str, document_id: str) -> None:
    with rt.ctx.uow() as uow:
        uow.outbox.add(
            OutboxMessage(
                new_id(), "OrderReceived", party, document_id, "0088:1", "m", datetime.now(UTC)
            )
        )
        uow.commit()


def test_a_tenants_event_is_not_held_up_by_another_tenants_slow_hooks(
    runtime: Runtime, receiver: SlowReceiver
) -> None:
    # tenant A: one party with 40 hooks, each answering after 2 s
    party_a = parse_party_id(TENANT_A)
    account_a, _ = create_account(runtime.ctx, "Tenant A", [party_a])
    for n in range(SLOW_HOOKS):
        url = f"{receiver.url}/a{n}"
        receiver.delays[f"/a{n}"] = SLOW_ANSWER
        put_hook(runtime.ctx, PutHook(account_a, party_a, url, ["OrderReceived"], secret="s"))
    hook(runtime, TENANT_B, f"{receiver.url}/b")
    publish(runtime, TENANT_A, "a-order")  # one event: 40 slow deliveries
    time.sleep(0.01)
    publish(runtime, TENANT_B, "b-order")  # committed after A's

    worker = Worker(runtime.ctx, runtime.ctx.transport, lease=timedelta(seconds=30))  # type: ignore[arg-type]
    stop = threading.Event()
    started = time.monotonic()
    thread = threading.Thread(target=worker.run, args=(stop,))
    thread.start()
    try:
        wait_for(lambda: receiver.documents("/b"), timeout=60, what="tenant B's event")
        b_latency = time.monotonic() - started
    finally:
        stop.set()
        thread.join()
        worker.close()
    # 40 answers of 2 s take 20 s on the 4 senders one party may hold (10 s on all the 8
    # senders of a worker before fair scheduling); B's event waits for none of them
    assert b_latency < SLOW_ANSWER, f"tenant B waited {b_latency:.1f} s"
