"""The commerce dialect takes what a Riverty Accounting as a Service client sends, over HTTP.

Sources: Riverty's API reference (https://docs.riverty.com/accounting_as_a_service/
api_reference/return_order, the ``positionType`` enum "Type of product"; create_order's
request example with ``"positionType": "SALES_ARTICLE"`` and no link between positions), the
Cancel Order page (seed ../shared/seeds/001_d49f495e407dd952.txt: "It is essential to
ensure that any associated discounts or related items are also canceled") and the
Qualitative Response page (https://docs.riverty.com/accounting_as_a_service/documentation/
qualitative-response: ``{"parameters": {"requestType": ...`` ...).
"""

from __future__ import annotations

from typing import Any

import pytest

from ordex.domain.commerce import PositionType
from tests.e2e.commerce_shop import BASE, Shop, shop

__all__ = ["shop"]

RIVERTY_TYPES = [kind.value for kind in PositionType]
RIVERTY_ENUM = [  # the enum of Riverty's API reference, in the order written here
    "SALES_ARTICLE",
    "DISCOUNT",
    "SHIPPING_COSTS",
    "SHIPPING_COSTS_EXPRESS",
    "SERVICE_CHARGE",
    "CASH_ON_DELIVERY",
    "FREE_ARTICLE",
    "GIFT_CARD_VOUCHER_SALE",
    "GIFT_CARD_VOUCHER_PAYMENT",
    "LOYALTY_CARD",
    "IBAN_VERIFICATION",
    "MARKETPLACE_PROVISION",
    "SUBSCRIPTION_ORDER",
    "SUBSCRIPTION_ORDER_2",
    "DISCOUNT_FOR_SUBSCRIPTION_ORDER",
    "NOT_ACCOUNTING_RELEVANT",
    "CREDIT_NOTE",
]


def item(reference: int, price: str, kind: str, **extra: Any) -> dict[str, Any]:
    return {
        "orderItemReference": reference,
        "quantity": 1,
        "grossUnitPrice": price,
        "vatPercent": 19,
        "positionType": kind,
        **extra,
    }


def riverty_order(reference: str, *items: dict[str, Any], prepaid: bool = True) -> Any:
    return {
        "orderReference": reference,
        "currency": "EUR",
        "orderDate": "2024-09-09",
        "orderChannel": "ECOM",
        "orderType": "PHYSICAL_GOODS",
        "prepaid": prepaid,
        "items": list(items),
    }


def test_every_riverty_position_type_is_taken() -> None:
    assert sorted(RIVERTY_TYPES) == sorted(RIVERTY_ENUM)


def test_an_order_with_each_riverty_position_type_is_accepted(shop: Shop) -> None:
    items = [
        item(
            n,
            "-1.00"
            if kind in {"DISCOUNT", "DISCOUNT_FOR_SUBSCRIPTION_ORDER", "GIFT_CARD_VOUCHER_PAYMENT"}
            else "10.00",
            kind,
        )
        for n, kind in enumerate(RIVERTY_ENUM, start=1)
    ]
    answer = shop.post(BASE, riverty_order("RIV-ALL", *items))
    assert answer.status_code == 200, answer.text
    assert shop.outcome(answer.json()["internalRequestId"])["status"] == "SUCCESS"
    kinds = {i["orderItemReference"]: i["positionType"] for i in shop.order("RIV-ALL")["items"]}
    assert list(kinds.values()) == RIVERTY_ENUM


@pytest.mark.parametrize(
    ("alias", "riverty"),
    [
        ("GOODS", "SALES_ARTICLE"),
        ("SHIPPING_FEE", "SHIPPING_COSTS"),
        ("SERVICE", "SERVICE_CHARGE"),
        ("VOUCHER", "GIFT_CARD_VOUCHER_PAYMENT"),
    ],
)
def test_ordex_earlier_position_types_stay_aliases(shop: Shop, alias: str, riverty: str) -> None:
    price = "-1.00" if alias == "VOUCHER" else "10.00"
    body = riverty_order(
        f"AL-{alias[:8]}", item(1, "20.00", "SALES_ARTICLE"), item(2, price, alias)
    )
    assert shop.post(BASE, body).status_code == 200
    assert shop.order(f"AL-{alias[:8]}")["items"][1]["positionType"] == riverty


