"""The delivery queue in a real database: batches per hook, in order, behind failures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import Engine

from ordex.domain.hooks import Attempt, Delivery, DeliveryStatus, Hook
from ordex.storage.migrate import upgrade
from ordex.storage.unit_of_work import SqlUnitOfWork, make_engine

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
LEASE = NOW + timedelta(minutes=2)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def queue(engine: Engine, hook_id: str, count: int, due: datetime = NOW) -> list[str]:
    """A hook with ``count`` pending deliveries, all due at ``due``; returns their ids."""
    ids = [f"{hook_id}-{n}" for n in range(count)]
    with SqlUnitOfWork(engine) as uow:
        uow.hooks.add(Hook(hook_id, "0088:7302347231110", "https://x.test/", ["*"], NOW, NOW))
        uow.deliveries.add_many(
            [
                Delivery(
                    delivery_id,
                    hook_id,
                    f"message-{delivery_id}",
                    "OrderReceived",
                    "0088:7302347231110",
                    "document",
                    b"{}",
                    NOW,
                    next_attempt_at=due,
                )
                for delivery_id in ids
            ]
        )
        uow.commit()
    return ids


def claim(engine: Engine, per_hook: int, limit: int = 100, now: datetime = NOW) -> list[str]:
    with SqlUnitOfWork(engine) as uow:
        claimed = uow.deliveries.claim_due(now, LEASE, limit, per_hook)
        uow.commit()
    return [d.delivery_id for d in claimed]


def test_each_hook_gives_a_batch_of_its_oldest_deliveries_in_order(engine: Engine) -> None:
    a = queue(engine, "a", 5)
    b = queue(engine, "b", 2)
    claimed = claim(engine, per_hook=3)
    assert [d for d in claimed if d.startswith("a")] == a[:3]
    assert [d for d in claimed if d.startswith("b")] == b


def test_a_claimed_batch_is_leased_and_holds_back_the_rest_of_its_hook(engine: Engine) -> None:
    a = queue(engine, "a", 5)
    assert claim(engine, per_hook=2) == a[:2]
    assert claim(engine, per_hook=2) == []  # the head is leased: nothing behind it goes
    assert claim(engine, per_hook=2, now=LEASE) == a[:2]  # the lease ran out


def test_a_batch_stops_before_a_delivery_that_is_not_due(engine: Engine) -> None:
    a = queue(engine, "a", 4)
    with SqlUnitOfWork(engine) as uow:
        uow.deliveries.release([a[2]], NOW + timedelta(hours=1))
        uow.commit()
    assert claim(engine, per_hook=10) == a[:2]


def test_a_hook_whose_oldest_delivery_waits_for_a_retry_gives_nothing(engine: Engine) -> None:
    queue(engine, "a", 3, due=NOW + timedelta(minutes=5))
    b = queue(engine, "b", 1)
    assert claim(engine, per_hook=10) == b


def test_released_deliveries_are_due_again_in_their_place(engine: Engine) -> None:
    a = queue(engine, "a", 3)
    assert claim(engine, per_hook=3) == a
    with SqlUnitOfWork(engine) as uow:
        first = uow.deliveries.get(a[0])
        assert first is not None
        first.status = DeliveryStatus.SUCCEEDED
        first.next_attempt_at = None
        uow.deliveries.update_many([first])
        uow.deliveries.release(a[1:], NOW)
        uow.commit()
    assert claim(engine, per_hook=3) == a[1:]


def test_the_limit_counts_hooks_and_the_oldest_due_hook_goes_first(engine: Engine) -> None:
    queue(engine, "late", 2, due=NOW)
    early = queue(engine, "early", 2, due=NOW - timedelta(minutes=1))
    assert claim(engine, per_hook=5, limit=1) == early


def test_outcomes_saved_together_each_keep_their_own_changes(engine: Engine) -> None:
    a = queue(engine, "a", 5)
    with SqlUnitOfWork(engine) as uow:
        deliveries = [uow.deliveries.get(delivery_id) for delivery_id in a]
        for n, delivery in enumerate(deliveries):
            assert delivery is not None
            delivery.attempts = 1
            if n < 3:  # alike: one statement for the three
                delivery.status = DeliveryStatus.SUCCEEDED
                delivery.next_attempt_at = None
                delivery.last_status_code = 204
            else:  # each its own
                delivery.next_attempt_at = NOW + timedelta(seconds=n)
                delivery.last_status_code = 500 + n
                delivery.last_error = f"error {n}"
        uow.deliveries.update_many([d for d in deliveries if d is not None])
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        saved = [uow.deliveries.get(delivery_id) for delivery_id in a]
    assert [(d.status, d.attempts, d.last_status_code, d.last_error) for d in saved if d] == [
        (DeliveryStatus.SUCCEEDED, 1, 204, None),
        (DeliveryStatus.SUCCEEDED, 1, 204, None),
        (DeliveryStatus.SUCCEEDED, 1, 204, None),
        (DeliveryStatus.PENDING, 1, 503, "error 3"),
        (DeliveryStatus.PENDING, 1, 504, "error 4"),
    ]
    assert [d.next_attempt_at for d in saved if d] == [
        None,
        None,
        None,
        NOW + timedelta(seconds=3),
        NOW + timedelta(seconds=4),
    ]


def test_deliveries_and_attempts_read_back_as_written(engine: Engine) -> None:
    """They are inserted past SQLAlchemy's parameter processing: same values, same order."""
    at = datetime(2026, 11, 23, 13, 0, 0, 123, tzinfo=timezone(timedelta(hours=1)))
    whole = datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)  # no microseconds: still ordered
    queue(engine, "a", 0)
    written = [
        Delivery("d1", "a", "m1", "OrderReceived", "p", "doc", b'{"\xc3\xa9":0}', at, whole),
        Delivery("d2", "a", "m2", "OrderReceived", "p", "doc", b"{}", whole, at, attempts=2),
    ]
    attempt = Attempt("d1", at, 12, None, None, "TimeoutError: no answer")
    with SqlUnitOfWork(engine) as uow:
        uow.deliveries.add_many(written)
        uow.deliveries.add_attempts([attempt, Attempt("d1", whole, 3, 204, "ok", None)])
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        read = [uow.deliveries.get("d1"), uow.deliveries.get("d2")]
        attempts = uow.deliveries.attempts("d1")
        due = uow.deliveries.claim_due(whole, LEASE, 10, 10)
    assert read == written
    assert read[0] is not None and read[0].created_at.tzinfo == UTC
    assert attempts == [attempt, Attempt("d1", whole, 3, 204, "ok", None)]
    assert [d.delivery_id for d in due] == ["d1"]  # d2 is due at 12:00:00.000123 UTC, later


