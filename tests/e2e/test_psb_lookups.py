"""The PSB dialect's recipient lookups and a cancellation with only ``note``, over HTTP.

Sources: QbilSoftware/econnect-psb-php ``docs/Api/SalesOrderApi.md``
(``queryRecipientPartyForOrderResponse``: body ``string[]``, returns ``LookupParty``),
``docs/Api/PeppolApi.md`` (``getDeliveryOptions``: query ``partyIds[]``,
``documentFamily``, returns ``DeliveryOption[]``), ``docs/Model/OrderCancellation.md`` and
theinvoicingcompany/econnect-psb-dotnet ``Models/OrderCancellation.cs`` (both fields
optional).
"""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import BUYER, OTHER, SELLER, Hub

UNKNOWN = "0088:4000001000005"


def test_a_seller_learns_that_its_buyer_accepts_order_responses(hub: Hub) -> None:
    answer = hub.client.post(
        f"/api/v1/{SELLER}/salesOrder/queryRecipientParty",
        json=[UNKNOWN, BUYER],
        headers=hub.headers(SELLER),
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["id"] == BUYER
    assert answer.json()["documentFamilies"] == ["OrderResponse"]


def test_a_seller_asking_for_a_buyer_that_is_not_here_gets_404(hub: Hub) -> None:
    answer = hub.client.post(
        f"/api/v1/{SELLER}/salesOrder/queryRecipientParty",
        json=[UNKNOWN],
        headers=hub.headers(SELLER),
    )
    assert answer.status_code == 404 and answer.json()["code"] == "API404"


def options(hub: Hub, party: str, **params: Any) -> Any:
    return hub.client.get(
        "/api/v1/peppol/deliveryOption", params=params, headers=hub.headers(party)
    )


def test_delivery_options_name_each_document_type_a_party_receives_here(hub: Hub) -> None:
    answer = options(hub, SELLER, partyIds=[UNKNOWN, BUYER], documentFamily="orderResponse")
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert {option["partyId"] for option in found} == {BUYER}
    assert {option["family"] for option in found} == {"OrderResponse"}
    assert any("order_response_advanced:3" in option["documentTypeId"] for option in found)


def test_the_order_family_covers_orders_changes_and_cancellations(hub: Hub) -> None:
    found = options(hub, BUYER, partyIds=[SELLER], documentFamily="order").json()
    assert {option["family"] for option in found} == {
        "Order",
        "OrderChange",
        "OrderCancellation",
    }


def test_delivery_options_for_an_unknown_party_are_empty(hub: Hub) -> None:
    assert options(hub, OTHER, partyIds=[UNKNOWN]).json() == []


def test_invoices_are_not_an_order_family_and_say_so(hub: Hub) -> None:
    answer = options(hub, BUYER, partyIds=[SELLER], documentFamily="invoice")
    assert answer.status_code == 400
    assert "documentFamily" in answer.json()["message"]


def test_delivery_options_need_a_key(hub: Hub) -> None:
    answer = hub.client.get("/api/v1/peppol/deliveryOption", params={"partyIds": [SELLER]})
    assert answer.status_code == 401


def test_a_cancellation_with_only_note_is_accepted_and_the_note_is_its_reason(
    hub: Hub, order_xml: bytes
) -> None:
    order_id = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    answer = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/{order_id}/cancel",
        json={"note": "Cancellation discussed in phone call."},
        headers=hub.headers(BUYER),
    )
    assert answer.status_code == 200, answer.text
    t115 = hub.client.get(
        f"/api/v1/{SELLER}/salesOrder/{answer.json()['id']}/download",
        headers=hub.headers(SELLER),
    ).content
    assert b"<cbc:CancellationNote>Cancellation discussed in phone call." in t115


def test_a_cancellation_with_neither_note_names_the_missing_reason(
    hub: Hub, order_xml: bytes
) -> None:
    order_id = hub.send(order_xml).json()["id"]  # type: ignore[attr-defined]
    answer = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/{order_id}/cancel",
        json={},
        headers=hub.headers(BUYER),
    )
    assert answer.status_code == 400
    assert "cancellationNote" in answer.json()["message"]


def test_a_lookup_passes_over_notations_ordex_does_not_read_and_names_them_if_all_are(
    hub: Hub,
) -> None:
    path = f"/api/v1/{BUYER}/purchaseOrder/queryRecipientParty"
    found = hub.client.post(path, json=["NL:KVK:12345678", SELLER], headers=hub.headers(BUYER))
    assert found.status_code == 200 and found.json()["id"] == SELLER
    unread = hub.client.post(path, json=["NL:KVK:12345678"], headers=hub.headers(BUYER))
    assert unread.status_code == 400 and "partyIds" in unread.json()["message"]
    too_many = hub.client.post(path, json=[SELLER] * 101, headers=hub.headers(BUYER))
    assert too_many.status_code == 400 and "101" in too_many.json()["message"]
