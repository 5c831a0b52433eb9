"""The Advanced Ordering conversation between a buyer on hub A and a seller on hub B, two
Peppol access points on loopback (each looks the other's parties up at its SMP): order,
CA response with lines, change, AP, cancellation, AP; each document crosses as a signed
and encrypted AS4 message and its receipt is verified and kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree
from sqlalchemy import select

from ordex.network.ports import Endpoint
from ordex.network.transmitter import As4Sender
from ordex.services.network import transmit_due
from ordex.storage.network_tables import network_transmissions
from tests.network.hubs import BUYER, SELLER, PeppolHub, two_hubs

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
REFERENCE = b"<cac:OrderReference><cbc:ID>PO-2026-0001</cbc:ID></cac:OrderReference>"


@pytest.fixture(scope="module")
def hubs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PeppolHub, PeppolHub]]:
    with two_hubs(tmp_path_factory.mktemp("two-hubs")) as pair:
        yield pair


def _transmissions(hub: PeppolHub) -> list[Any]:
    with hub.runtime.engine.connect() as conn:
        return list(conn.execute(select(network_transmissions)))


def _outbox_topics(hub: PeppolHub, party: str) -> list[str]:
    from ordex.storage.tables import outbox

    with hub.runtime.engine.connect() as conn:
        rows = conn.execute(select(outbox.c.topic).where(outbox.c.party_id == party))
        return [row.topic for row in rows]


def _c14n(xml: bytes) -> bytes:
    return etree.tostring(etree.fromstring(xml), method="c14n")


def _cross(source: PeppolHub) -> None:
    assert source.transmit() == 1
    assert all(row.status == "delivered" for row in _transmissions(source))


def test_order_response_change_and_cancellation_cross_between_two_access_points(
    hubs: tuple[PeppolHub, PeppolHub],
) -> None:
    a, b = hubs
    order = (EXAMPLES / "order.xml").read_bytes()
    sent = a.api(
        "POST", "purchaseOrder/send", content=order, headers={"Content-Type": "application/xml"}
    )
    assert sent.status_code == 200, sent.text
    order_id = sent.json()["id"]
    [pending] = _transmissions(a)
    assert pending.status == "pending" and pending.receiver == SELLER
    _cross(a)
    [row] = _transmissions(a)
    assert row.receipt and row.message_id
    assert "OrderDeliveredToNetwork" in _outbox_topics(a, BUYER)
    history = [entry["name"] for entry in a.api("GET", f"purchaseOrder/{order_id}/status").json()]
    assert history == ["Delivered", "DeliveredToNetwork"]
    # hub B: the seller has the order as sent
    listed = b.api("GET", "salesOrder").json()["items"]
    [received] = [item for item in listed if item["documentType"] == "Order"]
    downloaded = b.api("GET", f"salesOrder/{received['documentId']}/download")
    assert _c14n(downloaded.content) == _c14n(order)  # (the SBDH re-serialises it)
    # CA with lines, back to A
    answer = b.api(
        "POST",
        f"salesOrder/{received['documentId']}/response",
        json={
            "status": "CA",
            "note": "Only 10 gloves in stock",
            "lines": [
                {"lineId": "1", "status": "changed", "quantity": "10", "unitCode": "C62"},
                {"lineId": "2", "status": "accepted"},
            ],
        },
    )
    assert answer.status_code == 200, answer.text
    _cross(b)
    responses = a.api("GET", f"purchaseOrder/{order_id}/responses").json()["items"]
    assert len(responses) == 1
    xml = a.client.get(responses[0]["href"], headers=a.headers()).content
    assert xml.count(b"<cac:OrderLine>") == 2 and b"<cbc:LineStatusCode>3<" in xml
    # a change (an Order naming the first), answered AP
    change = (
        order.replace(b"<cbc:ID>PO-2026-0001</cbc:ID>", b"<cbc:ID>PO-2026-0001-B</cbc:ID>")
        .replace(b"<cac:BuyerCustomerParty>", REFERENCE + b"<cac:BuyerCustomerParty>", 1)
        .replace(b"Surgical masks, box of 50", b"Surgical masks type IIR, box of 50")
    )
    sent = a.api(
        "POST", "purchaseOrder/send", content=change, headers={"Content-Type": "application/xml"}
    )
    assert sent.status_code == 200, sent.text
    _cross(a)
    [t114] = [
        i for i in b.api("GET", "salesOrder").json()["items"] if i["documentType"] == "OrderChange"
    ]
    assert (
        b.api(
            "POST", f"salesOrder/{t114['documentId']}/response", json={"status": "AP"}
        ).status_code
        == 200
    )
    _cross(b)
    # cancellation, accepted
    cancelled = a.api(
        "POST", f"purchaseOrder/{order_id}/cancel", json={"cancellationNote": "Ordered twice"}
    )
    assert cancelled.status_code == 200, cancelled.text
    _cross(a)
    [t115] = [
        i
        for i in b.api("GET", "salesOrder").json()["items"]
        if i["documentType"] == "OrderCancellation"
    ]
    assert (
        b.api(
            "POST", f"salesOrder/{t115['documentId']}/response", json={"status": "AP"}
        ).status_code
        == 200
    )
    _cross(b)
    status = a.api("GET", f"purchaseOrder/{order_id}/status").json()
    assert "ancel" in str(status), status


class StaticDirectory:
    """Every participant at one endpoint (a test's stand-in for the SMP lookup)."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint

    def lookup(self, participant: Any, document_type: str, process: str) -> Endpoint:
        return self.endpoint


def _send(hub: PeppolHub, number: str, seller: str = SELLER) -> str:
    order = (
        (EXAMPLES / "order.xml")
        .read_bytes()
        .replace(b"<cbc:ID>PO-2026-0001</cbc:ID>", f"<cbc:ID>{number}</cbc:ID>".encode())
        .replace(SELLER.split(":")[1].encode(), seller.split(":")[1].encode())
    )
    answer = hub.api(
        "POST", "purchaseOrder/send", content=order, headers={"Content-Type": "application/xml"}
    )
    assert answer.status_code == 200, answer.text
    return str(answer.json()["id"])


def _row(hub: PeppolHub, document_id: str) -> Any:
    [row] = [row for row in _transmissions(hub) if row.document_id == document_id]
    return row


def _last_notice(hub: PeppolHub, document_id: str) -> Any:
    from ordex.storage.tables import outbox

    with hub.runtime.engine.connect() as conn:
        rows = list(conn.execute(select(outbox).where(outbox.c.document_id == document_id)))
    return [row for row in rows if "Network" in row.topic][-1]


def _sender_with(hub: PeppolHub, endpoint: Endpoint) -> As4Sender:
    return As4Sender(
        hub.runtime.access_point,  # type: ignore[arg-type]
        StaticDirectory(endpoint),
        allow_private=True,
        allow_http=True,
        timeout=5,
    )


def test_a_receiver_that_no_smp_knows_fails_for_good_and_the_sender_hears_why(
    hubs: tuple[PeppolHub, PeppolHub],
) -> None:
    a, _ = hubs
    document_id = _send(a, "PO-NOBODY-1", seller="0088:5790000435975")
    a.transmit()
    row = _row(a, document_id)
    assert row.status == "failed" and "not_registered" in row.last_error
    notice = _last_notice(a, document_id)
    assert notice.topic == "NetworkDeliveryFailed" and notice.party_id == BUYER
    assert "not_registered" in notice.message
    history = a.api("GET", f"purchaseOrder/{document_id}/status").json()
    assert history[-1]["name"] == "NetworkDeliveryFailed"


def test_a_transport_failure_is_retried_with_the_same_message_and_then_delivered(
    hubs: tuple[PeppolHub, PeppolHub],
) -> None:
    a, b = hubs
    document_id = _send(a, "PO-RETRY-1")
    certificate = b.runtime.access_point.certificate  # type: ignore[union-attr]
    pem = certificate.public_bytes(Encoding.PEM)
    dead = _sender_with(a, Endpoint("http://127.0.0.1:9/as4", pem))  # (discard: nobody)
    try:
        assert transmit_due(a.runtime.ctx, dead) == 1
    finally:
        dead.close()
    row = _row(a, document_id)
    assert row.status == "pending" and row.attempts == 1 and row.message_id
    assert _last_notice(a, document_id).topic == "NetworkDeliveryRetry"
    first_message = row.message_id
    with a.runtime.engine.begin() as conn:  # the AP is back (at its address), the retry due
        conn.execute(
            network_transmissions.update()
            .where(network_transmissions.c.document_id == document_id)
            .values(endpoint_url=b.url + "/as4", next_attempt_at=row.created_at)
        )
    assert a.transmit() == 1
    row = _row(a, document_id)
    assert (row.status, row.attempts, row.message_id) == ("delivered", 2, first_message)
    assert _last_notice(a, document_id).topic == "OrderDeliveredToNetwork"


def test_an_ebms_error_from_the_receiving_access_point_is_a_final_failure(
    hubs: tuple[PeppolHub, PeppolHub],
) -> None:
    a, b = hubs
    document_id = _send(a, "PO-REFUSED-1", seller="0088:5790000435975")
    pem = b.runtime.access_point.certificate.public_bytes(Encoding.PEM)  # type: ignore[union-attr]
    wrong = _sender_with(a, Endpoint(b.url + "/as4", pem))  # B hosts no such party
    try:
        transmit_due(a.runtime.ctx, wrong)
    finally:
        wrong.close()
    row = _row(a, document_id)
    assert row.status == "failed" and "PEPPOL:NOT_SERVICED" in row.last_error
