"""One delivery machinery, three dialects: who gets which message, in which shape, when."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest

from ordex.bootstrap import Runtime, bootstrap
from ordex.config import Settings
from ordex.delivery.worker import drain
from ordex.domain.content import PartyId
from ordex.domain.errors import HookNotFound
from ordex.domain.hooks import DeliveryStatus, Hook, HookDialect, RetrySchedule
from ordex.services.accounts import create_account
from ordex.services.context import new_id
from ordex.services.hooks import list_deliveries, list_hooks, resend_delivery
from ordex.services.ports import OutboxMessage
from ordex.webhooks import verify
from tests.receiver import Receiver, loopback_receiver
from tests.unit.fakes import FakeClock

SHOP = PartyId("business", "SHOP-1")
NO_JITTER = RetrySchedule(jitter=0)


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    rt = bootstrap(
        Settings(database_url=database_url, allow_private_webhooks=True), clock=FakeClock()
    )
    yield rt
    rt.engine.dispose()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with loopback_receiver() as receiver:
        yield receiver


def add_hook(rt: Runtime, url: str, dialect: HookDialect, topics: list[str]) -> Hook:
    now = rt.ctx.clock.now()
    hook = Hook(new_id(), str(SHOP), url, topics, now, now, secret="whsec_c2VjcmV0c2VjcmV0")
    hook.dialect = dialect
    with rt.ctx.uow() as uow:
        uow.hooks.add(hook)
        uow.commit()
    return hook


def publish(
    rt: Runtime, topic: str, body: dict[str, object] | None, hook_id: str | None = None
) -> None:
    with rt.ctx.uow() as uow:
        uow.outbox.add(
            OutboxMessage(
                message_id=new_id(),
                topic=topic,
                party_id=str(SHOP),
                document_id="request-1",
                sender_party_id="",
                message="done",
                created_at=rt.ctx.clock.now(),
                body=body,
                hook_id=hook_id,
            )
        )
        uow.commit()


def send(rt: Runtime) -> int:
    assert rt.ctx.transport is not None
    return drain(rt.ctx, rt.ctx.transport, NO_JITTER)


def test_a_dialect_body_goes_as_written_to_its_dialects_hooks_only(
    runtime: Runtime, receiver: Receiver
) -> None:
    add_hook(runtime, receiver.url + "/psb", HookDialect.PSB, ["*"])
    add_hook(runtime, receiver.url + "/commerce", HookDialect.COMMERCE, ["accounting/*"])
    body = {"requestId": "r-1", "status": "SUCCESS", "amount": "10.00"}
    publish(runtime, "accounting/EDIErrorSent", body)
    assert send(runtime) == 1
    [request] = receiver.requests
    assert request.path.endswith("commerce")
    assert json.loads(request.body) == body  # no PSB envelope, no sentOn
    verify(
        "whsec_c2VjcmV0c2VjcmV0",
        request.headers,
        request.body,
        now=runtime.ctx.clock.now().timestamp(),
    )
    assert "X-EConnect-Signature" not in request.headers


def test_a_psb_envelope_never_reaches_another_dialects_hook(
    runtime: Runtime, receiver: Receiver
) -> None:
    add_hook(runtime, receiver.url + "/commerce", HookDialect.COMMERCE, ["*"])
    publish(runtime, "OrderReceived", None)
    assert send(runtime) == 0
    assert receiver.requests == []


def test_a_message_for_one_hook_skips_the_others(runtime: Runtime, receiver: Receiver) -> None:
    first = add_hook(runtime, receiver.url + "/first", HookDialect.FINANCING, ["*"])
    add_hook(runtime, receiver.url + "/second", HookDialect.FINANCING, ["*"])
    publish(runtime, "financing/ApplicationChanged", {"id": "a-1"}, hook_id=first.hook_id)
    assert send(runtime) == 1
    assert [r.path for r in receiver.requests] == ["/hook/first"]


def test_financing_notifications_are_retried_after_1_5_5_5_5_minutes(
    runtime: Runtime, receiver: Receiver
) -> None:
    clock = runtime.ctx.clock
    assert isinstance(clock, FakeClock)
    hook = add_hook(runtime, receiver.url, HookDialect.FINANCING, ["*"])
    publish(runtime, "financing/ApplicationChanged", {"id": "a-1"}, hook_id=hook.hook_id)
    for _ in range(6):
        receiver.answer(503)
    tried_at = []
    for _ in range(50):  # 25 minutes in steps of 30 s
        if send(runtime):
            tried_at.append(clock.now())
        clock.advance(seconds=30)
    start = tried_at[0]
    assert [(at - start) // timedelta(seconds=30) for at in tried_at] == [0, 2, 12, 22, 32, 42]
    with runtime.ctx.uow() as uow:
        [delivery] = uow.deliveries.for_hook(hook.hook_id, 10)
    assert delivery.status is DeliveryStatus.FAILED and delivery.attempts == 6


def test_the_psb_hook_api_sees_psb_hooks_only_and_dialects_replay_their_own(
    runtime: Runtime, receiver: Receiver
) -> None:
    account, _ = create_account(runtime.ctx, "Shop", [SHOP])
    psb = add_hook(runtime, receiver.url, HookDialect.PSB, ["*"])
    callback = add_hook(runtime, receiver.url, HookDialect.COMMERCE, ["*"])
    assert [h.hook_id for h in list_hooks(runtime.ctx, account, SHOP)] == [psb.hook_id]
    with pytest.raises(HookNotFound):
        list_deliveries(runtime.ctx, account, SHOP, callback.hook_id)
    publish(runtime, "accounting/refundCompleted", {"refundId": "f-1"})
    assert send(runtime) == 1
    [(delivery, [attempt])] = list_deliveries(
        runtime.ctx, account, SHOP, callback.hook_id, dialect=HookDialect.COMMERCE
    )
    assert attempt.status_code == 200
    resend_delivery(
        runtime.ctx, account, SHOP, callback.hook_id, delivery.delivery_id, HookDialect.COMMERCE
    )
    assert send(runtime) == 1
    assert [r.body for r in receiver.requests] == [b'{"refundId":"f-1"}'] * 2


def test_events_of_one_instant_reach_a_hook_in_the_order_they_were_written(
    runtime: Runtime, receiver: Receiver
) -> None:
    hook = add_hook(runtime, receiver.url, HookDialect.FINANCING, ["*"])
    for n in range(20):  # the fake clock stands still: every message has one timestamp
        publish(runtime, "financing/ApplicationChanged", {"n": n}, hook_id=hook.hook_id)
    assert send(runtime) == 20
    assert [json.loads(r.body)["n"] for r in receiver.requests] == list(range(20))