def test_an_unknown_position_type_is_refused_naming_the_field(shop: Shop) -> None:
    answer = shop.post(BASE, riverty_order("BAD-1", item(1, "10.00", "ARTICLE")))
    assert answer.status_code == 400
    assert "positionType" in answer.text


def test_a_discount_without_a_main_position_is_accepted(shop: Shop) -> None:
    body = riverty_order(
        "DISC-1",
        item(1, "100.00", "SALES_ARTICLE"),
        item(2, "-10.00", "DISCOUNT"),
        item(3, "4.95", "SHIPPING_COSTS"),
    )
    answer = shop.post(BASE, body)
    assert answer.status_code == 200, answer.text
    assert shop.outcome(answer.json()["internalRequestId"])["status"] == "SUCCESS"


def test_the_client_cancels_an_unlinked_discount_with_what_it_reduces(shop: Shop) -> None:
    shop.post(
        BASE,
        riverty_order("DISC-2", item(1, "100.00", "SALES_ARTICLE"), item(2, "-10.00", "DISCOUNT")),
    )
    cancellation = {"cancellationDate": "2024-09-10", "cancellationReason": "OUT_OF_STOCK"}
    alone = shop.cancel("DISC-2", {**cancellation, "items": [{"orderItemReference": 1}]})
    assert alone.status_code == 200, alone.text  # processed; the outcome says ERROR
    refused = shop.outcome(alone.json()["internalRequestId"])
    assert refused["status"] == "ERROR"  # it would leave -10.00: name the discount too
    assert "discounts" in refused["errors"][0]["message"]
    both = shop.cancel(
        "DISC-2",
        {**cancellation, "items": [{"orderItemReference": 1}, {"orderItemReference": 2}]},
    )
    assert both.status_code == 200, both.text
    order = shop.order("DISC-2")
    assert shop.states("DISC-2") == {1: "cancelled", 2: "cancelled"}
    assert [refund["amount"] for refund in order["refunds"]] == ["90.00"]


def test_the_outcome_notification_follows_riverty_s_published_example(shop: Shop) -> None:
    ok = shop.post(
        BASE, riverty_order("EDI-1", item(1, "10.00", "SALES_ARTICLE")), **{"X-Request-ID": "tx-1"}
    )
    notice = next(
        body
        for body in shop.outbox()
        if body["parameters"]["internalRequestId"] == ok.json()["internalRequestId"]
    )
    assert notice["type"] == "accounting/EDIErrorSent"
    assert notice["parameters"]["requestType"] == "ORDER"
    assert notice["parameters"]["transactionId"] == "tx-1"
    assert notice["details"] == {"orderNo": "EDI-1", "result": "OK", "errorDetails": []}
    again = shop.post(BASE, riverty_order("EDI-1", item(1, "10.00", "SALES_ARTICLE")))
    refused = next(
        body
        for body in shop.outbox()
        if body["parameters"]["internalRequestId"] == again.json()["internalRequestId"]
    )
    assert refused["details"]["result"] == "ERROR"
    [detail] = refused["details"]["errorDetails"]
    assert set(detail) == {"fieldName", "ErrorDescription"} and detail["fieldName"]
    assert refused["parameters"]["status"] == "ERROR"  # ordex's fields stay


def test_a_callback_for_types_ordex_never_sends_says_so(shop: Shop) -> None:
    """Riverty's notification types (webhook_notification_types) include
    accounting/paymentReceived, which ordex does not send: the registration says so."""
    answer = shop.post(
        "/administration/v1/notification-callbacks",
        {
            "callbackUrl": "http://127.0.0.1:9/riverty",
            "notificationTypes": ["accounting/paymentReceived", "accounting/refundCompleted"],
        },
    )
    assert answer.status_code == 200, answer.text
    description = answer.json()["description"]
    assert "never sends accounting/paymentReceived" in description
    assert "Notifies accounting/EDIErrorSent, accounting/refundCompleted" in description
