"""The worker's round: relay and claim in one transaction, send, record in another.

New deliveries of a hook with nothing pending are leased as they are relayed and sent in
the same round; a hook with a queue gets its new ones behind it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from ordex.bootstrap import Runtime, bootstrap
from ordex.config import Settings
from ordex.domain.content import PartyId
from ordex.domain.errors import InvalidRequest
from ordex.domain.hooks import DeliveryStatus, Hook, RetrySchedule
from ordex.services.context import new_id
from ordex.services.delivery import LEASE, relay_and_deliver
from ordex.services.ports import HttpResult, OutboxMessage
from tests.unit.fakes import FakeClock

NO_JITTER = RetrySchedule(jitter=0)


@dataclass
class Recorder:
    """A transport that notes each post and answers from a script (default 204)."""

    rt: Runtime
    posts: list[tuple[str, bytes]] = field(default_factory=list)
    answers: dict[str, int] = field(default_factory=dict)  # url -> status code
    claimed_meanwhile: list[str] = field(default_factory=list)

    def check_target(self, url: str) -> None:
        if not url.startswith("https://"):
            raise InvalidRequest("https only")

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> HttpResult:
        self.posts.append((url, body))
        # what another worker could claim while this one sends
        now = self.rt.ctx.clock.now()
        with self.rt.ctx.uow() as uow:
            other = uow.deliveries.claim_due(now, now + LEASE, 100, 100)
        self.claimed_meanwhile += [d.delivery_id for d in other]  # (rolled back)
        return HttpResult(self.answers.get(url, 204), 3)


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    rt = bootstrap(Settings(database_url=database_url), clock=FakeClock())
    yield rt
    rt.engine.dispose()


def add_hook(rt: Runtime, party: str, url: str) -> Hook:
    now = rt.ctx.clock.now()
    hook = Hook(new_id(), party, url, ["OrderReceived"], now, now, secret="s")
    with rt.ctx.uow() as uow:
        uow.hooks.add(hook)
        uow.commit()
    return hook


def publish(rt: Runtime, party: str, document_id: str) -> None:
    with rt.ctx.uow() as uow:
        uow.outbox.add(
            OutboxMessage(
                new_id(), "OrderReceived", party, document_id, "", "m", rt.ctx.clock.now()
            )
        )
        uow.commit()


def round_(rt: Runtime, transport: Recorder) -> tuple[int, int]:
    return relay_and_deliver(rt.ctx, transport, NO_JITTER, per_hook=10)


def documents(transport: Recorder, url: str) -> list[str]:
    return [json.loads(body)["documentId"] for to, body in transport.posts if to == url]


def test_new_deliveries_go_out_in_the_round_that_relays_them_leased_meanwhile(
    runtime: Runtime,
) -> None:
    a = add_hook(runtime, str(PartyId("business", "A")), "https://a.test/")
    add_hook(runtime, str(PartyId("business", "B")), "https://b.test/")
    for n in range(3):
        publish(runtime, a.party_id, f"a{n}")
    publish(runtime, str(PartyId("business", "B")), "b0")
    transport = Recorder(runtime)
    assert round_(runtime, transport) == (4, 4)
    assert documents(transport, "https://a.test/") == ["a0", "a1", "a2"]
    assert documents(transport, "https://b.test/") == ["b0"]
    assert transport.claimed_meanwhile == []  # leased: no other worker could take them
    with runtime.ctx.uow() as uow:
        sent = uow.deliveries.for_hook(a.hook_id)
    assert {d.status for d in sent} == {DeliveryStatus.SUCCEEDED}
    assert round_(runtime, transport) == (0, 0)


def test_new_deliveries_of_a_hook_with_a_queue_wait_behind_it(runtime: Runtime) -> None:
    party = str(PartyId("business", "A"))
    add_hook(runtime, party, "https://a.test/")
    publish(runtime, party, "first")
    transport = Recorder(runtime, answers={"https://a.test/": 503})
    assert round_(runtime, transport) == (1, 1)  # failed: a retry in 5 s
    transport.answers.clear()
    publish(runtime, party, "second")
    # relayed (with the HookSentRetry message), but not sent ahead of "first"
    assert round_(runtime, transport) == (2, 0)
    assert documents(transport, "https://a.test/") == ["first"]
    assert isinstance(runtime.ctx.clock, FakeClock)
    runtime.ctx.clock.advance(seconds=10)
    assert round_(runtime, transport) == (0, 2)
    assert documents(transport, "https://a.test/") == ["first", "first", "second"]


def test_a_round_that_dies_before_recording_sends_its_fresh_deliveries_after_the_lease(
    runtime: Runtime,
) -> None:
    party = str(PartyId("business", "A"))
    add_hook(runtime, party, "https://a.test/")
    publish(runtime, party, "a0")

    class Crash(Exception):
        pass

    def crash(fn: object, items: list[str]) -> list[object]:
        raise Crash

    transport = Recorder(runtime)
    with pytest.raises(Crash):
        relay_and_deliver(runtime.ctx, transport, NO_JITTER, per_hook=10, run=crash)
    assert round_(runtime, transport) == (0, 0)  # leased by the dead round
    assert isinstance(runtime.ctx.clock, FakeClock)
    runtime.ctx.clock.advance(seconds=LEASE.total_seconds() + 1)
    assert round_(runtime, transport) == (0, 1)
    assert documents(transport, "https://a.test/") == ["a0"]


def test_a_hook_gets_at_most_a_batch_of_fresh_deliveries_a_round(runtime: Runtime) -> None:
    party = str(PartyId("business", "A"))
    add_hook(runtime, party, "https://a.test/")
    for n in range(5):
        publish(runtime, party, f"a{n}")
    transport = Recorder(runtime)
    rounds = [relay_and_deliver(runtime.ctx, transport, NO_JITTER, per_hook=2) for _ in range(4)]
    assert rounds == [(5, 2), (0, 2), (0, 1), (0, 0)]
    assert documents(transport, "https://a.test/") == ["a0", "a1", "a2", "a3", "a4"]
    assert transport.claimed_meanwhile == []


def test_a_slow_receiver_gets_the_rest_of_its_batch_in_the_next_round_never_twice(
    runtime: Runtime,
) -> None:
    party = str(PartyId("business", "A"))
    add_hook(runtime, party, "https://a.test/")
    for n in range(5):
        publish(runtime, party, f"a{n}")
    clock = runtime.ctx.clock
    assert isinstance(clock, FakeClock)

    class Slow(Recorder):
        def post(self, url: str, body: bytes, headers: dict[str, str]) -> HttpResult:
            clock.advance(seconds=LEASE.total_seconds() / 3)  # each answer takes a third
            return super().post(url, body, headers)

    transport = Slow(runtime)
    rounds = [round_(runtime, transport) for _ in range(4)]
    assert rounds == [(5, 2), (0, 2), (0, 1), (0, 0)]  # half the lease: a batch ends
    assert documents(transport, "https://a.test/") == ["a0", "a1", "a2", "a3", "a4"]
    assert transport.claimed_meanwhile == []  # no other worker could have taken one


def test_a_batch_whose_turn_comes_after_half_the_lease_goes_back_unsent(
    runtime: Runtime,
) -> None:
    for party in ("A", "B"):
        add_hook(runtime, str(PartyId("business", party)), f"https://{party.lower()}.test/")
        publish(runtime, str(PartyId("business", party)), party)
    clock = runtime.ctx.clock
    assert isinstance(clock, FakeClock)

    class Slow(Recorder):
        def post(self, url: str, body: bytes, headers: dict[str, str]) -> HttpResult:
            clock.advance(seconds=LEASE.total_seconds() * 0.6)
            return super().post(url, body, headers)

    transport = Slow(runtime)
    assert round_(runtime, transport) == (2, 1)  # the second hook's turn came too late
    assert round_(runtime, transport) == (0, 1)
    assert sorted(
        documents(transport, "https://a.test/") + documents(transport, "https://b.test/")
    ) == ["A", "B"]
    assert transport.claimed_meanwhile == []


def test_a_busy_worker_pauses_between_rounds_and_looks_for_refunds_once_a_second(
    runtime: Runtime,
) -> None:
    rt = runtime
    import threading
    import time

    from ordex.delivery.worker import BUSY_PAUSE, Worker

    rounds: list[bool] = []

    class Busy(Worker):
        def step(self, refunds: bool = True) -> tuple[int, int]:
            rounds.append(refunds)
            return 1, 0  # always found work

    worker = Busy(rt.ctx, Recorder(rt))
    stop = threading.Event()
    thread = threading.Thread(target=worker.run, args=(stop,))
    thread.start()
    time.sleep(0.3)
    stop.set()
    thread.join()
    worker.close()
    assert 2 <= len(rounds) <= 0.3 / BUSY_PAUSE + 2  # back to back, it would be thousands
    assert rounds.count(True) == 1  # the first round; the next look is due after 1 s


def test_a_hook_disabled_by_410_gets_nothing_more_and_resumes_its_queue_once_enabled(
    runtime: Runtime,
) -> None:
    party = str(PartyId("business", "A"))
    hook = add_hook(runtime, party, "https://a.test/")
    for n in range(3):
        publish(runtime, party, f"a{n}")
    transport = Recorder(runtime, answers={"https://a.test/": 410})
    assert round_(runtime, transport) == (3, 1)  # a0 answered 410: the hook is disabled
    assert isinstance(runtime.ctx.clock, FakeClock)
    for _ in range(3):
        runtime.ctx.clock.advance(seconds=LEASE.total_seconds() + 1)
        round_(runtime, transport)
    assert documents(transport, "https://a.test/") == ["a0"]  # a1, a2 wait; not sent
    with runtime.ctx.uow() as uow:
        stored = uow.hooks.get(hook.hook_id)
        assert stored is not None and not stored.is_active
        stored.is_active = True  # the party enables it again (PUT)
        uow.hooks.update(stored)
        uow.commit()
    transport.answers.clear()
    round_(runtime, transport)
    assert documents(transport, "https://a.test/") == ["a0", "a1", "a2"]
