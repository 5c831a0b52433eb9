"""Commerce notifications reach a real loopback receiver through the outbox and the
delivery worker, signed (Standard Webhooks) with the callback's secret."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from ordex.webhooks import verify
from tests.e2e.commerce_shop import Shop, shop
from tests.e2e.test_commerce_api import SEED_SAMPLES
from tests.receiver import Receiver, loopback_receiver

__all__ = ["shop"]
CALLBACKS = "/administration/v1/notification-callbacks"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with loopback_receiver() as receiver:
        yield receiver


def register(shop: Shop, url: str, types: list[str]) -> Any:
    answer = shop.post(CALLBACKS, {"callbackUrl": url, "notificationTypes": types})
    assert answer.status_code == 200, answer.text
    return answer.json()


def received(shop: Shop, receiver: Receiver, secret: str) -> list[dict[str, Any]]:
    """Every body received so far, each checked against its signature first."""
    for request in receiver.requests:
        verify(secret, request.headers, request.body, now=shop.clock.now().timestamp())
    return [json.loads(request.body) for request in receiver.requests]


def test_outcomes_and_the_completed_refund_arrive_signed(shop: Shop, receiver: Receiver) -> None:
    callback = register(shop, receiver.url, ["accounting/refundCompleted"])
    assert callback["secret"].startswith("whsec_")
    assert callback["notificationTypes"] == [
        "accounting/EDIErrorSent",
        "accounting/refundCompleted",
    ]
    shop.create_order("N-1")
    accepted = shop.cancel("N-1", SEED_SAMPLES[0], **{"X-Request-ID": "shop-req-1"})
    refused = shop.cancel("N-1", SEED_SAMPLES[1])
    shop.drain()
    bodies = received(shop, receiver, callback["secret"])
    assert [b["notificationType"] for b in bodies] == ["accounting/EDIErrorSent"] * 3
    outcomes = {b["parameters"]["internalRequestId"]: b["parameters"] for b in bodies}
    ok = outcomes[accepted.json()["internalRequestId"]]
    assert (ok["status"], ok["requestType"], ok["requestId"]) == (
        "SUCCESS",
        "CANCELLATION",
        "shop-req-1",
    )
    error = outcomes[refused.json()["internalRequestId"]]
    assert error["status"] == "ERROR" and "already cancelled" in error["errors"][0]["message"]

    assert shop.order("N-1")["refunds"][0]["status"] == "pending"
    shop.clock.advance(seconds=5)  # refunds pay out asynchronously, after a short delay
    shop.drain()
    bodies = received(shop, receiver, callback["secret"])
    assert bodies[-1]["notificationType"] == "accounting/refundCompleted"
    refund = bodies[-1]["parameters"]
    assert (refund["amount"], refund["currency"], refund["refundMethod"], refund["iban"]) == (
        "99.99",
        "EUR",
        "BANK_TRANSFER",
        "DE51100100501234567890",
    )
    assert refund["internalRequestId"] == accepted.json()["internalRequestId"]
    assert shop.order("N-1")["refunds"][0]["status"] == "completed"
    shop.drain()
    assert len(receiver.requests) == 4  # three outcomes, one refund: nothing twice


def test_callbacks_are_listed_replayed_and_deleted_by_their_owner_only(
    shop: Shop, receiver: Receiver
) -> None:
    callback = register(shop, receiver.url, [])
    shop.create_order("N-2")
    shop.drain()
    listed = shop.client.get(CALLBACKS, headers=shop.headers()).json()
    assert [c["id"] for c in listed] == [callback["id"]]
    assert listed[0]["secret"] is None  # shown once, at registration
    deliveries = shop.client.get(
        f"{CALLBACKS}/{callback['id']}/deliveries", headers=shop.headers()
    ).json()
    assert [d["status"] for d in deliveries] == ["succeeded"]
    resent = shop.client.post(
        f"{CALLBACKS}/{callback['id']}/deliveries/{deliveries[0]['id']}/resend",
        headers=shop.headers(),
    )
    assert resent.status_code == 200
    shop.drain()
    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body
    stranger = shop.client.delete(
        f"{CALLBACKS}/{callback['id']}", headers={"X-Subscription-Key": shop.other_key}
    )
    assert stranger.status_code == 404
    deleted = shop.client.delete(f"{CALLBACKS}/{callback['id']}", headers=shop.headers())
    assert deleted.status_code == 204
    assert shop.client.get(CALLBACKS, headers=shop.headers()).json() == []
    unknown = shop.post(CALLBACKS, {"callbackUrl": receiver.url, "notificationTypes": ["nope"]})
    assert unknown.status_code == 400
    assert unknown.json()["errors"][0]["field"] == "notificationTypes[0]"
