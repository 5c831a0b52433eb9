"""Issue 16, finding 1: a purchaseOrder route acts only on an order whose buyer is the
caller's party, a salesOrder route only on documents the caller's party received as the
seller. Both parties of an order hold a key, so every check is of the role, not the key."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import BUYER, SELLER, Hub


def send_order(hub: Hub, xml: bytes) -> str:
    answer: Any = hub.send(xml)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["id"])


def respond(hub: Hub, document_id: str, status: str = "AB") -> str:
    answer = hub.client.post(
        f"/api/v1/{SELLER}/salesOrder/{document_id}/response",
        json={"status": status},
        headers=hub.headers(SELLER),
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["id"])


def history(hub: Hub, order_id: str) -> list[str]:
    answer = hub.client.get(
        f"/api/v1/{BUYER}/purchaseOrder/{order_id}/status", headers=hub.headers(BUYER)
    )
    return [step["name"] for step in answer.json()]


def test_a_seller_cannot_cancel_its_buyers_order_with_its_own_response(
    hub: Hub, order_xml: bytes
) -> None:
    order_id = send_order(hub, order_xml)
    response_id = respond(hub, order_id)
    forged = hub.client.post(
        f"/api/v1/{SELLER}/purchaseOrder/{response_id}/cancel",
        json={"cancellationNote": "forged"},
        headers=hub.headers(SELLER),
    )
    assert forged.status_code == 404, forged.text
    assert history(hub, order_id) == ["Delivered", "OrderResponseAB"]


def test_a_seller_cannot_cancel_an_order_it_received(hub: Hub, order_xml: bytes) -> None:
    order_id = send_order(hub, order_xml)
    answer = hub.client.post(
        f"/api/v1/{SELLER}/purchaseOrder/{order_id}/cancel",
        json={"cancellationNote": "forged"},
        headers=hub.headers(SELLER),
    )
    assert answer.status_code == 404
    assert history(hub, order_id) == ["Delivered"]


def test_a_buyer_cannot_cancel_with_its_own_cancellation_as_the_order(
    hub: Hub, order_xml: bytes
) -> None:
    order_id = send_order(hub, order_xml)
    first = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/{order_id}/cancel",
        json={"cancellationNote": "Ordered twice"},
        headers=hub.headers(BUYER),
    )
    assert first.status_code == 200, first.text
    again = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/{first.json()['id']}/cancel",
        json={"cancellationNote": "again"},
        headers=hub.headers(BUYER),
    )
    assert again.status_code == 404


def test_a_seller_reads_no_purchase_order_route_of_an_order_it_received(
    hub: Hub, order_xml: bytes
) -> None:
    order_id = send_order(hub, order_xml)
    response_id = respond(hub, order_id)
    for path in (
        f"purchaseOrder/{order_id}/status",
        f"purchaseOrder/{response_id}/status",
        f"purchaseOrder/{order_id}/versions",
        f"purchaseOrder/{order_id}/changes",
        f"purchaseOrder/{order_id}/responses",
        f"purchaseOrder/{order_id}/responses/{response_id}",
    ):
        answer = hub.client.get(f"/api/v1/{SELLER}/{path}", headers=hub.headers(SELLER))
        assert answer.status_code == 404, (path, answer.status_code)


def test_a_buyer_reads_no_sales_order_route_of_an_order_it_sent(hub: Hub, order_xml: bytes) -> None:
    order_id = send_order(hub, order_xml)
    response_id = respond(hub, order_id)
    for path in (
        f"salesOrder/{order_id}/status",
        f"salesOrder/{response_id}/status",
        f"salesOrder/{order_id}/versions",
        f"salesOrder/{order_id}/changes",
        f"salesOrder/{order_id}/download",
        f"salesOrder/{response_id}/download",
    ):
        answer = hub.client.get(f"/api/v1/{BUYER}/{path}", headers=hub.headers(BUYER))
        assert answer.status_code == 404, (path, answer.status_code)
    for method, path in (
        ("DELETE", f"salesOrder/{order_id}"),
        ("DELETE", f"salesOrder/{response_id}"),
        ("POST", f"salesOrder/{order_id}/response"),
        ("POST", f"salesOrder/{response_id}/response"),
    ):
        answer = hub.client.request(
            method,
            f"/api/v1/{BUYER}/{path}",
            json={"status": "AP"} if method == "POST" else None,
            headers=hub.headers(BUYER),
        )
        assert answer.status_code == 404, (method, path, answer.status_code)


def test_each_party_still_reads_its_own_side_of_the_order(hub: Hub, order_xml: bytes) -> None:
    order_id = send_order(hub, order_xml)
    response_id = respond(hub, order_id, "AB")
    for party, path in (
        (BUYER, f"purchaseOrder/{order_id}/status"),
        (BUYER, f"purchaseOrder/{order_id}/versions"),
        (BUYER, f"purchaseOrder/{order_id}/changes"),
        (BUYER, f"purchaseOrder/{order_id}/responses/{response_id}"),
        (SELLER, f"salesOrder/{order_id}/status"),
        (SELLER, f"salesOrder/{order_id}/versions"),
        (SELLER, f"salesOrder/{order_id}/changes"),
        (SELLER, f"salesOrder/{order_id}/download"),
    ):
        answer = hub.client.get(f"/api/v1/{party}/{path}", headers=hub.headers(party))
        assert answer.status_code == 200, (party, path, answer.status_code)
