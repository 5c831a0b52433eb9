"""The PSB (eConnect Procurement Service Bus) examples, replayed against ordex over HTTP.

Each test takes a request and the response shape from the public material it names: the
OpenAPI-generated PHP SDK (QbilSoftware/econnect-psb-php, ``docs/Api/*.md``,
``docs/Model/*.md``), the .NET SDK (theinvoicingcompany/econnect-psb-dotnet, its unit
tests under ``EConnect.Psb.UnitTests/``) and eConnect's pages as collected in
../shared/reference/external-apis.md and ../shared/seeds/. Only the base URL and the
credentials are ordex's; party IDs are ISO 6523 (``0088:...``), as ordex reads them.
"""

from __future__ import annotations

from pathlib import Path

import httpx

from tests.contract.conftest import BUYER, SELLER, Served

ORDER_XML = (Path(__file__).resolve().parents[2] / "examples" / "order.xml").read_bytes()


def send_order(served: Served, number: str) -> str:
    """``PurchaseOrderApiTests.SendFileStreamTest`` (.NET): a multipart file upload to
    ``purchaseOrder/send?receiverId=…&channel=peppol``; the answer's ``id`` is the
    documentId."""
    xml = ORDER_XML.replace(b"<cbc:ID>PO-2026-0001</cbc:ID>", f"<cbc:ID>{number}</cbc:ID>".encode())
    answer = served.call(
        BUYER,
        "POST",
        f"/api/v1/{BUYER}/purchaseOrder/send",
        params={"receiverId": SELLER, "channel": "peppol"},
        files={"file": ("order.xml", xml, "application/xml")},
    )
    assert answer.status_code == 200, answer.text
    assert isinstance(answer.json()["id"], str)
    return str(answer.json()["id"])


def test_query_recipient_party_answers_one_lookup_party(served: Served) -> None:
    """``PurchaseOrderApiTests.QueryRecipientPartyTest`` (.NET): POST a JSON array of all
    candidate IDs of one recipient; the SDK reads one object (``advisedParty.Id``). PHP
    ``docs/Api/PurchaseOrderApi.md``: returns ``LookupParty {id, channel, description}``.
    PSB's own ``NL:KVK:`` notation is passed over; the candidate ordex reads answers."""
    answer = served.call(
        BUYER,
        "POST",
        f"/api/v1/{BUYER}/purchaseOrder/queryRecipientParty",
        params={"documentFamily": "Order"},
        json=["NL:KVK:RECEIVER_1", SELLER],
    )
    assert answer.status_code == 200, answer.text
    party = answer.json()
    assert isinstance(party, dict) and party["id"] == SELLER
    assert isinstance(party["channel"], str) and isinstance(party["description"], str)


