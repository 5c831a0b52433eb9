"""The financing dialect over HTTP, on a real database, with notifications to a real
loopback receiver driven by a fake clock."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from ordex.api.app import create_app
from ordex.bootstrap import Runtime, bootstrap
from ordex.config import Settings
from ordex.delivery.worker import drain
from ordex.domain.content import PartyId
from ordex.domain.financing_policy import DecisionMode, DecisionPolicy
from ordex.domain.hooks import RetrySchedule
from ordex.services.accounts import create_account
from tests.e2e.conftest import ADMIN_TOKEN
from tests.receiver import Receiver, loopback_receiver
from tests.unit.fakes import FakeClock

APPS = "/financing/v1/applications"
ADMIN = "/admin/v1/financing/applications"


@dataclass
class Fin:
    client: TestClient
    runtime: Runtime
    clock: FakeClock
    key: str
    other_key: str

    def headers(self, key: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {key or self.key}"}

    def create(self, body: dict[str, Any], key: str | None = None) -> Response:
        return self.client.post(APPS, json=body, headers=self.headers(key))

    def put(self, path: str, body: Any = None, raw: bytes | None = None) -> Response:
        if raw is not None:
            return self.client.put(path, content=raw, headers=self.headers())
        if body is None:
            return self.client.put(path, headers=self.headers())
        return self.client.put(path, json=body, headers=self.headers())

    def admin(self, path: str, body: Any = None) -> Response:
        return self.client.post(path, json=body, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})

    def deliver(self) -> int:
        assert self.runtime.ctx.transport is not None
        return drain(self.runtime.ctx, self.runtime.ctx.transport, RetrySchedule(jitter=0))


def make_fin(database_url: str, policy: DecisionPolicy) -> Iterator[Fin]:
    settings = Settings(
        database_url=database_url,
        admin_token=ADMIN_TOKEN,
        allow_private_webhooks=True,
        allow_http_webhooks=True,
        financing_policy=policy,
    )
    clock = FakeClock()
    rt = bootstrap(settings, clock=clock)
    _, key = create_account(rt.ctx, "Acme Finance", [PartyId("partner", "acme")])
    _, other = create_account(rt.ctx, "Other", [PartyId("partner", "other")])
    with TestClient(create_app(rt), raise_server_exceptions=False) as client:
        yield Fin(client, rt, clock, key, other)
    rt.engine.dispose()


@pytest.fixture
def fin(database_url: str) -> Iterator[Fin]:
    yield from make_fin(database_url, DecisionPolicy(approval_limit=Decimal("1000")))


@pytest.fixture
def manual(database_url: str) -> Iterator[Fin]:
    yield from make_fin(database_url, DecisionPolicy(mode=DecisionMode.MANUAL))


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with loopback_receiver() as receiver:
        yield receiver


def money(amount: int) -> dict[str, Any]:
    """The SDK's Amount: minor units (10000 is 100.00 CZK)."""
    return {"amount": amount, "currency": "CZK"}


def vat(amount: int, rate: int = 21) -> dict[str, Any]:
    return {**money(amount), "vatRate": rate}


def body(number: str = "ORD-1", url: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "type": "DEFERRED_PAYMENT",
        "order": {
            "number": number,
            "totalPrice": money(15000),
            "items": [
                {
                    "code": "CH-1",
                    "ean": "111",
                    "name": "Chair",
                    "type": "PHYSICAL",
                    "quantity": 2,
                    "unitPrice": money(5000),
                    "totalPrice": money(10000),
                    "totalVat": vat(1736),
                },
                {
                    "code": "CH-2",
                    "name": "Chair",
                    "type": "PHYSICAL",
                    "totalPrice": money(4000),
                    "vatRate": 21,  # ordex's older field: totalVat from the rate
                },
                {
                    "code": "SHIP",
                    "name": "Delivery",
                    "type": "SHIPPING_FEE",
                    "totalPrice": money(1000),
                    "totalVat": vat(174),
                },
            ],
        },
        **({"notificationUrl": url} if url else {}),
        **extra,
    }


def created(fin: Fin, **kwargs: Any) -> str:
    answer = fin.create(body(**kwargs))
    assert answer.status_code == 201, answer.text
    application_id: str = answer.json()["id"]
    return application_id


