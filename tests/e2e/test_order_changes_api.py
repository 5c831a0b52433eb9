"""Order changes over HTTP: the Order-with-reference form, the diff, versions, refusals."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import OTHER, SELLER, Hub

REFERENCE = b"<cac:OrderReference><cbc:ID>PO-2026-0001</cbc:ID></cac:OrderReference>"


def changed(order_xml: bytes, number: bytes = b"PO-2026-0001-B") -> bytes:
    """The demo order as a new Order naming the first: line 2's item renamed, a new cbc:ID."""
    return (
        order_xml.replace(b"<cbc:ID>PO-2026-0001</cbc:ID>", b"<cbc:ID>" + number + b"</cbc:ID>")
        .replace(b"<cac:BuyerCustomerParty>", REFERENCE + b"<cac:BuyerCustomerParty>", 1)
        .replace(b"Surgical masks, box of 50", b"Surgical masks type IIR, box of 50")
    )


def get(hub: Hub, party: str, path: str) -> Any:
    return hub.client.get(f"/api/v1/{party}/{path}", headers=hub.headers(party))


def test_an_order_naming_an_earlier_one_reaches_the_supplier_as_a_change_with_a_diff(
    hub: Hub, order_xml: bytes
) -> None:
    first = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    answer = hub.send(changed(order_xml))
    assert answer.status_code == 200, answer.text  # type: ignore[attr-defined]
    change = answer.json()["id"]  # type: ignore[attr-defined]
    t114 = get(hub, SELLER, f"salesOrder/{change}/download").content
    assert b"OrderChange-2" in t114 and b"<cbc:SequenceNumberID>2<" in t114
    diff = get(hub, SELLER, f"salesOrder/{change}/changes").json()
    assert diff["summary"] == {
        "added": 0,
        "deleted": 0,
        "changed": 1,
        "replaced": 0,
        "unchanged": 1,
    }
    [line] = [line for line in diff["lines"] if line["change"] == "changed"]
    assert line["lineId"] == "2"
    assert line["fields"] == [
        {
            "field": "item.name",
            "old": "Surgical masks, box of 50",
            "new": "Surgical masks type IIR, box of 50",
        }
    ]
    assert get(hub, SELLER, f"salesOrder/{change}/changes?against={first}").json() == diff
    listed = get(hub, SELLER, "salesOrder").json()
    assert {item["documentType"] for item in listed["items"]} >= {"Order", "OrderChange"}


def test_changes_and_versions_are_only_for_the_orders_parties(hub: Hub, order_xml: bytes) -> None:
    first = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    assert get(hub, OTHER, f"salesOrder/{first}/versions").status_code == 404
    assert get(hub, SELLER, f"salesOrder/{first}/changes?against=nope").status_code == 404
    versions = get(hub, SELLER, f"salesOrder/{first}/versions").json()
    assert [(v["version"], v["current"]) for v in versions["items"]] == [(1, True)]
    same = get(hub, SELLER, f"salesOrder/{first}/changes").json()
    assert same["identical"] is True


def test_a_change_to_a_rejected_order_is_refused_with_a_named_error(
    hub: Hub, order_xml: bytes
) -> None:
    first = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    hub.client.post(
        f"/api/v1/{SELLER}/salesOrder/{first}/response",
        json={"status": "RE"},
        headers=hub.headers(SELLER),
    )
    refused = hub.send(changed(order_xml))
    assert refused.status_code == 409  # type: ignore[attr-defined]
    assert refused.json()["errorCode"] == "CHANGE_NOT_ALLOWED"  # type: ignore[attr-defined]
    unknown = hub.send(changed(order_xml).replace(REFERENCE, REFERENCE.replace(b"0001", b"9999")))
    assert unknown.status_code == 404  # type: ignore[attr-defined]
