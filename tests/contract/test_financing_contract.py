"""The Skip Pay SDK's published request and response examples, replayed against ordex.

Every request body below is the example of a model of the public SDKs, as published:
``skip-pay/skippay-payments-java-sdk`` ``api/openapi.yaml`` (``components.schemas.<Model>
.example``; the same models are ``src/main/java/cz/skippay/model/<Model>.java``) and
``skip-pay/skippay-payments-php-sdk`` ``docs/Model/<Model>.md``. Each answer is read as the
Java SDK's parser reads it (:mod:`tests.contract.sdk_models`): no field the model does not
name, every required one, enum values the SDK knows. Amounts are the SDK's minor units
(``Amount``: "12590 represents 125,90 CZK").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack
from decimal import Decimal
from itertools import count
from typing import Any

import pytest
from httpx import Response

from ordex.domain.financing_policy import DecisionPolicy
from tests.contract.sdk_models import accepts
from tests.databases import BACKENDS, PostgresServer
from tests.e2e.conftest import ADMIN_TOKEN
from tests.e2e.test_financing_api import Fin, make_fin
from tests.receiver import Receiver, loopback_receiver

APPS = "/financing/v1/applications"

# openapi.yaml: Amount.example, Address.example, MerchantUrls.example,
# ChangeOrderItemRequestSerializer.example, PrecheckOrderItemRequest.example (the one full
# order item example), ApplicationWithoutCustomerRequest.example, CustomerRequest_allOf.
AMOUNT = {"amount": 12590, "currency": "CZK"}
ADDRESS = {
    "zip": "140 00",
    "country": "CZ",
    "city": "Prague",
    "streetAddress": "Letenská",
    "streetNumber": "22",
    "addressType": "BILLING",  # null in the example, which its own schema refuses
    "name": "John Doe",
}
ITEM = {
    "unitPrice": AMOUNT,
    "code": "EXC4677-1a",
    "quantity": 1,
    "totalPrice": AMOUNT,
    "description": "Mobile phone with 32GB of RAM",
    "type": "PHYSICAL",
    "unitVat": {"amount": 2185, "currency": "CZK", "vatRate": 21},  # null in the example
    "totalVat": {"amount": 2185, "currency": "CZK", "vatRate": 21},  # null in the example
    "ean": "888462064002",
    "name": "iPhone 6s 32GB SpaceGray",
    "variant": "32GB SpaceGray",
    "producer": "Apple",
    "categories": ["categories", "categories"],
    "productUrl": "https://www.example.com",
}
IDENTIFICATION = {
    "code": "EXC4677-1a",
    "ean": "888462064002",
    "quantity": 1,
    "name": "iPhone 6s 32GB SpaceGray",
    "type": "PHYSICAL",
}


def application_request(receiver: Receiver, number: str | None = None) -> dict[str, Any]:
    """The SDK's examples; the order number (AA234 in the example) and its variable symbol
    made unique, as each test here has its own order."""
    n = next(SERIAL)
    return {
        "agreementTermsAndConditions": True,
        "type": "PAY_IN_THREE",
        "merchantUrls": {
            "approvedRedirect": "http://www.yourEshop.com/paymentApproved.html",
            "notificationEndpoint": receiver.url + "/notifications",
            "paymentsEndpoint": receiver.url + "/paymentNotification",
            "rejectedRedirect": "http://www.yourEshop.com/paymentRejected.html",
        },
        "precheckIds": ["precheckIds", "precheckIds"],
        "order": {
            "number": number or f"AA234-{n}",
            "totalVat": [{"amount": 2185, "currency": "CZK", "vatRate": 21}],
            "addresses": [ADDRESS],
            "variableSymbols": [f"{1234567890 + n}"],
            "totalPrice": AMOUNT,
            "deliveryType": "DELIVERY_CARRIER",
            "deliveryCarrier": "DPD",
            "reservationDate": "2017-07-15T00:00:00+02:00",
            "items": [ITEM],
        },
        "customer": {
            "email": "john.newborn@country.com",
            "firstName": "John",
            "lastName": "Newborn",
            "phone": "+420123456789",
            "addresses": [ADDRESS],
        },
    }


@pytest.fixture(scope="module", params=BACKENDS)
def world(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Fin, Receiver]]:
    """One ordex and one receiver for the module (each test uses its own order numbers),
    on SQLite, then PostgreSQL."""
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path_factory.mktemp('contract') / 'ordex.db'}"
        else:
            server: PostgresServer = request.getfixturevalue("postgres_server")
            url = stack.enter_context(server.fresh_database())
        receiver = stack.enter_context(loopback_receiver())
        for fin in make_fin(url, DecisionPolicy(approval_limit=Decimal("1000"))):
            yield fin, receiver


@pytest.fixture
def fin(world: tuple[Fin, Receiver]) -> Fin:
    fin, receiver = world
    fin.deliver()  # what earlier tests left, so a test sees its own notifications only
    receiver.requests.clear()
    return fin


@pytest.fixture
def receiver(world: tuple[Fin, Receiver]) -> Receiver:
    return world[1]


SERIAL = count(1)


def read(answer: Response, status: int, model: str) -> Any:
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert accepts(model, body) == [], body
    return body


def create(fin: Fin, receiver: Receiver, **changes: Any) -> dict[str, Any]:
    body = application_request(receiver)
    body["order"].update(changes)
    result: dict[str, Any] = read(fin.create(body), 201, "ApplicationResponse")
    result["request"] = body  # for the test, not from ordex
    return result


def shown(app: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in app.items() if k != "request"}


def test_login_answers_the_sdks_partner_login_result(fin: Fin) -> None:
    """openapi.yaml PartnerLogin.example / PartnerLoginResult; PHP README (login)."""
    body = {"password": fin.key, "username": "acme"}
    token = read(
        fin.client.post("/authentication/v1/partner", json=body), 200, "PartnerLoginResult"
    )
    assert fin.create(application_request_for_token(), key=token["accessToken"]).status_code == 400


def application_request_for_token() -> dict[str, Any]:
    return {"type": "DEFERRED_PAYMENT"}  # the token is accepted: the body is what is wrong


def test_create_takes_the_sdks_application_request_and_answers_its_application(
    fin: Fin, receiver: Receiver
) -> None:
    """openapi.yaml POST /financing/v1/applications: ApplicationRequest -> 201
    ApplicationResponse; a duplicate -> 200 with the first application."""
    app = create(fin, receiver)
    assert (app["state"], app["stateReason"], app["type"]) == (
        "READY",
        "READY_TO_SHIP",
        "PAY_IN_THREE",
    )
    assert app["order"]["totalPrice"] == AMOUNT
    [item] = app["order"]["items"]
    assert item["totalPrice"] == AMOUNT and item["state"] == "PROCESSING"
    assert (item["variant"], item["producer"]) == ("32GB SpaceGray", "Apple")
    assert app["customer"]["fullName"] == "John Newborn"
    again = fin.create(app["request"])
    assert read(again, 200, "ApplicationResponse")["id"] == app["id"]
    answer = fin.client.get(f"{APPS}/{app['id']}", headers=fin.headers())
    assert read(answer, 200, "ApplicationResponse") == shown(app)


def test_the_older_financing_type_is_an_alias_of_type(fin: Fin, receiver: Receiver) -> None:
    body = application_request(receiver)
    body["financingType"] = body.pop("type")
    assert read(fin.create(body), 201, "ApplicationResponse")["type"] == "PAY_IN_THREE"


def test_mark_requests_keep_the_sdks_fields_and_answer_an_order_extended_response(
    fin: Fin, receiver: Receiver
) -> None:
    """openapi.yaml PUT …/order/send: OrderItemsSendRequest (ChangeOrderItemRequest
    Serializer.example, OrderItemsSendRequest_allOf examples) -> OrderExtendedResponse."""
    app = create(fin, receiver)
    send = {
        "items": [IDENTIFICATION],
        "totalPrice": AMOUNT,
        "totalVat": [{"amount": 2185, "currency": "CZK", "vatRate": 21}],
        "variableSymbol": "1234567890",
        "specificSymbol": "1234567890",
        "sentDate": "2017-01-12",
        "deliveryCarrier": "DPD",
        "deliveryTrackingNumber": "EEX1221",
    }
    order = read(fin.put(f"{APPS}/{app['id']}/order/send", send), 200, "OrderExtendedResponse")
    assert order["applicationInfo"] == {
        "id": app["id"],
        "state": "READY",
        "stateReason": "READY_SHIPPED",
    }
    assert (order["state"], order["sentDate"], order["deliveryTrackingNumber"]) == (
        "SENT",
        "2017-01-12",
        "EEX1221",
    )
    [item] = order["items"]
    assert (item["state"], item["sentDate"], item["deliveryTrackingNumber"]) == (
        "SENT",
        "2017-01-12",
        "EEX1221",
    )
    deliver = {"items": [IDENTIFICATION], "deliveryDate": "2017-01-15"}
    order = read(
        fin.put(f"{APPS}/{app['id']}/order/deliver", deliver), 200, "OrderExtendedResponse"
    )
    assert (order["state"], order["deliveryDate"]) == ("DELIVERED", "2017-01-15")
    [mark, _] = fin.client.get(f"{APPS}/{app['id']}/ledger", headers=fin.headers()).json()["marks"]
    kept = {k: mark[k] for k in send if k != "items"}
    assert kept == {k: v for k, v in send.items() if k != "items"}


def test_a_quantity_in_an_identification_marks_that_many_pieces(
    fin: Fin, receiver: Receiver
) -> None:
    """ChangeOrderItemRequestSerializer.quantity: "Item quantity. If empty, considered as
    whole item quantity is selected" (ordex cancelled the whole item before)."""
    three = {
        **ITEM,
        "quantity": 3,
        "totalPrice": {"amount": 37770, "currency": "CZK"},
        "totalVat": {"amount": 6555, "currency": "CZK", "vatRate": 21},
    }
    app = create(fin, receiver, items=[three], totalPrice={"amount": 37770, "currency": "CZK"})
    cancel = {"items": [IDENTIFICATION]}  # quantity 1 of 3
    order = read(fin.put(f"{APPS}/{app['id']}/order/cancel", cancel), 200, "OrderExtendedResponse")
    lines = [(i["state"], i["quantity"], i["totalPrice"]["amount"]) for i in order["items"]]
    assert lines == [("PROCESSING", 2, 25180), ("CANCELLED", 1, 12590)]
    assert order["applicationInfo"]["state"] == "READY"
    too_many = {"items": [{**IDENTIFICATION, "quantity": 3}]}
    answer = fin.put(f"{APPS}/{app['id']}/order/cancel", too_many)
    [problem] = read(answer, 422, "ErrorsResponse")["errors"]
    assert problem["code"] == "UNPROCESSABLE" and "only 2 of its 3" in problem["message"]