def error(answer: Response, status: int, code: str) -> str:
    """The SDK's ErrorsResponse: {errors: [{code, message, severity, attribute, ticketId}]}."""
    assert answer.status_code == status, answer.text
    payload = answer.json()
    assert set(payload) == {"errors"}, payload
    assert {e["code"] for e in payload["errors"]} == {code}, payload
    assert all(e["severity"] == "ERROR" and e["ticketId"] for e in payload["errors"])
    return "; ".join(
        f"{e['attribute']}: {e['message']}" if e.get("attribute") else e["message"]
        for e in payload["errors"]
    )


def ledger(fin: Fin, application_id: str) -> dict[str, Any]:
    answer = fin.client.get(f"{APPS}/{application_id}/ledger", headers=fin.headers())
    assert answer.status_code == 200, answer.text
    result: dict[str, Any] = answer.json()
    return result


def states(answer: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """(code, state, quantity) of each line of an order answer."""
    order = answer.get("order", answer)
    return [(i["code"], i["state"], i["quantity"]) for i in order["items"]]


# -- applications --------------------------------------------------------------------------


def test_an_application_is_created_decided_and_shown_with_items_and_marks(fin: Fin) -> None:
    answer = fin.create(body())
    assert answer.status_code == 201
    app = answer.json()
    assert (app["state"], app["stateReason"]) == ("READY", "READY_TO_SHIP")
    assert ledger(fin, app["id"])["approvedAmount"] == money(15000)
    assert [i["state"] for i in app["order"]["items"]] == ["PROCESSING"] * 3
    assert app["order"]["items"][1]["totalVat"] == vat(694)  # 4000 x 21/121
    shown = fin.client.get(f"{APPS}/{app['id']}", headers=fin.headers()).json()
    assert shown == app


def test_a_repeated_identical_request_answers_the_original_with_200(fin: Fin) -> None:
    first = fin.create(body())
    again = fin.client.post(
        APPS,
        content=json.dumps(body(), indent=4).encode(),  # other whitespace, same content
        headers={**fin.headers(), "Content-Type": "application/json"},
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    other = body()
    other["order"]["items"][2]["totalPrice"] = money(1001)
    other["order"]["totalPrice"] = money(15001)
    message = error(fin.create(other), 422, "UNPROCESSABLE")
    assert "already has application" in message
    listed = fin.client.get("/financing/v1/orders", headers=fin.headers()).json()
    assert len(listed["items"]) == 1


def test_another_partners_application_is_not_found(fin: Fin) -> None:
    application_id = created(fin)
    for answer in (
        fin.client.get(f"{APPS}/{application_id}", headers=fin.headers(fin.other_key)),
        fin.client.put(f"{APPS}/{application_id}/cancel", headers=fin.headers(fin.other_key)),
    ):
        error(answer, 404, "OBJECT_NOT_FOUND")
    assert fin.client.get(f"{APPS}/{application_id}", headers=fin.headers()).status_code == 200


def test_above_the_limit_the_policy_rejects(fin: Fin) -> None:
    big = body()
    big["order"]["items"][0]["totalPrice"] = money(100000)
    big["order"]["items"][0]["unitPrice"] = money(50000)
    big["order"]["totalPrice"] = money(105000)
    app = fin.create(big).json()
    assert (app["state"], app["stateReason"]) == ("REJECTED", "REJECTED")


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda b: b["order"].update(totalPrice=money(14900)), "order.totalPrice"),
        (lambda b: b["order"]["items"][0].update(quantity=3), "order.items[0].totalPrice"),
        (lambda b: b["order"].update(items=[]), "order.items"),
        (lambda b: b.update(type="LEASING"), "type"),
        (lambda b: b.update(financingType="PAY_IN_THREE"), "financingType"),
        (lambda b: b["order"]["items"][1].update(totalPrice=money("abc")), "amount"),
        (lambda b: b["order"]["items"][1].update(totalPrice=money("40.00")), "amount"),
        (lambda b: b["order"]["items"][1].update(totalPrice=money(40.5)), "whole number"),
        (lambda b: b["order"]["items"][1]["totalPrice"].update(currency="EUR"), "currency"),
        (lambda b: b["order"]["items"][0].pop("totalVat"), "order.items[0].totalVat"),
        (lambda b: b["order"]["items"][0].update(type="SHIPPING"), "order.items.0.type"),
    ],
)
def test_a_wrong_create_request_is_an_invalid_request_that_says_where(
    fin: Fin, mutate: Any, where: str
) -> None:
    wrong = body()
    mutate(wrong)
    assert where in error(fin.create(wrong), 400, "INVALID_REQUEST")
    assert fin.client.get("/financing/v1/orders", headers=fin.headers()).json()["items"] == []


