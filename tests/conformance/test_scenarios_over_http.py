"""The official Advanced Ordering scenarios sc1 and sc4 through the HTTP API, and every
document ordex renders on the way checked by the official Schematron (release 2026.5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.domain.content import CancellationContent
from ordex.peppol.identifiers import parse_party_id
from ordex.peppol.parse import parse_document
from ordex.services.accounts import create_account
from tests.conformance.shared import SHARED as SHARED_DIR
from tests.conformance.shared import peppol_shared
from tests.unit.fakes import FakeClock

SHARED = SHARED_DIR.resolve()
SCENARIOS = SHARED / "examples" / "openpeppol" / "advanced-ordering"
XSLT = SHARED / "schematron" / "release-2026.5" / "xslt"
BUYER, SELLER = "0088:7300010000001", "0088:7302347231110"


@pytest.fixture(autouse=True)
def _material() -> None:
    peppol_shared()  # skips without the material, fails under CI


class Parties:
    def __init__(self, client: TestClient, keys: dict[str, str]) -> None:
        self.client, self.keys = client, keys
        self.rendered: list[bytes] = []

    def call(self, method: str, party: str, path: str, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.keys[party]}", **kwargs.pop("headers", {})}
        answer = self.client.request(method, f"/api/v1/{party}/{path}", headers=headers, **kwargs)
        assert answer.status_code < 300, answer.text
        return answer

    def xml(self, method: str, party: str, path: str, body: bytes) -> Any:
        return self.call(
            method, party, path, content=body, headers={"Content-Type": "application/xml"}
        ).json()


@pytest.fixture
def parties(tmp_path: Path) -> Iterator[Parties]:
    rt = bootstrap(Settings(database_url=f"sqlite:///{tmp_path / 'ordex.db'}"), clock=FakeClock())
    keys = {
        party: create_account(rt.ctx, party, [parse_party_id(party)])[1]
        for party in (BUYER, SELLER)
    }
    with TestClient(create_app(rt)) as client:
        yield Parties(client, keys)
    rt.engine.dispose()


def official_verdict(xml: bytes) -> list[str]:
    from ordex.peppol.schematron import run_schematron

    transaction = parse_document(xml).transaction
    return [
        f"{f.rule_id}: {f.message}"
        for f in run_schematron(XSLT, transaction, xml)
        if f.flag == "fatal"
    ]


def test_scenario_1_order_and_line_level_response_go_through_the_api(parties: Parties) -> None:
    order = (SCENARIOS / "advanced_ordering_sc1" / "Order_sc1.xml").read_bytes()
    response = (SCENARIOS / "advanced_ordering_sc1" / "OrderResponse_sc1.xml").read_bytes()

    document_id = parties.xml("POST", BUYER, "purchaseOrder/send", order)["id"]
    received = parties.call("GET", SELLER, f"salesOrder/{document_id}/download").content
    assert received == order
    parties.xml("POST", SELLER, f"salesOrder/{document_id}/response", response)

    answers = parties.call("GET", BUYER, f"purchaseOrder/{document_id}/responses").json()
    assert answers["orderState"] == "accepted_with_changes"
    assert [item["statusCode"] for item in answers["items"]] == ["CA"]
    delivered = parties.client.get(
        answers["items"][0]["href"], headers={"Authorization": f"Bearer {parties.keys[BUYER]}"}
    ).content
    assert delivered == response


def test_scenario_4_cancellation_accepted_goes_through_the_api(parties: Parties) -> None:
    order = (SCENARIOS / "advanced_ordering_sc1" / "Order_sc1.xml").read_bytes()
    official = parse_document(
        (SCENARIOS / "advanced_ordering_sc4" / "OrderCancellation_sc4.xml").read_bytes()
    ).content
    accept = (SCENARIOS / "advanced_ordering_sc4" / "OrderResponse_sc4.xml").read_bytes()

    document_id = parties.xml("POST", BUYER, "purchaseOrder/send", order)["id"]
    assert isinstance(official, CancellationContent)
    note = official.cancellation_note
    cancellation = parties.call(
        "POST", BUYER, f"purchaseOrder/{document_id}/cancel", json={"cancellationNote": note}
    ).json()
    t115 = parties.call("GET", SELLER, f"salesOrder/{cancellation['id']}/download").content
    assert official_verdict(t115) == []
    assert parse_document(t115).content.referenced_order == "Order-1"  # type: ignore[union-attr]

    parties.xml("POST", SELLER, f"salesOrder/{cancellation['id']}/response", accept)
    history = parties.call("GET", BUYER, f"purchaseOrder/{document_id}/status").json()
    assert [step["name"] for step in history] == [
        "Delivered",
        "CancellationRequested",
        "OrderResponseAP",
    ]
    again = parties.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/{document_id}/cancel",
        json={"cancellationNote": note},
        headers={"Authorization": f"Bearer {parties.keys[BUYER]}"},
    )
    assert again.status_code == 409


@pytest.mark.parametrize(
    "body",
    [
        {"status": "AB", "note": "Received"},
        {"status": "AP"},
        {"status": "RE", "note": "Out of stock"},
        {
            "status": "CA",
            "note": "Partly",
            "lines": [
                {
                    "lineId": "1",
                    "status": "changed",
                    "quantity": "5",
                    "unitCode": "NAR",
                    "promisedDelivery": {"startDate": "2022-02-20", "endDate": "2022-02-25"},
                },
                {"lineId": "2", "status": "notAccepted", "note": "Discontinued"},
            ],
        },
    ],
    ids=["AB", "AP", "RE", "CA-with-lines"],
)
def test_every_response_ordex_renders_passes_the_official_schematron(
    parties: Parties, body: dict[str, Any]
) -> None:
    order = (SCENARIOS / "advanced_ordering_sc1" / "Order_sc1.xml").read_bytes()
    document_id = parties.xml("POST", BUYER, "purchaseOrder/send", order)["id"]
    parties.call("POST", SELLER, f"salesOrder/{document_id}/response", json=body)
    answers = parties.call("GET", BUYER, f"purchaseOrder/{document_id}/responses").json()
    xml = parties.client.get(
        answers["items"][-1]["href"], headers={"Authorization": f"Bearer {parties.keys[BUYER]}"}
    ).content
    assert b"order_response_advanced:3" in xml
    assert official_verdict(xml) == []


def test_an_ordering_profile_order_is_answered_with_a_t76_that_passes_the_schematron(
    parties: Parties,
) -> None:
    order = (
        (SCENARIOS / "advanced_ordering_sc1" / "Order_sc1.xml")
        .read_bytes()
        .replace(b"bis:advanced_ordering:3", b"bis:ordering:3")
    )
    document_id = parties.xml("POST", BUYER, "purchaseOrder/send", order)["id"]
    parties.call("POST", SELLER, f"salesOrder/{document_id}/response", json={"status": "AP"})
    answers = parties.call("GET", BUYER, f"purchaseOrder/{document_id}/responses").json()
    assert answers["items"][0]["transaction"] == "T76"
    xml = parties.client.get(
        answers["items"][0]["href"], headers={"Authorization": f"Bearer {parties.keys[BUYER]}"}
    ).content
    assert official_verdict(xml) == []
