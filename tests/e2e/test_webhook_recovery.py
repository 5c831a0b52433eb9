"""An operator's way out of a receiver's outage: ``deliveries/recover`` and
``deliveries/retry`` release the back-off at once, and the hook's queue stays in order."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.delivery.worker import drain
from ordex.domain.hooks import RetrySchedule
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.services.context import new_id
from ordex.services.delivery import claim
from ordex.services.ports import OutboxMessage
from tests.e2e.conftest import BUYER, SELLER, Hub
from tests.receiver import Receiver, loopback_receiver
from tests.unit.fakes import FakeClock

FIVE_MINUTES = RetrySchedule(delays=(timedelta(0), timedelta(minutes=5)), jitter=0)  # 1 retry


@pytest.fixture
def hub(database_url: str) -> Iterator[Hub]:
    settings = Settings(database_url=database_url, allow_private_webhooks=True)
    clock = FakeClock()
    rt = bootstrap(settings, clock=clock)
    keys = {p: create_account(rt.ctx, p, [parse_party_id(p)])[1] for p in (BUYER, SELLER)}
    with TestClient(create_app(rt)) as client:
        yield Hub(client=client, runtime=rt, clock=clock, keys=keys)
    rt.engine.dispose()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with loopback_receiver() as receiver:
        yield receiver


def register(hub: Hub, url: str) -> Any:
    answer = hub.client.put(
        f"/api/v1/{SELLER}/hook",
        json={"action": url, "topics": ["OrderReceived"], "secret": "s"},
        headers=hub.headers(SELLER),
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def publish(hub: Hub, document_id: str) -> None:
    ctx = hub.runtime.ctx
    with ctx.uow() as uow:
        uow.outbox.add(
            OutboxMessage(
                new_id(), "OrderReceived", SELLER, document_id, BUYER, "m", ctx.clock.now()
            )
        )
        uow.commit()


def deliver(hub: Hub) -> int:
    assert hub.runtime.ctx.transport is not None
    return drain(hub.runtime.ctx, hub.runtime.ctx.transport, FIVE_MINUTES)


def received(receiver: Receiver) -> list[str]:
    return [json.loads(r.body)["documentId"] for r in receiver.requests]


def test_retry_now_releases_a_hook_waiting_in_back_off_and_its_queue_follows_in_order(
    hub: Hub, receiver: Receiver
) -> None:
    hook = register(hub, receiver.url)
    receiver.answer(503)
    publish(hub, "first")
    deliver(hub)  # failed: the next try in 5 minutes
    publish(hub, "second")
    assert deliver(hub) == 0  # "second" waits behind "first"
    base = f"/api/v1/{SELLER}/hook/{hook['id']}/deliveries"
    answer = hub.client.post(f"{base}/retry", headers=hub.headers(SELLER))
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"released": 1}
    assert deliver(hub) == 2
    assert received(receiver) == ["first", "first", "second"]
    other = hub.client.post(f"{base}/retry", headers=hub.headers(BUYER))
    assert other.status_code in (403, 404)  # (the buyer's key on the seller's path)


def test_recover_queues_failed_deliveries_again_releases_the_back_off_and_keeps_the_order(
    hub: Hub, receiver: Receiver
) -> None:
    hook = register(hub, receiver.url)
    for _ in range(3):
        receiver.answer(503)
    publish(hub, "first")
    publish(hub, "second")
    deliver(hub)  # "first" failed once, waits 5 minutes; "second" behind it
    hub.clock.advance(seconds=301)
    deliver(hub)  # "first" failed for good; "second" failed once, waits 5 minutes
    assert received(receiver) == ["first", "first", "second"]
    base = f"/api/v1/{SELLER}/hook/{hook['id']}/deliveries"
    answer = hub.client.post(
        f"{base}/recover", json={"since": "2000-01-01T00:00:00"}, headers=hub.headers(SELLER)
    )
    assert answer.json() == {"queued": 1, "released": 1}
    assert deliver(hub) == 2  # at once, not in 5 minutes
    assert received(receiver)[3:] == ["first", "second"]  # in the hook's order
    listed = hub.client.get(base, headers=hub.headers(SELLER)).json()
    assert [d["status"] for d in listed] == ["succeeded", "succeeded"]


def test_retry_now_leaves_alone_what_a_worker_is_sending(hub: Hub, receiver: Receiver) -> None:
    hook = register(hub, receiver.url)
    publish(hub, "first")
    ctx = hub.runtime.ctx
    now = ctx.clock.now()
    _, [batch] = claim(ctx, 10, timedelta(seconds=30), 10)  # a worker sends it now
    base = f"/api/v1/{SELLER}/hook/{hook['id']}/deliveries"
    answer = hub.client.post(f"{base}/retry", headers=hub.headers(SELLER))
    assert answer.json() == {"released": 0}
    with ctx.uow() as uow:
        assert uow.deliveries.claim_due(now, now + timedelta(seconds=30), 10, 10) == []
    assert batch.deliveries[0].document_id == "first"
