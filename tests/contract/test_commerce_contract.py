"""Riverty Accounting as a Service examples, replayed against ordex over HTTP.

Requests and answers come from Riverty's public documentation: the API reference pages
(https://docs.riverty.com/accounting_as_a_service/api_reference/create_order,
.../cancel_order, .../return_order), the Cancel Order page as stored in
../shared/seeds/001_d49f495e407dd952.txt, the Qualitative Response notification
(https://docs.riverty.com/accounting_as_a_service/documentation/qualitative-response) and
the notification subscription described in ../shared/reference/external-apis.md. The
client sends what Riverty's client sends (paths under ``/accounting/v1``, the
``X-Subscription-Key`` header); only the base URL and the key are ordex's.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.contract.conftest import SHOP, Served
from tests.receiver import Receiver, loopback_receiver

CUSTOMER = "TFI2021072801"
ORDERS = f"/accounting/v1/businesses/{SHOP}/customers/{CUSTOMER}/orders"

# create_order, "Successful Request for Visa payment", as published (the order reference
# is made unique per test).
CREATE_ORDER_EXAMPLE: dict[str, Any] = {
    "items": [
        {
            "vatType": "NORMAL",
            "quantity": 1,
            "productId": "BEF12346512A/1",
            "vatAmount": 19,
            "vatPercent": 19,
            "description": "Blumentopf XL (GRAU)",
            "positionType": "SALES_ARTICLE",
            "grossUnitPrice": 119,
            "orderItemReference": 1,
        }
    ],
    "currency": "EUR",
    "orderDate": "2015-12-10T00:00:00.0000000",
    "orderType": "PHYSICAL_GOODS",
    "orderChannel": "ECOM",
    "billToAddress": {
        "email": "max.mustermann@outlook.com",
        "phone": "+491345789555",
        "title": "DR",
        "careOf": "Jane c/o John",
        "street": "Beispielstr.",
        "language": "de",
        "lastName": "Mustermann",
        "birthDate": "1983-09-15",
        "firstName": "Max",
        "postalCode": "48213",
        "salutation": "MRS",
        "countryCode": "DE",
        "nationality": "DE",
        "postalPlace": "Muenster",
        "streetNumber": "13A",
        "customerGroup": "Gold Clients",
        "taxIdentificationNumber": "DE999999999",
    },
    "shipToAddress": {
        "state": "AL",
        "title": "DR",
        "careOf": "Jane c/o John",
        "street": "Beispielstr.",
        "language": "de",
        "lastName": "Mustermann",
        "firstName": "Max",
        "postalCode": "48213",
        "salutation": "MRS",
        "countryCode": "DE",
        "postalPlace": "Muenster",
        "streetNumber": "13A",
    },
    "orderReference": "ODE12345678901",
    "paymentReference": {
        "paymentDetails": {
            "cardType": "VI",
            "cardHolder": "Max Mustermann",
            "expirationDate": {"year": 2018, "month": 12},
            "authorizedAmount": 119,
            "transactionToken": "8acda4a36b26b30a016b64b7bcd0225c",
            "authorizationDate": "2018-11-05T16:15:03.0000000+00:00",
            "merchantAccountId": "ECOM_WP",
            "settlementReference": "ODE12340849323",
        },
        "paymentMethodName": "VISA",
    },
    "supplyingCountry": "DE",
}


@pytest.fixture(scope="module")
def shop(served: Served) -> Iterator[httpx.Client]:
    """Riverty's client: the base URL and ``X-Subscription-Key`` (its primary key)."""
    with httpx.Client(
        base_url=served.base_url, headers={"X-Subscription-Key": served.keys[SHOP]}, timeout=10
    ) as client:
        yield client


def create(shop: httpx.Client, reference: str, **changes: Any) -> str:
    body = {**CREATE_ORDER_EXAMPLE, "orderReference": reference, **changes}
    answer = shop.post(ORDERS, json=body, headers={"X-Request-ID": str(uuid.uuid4())})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["internalRequestId"])


def states(shop: httpx.Client, reference: str) -> dict[int, str]:
    order = shop.get(f"{ORDERS}/{reference}")
    assert order.status_code == 200, order.text
    return {item["orderItemReference"]: item["state"] for item in order.json()["items"]}


def test_the_published_create_order_example_is_accepted(shop: httpx.Client) -> None:
    """create_order "Successful Request for Visa payment": the answer is
    ``{internalRequestId}``; its dates are written ``2015-12-10T00:00:00.0000000``."""
    request_id = create(shop, "ODE12345678901")
    uuid.UUID(request_id)
    assert states(shop, "ODE12345678901") == {1: "open"}


def test_the_published_cancellation_example_is_accepted(shop: httpx.Client) -> None:
    """cancel_order "Request Example" (seed 001): ``{items: [{orderItemReference: 3}],
    bankDetails, cancellationDate, invoiceReference, cancellationReason}``; "Response
    Example" ``{"internalRequestId": "23c9579b-…"}``."""
    items = [
        {**CREATE_ORDER_EXAMPLE["items"][0], "orderItemReference": n, "productId": f"P-{n}"}
        for n in (1, 2, 3)
    ]
    create(shop, "ODE12345678902", items=items)
    answer = shop.post(
        f"{ORDERS}/ODE12345678902/cancellations",
        json={
            "items": [{"orderItemReference": 3}],
            "bankDetails": {
                "bic": "GENODEM1MSC",
                "iban": "DE51100100501234567890",
                "accountOwner": "Max Mustermann",
            },
            "cancellationDate": "2018-03-21",
            "invoiceReference": "IDE12345678901",
            "cancellationReason": "OUT_OF_STOCK",
        },
    )
    assert answer.status_code == 200, answer.text
    assert set(answer.json()) == {"internalRequestId"}
    assert states(shop, "ODE12345678902") == {1: "open", 2: "open", 3: "cancelled"}


