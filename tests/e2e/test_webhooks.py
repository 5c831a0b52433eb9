"""Hooks over HTTP, delivered to a real loopback receiver by the worker drained inline."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.delivery.worker import drain
from ordex.domain.hooks import RetrySchedule
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.storage import tables as t
from ordex.webhooks import verify
from tests.e2e.conftest import BUYER, SELLER, Hub
from tests.receiver import Receiver, loopback_receiver
from tests.unit.fakes import FakeClock

NO_JITTER = RetrySchedule(jitter=0)


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


def register(hub: Hub, party: str, url: str, topics: list[str], secret: str = "s3cret") -> Any:
    answer = hub.client.put(
        f"/api/v1/{party}/hook",
        json={"name": "erp", "action": url, "topics": topics, "secret": secret},
        headers=hub.headers(party),
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def run_worker(hub: Hub, schedule: RetrySchedule = NO_JITTER) -> int:
    assert hub.runtime.ctx.transport is not None
    return drain(hub.runtime.ctx, hub.runtime.ctx.transport, schedule)


def test_the_supplier_hears_of_a_new_order_with_a_verifiable_signature(
    hub: Hub, receiver: Receiver, order_xml: bytes
) -> None:
    hook = register(hub, SELLER, receiver.url, ["OrderReceived"])
    document_id = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    assert run_worker(hub) == 1
    [request] = receiver.requests
    verify("s3cret", request.headers, request.body, now=hub.clock.now().timestamp())
    payload = json.loads(request.body)
    assert payload["topic"] == "OrderReceived"
    assert payload["partyId"] == SELLER and payload["senderPartyId"] == BUYER
    assert payload["documentId"] == document_id and payload["hookId"] == hook["id"]
    assert {"message", "details", "createdOn", "sentOn"} <= payload.keys()
    assert request.headers["X-EConnect-Signature"].startswith("sha256=")


def test_wildcard_topics_take_every_matching_event(
    hub: Hub, receiver: Receiver, order_xml: bytes
) -> None:
    register(hub, BUYER, receiver.url, ["*Received"])
    document_id = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    hub.client.post(
        f"/api/v1/{SELLER}/salesOrder/{document_id}/response",
        json={"status": "AP"},
        headers=hub.headers(SELLER),
    )
    run_worker(hub)
    assert [json.loads(r.body)["topic"] for r in receiver.requests] == ["OrderResponseReceived"]


def test_a_failing_receiver_is_retried_with_the_same_webhook_id_until_it_recovers(
    hub: Hub, receiver: Receiver, order_xml: bytes
) -> None:
    register(hub, SELLER, receiver.url, ["OrderReceived"])
    receiver.answer(500)
    hub.send(order_xml)
    run_worker(hub)
    assert len(receiver.requests) == 1
    hub.clock.advance(seconds=4)
    run_worker(hub)
    assert len(receiver.requests) == 1  # not before the 5 s of the schedule
    hub.clock.advance(seconds=1)
    run_worker(hub)
    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    with hub.runtime.engine.connect() as conn:
        statuses = conn.execute(select(t.delivery_attempts.c.status_code)).scalars().all()
        topics = conn.execute(select(t.outbox.c.topic)).scalars().all()
    assert statuses == [500, 200]
    assert "HookSentRetry" in topics


def test_retry_after_is_honoured(hub: Hub, receiver: Receiver, order_xml: bytes) -> None:
    register(hub, SELLER, receiver.url, ["OrderReceived"])
    receiver.answer(503, **{"Retry-After": "120"})
    hub.send(order_xml)
    run_worker(hub)
    hub.clock.advance(seconds=119)
    run_worker(hub)
    assert len(receiver.requests) == 1
    hub.clock.advance(seconds=1)
    run_worker(hub)
    assert len(receiver.requests) == 2


def test_a_410_disables_the_hook_and_the_party_sees_why(
    hub: Hub, receiver: Receiver, order_xml: bytes
) -> None:
    register(hub, SELLER, receiver.url, ["OrderReceived"])
    receiver.answer(410)
    hub.send(order_xml)
    run_worker(hub)
    [hook] = hub.client.get(f"/api/v1/{SELLER}/hook", headers=hub.headers(SELLER)).json()
    assert hook["isActive"] is False and "410" in hook["disabledReason"]
    hub.clock.advance(hours=1)
    run_worker(hub)
    assert len(receiver.requests) == 1


def test_after_the_last_try_the_delivery_fails_and_hooksenterror_is_raised(
    hub: Hub, receiver: Receiver, order_xml: bytes
) -> None:
    register(hub, SELLER, receiver.url, ["OrderReceived"])
    for _ in range(3):
        receiver.answer(500)
    hub.send(order_xml)
    schedule = RetrySchedule(delays=(timedelta(0), timedelta(seconds=5)), jitter=0)
    for _ in range(3):
        run_worker(hub, schedule)
        hub.clock.advance(seconds=5)
    assert len(receiver.requests) == 2
    with hub.runtime.engine.connect() as conn:
        status = conn.execute(select(t.deliveries.c.status)).scalars().all()
        topics = conn.execute(select(t.outbox.c.topic)).scalars().all()
    assert status == ["failed"]
    assert topics.count("HookSentError") == 1


def test_one_hooks_events_go_out_in_order_and_a_down_hook_holds_back_no_other(
    hub: Hub, order_xml: bytes
) -> None:
    with loopback_receiver() as down, loopback_receiver() as up:
        register(hub, SELLER, down.url, ["OrderReceived"])
        register(hub, SELLER, up.url, ["OrderReceived"])
        down.answer(500)
        first = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
        hub.clock.advance(seconds=1)
        second = hub.send(order_xml.replace(b"PO-2026-0001", b"PO-2")).json()["id"]  # type: ignore[attr-defined]
        run_worker(hub)
        assert [json.loads(r.body)["documentId"] for r in up.requests] == [first, second]
        assert [json.loads(r.body)["documentId"] for r in down.requests] == [first]
        hub.clock.advance(seconds=5)
        run_worker(hub)
        assert [json.loads(r.body)["documentId"] for r in down.requests] == [first, first, second]


def test_a_long_answer_is_kept_as_a_2_kb_excerpt_and_the_next_delivery_still_goes_out(
    hub: Hub, receiver: Receiver, order_xml: bytes
) -> None:
    hook = register(hub, SELLER, receiver.url, ["OrderReceived"])
    receiver.answer(500, body=b"x" * 100_000)
    hub.send(order_xml)
    run_worker(hub)
    hub.clock.advance(seconds=5)
    run_worker(hub)
    assert len(receiver.requests) == 2
    [listed] = hub.client.get(
        f"/api/v1/{SELLER}/hook/{hook['id']}/deliveries", headers=hub.headers(SELLER)
    ).json()
    history = listed["history"]
    assert [len(a["responseExcerpt"]) for a in history] == [2048, 2]
    assert [a["statusCode"] for a in history] == [500, 200]


def test_ping_reaches_every_active_hook(hub: Hub, receiver: Receiver) -> None:
    register(hub, SELLER, receiver.url, ["OrderReceived"])
    answer = hub.client.get(f"/api/v1/{SELLER}/hook/ping", headers=hub.headers(SELLER))
    assert answer.json() == {"queued": 1}
    run_worker(hub)
    assert json.loads(receiver.requests[0].body)["topic"] == "Ping"


def test_hooks_are_replaced_by_id_deleted_and_invisible_to_other_parties(
    hub: Hub, receiver: Receiver
) -> None:
    hook = register(hub, SELLER, receiver.url, ["OrderReceived"])
    replaced = hub.client.put(
        f"/api/v1/{SELLER}/hook",
        json={"id": hook["id"], "action": receiver.url, "topics": ["*"]},
        headers=hub.headers(SELLER),
    ).json()
    assert replaced["id"] == hook["id"] and replaced["topics"] == ["*"]
    foreign = hub.client.delete(f"/api/v1/{BUYER}/hook/{hook['id']}", headers=hub.headers(BUYER))
    assert foreign.status_code == 404
    gone = hub.client.delete(f"/api/v1/{SELLER}/hook/{hook['id']}", headers=hub.headers(SELLER))
    assert gone.status_code == 204
    assert hub.client.get(f"/api/v1/{SELLER}/hook", headers=hub.headers(SELLER)).json() == []


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://127.0.0.1:9/hook", "private"),
        ("http://example.com/hook", "must use https"),
        ("https://10.1.2.3/hook", "private"),
        ("https://169.254.169.254/latest/meta-data", "link-local"),
        ("ftp://example.com/hook", "not an http"),
        ("https://[64:ff9b::a00:1]/hook", "NAT64, reaching 10.0.0.1"),
        ("https://[2002:a9fe:a9fe::1]/hook", "6to4, reaching 169.254.169.254"),
        ("https://[fec0::1]/hook", "site-local"),
        ("https://[ff0e::1]/hook", "multicast"),
    ],
)
def test_hook_targets_on_private_networks_are_refused_by_default(
    tmp_path: Path, url: str, words: str
) -> None:
    rt = bootstrap(Settings(database_url=f"sqlite:///{tmp_path / 'x.db'}"), clock=FakeClock())
    _, key = create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])
    with TestClient(create_app(rt)) as client:
        answer = client.put(
            f"/api/v1/{SELLER}/hook",
            json={"action": url, "topics": ["OrderReceived"]},
            headers={"Authorization": f"Bearer {key}"},
        )
    assert answer.status_code == 400
    assert words in answer.json()["message"]


def test_an_unknown_topic_is_refused(hub: Hub, receiver: Receiver) -> None:
    answer = hub.client.put(
        f"/api/v1/{SELLER}/hook",
        json={"action": receiver.url, "topics": ["OrderRecieved"]},
        headers=hub.headers(SELLER),
    )
    assert answer.status_code == 400 and "OrderRecieved" in answer.json()["message"]


def test_deliveries_are_listed_with_attempts_and_can_be_resent_or_recovered(
    hub: Hub, receiver: Receiver, order_xml: bytes
) -> None:
    hook = register(hub, SELLER, receiver.url, ["OrderReceived"])
    receiver.answer(500, **{"Content-Type": "text/plain"})
    hub.send(order_xml)
    schedule = RetrySchedule(delays=(timedelta(0),), jitter=0)
    run_worker(hub, schedule)
    base = f"/api/v1/{SELLER}/hook/{hook['id']}/deliveries"
    [failed] = hub.client.get(base, headers=hub.headers(SELLER)).json()
    assert failed["status"] == "failed" and failed["lastStatusCode"] == 500
    assert failed["history"][0]["statusCode"] == 500
    assert failed["history"][0]["responseExcerpt"] == "ok"

    recovered = hub.client.post(
        f"{base}/recover", json={"since": "2000-01-01T00:00:00"}, headers=hub.headers(SELLER)
    )
    assert recovered.json() == {"queued": 1, "released": 0}
    run_worker(hub)
    [done] = hub.client.get(base, headers=hub.headers(SELLER)).json()
    assert done["status"] == "succeeded" and len(done["history"]) == 2

    resent = hub.client.post(f"{base}/{done['id']}/resend", headers=hub.headers(SELLER))
    assert resent.status_code == 200
    run_worker(hub)
    ids = [r.headers["webhook-id"] for r in receiver.requests]
    assert ids == [done["id"]] * 3
    missing = hub.client.post(f"{base}/nope/resend", headers=hub.headers(SELLER))
    assert missing.status_code == 404


def test_a_hook_failing_for_five_days_is_disabled_with_the_reason(
    hub: Hub, receiver: Receiver, order_xml: bytes
) -> None:
    register(hub, SELLER, receiver.url, ["OrderReceived"])
    for _ in range(20):
        receiver.answer(500)
    hub.send(order_xml)
    long_schedule = RetrySchedule(delays=(timedelta(0),) + (timedelta(days=1),) * 10, jitter=0)
    for _ in range(7):
        run_worker(hub, long_schedule)
        hub.clock.advance(days=1)
    [state] = hub.client.get(f"/api/v1/{SELLER}/hook", headers=hub.headers(SELLER)).json()
    assert state["isActive"] is False
    assert "5 days" in state["disabledReason"]
    assert len(receiver.requests) == 6  # day 0 to day 5, then disabled


def test_both_parties_hear_of_an_order_change(hub: Hub, order_xml: bytes) -> None:
    with loopback_receiver() as receiver:
        for party in (BUYER, SELLER):
            register(hub, party, receiver.url, ["OrderChange*"])
        hub.send(order_xml)
        change = order_xml.replace(
            b"<cbc:ID>PO-2026-0001</cbc:ID>", b"<cbc:ID>PO-2026-0001-B</cbc:ID>"
        ).replace(
            b"<cac:BuyerCustomerParty>",
            b"<cac:OrderReference><cbc:ID>PO-2026-0001</cbc:ID></cac:OrderReference>"
            b"<cac:BuyerCustomerParty>",
            1,
        )
        assert hub.send(change).status_code == 200  # type: ignore[attr-defined]
        run_worker(hub)
    topics = sorted(json.loads(r.body)["topic"] for r in receiver.requests)
    assert topics == ["OrderChangeReceived", "OrderChangeSent"]
