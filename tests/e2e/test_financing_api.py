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


def money(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "CZK"}


def body(number: str = "ORD-1", url: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "financingType": "DEFERRED_PAYMENT",
        "order": {
            "number": number,
            "totalPrice": money("150.00"),
            "items": [
                {
                    "code": "CH-1",
                    "ean": "111",
                    "name": "Chair",
                    "type": "PHYSICAL",
                    "quantity": 2,
                    "unitPrice": money("50.00"),
                    "vatRate": 21,
                    "totalPrice": money("100.00"),
                },
                {"code": "CH-2", "name": "Chair", "type": "PHYSICAL", "totalPrice": money("40")},
                {"code": "SHIP", "name": "Delivery", "type": "SHIPPING", "totalPrice": money("10")},
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
    assert answer.status_code == status, answer.text
    payload = answer.json()
    assert payload["code"] == code, payload
    message: str = payload["message"]
    return message


# -- applications --------------------------------------------------------------------------


def test_an_application_is_created_decided_and_shown_with_items_and_marks(fin: Fin) -> None:
    answer = fin.create(body())
    assert answer.status_code == 201
    app = answer.json()
    assert (app["state"], app["stateReason"], app["substate"]) == (
        "READY",
        "READY_TO_SHIP",
        "READY_TO_SHIP",
    )
    assert app["approvedAmount"] == money("150.00")
    assert [i["state"] for i in app["order"]["items"]] == ["OPEN"] * 3
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
    other["order"]["items"][2]["totalPrice"] = money("10.01")
    other["order"]["totalPrice"] = money("150.01")
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
    big["order"]["items"][0]["totalPrice"] = money("1000.00")
    big["order"]["items"][0]["unitPrice"] = money("500.00")
    big["order"]["totalPrice"] = money("1050.00")
    app = fin.create(big).json()
    assert (app["state"], app["stateReason"]) == ("REJECTED", "REJECTED")


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda b: b["order"].update(totalPrice=money("149.00")), "order.totalPrice"),
        (lambda b: b["order"]["items"][0].update(quantity=3), "order.items[0].totalPrice"),
        (lambda b: b["order"].update(items=[]), "order.items"),
        (lambda b: b.update(financingType="LEASING"), "financingType"),
        (lambda b: b["order"]["items"][1].update(totalPrice=money("abc")), "amount"),
        (lambda b: b["order"]["items"][1]["totalPrice"].update(currency="EUR"), "currency"),
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
        "totalPrice": money("140.00"),
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
            seen[(state, name)] = (answer.status_code, answer.json().get("code"))
            expected = (200, None) if allowed else (422, REFUSED[state])
            assert seen[(state, name)] == expected, (state, name, answer.text)
    assert len(seen) == 24


# -- item marks over HTTP --------------------------------------------------------------------


def test_marks_by_identification_and_by_empty_body_answer_the_changed_order(fin: Fin) -> None:
    application_id = created(fin)
    sent = fin.put(f"{APPS}/{application_id}/order/send", {"items": [{"code": "CH-1"}]})
    assert sent.status_code == 200
    answer = sent.json()
    assert (answer["id"], answer["state"], answer["substate"]) == (
        application_id,
        "READY",
        "READY_SHIPPED",
    )
    assert [i["code"] for i in answer["changedItems"]] == ["CH-1"]
    assert "send" in answer["order"]["items"][0]["marks"]
    refused = fin.put(f"{APPS}/{application_id}/order/cancel", [{"code": "CH-1"}])
    assert "return it instead" in error(refused, 422, "UNPROCESSABLE")
    everything = fin.put(f"{APPS}/{application_id}/order/cancel", raw=b"")
    assert [i["code"] for i in everything.json()["changedItems"]] == ["CH-2", "SHIP"]
    error(fin.put(f"{APPS}/{application_id}/cancel"), 422, "UNPROCESSABLE")
    returned = fin.put(f"{APPS}/{application_id}/order/return", {"items": []}).json()
    assert (returned["state"], returned["substate"]) == ("CANCELLED", "CANCELLED_RETURNED")


def test_identifications_that_match_nothing_or_several_items_are_refused(fin: Fin) -> None:
    application_id = created(fin)
    path = f"{APPS}/{application_id}/order/deliver"
    assert "No order item matches" in error(
        fin.put(path, [{"code": "CH-1", "ean": "999"}]), 422, "UNPROCESSABLE"
    )
    assert "2 order items match" in error(fin.put(path, [{"name": "Chair"}]), 422, "UNPROCESSABLE")
    ok = fin.put(path, [{"name": "Chair", "code": "CH-2"}])
    assert [i["code"] for i in ok.json()["changedItems"]] == ["CH-2"]


def test_sending_beyond_an_approved_amount_is_refused(manual: Fin) -> None:
    application_id = created(manual)
    approved = manual.admin(f"{ADMIN}/{application_id}/approve", {"amount": "120.00"})
    assert approved.json()["approvedAmount"] == money("120.00")
    manual.put(f"{APPS}/{application_id}/order/send", [{"code": "CH-1"}])
    message = error(
        manual.put(f"{APPS}/{application_id}/order/send"), 422, "TOTAL_PRICE_LIMIT_EXCEEDED"
    )
    assert "beyond the approved 120.00" in message


def test_a_paid_application_gets_credit_notes_and_cannot_be_cancelled_whole(fin: Fin) -> None:
    application_id = created(fin)
    paid = fin.admin(f"{ADMIN}/{application_id}/payments", {"amount": "100.00"}).json()
    assert paid["paidAmount"] == money("100.00") and paid["outstandingAmount"] == money("50.00")
    error(fin.put(f"{APPS}/{application_id}/cancel"), 422, "APPLICATION_PAID")
    answer = fin.put(f"{APPS}/{application_id}/order/cancel", [{"code": "CH-2"}]).json()
    assert answer["creditNote"]["amount"] == money("40.00")
    assert answer["creditNote"]["refund"] == money("0.00")
    fin.put(f"{APPS}/{application_id}/order/send")
    answer = fin.put(f"{APPS}/{application_id}/order/return", [{"code": "CH-1"}]).json()
    assert answer["creditNote"]["amount"] == money("100.00")
    assert answer["creditNote"]["refund"] == money("90.00")
    shown = fin.client.get(f"{APPS}/{application_id}", headers=fin.headers()).json()
    assert [n["amount"]["amount"] for n in shown["creditNotes"]] == ["40.00", "100.00"]
    assert (shown["paidAmount"], shown["outstandingAmount"]) == (money("10.00"), money("0.00"))
    assert shown["substate"] == "READY_PAID"


def test_pay_in_three_refuses_an_order_change_as_not_supported(fin: Fin) -> None:
    answer = fin.create(body(financingType="PAY_IN_THREE"))
    application_id = answer.json()["id"]
    change = {"order": body()["order"]}
    error(fin.put(f"{APPS}/{application_id}/order", change), 422, "NOT_SUPPORTED")


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


def test_every_change_is_notified_to_the_url_with_what_changed(
    manual: Fin, receiver: Receiver
) -> None:
    application_id = created(manual, url=receiver.url)
    assert manual.deliver() == 0  # PROCESSING at creation: nothing changed yet
    manual.admin(f"{ADMIN}/{application_id}/approve")
    manual.clock.advance(seconds=1)  # the outbox orders by time (ties: by random id)
    manual.put(f"{APPS}/{application_id}/order/send", [{"code": "SHIP"}])
    assert manual.deliver() == 2
    first, second = (json.loads(r.body) for r in receiver.requests)
    assert (first["previousState"], first["state"], first["change"]) == (
        "PROCESSING",
        "READY",
        "APPROVED",
    )
    assert (second["stateReason"], second["change"]) == ("READY_SHIPPED", "ITEMS_SENT")
    assert second["items"] == ["item (code='SHIP', name='Delivery', type='SHIPPING')"]
    assert second["applicationId"] == application_id
    assert second["checkState"] == f"GET {APPS}/{application_id}"


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
    b'{"financingType": "DEFERRED_PAYMENT", "order": {"number": "1", "items": [{"name": "x",'
    b' "totalPrice": {"amount": "1e400", "currency": "CZK"}}]}}',
    b'{"financingType": "DEFERRED_PAYMENT", "order": {"number": "1", "items": [{"name": "x",'
    b' "totalPrice": {"amount": "NaN", "currency": "CZK"}}]}}',
    b'{"financingType": "DEFERRED_PAYMENT", "order": {"number": "1", "items": [{"name": "x",'
    b' "totalPrice": {"amount": "-5", "currency": "CZK"}}]}}',
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
