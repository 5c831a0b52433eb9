"""The seller sends an Order Agreement (T110) through the hub; the buyer receives it as a
supplier receives an order: a webhook, the UBL as sent, the JSON view."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
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
from tests.e2e.conftest import BUYER, OTHER, SELLER, Hub
from tests.receiver import Receiver, loopback_receiver
from tests.unit.fakes import FakeClock

AGREEMENT = (Path(__file__).resolve().parents[2] / "examples" / "order-agreement.xml").read_bytes()
SEND = f"/api/v1/{SELLER}/salesOrder/agreement/send"


@pytest.fixture
def hub(database_url: str) -> Iterator[Hub]:
    settings = Settings(database_url=database_url, allow_private_webhooks=True)
    clock = FakeClock()
    rt = bootstrap(settings, clock=clock)
    keys = {p: create_account(rt.ctx, p, [parse_party_id(p)])[1] for p in (BUYER, SELLER, OTHER)}
    with TestClient(create_app(rt), raise_server_exceptions=False) as client:
        yield Hub(client=client, runtime=rt, clock=clock, keys=keys)
    rt.engine.dispose()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with loopback_receiver() as receiver:
        yield receiver


def send(hub: Hub, xml: bytes = AGREEMENT, party: str = SELLER, **headers: str) -> Any:
    return hub.client.post(
        f"/api/v1/{party}/salesOrder/agreement/send",
        content=xml,
        headers=hub.headers(party, **{"Content-Type": "application/xml", **headers}),
    )


def test_the_buyer_hears_of_an_order_agreement_and_downloads_it_as_sent_and_as_json(
    hub: Hub, receiver: Receiver
) -> None:
    for party, topic in ((BUYER, "OrderAgreementReceived"), (SELLER, "OrderAgreementSent")):
        body = {"action": receiver.url, "topics": [topic], "secret": "s3cret"}
        answer = hub.client.put(f"/api/v1/{party}/hook", json=body, headers=hub.headers(party))
        assert answer.status_code == 200, answer.text
    sent = send(hub)
    assert sent.status_code == 200, sent.text
    document_id = sent.json()["id"]
    assert hub.runtime.ctx.transport is not None
    assert drain(hub.runtime.ctx, hub.runtime.ctx.transport, RetrySchedule(jitter=0)) == 2
    payloads = {json.loads(r.body)["topic"]: json.loads(r.body) for r in receiver.requests}
    received = payloads["OrderAgreementReceived"]
    assert received["partyId"] == BUYER and received["senderPartyId"] == SELLER
    assert received["documentId"] == document_id
    assert received["details"]["orderNumber"] == "PO-2026-0001"
    assert payloads["OrderAgreementSent"]["partyId"] == SELLER

    path = f"/api/v1/{BUYER}/purchaseOrder/{document_id}/download"
    xml = hub.client.get(path, headers=hub.headers(BUYER))
    assert xml.status_code == 200 and xml.content == AGREEMENT
    view = hub.client.get(path, headers=hub.headers(BUYER, Accept="application/json")).json()
    assert view["documentType"] == "OrderAgreement" and view["transaction"] == "T110"
    assert view["sender"] == SELLER and view["receiver"] == BUYER
    assert view["document"]["number"] == "OA-2026-0001"
    assert view["document"]["referencedOrder"] == "PO-2026-0001"
    assert [line["lineId"] for line in view["document"]["lines"]] == ["1"]


def test_only_the_buyer_downloads_an_agreement_and_only_the_seller_sends_one(hub: Hub) -> None:
    document_id = send(hub).json()["id"]
    for party in (SELLER, OTHER):  # the sender and a stranger: not found
        path = f"/api/v1/{party}/purchaseOrder/{document_id}/download"
        assert hub.client.get(path, headers=hub.headers(party)).status_code == 404
    as_buyer = send(hub, AGREEMENT.replace(b"OA-2026-0001", b"OA-2"), party=BUYER)
    assert as_buyer.status_code == 400
    assert "not the document's seller" in as_buyer.json()["message"]


def test_an_agreement_breaking_a_t110_rule_is_refused_with_the_rule_id(hub: Hub) -> None:
    broken = AGREEMENT.replace(
        b'<cbc:TaxAmount currencyID="EUR">75.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>',
        b'<cbc:TaxAmount currencyID="EUR">76.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>',
    )
    assert broken != AGREEMENT
    refused = send(hub, broken)
    assert refused.status_code == 400, refused.text
    assert "PEPPOL-T110-R025" in {e["ruleId"] for e in refused.json()["errors"]}


def test_an_agreement_and_an_order_are_sent_on_their_own_routes(hub: Hub, order_xml: bytes) -> None:
    wrong_way = hub.send(AGREEMENT, party=SELLER)
    assert wrong_way.status_code == 400  # type: ignore[attr-defined]
    assert "salesOrder/agreement/send" in wrong_way.json()["message"]  # type: ignore[attr-defined]
    an_order = send(hub, order_xml, party=BUYER)
    assert an_order.status_code == 400
    assert "takes an Order Agreement (T110" in an_order.json()["message"]


def test_the_same_agreement_twice_is_a_duplicate_and_a_keyed_retry_replays(hub: Hub) -> None:
    first = send(hub, **{"Idempotency-Key": "oa-1"})
    again = send(hub, **{"Idempotency-Key": "oa-1"})
    assert first.status_code == again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert send(hub).status_code == 409