def test_riverty_position_types_and_a_discount_without_a_link(shop: httpx.Client) -> None:
    """return_order's ``positionType`` enum ("Type of product"); the seed's duty: "ensure
    that any associated discounts or related items are also canceled"."""
    base = CREATE_ORDER_EXAMPLE["items"][0]
    items = [
        base,
        {
            **base,
            "orderItemReference": 2,
            "positionType": "DISCOUNT",
            "grossUnitPrice": -11.9,
            "vatAmount": -1.9,
            "productId": "RABATT",
        },
        {
            **base,
            "orderItemReference": 3,
            "positionType": "SHIPPING_COSTS_EXPRESS",
            "grossUnitPrice": 9.95,
            "vatAmount": 1.59,
            "productId": "EXPRESS",
        },
    ]
    create(shop, "ODE12345678903", items=items)
    cancelled = shop.post(
        f"{ORDERS}/ODE12345678903/cancellations",
        json={
            "cancellationDate": "2024-09-09",
            "cancellationReason": "CUSTOMER_CANCELLATION",
            "items": [{"orderItemReference": 1}, {"orderItemReference": 2}],
        },
    )
    assert cancelled.status_code == 200, cancelled.text
    assert states(shop, "ODE12345678903") == {1: "cancelled", 2: "cancelled", 3: "open"}


def test_the_return_of_an_invoiced_position(shop: httpx.Client) -> None:
    """return_order: ``returnDate``, ``returnReason`` (CUSTOMER_RETURN), ``returnReference``
    (max 30), ``invoiceReference``, ``items``; the item must be invoiced already (ordex is
    told with its ``invoices`` route)."""
    create(shop, "ODE12345678904")
    invoiced = shop.post(
        f"{ORDERS}/ODE12345678904/invoices", json={"invoiceReference": "IDE12345678904"}
    )
    assert invoiced.status_code == 200, invoiced.text
    returned = shop.post(
        f"{ORDERS}/ODE12345678904/returns",
        json={
            "returnDate": "2024-09-20",
            "returnReason": "CUSTOMER_RETURN",
            "returnReference": "RDE12345678904",
            "invoiceReference": "IDE12345678904",
            "items": [{"orderItemReference": 1}],
        },
    )
    assert returned.status_code == 200, returned.text
    assert states(shop, "ODE12345678904") == {1: "returned"}


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    with loopback_receiver() as receiver:
        yield receiver


def notices(receiver: Receiver, order: str, count: int) -> list[dict[str, Any]]:
    """The EDIErrorSent bodies about ``order``, once ``count`` have arrived (at most 10 s)."""
    deadline = time.monotonic() + 10
    while True:
        bodies = [json.loads(request.body) for request in list(receiver.requests)]
        found = [b for b in bodies if b.get("details", {}).get("orderNo") == order]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def test_the_qualitative_response_has_riverty_s_shape(
    served: Served, shop: httpx.Client, receiver: Receiver
) -> None:
    """Subscribe with ``POST /administration/v1/notification-callbacks {callbackUrl,
    notificationTypes[]}`` (the answer adds ``id`` and ``description``); the Qualitative
    Response then says OK or ERROR for every request, in the published fields ``type``,
    ``parameters.requestType``, ``parameters.transactionId``, ``details.orderNo``,
    ``details.result``, ``details.errorDetails[{fieldName, ErrorDescription}]``."""
    registered = shop.post(
        "/administration/v1/notification-callbacks",
        json={"callbackUrl": receiver.url, "notificationTypes": ["accounting/EDIErrorSent"]},
    )
    assert registered.status_code == 200, registered.text
    assert {"id", "description"} <= set(registered.json())
    answer = shop.post(
        ORDERS,
        json={**CREATE_ORDER_EXAMPLE, "orderReference": "ODE12345678905"},
        headers={"X-Request-ID": "tx-ODE12345678905"},
    )
    assert answer.status_code == 200, answer.text
    again = shop.post(ORDERS, json={**CREATE_ORDER_EXAMPLE, "orderReference": "ODE12345678905"})
    assert again.status_code == 200, again.text  # processed: the outcome is an ERROR
    ok, error = sorted(notices(receiver, "ODE12345678905", 2), key=lambda b: b["createdAt"])
    assert ok["type"] == "accounting/EDIErrorSent"
    assert ok["parameters"]["requestType"] and ok["parameters"]["transactionId"] == (
        "tx-ODE12345678905"
    )
    assert ok["details"] == {"orderNo": "ODE12345678905", "result": "OK", "errorDetails": []}
    assert error["details"]["result"] == "ERROR"
    assert all(
        set(detail) == {"fieldName", "ErrorDescription"}
        for detail in error["details"]["errorDetails"]
    )
    assert error["details"]["errorDetails"]