def test_malformed_and_too_large_bodies_are_invalid_requests(fin: Fin) -> None:
    application_id = created(fin)
    error(fin.put(f"{APPS}/{application_id}/order/send", raw=b"{not json"), 400, "INVALID_REQUEST")
    error(fin.put(f"{APPS}/{application_id}/order/send", raw=b'"items"'), 400, "INVALID_REQUEST")
    huge = b'{"items": [' + b'{"code": "x"},' * 80_000 + b'{"code": "y"}]}'
    assert "larger than" in error(
        fin.put(f"{APPS}/{application_id}/order/send", raw=huge), 413, "INVALID_REQUEST"
    )
    error(fin.client.post(APPS, content=b"[]", headers=fin.headers()), 400, "INVALID_REQUEST")


def test_a_partner_logs_in_with_its_id_and_key_and_gets_a_token(fin: Fin) -> None:
    login = fin.client.post(
        "/authentication/v1/partner", json={"username": "acme", "password": fin.key}
    )
    assert login.status_code == 200
    token = login.json()["accessToken"]
    assert fin.create(body(), key=token).status_code == 201
    wrong = fin.client.post(
        "/authentication/v1/partner", json={"username": "other", "password": fin.key}
    )
    error(wrong, 401, "UNAUTHORIZED")


# -- the seed's table over HTTP --------------------------------------------------------------

CHANGED_ORDER = {
    "order": {
        "number": "ORD-1",
        "totalPrice": money(14000),
        "items": body()["order"]["items"][:2],
    }
}
OPERATIONS: dict[str, tuple[str, Any]] = {
    "cancel": ("cancel", None),
    "change order": ("order", CHANGED_ORDER),
    "order/cancel": ("order/cancel", None),
    "order/send": ("order/send", None),
    "order/deliver": ("order/deliver", None),
    "order/return": ("order/return", None),
}
REFUSED = {
    "PROCESSING": "APPLICATION_VALIDATION_IN_PROGRESS",
    "REJECTED": "APPLICATION_REJECTED",
    "CANCELLED": "APPLICATION_ALREADY_CANCELLED",
}


def in_state(fin: Fin, state: str, number: str) -> str:
    application_id = created(fin, number=number)
    if state == "READY":
        assert fin.admin(f"{ADMIN}/{application_id}/approve").status_code == 200
    elif state == "REJECTED":
        assert fin.admin(f"{ADMIN}/{application_id}/reject", {"note": "no"}).status_code == 200
    elif state == "CANCELLED":
        assert fin.put(f"{APPS}/{application_id}/cancel").status_code == 200
    return application_id


def test_every_state_against_every_operation_answers_as_the_seeds_table(manual: Fin) -> None:
    """Each row of the seed's table (application state) against each operation, over HTTP."""
    seen = {}
    for state in ("PROCESSING", "READY", "REJECTED", "CANCELLED"):
        for name, (path, payload) in OPERATIONS.items():
            application_id = in_state(manual, state, f"{state}-{name}")
            if state == "READY" and name == "order/return":
                manual.put(f"{APPS}/{application_id}/order/send")
            answer = manual.put(f"{APPS}/{application_id}/{path}", payload)
            allowed = state == "READY" or (
                state == "PROCESSING" and name in ("cancel", "change order")
            )
            errors = answer.json().get("errors") if answer.status_code != 200 else None
            seen[(state, name)] = (answer.status_code, errors[0]["code"] if errors else None)
            expected = (200, None) if allowed else (422, REFUSED[state])
            assert seen[(state, name)] == expected, (state, name, answer.text)
    assert len(seen) == 24


# -- item marks over HTTP --------------------------------------------------------------------


def test_marks_by_identification_and_by_empty_body_answer_the_changed_order(fin: Fin) -> None:
    application_id = created(fin)
    sent = fin.put(f"{APPS}/{application_id}/order/send", {"items": [{"code": "CH-1"}]})
    assert sent.status_code == 200
    answer = sent.json()
    assert answer["applicationInfo"] == {
        "id": application_id,
        "state": "READY",
        "stateReason": "READY_SHIPPED",
    }
    assert states(answer) == [
        ("CH-1", "SENT", 2),
        ("CH-2", "PROCESSING", 1),
        ("SHIP", "PROCESSING", 1),
    ]
    assert answer["state"] == "SENT" and answer["items"][0]["sentDate"] == "2026-11-23"
    refused = fin.put(f"{APPS}/{application_id}/order/cancel", [{"code": "CH-1"}])
    assert "return it instead" in error(refused, 422, "UNPROCESSABLE")
    everything = fin.put(f"{APPS}/{application_id}/order/cancel", raw=b"")
    assert [s for _, s, _ in states(everything.json())] == ["SENT", "CANCELLED", "CANCELLED"]
    error(fin.put(f"{APPS}/{application_id}/cancel"), 422, "UNPROCESSABLE")
    returned = fin.put(f"{APPS}/{application_id}/order/return", {"items": []}).json()
    assert returned["applicationInfo"]["stateReason"] == "CANCELLED_RETURNED"
    assert (returned["applicationInfo"]["state"], returned["state"]) == ("CANCELLED", "RETURNED")