def test_new_deliveries_are_numbered_after_every_earlier_one_whatever_its_status(
    engine: Engine,
) -> None:
    a = queue(engine, "a", 3)
    with SqlUnitOfWork(engine) as uow:
        done, failed = uow.deliveries.get(a[1]), uow.deliveries.get(a[2])
        assert done is not None and failed is not None
        done.status, failed.status = DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED
        uow.deliveries.update_many([done, failed])
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        uow.deliveries.add(
            Delivery("a-new", "a", "message-new", "OrderReceived", "p", "doc", b"{}", NOW, NOW)
        )
        uow.commit()
    with engine.connect() as conn:
        numbers = dict(conn.exec_driver_sql("SELECT delivery_id, seq FROM deliveries").all())
    assert numbers == {a[0]: 1, a[1]: 2, a[2]: 3, "a-new": 4}


def test_the_hooks_of_several_parties_come_in_one_go(engine: Engine) -> None:
    with SqlUnitOfWork(engine) as uow:
        for hook_id, party, minute in (("h2", "p1", 2), ("h1", "p1", 1), ("h3", "p2", 0)):
            at = NOW + timedelta(minutes=minute)
            uow.hooks.add(Hook(hook_id, party, "https://x.test/", ["*"], at, at))
        uow.commit()
    with SqlUnitOfWork(engine) as uow:
        found = uow.hooks.for_parties({"p1", "p3"})
        one = uow.hooks.for_party("p1")
    assert {party: [h.hook_id for h in hooks] for party, hooks in found.items()} == {
        "p1": ["h1", "h2"],
        "p3": [],
    }
    assert found["p1"] == one


def test_one_relay_at_a_time(engine: Engine) -> None:
    with SqlUnitOfWork(engine) as first:
        assert first.deliveries.lock_relay()
        if engine.dialect.name == "postgresql":  # (SQLite: one writer at a time anyway)
            with SqlUnitOfWork(engine) as second:
                assert not second.deliveries.lock_relay()
    with SqlUnitOfWork(engine) as third:  # the first transaction ended: free again
        assert third.deliveries.lock_relay()


def test_a_lease_is_renewed_while_it_holds_and_not_once_another_worker_took_it(
    engine: Engine,
) -> None:
    ids = queue(engine, "h", 2)
    assert claim(engine, per_hook=2) == ids  # leased till LEASE
    later = LEASE + timedelta(minutes=1)
    with SqlUnitOfWork(engine) as uow:
        assert uow.deliveries.renew(ids, LEASE, later)  # still held: renewed
        uow.commit()
    assert claim(engine, per_hook=2, now=LEASE + timedelta(seconds=1)) == []  # held longer
    taken = claim(engine, per_hook=2, now=later + timedelta(seconds=1))  # ran out: taken
    assert taken == ids
    with SqlUnitOfWork(engine) as uow:
        assert not uow.deliveries.renew(ids, later, later + timedelta(minutes=5))  # lost


def test_due_now_releases_a_back_off_but_not_a_lease(engine: Engine) -> None:
    waiting = queue(engine, "w", 2, due=NOW + timedelta(hours=2))  # a retry in 2 hours
    queue(engine, "l", 1)
    assert claim(engine, per_hook=1) == ["l-0"]  # leased till LEASE
    with SqlUnitOfWork(engine) as uow:
        assert uow.deliveries.due_now("w", NOW) == 2
        assert uow.deliveries.due_now("l", NOW) == 0
        uow.commit()
    assert claim(engine, per_hook=2) == waiting  # due now; the leased one still held


def test_a_hook_whose_later_delivery_is_leased_is_not_claimed_ahead_of_it(
    engine: Engine,
) -> None:
    ids = queue(engine, "h", 2)
    with SqlUnitOfWork(engine) as uow:
        uow.deliveries.lease([ids[1]], LEASE)  # a worker sends the second one
        uow.commit()
    assert claim(engine, per_hook=2) == []  # the first (resent, say) waits for it