def test_sales_order_query_recipient_party_tells_whether_the_buyer_takes_responses(
    served: Served,
) -> None:
    """PHP ``docs/Api/SalesOrderApi.md`` ``queryRecipientPartyForOrderResponse``: body
    ``string[]``, returns ``LookupParty``; "The returned recipient partyId should be used
    as endpointId in the order response"."""
    answer = served.call(
        SELLER, "POST", f"/api/v1/{SELLER}/salesOrder/queryRecipientParty", json=[BUYER]
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["id"] == BUYER


def test_delivery_options_before_responding(served: Served) -> None:
    """eConnect "sendResponse" page (external-apis.md): ``GET
    /api/v1/peppol/deliveryOption?partyIds=…&documentFamily=orderResponse``; PHP
    ``docs/Api/PeppolApi.md`` and ``docs/Model/DeliveryOption.md``: ``DeliveryOption[]``
    with ``partyId, documentTypeId, processId, family, protocol, url, accessPoint,
    certificate``."""
    answer = served.call(
        SELLER,
        "GET",
        "/api/v1/peppol/deliveryOption",
        params={"partyIds": [BUYER], "documentFamily": "orderResponse"},
    )
    assert answer.status_code == 200, answer.text
    [*options] = answer.json()
    assert options and {o["partyId"] for o in options} == {BUYER}
    for option in options:
        assert set(option) == {
            "partyId",
            "documentTypeId",
            "processId",
            "family",
            "protocol",
            "url",
            "accessPoint",
            "certificate",
        }
        assert "##" in option["documentTypeId"]  # a Peppol documentTypeId


def test_the_documented_response_flow_ab_then_ap(served: Served) -> None:
    """psb.econnect.eu/endpoints/v1/salesOrder.html (external-apis.md): JSON ``{"status":
    "AB"|"AP"|"CA"|"RE", "note"}``, AB first, then AP; PHP ``SalesOrderApi.md``
    ``sendOrderResponse`` returns ``Document``. The status history is ``DocumentStatus[]
    {id, name, description, createdOn}``."""
    order = send_order(served, "PO-CONTRACT-1")
    with served.client(SELLER) as seller:
        for status in ("AB", "AP"):
            answer = seller.post(
                f"/api/v1/{SELLER}/salesOrder/{order}/response",
                json={"status": status, "note": "Thank you for your order"},
            )
            assert answer.status_code == 200, answer.text
            assert isinstance(answer.json()["id"], str)
        download = seller.get(
            f"/api/v1/{SELLER}/salesOrder/{order}/download",
            headers={"Accept": "application/xml"},
        )
        assert download.status_code == 200 and download.content.startswith(b"<?xml")
    history = served.call(BUYER, "GET", f"/api/v1/{BUYER}/purchaseOrder/{order}/status").json()
    assert [step["name"] for step in history][-2:] == ["OrderResponseAB", "OrderResponseAP"]
    assert {"id", "name", "description", "createdOn"} <= set(history[0])


def test_the_seller_may_change_an_accepted_order(served: Served) -> None:
    """BIS Advanced Ordering scenario 3 (../shared/peppol-ordering/spec/profiles/
    65-advanced-ordering/process/scenario3.adoc) and the seed 004 page ("Supplier sends an
    Order Response back (AB, AP, CA or RE)"): after AP, an Order Response with changes."""
    order = send_order(served, "PO-CONTRACT-2")
    with served.client(SELLER) as seller:
        accepted = seller.post(
            f"/api/v1/{SELLER}/salesOrder/{order}/response", json={"status": "Accept"}
        )
        assert accepted.status_code == 200, accepted.text
        changed = seller.post(
            f"/api/v1/{SELLER}/salesOrder/{order}/response",
            json={
                "status": "ConditionallyAccepted",
                "note": "Line 1 ships one week later",
                "lines": [
                    {"lineId": "1", "status": "changed", "quantity": "5"},
                    {"lineId": "2", "status": "accepted"},
                ],
            },
        )
        assert changed.status_code == 200, changed.text


def test_cancel_with_both_notes_and_with_only_note(served: Served) -> None:
    """``PurchaseOrderApiTests.CancelTest`` (.NET): ``OrderCancellation(CancellationNote:
    "The substituted items does not fit our usage.", Note: "Cancellation discussed in phone
    call.")``, answer ``{"id": …}``. PHP ``docs/Model/OrderCancellation.md``: both fields
    optional, so a client may send ``note`` alone."""
    for number, body in (
        (
            "PO-CONTRACT-3",
            {
                "cancellationNote": "The substituted items does not fit our usage.",
                "note": "Cancellation discussed in phone call.",
            },
        ),
        ("PO-CONTRACT-4", {"note": "Cancellation discussed in phone call."}),
    ):
        order = send_order(served, number)
        answer = served.call(
            BUYER, "POST", f"/api/v1/{BUYER}/purchaseOrder/{order}/cancel", json=body
        )
        assert answer.status_code == 200, answer.text
        assert isinstance(answer.json()["id"], str)


def test_hooks_as_the_sdk_registers_them(served: Served) -> None:
    """.NET ``HookApiTests`` and PHP ``docs/Model/Hook.md``: ``PUT /api/v1/{partyId}/hook``
    with ``{name, action, topics}`` (wildcards such as ``*Received``); the answer is a
    ``Hook`` with ``id, name, action, topics, isActive, createdOn``."""
    answer = served.call(
        SELLER,
        "PUT",
        f"/api/v1/{SELLER}/hook",
        json={"name": "erp", "action": "http://127.0.0.1:9/psb", "topics": ["*Received"]},
    )
    assert answer.status_code == 200, answer.text
    assert {"id", "name", "action", "topics", "isActive", "createdOn"} <= set(answer.json())


def test_errors_have_the_psb_error_body(served: Served) -> None:
    """``EConnect.Psb.UnitTests/Client/PsbClientTests.cs`` (external-apis.md): errors are
    ``{helpLink, message, code, requestId, dateTime}`` with ``code`` ``API<status>``."""
    answer = httpx.get(f"{served.base_url}/api/v1/{BUYER}/purchaseOrder/x/status", timeout=10)
    assert answer.status_code == 401
    assert {"helpLink", "message", "code", "requestId", "dateTime"} <= set(answer.json())
    assert answer.json()["code"] == "API401"