def test_identifications_that_match_nothing_or_several_items_are_refused(fin: Fin) -> None:
    application_id = created(fin)
    path = f"{APPS}/{application_id}/order/deliver"
    assert "No order item matches" in error(
        fin.put(path, [{"code": "CH-1", "ean": "999"}]), 422, "UNPROCESSABLE"
    )
    assert "2 order items match" in error(fin.put(path, [{"name": "Chair"}]), 422, "UNPROCESSABLE")
    ok = fin.put(path, [{"name": "Chair", "code": "CH-2"}])
    assert states(ok.json())[1] == ("CH-2", "DELIVERED", 1)


def test_sending_beyond_an_approved_amount_is_refused(manual: Fin) -> None:
    application_id = created(manual)
    approved = manual.admin(f"{ADMIN}/{application_id}/approve", {"amount": 12000})
    assert approved.status_code == 200
    assert ledger(manual, application_id)["approvedAmount"] == money(12000)
    manual.put(f"{APPS}/{application_id}/order/send", [{"code": "CH-1"}])
    message = error(
        manual.put(f"{APPS}/{application_id}/order/send"), 422, "TOTAL_PRICE_LIMIT_EXCEEDED"
    )
    assert "beyond the approved 120.00" in message


def test_a_paid_application_gets_credit_notes_and_cannot_be_cancelled_whole(fin: Fin) -> None:
    application_id = created(fin)
    assert fin.admin(f"{ADMIN}/{application_id}/payments", {"amount": 10000}).status_code == 200
    paid = ledger(fin, application_id)
    assert paid["paidAmount"] == money(10000) and paid["outstandingAmount"] == money(5000)
    error(fin.put(f"{APPS}/{application_id}/cancel"), 422, "APPLICATION_PAID")
    fin.put(f"{APPS}/{application_id}/order/cancel", [{"code": "CH-2"}])
    [note] = ledger(fin, application_id)["creditNotes"]
    assert (note["amount"], note["refund"]) == (money(4000), money(0))
    fin.put(f"{APPS}/{application_id}/order/send")
    fin.put(f"{APPS}/{application_id}/order/return", [{"code": "CH-1"}])
    shown = ledger(fin, application_id)
    assert [n["amount"] for n in shown["creditNotes"]] == [money(4000), money(10000)]
    assert shown["creditNotes"][1]["refund"] == money(9000)
    assert (shown["paidAmount"], shown["outstandingAmount"]) == (money(1000), money(0))
    app = fin.client.get(f"{APPS}/{application_id}", headers=fin.headers()).json()
    assert app["stateReason"] == "READY_PAID"


def test_pay_in_three_orders_can_be_changed_as_the_sdk_says(fin: Fin) -> None:
    """The SDK's Change application order: PAY_IN_THREE "YES" (ordex refused it before)."""
    answer = fin.create(body(type="PAY_IN_THREE"))
    application_id = answer.json()["id"]
    changed = fin.put(f"{APPS}/{application_id}/order", CHANGED_ORDER)
    assert changed.status_code == 200, changed.text
    assert changed.json()["totalPrice"] == money(14000)
    assert changed.json()["applicationInfo"]["id"] == application_id


