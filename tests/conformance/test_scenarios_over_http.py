"""The official Advanced Ordering scenarios sc1 to sc5 through the HTTP API, and every
document ordex renders on the way checked by the official Schematron (release 2026.5)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.domain.content import CancellationContent, OrderContent
from ordex.peppol.identifiers import parse_party_id
from ordex.peppol.namespaces import CAC, CBC
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


def scenario(name: str, file: str) -> bytes:
    return (SCENARIOS / f"advanced_ordering_{name}" / file).read_bytes()


def test_scenario_2_the_buyer_changes_the_order_and_the_seller_accepts_the_change(
    parties: Parties,
) -> None:
    order_id = parties.xml("POST", BUYER, "purchaseOrder/send", scenario("sc1", "Order_sc1.xml"))[
        "id"
    ]
    change = scenario("sc2", "OrderChange_sc2.xml")
    change_id = parties.xml("POST", BUYER, "purchaseOrder/send", change)["id"]
    assert parties.call("GET", SELLER, f"salesOrder/{change_id}/download").content == change

    diff = parties.call("GET", SELLER, f"salesOrder/{change_id}/changes").json()
    assert diff["from"]["documentId"] == order_id and diff["to"]["documentId"] == change_id
    kinds = {line["lineId"]: line["change"] for line in diff["lines"]}
    assert kinds["2"] == "deleted" and kinds["1"] in ("unchanged", "changed")

    parties.xml(
        "POST", SELLER, f"salesOrder/{change_id}/response", scenario("sc2", "OrderResponse_sc2.xml")
    )
    versions = parties.call("GET", BUYER, f"purchaseOrder/{order_id}/versions").json()
    assert versions["orderState"] == "accepted"
    assert [(v["source"], v["status"], v["current"]) for v in versions["items"]] == [
        ("order", "pending", False),
        ("change", "accepted", True),
    ]


def test_scenario_2_as_the_psb_does_it_an_order_naming_the_first_becomes_a_valid_t114(
    parties: Parties,
) -> None:
    order = scenario("sc1", "Order_sc1.xml")
    order_id = parties.xml("POST", BUYER, "purchaseOrder/send", order)["id"]
    root = etree.fromstring(order)
    ns = {"cac": CAC, "cbc": CBC}
    root.find("cbc:ID", ns).text = "Order-1-rev2"  # type: ignore[union-attr]
    lines = root.findall("cac:OrderLine", ns)
    root.remove(lines[1])  # line 2 goes; line 1: 15 instead of 10 at 40
    lines[0].find("cac:LineItem/cbc:Quantity", ns).text = "15"  # type: ignore[union-attr]
    lines[0].find("cac:LineItem/cbc:LineExtensionAmount", ns).text = "600"  # type: ignore[union-attr]
    root.find("cac:TaxTotal/cbc:TaxAmount", ns).text = "120"  # type: ignore[union-attr]
    for name, amount in [
        ("LineExtension", "600"),
        ("TaxExclusive", "600"),
        ("TaxInclusive", "720"),
        ("Payable", "720"),
    ]:
        root.find(f"cac:AnticipatedMonetaryTotal/cbc:{name}Amount", ns).text = amount  # type: ignore[union-attr]
    reference = etree.Element(f"{{{CAC}}}OrderReference")
    etree.SubElement(reference, f"{{{CBC}}}ID").text = "Order-1"
    root.find("cac:BuyerCustomerParty", ns).addprevious(reference)  # type: ignore[union-attr]
    change_id = parties.xml("POST", BUYER, "purchaseOrder/send", etree.tostring(root))["id"]

    t114 = parties.call("GET", SELLER, f"salesOrder/{change_id}/download").content
    assert official_verdict(t114) == []
    parsed = parse_document(t114)
    assert parsed.transaction == "T114"
    content = parsed.content
    assert isinstance(content, OrderContent)
    assert content.referenced_order == "Order-1" and content.sequence_number == "2"
    codes = {line.line_id: line.status_code for line in content.lines}
    diff = parties.call("GET", SELLER, f"salesOrder/{change_id}/changes").json()
    expected = {"added": "1", "deleted": "2", "changed": "3", "replaced": "3", "unchanged": "4"}
    assert codes == {line["lineId"]: expected[line["change"]] for line in diff["lines"]}
    assert codes == {"1": "3", "2": "2"}
    history = parties.call("GET", BUYER, f"purchaseOrder/{order_id}/status").json()
    assert [step["name"] for step in history] == ["Delivered", "ChangeRequested"]


def test_scenario_3_the_seller_answers_with_changes_and_the_buyer_follows_with_a_change(
    parties: Parties,
) -> None:
    order_id = parties.xml("POST", BUYER, "purchaseOrder/send", scenario("sc1", "Order_sc1.xml"))[
        "id"
    ]
    ca = scenario("sc3", "OrderResponse_sc3.xml")
    response_id = parties.xml("POST", SELLER, f"salesOrder/{order_id}/response", ca)["id"]
    agreed = parties.call("GET", BUYER, f"purchaseOrder/{response_id}/changes").json()
    [line_1] = [line for line in agreed["lines"] if line["lineId"] == "1"]
    assert line_1["change"] == "changed"
    assert {
        "field": "requestedDelivery.end",
        "old": None,
        "new": "2022-04-01",
    } in line_1["fields"]

    change_id = parties.xml(
        "POST", BUYER, "purchaseOrder/send", scenario("sc3", "OrderChange_sc3.xml")
    )["id"]
    versions = parties.call("GET", SELLER, f"salesOrder/{order_id}/versions").json()
    assert versions["orderState"] == "change_requested"
    assert [(v["source"], v["status"]) for v in versions["items"]] == [
        ("order", "accepted_with_changes"),
        ("response", "agreed"),
        ("change", "pending"),
    ]
    parties.call("GET", SELLER, f"salesOrder/{change_id}/changes")

    official = parse_document(scenario("sc3", "OrderCancellation_sc3.xml")).content
    assert isinstance(official, CancellationContent)
    cancellation = parties.call(
        "POST",
        BUYER,
        f"purchaseOrder/{order_id}/cancel",
        json={"cancellationNote": official.cancellation_note},
    ).json()
    t115 = parties.call("GET", SELLER, f"salesOrder/{cancellation['id']}/download").content
    assert official_verdict(t115) == []
    parties.call("POST", SELLER, f"salesOrder/{cancellation['id']}/response", json={"status": "AP"})
    status = parties.call("GET", BUYER, f"purchaseOrder/{order_id}/versions").json()
    assert status["orderState"] == "cancelled"


def test_scenario_3_the_seller_changes_an_order_it_had_accepted_and_the_buyer_accepts(
    parties: Parties,
) -> None:
    """BIS Advanced Ordering scenario 3 ("Change of order from seller") assumes the order
    "is accepted by seller and the order is confirmed": the CA follows an AP."""
    order_id = parties.xml("POST", BUYER, "purchaseOrder/send", scenario("sc1", "Order_sc1.xml"))[
        "id"
    ]
    parties.call("POST", SELLER, f"salesOrder/{order_id}/response", json={"status": "AP"})
    ca = scenario("sc3", "OrderResponse_sc3.xml")
    response_id = parties.xml("POST", SELLER, f"salesOrder/{order_id}/response", ca)["id"]
    rendered = parties.call("GET", BUYER, f"purchaseOrder/{order_id}/responses/{response_id}")
    assert official_verdict(rendered.content) == []
    versions = parties.call("GET", BUYER, f"purchaseOrder/{order_id}/versions").json()
    assert versions["orderState"] == "accepted_with_changes"
    assert [(v["source"], v["status"]) for v in versions["items"]] == [
        ("order", "accepted"),
        ("response", "agreed"),
    ]
    parties.xml("POST", BUYER, "purchaseOrder/send", scenario("sc3", "OrderChange_sc3.xml"))
    change = parties.call("GET", SELLER, f"salesOrder/{order_id}/versions").json()
    assert change["orderState"] == "change_requested"


def test_scenario_5_the_seller_rejects_an_accepted_order_and_the_buyer_cancels_to_confirm(
    parties: Parties,
) -> None:
    order_id = parties.xml("POST", BUYER, "purchaseOrder/send", scenario("sc1", "Order_sc1.xml"))[
        "id"
    ]
    parties.call("POST", SELLER, f"salesOrder/{order_id}/response", json={"status": "AP"})
    parties.xml(
        "POST", SELLER, f"salesOrder/{order_id}/response", scenario("sc5", "OrderResponse_sc5.xml")
    )
    official = parse_document(scenario("sc5", "OrderCancellation_sc5.xml")).content
    assert isinstance(official, CancellationContent)
    cancellation = parties.call(
        "POST",
        BUYER,
        f"purchaseOrder/{order_id}/cancel",
        json={"cancellationNote": official.cancellation_note},
    ).json()
    t115 = parties.call("GET", SELLER, f"salesOrder/{cancellation['id']}/download").content
    assert official_verdict(t115) == []
    history = parties.call("GET", BUYER, f"purchaseOrder/{order_id}/status").json()
    assert [step["name"] for step in history] == [
        "Delivered",
        "OrderResponseAP",
        "OrderResponseRE",
        "CancellationRequested",
    ]
    versions = parties.call("GET", BUYER, f"purchaseOrder/{order_id}/versions").json()
    assert versions["orderState"] == "cancelled"


def test_a_response_to_a_change_names_it_and_passes_the_official_schematron(
    parties: Parties,
) -> None:
    order_id = parties.xml("POST", BUYER, "purchaseOrder/send", scenario("sc1", "Order_sc1.xml"))[
        "id"
    ]
    change_id = parties.xml(
        "POST", BUYER, "purchaseOrder/send", scenario("sc2", "OrderChange_sc2.xml")
    )["id"]
    body = {"status": "CA", "lines": [{"lineId": "1", "status": "changed", "quantity": "90"}]}
    parties.call("POST", SELLER, f"salesOrder/{change_id}/response", json=body)
    answers = parties.call("GET", BUYER, f"purchaseOrder/{order_id}/responses").json()
    xml = parties.client.get(
        answers["items"][-1]["href"], headers={"Authorization": f"Bearer {parties.keys[BUYER]}"}
    ).content
    assert b"<cac:OrderChangeDocumentReference>" in xml and b"Change-2" in xml
    assert official_verdict(xml) == []
    versions = parties.call("GET", BUYER, f"purchaseOrder/{order_id}/versions").json()
    assert [(v["source"], v["status"], v["current"]) for v in versions["items"]] == [
        ("order", "pending", False),
        ("change", "accepted_with_changes", False),
        ("response", "agreed", True),
    ]


def test_a_ca_can_split_substitute_and_add_lines_and_the_order_then_says_so(
    parties: Parties,
) -> None:
    order_id = parties.xml("POST", BUYER, "purchaseOrder/send", scenario("sc1", "Order_sc1.xml"))[
        "id"
    ]
    body = {
        "status": "CA",
        "lines": [
            {
                "lineId": "1",
                "status": "changed",
                "quantity": "6",
                "promisedDelivery": {"startDate": "2022-03-01", "endDate": "2022-03-05"},
            },
            {
                "lineId": "1b",
                "orderLineId": "1",
                "status": "changed",
                "quantity": "4",
                "promisedDelivery": {"startDate": "2022-04-01", "endDate": "2022-04-05"},
            },
            {
                "lineId": "2",
                "status": "changed",
                "item": {"name": "Item 2 alt", "sellersId": "ALT-2"},
            },
            {
                "lineId": "3",
                "status": "added",
                "quantity": "5",
                "unitCode": "NAR",
                "price": "10",
                "item": {"name": "Bonus", "sellersId": "B-1"},
            },
        ],
    }
    response_id = parties.call("POST", SELLER, f"salesOrder/{order_id}/response", json=body).json()[
        "id"
    ]
    xml = parties.call("GET", BUYER, f"purchaseOrder/{order_id}/responses/{response_id}").content
    assert official_verdict(xml) == []

    diff = parties.call("GET", BUYER, f"purchaseOrder/{response_id}/changes").json()
    kinds = {line["lineId"]: line["change"] for line in diff["lines"]}
    assert kinds == {"1": "changed", "1-2": "added", "2": "replaced", "3": "added"}
    [split] = [line for line in diff["lines"] if line["lineId"] == "1-2"]
    assert split["new"]["quantity"] == "4"
    assert diff["from"]["documentId"] == order_id and diff["to"]["documentId"] == response_id
    totals = {c["field"]: c["new"] for c in diff["header"]}
    assert totals["totals.lineExtension"] == "750.00"  # 240 + 160 + 300 + 50

    refused = parties.client.post(
        f"/api/v1/{SELLER}/salesOrder/{order_id}/response",
        json={"status": "AP"},
        headers={"Authorization": f"Bearer {parties.keys[SELLER]}"},
    )
    assert refused.status_code == 409