def test_a_partial_order_change_changes_only_what_it_names(fin: Fin, receiver: Receiver) -> None:
    """openapi.yaml PUT …/order: ApplicationOrderChangeRequest ("resource allows partial
    put") -> OrderExtendedResponse."""
    app = create(fin, receiver)
    change = {
        "reason": "My reason of change.",
        "order": {"variableSymbols": ["987"], "deliveryCarrier": "PPL"},
    }
    order = read(fin.put(f"{APPS}/{app['id']}/order", change), 200, "OrderExtendedResponse")
    assert (order["variableSymbols"], order["deliveryCarrier"]) == (["987"], "PPL")
    assert order["items"] == app["order"]["items"] and order["totalPrice"] == AMOUNT
    cheaper = {**ITEM, "totalPrice": {"amount": 10000, "currency": "CZK"}}
    cheaper.pop("unitPrice")
    change = {"order": {"items": [cheaper], "totalPrice": {"amount": 10000, "currency": "CZK"}}}
    order = read(fin.put(f"{APPS}/{app['id']}/order", change), 200, "OrderExtendedResponse")
    assert order["totalPrice"]["amount"] == 10000 and order["variableSymbols"] == ["987"]


def test_get_order_finds_an_order_by_number_symbol_or_application(
    fin: Fin, receiver: Receiver
) -> None:
    """openapi.yaml GET /financing/v1/orders{?orderNumber,orderVariableSymbol,
    applicationId} -> OrderExtendedResponse, 404 ErrorsResponse when nothing matches."""
    app = create(fin, receiver)
    order = app["request"]["order"]
    for query in (
        f"orderNumber={order['number']}",
        f"orderVariableSymbol={order['variableSymbols'][0]}",
        f"applicationId={app['id']}",
    ):
        answer = fin.client.get(f"/financing/v1/orders?{query}", headers=fin.headers())
        assert read(answer, 200, "OrderExtendedResponse")["applicationInfo"]["id"] == app["id"]
    missing = fin.client.get("/financing/v1/orders?orderNumber=NOPE", headers=fin.headers())
    assert read(missing, 404, "ErrorsResponse")["errors"][0]["code"] == "OBJECT_NOT_FOUND"