def test_the_partners_applications_are_listed_by_state_page_by_page(manual: Fin) -> None:
    ids = [created(manual, number=f"ORD-{n}") for n in range(5)]
    for application_id in ids[:3]:
        manual.admin(f"{ADMIN}/{application_id}/approve")
        manual.clock.advance(seconds=1)
    pages, cursor = [], None
    while True:
        params: dict[str, Any] = {"state": "READY", "limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = manual.client.get("/financing/v1/orders", params=params, headers=manual.headers())
        pages.append([a["id"] for a in page.json()["items"]])
        cursor = page.json()["nextCursor"]
        if cursor is None:
            break
    assert sorted(i for page in pages for i in page) == sorted(ids[:3]) and len(pages) == 2
    both = manual.client.get(
        "/financing/v1/orders",
        params={"state": ["READY", "PROCESSING"]},
        headers=manual.headers(),
    )
    assert len(both.json()["items"]) == 5
    other = manual.client.get("/financing/v1/orders", headers=manual.headers(manual.other_key))
    assert other.json()["items"] == []


# -- notifications -----------------------------------------------------------------------------


def test_every_change_is_notified_to_the_url_as_the_sdks_notification(
    manual: Fin, receiver: Receiver
) -> None:
    application_id = created(manual, url=receiver.url)
    assert manual.deliver() == 0  # PROCESSING at creation: nothing changed yet
    manual.admin(f"{ADMIN}/{application_id}/approve")
    manual.clock.advance(seconds=1)  # the outbox orders by time (ties: by random id)
    manual.put(f"{APPS}/{application_id}/order/send", [{"code": "SHIP"}])
    assert manual.deliver() == 2
    first, second = (json.loads(r.body) for r in receiver.requests)
    # The SDK's ApplicationBaseResponse, exactly (its Java parser refuses other fields).
    assert first == {"id": application_id, "state": "READY", "stateReason": "READY_TO_SHIP"}
    assert second == {"id": application_id, "state": "READY", "stateReason": "READY_SHIPPED"}
    [mark] = ledger(manual, application_id)["marks"]
    assert mark["items"] == ["item (code='SHIP', name='Delivery', type='SHIPPING_FEE')"]


def test_notifications_are_retried_after_1_5_5_5_5_minutes_and_can_be_resent(
    manual: Fin, receiver: Receiver
) -> None:
    application_id = created(manual, url=receiver.url)
    manual.admin(f"{ADMIN}/{application_id}/reject")
    for _ in range(6):
        receiver.answer(503)
    start = manual.clock.now()
    tried = []
    for _ in range(60):  # 30 minutes in steps of 30 s
        if manual.deliver():
            tried.append(manual.clock.now() - start)
        manual.clock.advance(seconds=30)
    minutes = [t / timedelta(minutes=1) for t in tried]
    assert minutes == [0, 1, 6, 11, 16, 21]
    [notice] = manual.client.get(
        f"{APPS}/{application_id}/notifications", headers=manual.headers()
    ).json()
    assert (notice["status"], notice["attempts"], len(notice["history"])) == ("failed", 6, 6)
    assert [a["statusCode"] for a in notice["history"]] == [503] * 6
    resent = manual.client.post(
        f"{APPS}/{application_id}/notifications/{notice['id']}/resend", headers=manual.headers()
    )
    assert resent.status_code == 200
    assert manual.deliver() == 1  # the receiver answers 200 now
    assert json.loads(receiver.requests[-1].body)["state"] == "REJECTED"
    error(
        manual.client.get(
            f"{APPS}/{application_id}/notifications", headers=manual.headers(manual.other_key)
        ),
        404,
        "OBJECT_NOT_FOUND",
    )


def test_a_notification_url_on_a_private_network_is_refused_by_default(
    database_url: str,
) -> None:
    policy = DecisionPolicy()
    for fin in make_fin(database_url, policy):
        rt = fin.runtime
        strict = replace(rt.settings, allow_private_webhooks=False)
        check = bootstrap(strict, clock=fin.clock, migrate=False)
        with TestClient(create_app(check), raise_server_exceptions=False) as client:
            answer = client.post(
                APPS, json=body(url="https://127.0.0.1/hook"), headers=fin.headers()
            )
        check.engine.dispose()
        assert error(answer, 400, "INVALID_REQUEST")


HOSTILE = [
    b"null",
    b"123",
    b'"items"',
    b"\xff\xfe",
    b"[1, 2]",
    b'{"items": "x"}',
    b'{"items": [null]}',
    b'{"items": [{"code": 5}]}',
    b'{"order": null}',
    b'{"type": "DEFERRED_PAYMENT", "order": {"number": "1", "items": [{"name": "x",'
    b' "code": "x", "totalPrice": {"amount": 1e400, "currency": "CZK"}}]}}',
    b'{"type": "DEFERRED_PAYMENT", "order": {"number": "1", "items": [{"name": "x",'
    b' "code": "x", "totalPrice": {"amount": 1e16000, "currency": "CZK"}}]}}',
    b'{"type": "DEFERRED_PAYMENT", "order": {"number": "1", "items": [{"name": "x",'
    b' "code": "x", "totalPrice": {"amount": NaN, "currency": "CZK"}}]}}',
    b'{"type": "DEFERRED_PAYMENT", "order": {"number": "1", "items": [{"name": "x",'
    b' "code": "x", "totalPrice": {"amount": -5, "currency": "CZK"}, "vatRate": 0}]}}',
]


@pytest.mark.parametrize("raw", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_bodies_are_invalid_requests_and_change_nothing(fin: Fin, raw: bytes) -> None:
    application_id = created(fin)
    before = fin.client.get(f"{APPS}/{application_id}", headers=fin.headers()).json()
    for path in ("order/send", "order/cancel", "order/return", "order"):
        error(fin.put(f"{APPS}/{application_id}/{path}", raw=raw), 400, "INVALID_REQUEST")
    error(fin.client.post(APPS, content=raw, headers=fin.headers()), 400, "INVALID_REQUEST")
    after = fin.client.get(f"{APPS}/{application_id}", headers=fin.headers()).json()
    assert after == before


def test_a_410_ends_that_notification_only_and_later_ones_are_still_sent(
    manual: Fin, receiver: Receiver
) -> None:
    """Failed before: the 410 disabled the application's URL, so nothing more was sent."""
    application_id = created(manual, url=receiver.url)
    manual.admin(f"{ADMIN}/{application_id}/approve")
    receiver.answer(410)
    assert manual.deliver() == 1
    manual.clock.advance(minutes=30)
    assert manual.deliver() == 0  # not retried
    manual.put(f"{APPS}/{application_id}/order/send")
    assert manual.deliver() == 1
    first, second = (json.loads(r.body) for r in receiver.requests)
    assert (first["stateReason"], second["stateReason"]) == ("READY_TO_SHIP", "READY_SHIPPED")
    notices = manual.client.get(
        f"{APPS}/{application_id}/notifications", headers=manual.headers()
    ).json()
    assert sorted((n["status"], n["attempts"]) for n in notices) == [
        ("failed", 1),
        ("succeeded", 1),
    ]


# What a validation library says of itself, which a client must never read.
INTERNALS = (
    "pydantic",
    "errors.pydantic.dev",
    "input_type",
    "input_value",
    "instance of",
    "[type=",
    "function-",
    "^[",
    "ctx",
)
BAD_BODIES: list[Any] = [
    7,
    [1],
    {"items": "x", "x": 1},
    {"items": [{"quantity": "abc", "code": {"a": 1}}]},
    {
        "type": 5,
        "order": {"number": 1, "items": [{"totalPrice": {"amount": "1", "currency": "czk"}}]},
    },
    {"sentDate": "yesterday", "deliveryCarrier": "UPS", "variableSymbol": "A1", "reason": "NOPE"},
    {"order": {"addresses": [{"city": 1}]}, "customer": {"email": 5}},
    {"username": 1, "password": []},
]
BAD_QUERIES = ["?limit=x&state=FOO", "?cursor=abc&after=" + "x" * 100]


def test_no_validation_message_of_any_financing_route_shows_the_librarys_internals(
    fin: Fin,
) -> None:
    """Failed before: a mark list answered "... or instance of IdentificationIn", pattern
    checks showed their regular expressions."""
    application_id = created(fin)
    paths = fin.client.get("/openapi.json").json()["paths"]
    routes = [
        (method.upper(), path.replace("{applicationId}", application_id))
        for path, operations in paths.items()
        if path.startswith(("/financing/", "/authentication/v1/partner"))
        for method in operations
    ]
    assert len(routes) >= 15
    refused = 0
    for method, path in routes:
        path = path.replace("{deliveryId}", "d-1").replace("{recurrenceId}", "r-1")
        calls = (
            [fin.client.request(method, path + q, headers=fin.headers()) for q in BAD_QUERIES]
            if method == "GET"
            else [
                fin.client.request(
                    method,
                    path,
                    content=json.dumps(bad),
                    headers={**fin.headers(), "Content-Type": "application/json"},
                )
                for bad in BAD_BODIES
            ]
        )
        for answer in calls:
            assert answer.status_code < 500, (method, path, answer.text)
            if answer.status_code == 400:
                refused += 1
                text = answer.text.lower()
                leaked = [word for word in INTERNALS if word.lower() in text]
                assert not leaked, (method, path, answer.text)
    assert refused > 30
