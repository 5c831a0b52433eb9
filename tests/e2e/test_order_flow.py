"""A buyer orders, the supplier downloads and answers, the buyer sees it; then cancels."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import BUYER, SELLER, Hub


def send_order(hub: Hub, xml: bytes) -> str:
    answer: Any = hub.send(xml)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["id"])


def respond(hub: Hub, document_id: str, body: dict[str, Any]) -> Any:
    return hub.client.post(
        f"/api/v1/{SELLER}/salesOrder/{document_id}/response",
        json=body,
        headers=hub.headers(SELLER),
    )


def test_the_supplier_downloads_the_order_exactly_as_the_buyer_sent_it(
    hub: Hub, order_xml: bytes
) -> None:
    document_id = send_order(hub, order_xml)
    answer = hub.client.get(
        f"/api/v1/{SELLER}/salesOrder/{document_id}/download", headers=hub.headers(SELLER)
    )
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/xml")
    assert answer.content == order_xml


def test_the_json_view_shows_parties_lines_amounts_and_delivery(hub: Hub, order_xml: bytes) -> None:
    document_id = send_order(hub, order_xml)
    view = hub.client.get(
        f"/api/v1/{SELLER}/salesOrder/{document_id}/download",
        headers=hub.headers(SELLER, Accept="application/json"),
    ).json()
    order = view["document"]
    assert view["documentType"] == "Order" and view["transaction"] == "T01"
    assert order["number"] == "PO-2026-0001"
    assert order["buyer"]["endpoint"] == {"scheme": "0088", "value": "7300010000001"}
    assert [line["lineId"] for line in order["lines"]] == ["1", "2"]
    assert order["lines"][0]["quantity"] == "20"
    assert order["totals"]["payable"] == "625.00"
    assert order["delivery"]["requestedPeriod"]["start"] == "2026-12-01"


def test_a_multipart_upload_is_accepted_like_a_raw_body(hub: Hub, order_xml: bytes) -> None:
    answer = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/send",
        files={"file": ("order.xml", order_xml, "application/xml")},
        headers=hub.headers(BUYER),
    )
    assert answer.status_code == 200, answer.text


def test_the_supplier_lists_received_orders_page_by_page(hub: Hub, order_xml: bytes) -> None:
    ids = []
    for n in range(3):
        ids.append(send_order(hub, order_xml.replace(b"PO-2026-0001", f"PO-{n}".encode())))
        hub.clock.advance(seconds=1)
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = hub.client.get(
            f"/api/v1/{SELLER}/salesOrder", params=params, headers=hub.headers(SELLER)
        ).json()
        seen += [item["documentId"] for item in page["items"]]
        cursor = page["nextCursor"]
        if cursor is None:
            break
    assert seen == ids
    received = hub.client.get(
        f"/api/v1/{SELLER}/salesOrder", params={"state": "received"}, headers=hub.headers(SELLER)
    ).json()
    assert len(received["items"]) == 3
    sent = hub.client.get(f"/api/v1/{BUYER}/purchaseOrder", headers=hub.headers(BUYER)).json()
    assert [item["orderState"] for item in sent["items"]] == ["received"] * 3


def test_ab_then_ap_reaches_the_buyer_as_t116_responses(hub: Hub, order_xml: bytes) -> None:
    document_id = send_order(hub, order_xml)
    assert respond(hub, document_id, {"status": "AB"}).status_code == 200
    hub.clock.advance(minutes=5)
    assert respond(hub, document_id, {"status": "AP", "note": "Ships Friday"}).status_code == 200

    responses = hub.client.get(
        f"/api/v1/{BUYER}/purchaseOrder/{document_id}/responses", headers=hub.headers(BUYER)
    ).json()
    assert responses["orderState"] == "accepted"
    assert [r["statusCode"] for r in responses["items"]] == ["AB", "AP"]
    xml = hub.client.get(responses["items"][1]["href"], headers=hub.headers(BUYER))
    assert xml.status_code == 200
    assert b"order_response_advanced:3" in xml.content
    assert b"<cbc:OrderResponseCode>AP</cbc:OrderResponseCode>" in xml.content
    assert b"UBLVersionID" not in xml.content
    as_json = hub.client.get(
        responses["items"][1]["href"], headers=hub.headers(BUYER, Accept="application/json")
    ).json()
    assert as_json["document"]["code"] == "AP"
    assert as_json["document"]["note"] == "Ships Friday"

    history = hub.client.get(
        f"/api/v1/{BUYER}/purchaseOrder/{document_id}/status", headers=hub.headers(BUYER)
    ).json()
    assert [step["name"] for step in history] == ["Delivered", "OrderResponseAB", "OrderResponseAP"]


def test_the_psb_sdk_status_names_are_understood(hub: Hub, order_xml: bytes) -> None:
    document_id = send_order(hub, order_xml)
    assert respond(hub, document_id, {"status": "Acknowledge"}).status_code == 200
    assert respond(hub, document_id, {"status": "Reject"}).status_code == 200
    history = hub.client.get(
        f"/api/v1/{BUYER}/purchaseOrder/{document_id}/status", headers=hub.headers(BUYER)
    ).json()
    assert history[-1]["name"] == "OrderResponseRE"


def test_a_ca_with_lines_is_rendered_with_every_line(hub: Hub, order_xml: bytes) -> None:
    document_id = send_order(hub, order_xml)
    answer = respond(
        hub,
        document_id,
        {
            "status": "CA",
            "note": "Only 10 gloves in stock",
            "lines": [
                {"lineId": "1", "status": "changed", "quantity": "10", "unitCode": "C62"},
                {"lineId": "2", "status": "accepted"},
            ],
        },
    )
    assert answer.status_code == 200, answer.text
    responses = hub.client.get(
        f"/api/v1/{BUYER}/purchaseOrder/{document_id}/responses", headers=hub.headers(BUYER)
    ).json()
    xml = hub.client.get(responses["items"][0]["href"], headers=hub.headers(BUYER)).content
    assert xml.count(b"<cac:OrderLine>") == 2
    assert b"<cbc:LineStatusCode>3</cbc:LineStatusCode>" in xml


def test_the_buyer_cancels_and_the_supplier_accepts_the_cancellation(
    hub: Hub, order_xml: bytes
) -> None:
    document_id = send_order(hub, order_xml)
    answer = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/{document_id}/cancel",
        json={"cancellationNote": "Ordered twice by mistake"},
        headers=hub.headers(BUYER),
    )
    assert answer.status_code == 200, answer.text
    cancellation_id = answer.json()["id"]
    assert answer.json()["transaction"] == "T115"

    received = hub.client.get(
        f"/api/v1/{SELLER}/salesOrder/{cancellation_id}/download", headers=hub.headers(SELLER)
    )
    assert received.status_code == 200
    assert b"<cbc:CancellationNote>Ordered twice by mistake</cbc:CancellationNote>" in (
        received.content
    )
    state = hub.client.get(f"/api/v1/{SELLER}/salesOrder", headers=hub.headers(SELLER)).json()[
        "items"
    ][0]["orderState"]
    assert state == "cancellation_requested"

    assert respond(hub, cancellation_id, {"status": "AP"}).status_code == 200
    history = hub.client.get(
        f"/api/v1/{BUYER}/purchaseOrder/{document_id}/status", headers=hub.headers(BUYER)
    ).json()
    assert [step["name"] for step in history][-2:] == ["CancellationRequested", "OrderResponseAP"]
    again = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/{document_id}/cancel",
        json={"cancellationNote": "again"},
        headers=hub.headers(BUYER),
    )
    assert again.status_code == 409
    assert "cancelled" in again.json()["message"]


def test_a_rejected_cancellation_keeps_the_order_standing(hub: Hub, order_xml: bytes) -> None:
    document_id = send_order(hub, order_xml)
    respond(hub, document_id, {"status": "AP"})
    cancellation_id = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/{document_id}/cancel",
        json={"cancellationNote": "Budget cut"},
        headers=hub.headers(BUYER),
    ).json()["documentId"]
    answer = respond(hub, cancellation_id, {"status": "RE", "note": "Already shipped"})
    assert answer.status_code == 200
    responses = hub.client.get(
        f"/api/v1/{BUYER}/purchaseOrder/{document_id}/responses", headers=hub.headers(BUYER)
    ).json()
    assert responses["orderState"] == "accepted"


@pytest.mark.parametrize("status", ["RE", "AP", "AB"])
def test_an_answer_to_the_order_while_its_cancellation_is_pending_is_refused_naming_it(
    hub: Hub, order_xml: bytes, status: str
) -> None:
    document_id = send_order(hub, order_xml)
    respond(hub, document_id, {"status": "AB"})
    cancellation_id = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/{document_id}/cancel",
        json={"cancellationNote": "Budget cut"},
        headers=hub.headers(BUYER),
    ).json()["documentId"]
    refused = respond(hub, document_id, {"status": status})
    assert refused.status_code == 409
    assert refused.json()["errorCode"] == "RESPONSE_NOT_ALLOWED"
    assert refused.json()["awaitingDocumentId"] == cancellation_id
    assert cancellation_id in refused.json()["message"]
    responses = hub.client.get(
        f"/api/v1/{BUYER}/purchaseOrder/{document_id}/responses", headers=hub.headers(BUYER)
    ).json()
    assert responses["orderState"] == "cancellation_requested"
    assert [item["statusCode"] for item in responses["items"]] == ["AB"]


def test_an_oauth_token_from_connect_token_works_like_the_key(hub: Hub, order_xml: bytes) -> None:
    token = hub.client.post(
        "/connect/token",
        data={
            "grant_type": "client_credentials",
            "client_id": "me",
            "client_secret": hub.keys[BUYER],
            "scope": "ap",
        },
    ).json()
    assert token["expires_in"] == 3600 and token["token_type"] == "Bearer"
    answer = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/send",
        content=order_xml,
        headers={
            "Authorization": f"Bearer {token['access_token']}",
            "Content-Type": "application/xml",
        },
    )
    assert answer.status_code == 200
    hub.clock.advance(seconds=3601)
    expired = hub.client.get(
        f"/api/v1/{BUYER}/purchaseOrder",
        headers={"Authorization": f"Bearer {token['access_token']}"},
    )
    assert expired.status_code == 401


def test_query_recipient_party_answers_the_one_candidate_that_receives_here(hub: Hub) -> None:
    """One LookupParty, not an array, as the PSB SDKs deserialize it (PHP
    QbilSoftware/econnect-psb-php docs/Api/PurchaseOrderApi.md returns LookupParty)."""
    answer = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/queryRecipientParty",
        params={"documentFamily": "OrderCancellation"},
        json=["0088:4000001000005", SELLER],
        headers=hub.headers(BUYER),
    ).json()
    assert answer == {
        "id": SELLER,
        "channel": "ordex",
        "description": answer["description"],
        "documentFamilies": ["OrderCancellation"],
    }


def test_query_recipient_party_with_no_candidate_here_answers_404_in_the_psb_shape(
    hub: Hub,
) -> None:
    answer = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/queryRecipientParty",
        json=["0088:4000001000005"],
        headers=hub.headers(BUYER),
    )
    assert answer.status_code == 404
    assert answer.json()["code"] == "API404" and "candidate" in answer.json()["message"]