def test_payments_are_notified_and_listed_as_the_sdks_payment(fin: Fin, receiver: Receiver) -> None:
    """openapi.yaml paymentEndpoint notification (Payment) and GET …/payments
    (Getpaymentsonspecificapplicationresponse); developers.skippay.cz's payment
    notification adds variableSymbol."""
    app = create(fin, receiver)
    paid = fin.client.post(
        f"/admin/v1/financing/applications/{app['id']}/payments",
        json={"amount": 12590},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    assert paid.status_code == 200, paid.text
    fin.deliver()
    notices = {r.path.rsplit("/", 1)[-1]: json.loads(r.body) for r in receiver.requests}
    payment = notices["paymentNotification"]
    assert payment.pop("variableSymbol") == app["request"]["order"]["variableSymbols"][0]
    assert accepts("Payment", payment) == []
    assert (payment["applicationId"], payment["value"]) == (app["id"], AMOUNT)
    assert notices["notifications"] == {
        "id": app["id"],
        "state": "READY",
        "stateReason": "READY_PAID",
    }
    listed = read(
        fin.client.get(f"{APPS}/{app['id']}/payments", headers=fin.headers()),
        200,
        "Getpaymentsonspecificapplicationresponse",
    )
    assert listed["data"] == [payment]


def test_the_application_notification_is_the_sdks_application_base_response(
    fin: Fin, receiver: Receiver
) -> None:
    """openapi.yaml notificationEndpoint: requestBody ApplicationBaseResponse."""
    app = create(fin, receiver)
    fin.deliver()
    [notice] = receiver.requests
    assert notice.path.endswith("/notifications")
    body = json.loads(notice.body)
    assert accepts("ApplicationBaseResponse", body) == []
    assert body == {"id": app["id"], "state": "READY", "stateReason": "READY_TO_SHIP"}


def test_cancel_takes_the_sdks_cancel_request(fin: Fin, receiver: Receiver) -> None:
    """openapi.yaml ApplicationCancelRequest.example -> ApplicationResponse."""
    app = create(fin, receiver)
    body = {"reason": "APPLICATION_CANCELLED_BY_CUSTOMER", "customReason": "My specific reason."}
    done = read(fin.put(f"{APPS}/{app['id']}/cancel", body), 200, "ApplicationResponse")
    assert (done["state"], done["stateReason"]) == ("CANCELLED", "CANCELLED_NOT_PAID")
    again = read(fin.put(f"{APPS}/{app['id']}/cancel", body), 422, "ErrorsResponse")
    assert again["errors"][0]["code"] == "APPLICATION_ALREADY_CANCELLED"


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", f"{APPS}/11200a0ee1", 404, "OBJECT_NOT_FOUND"),
        ("POST", "/financing/v1/precheck", 422, "NOT_SUPPORTED"),
        ("GET", "/financing/v1/recurrences/abcd1234", 422, "NOT_SUPPORTED"),
        ("POST", APPS, 400, "INVALID_REQUEST"),
    ],
)
def test_errors_are_the_sdks_errors_response(
    fin: Fin, method: str, path: str, status: int, code: str
) -> None:
    """openapi.yaml ErrorsResponse / ErrorsResponse_errors_inner."""
    answer = fin.client.request(method, path, json={}, headers=fin.headers())
    body = read(answer, status, "ErrorsResponse")
    assert {e["code"] for e in body["errors"]} == {code}


def test_health_answers_the_sdks_health_check_response(fin: Fin) -> None:
    """openapi.yaml GET /v1/health -> HealthCheckResponse, no token needed."""
    read(fin.client.get("/v1/health"), 200, "HealthCheckResponse")
