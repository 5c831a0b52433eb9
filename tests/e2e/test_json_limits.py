"""Number, text and size limits on the JSON requests of every dialect (docs/limits.md):
an exponent bomb, characters XML cannot carry, over-long path parameters and lists over
their cap are refused with 400 naming the field, quickly, with nothing stored; and what
the answer says about bad input never echoes the input or points at pydantic."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import func, select

from ordex.storage import commerce_tables as ct
from ordex.storage import tables as t
from tests.e2e.commerce_shop import BASE, SHOP, Shop, order_body, shop
from tests.e2e.conftest import BUYER, SELLER, Hub
from tests.e2e.test_financing_api import APPS, Fin, created, error, fin

__all__ = ["fin", "shop"]

BOMB = "1E+100000000"  # 150 bytes of request; 100 million digits once formatted


def stored_documents(hub: Hub) -> int:
    with hub.runtime.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t.documents)).scalar_one())


def stored_orders(shop: Shop) -> int:
    with shop.runtime.engine.connect() as conn:
        query = select(func.count()).select_from(ct.commerce_orders)
        return int(conn.execute(query).scalar_one())


def received_order(hub: Hub, order_xml: bytes) -> str:
    answer: Any = hub.send(order_xml)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["id"])


def respond(hub: Hub, document_id: str, body: Any) -> Any:
    return hub.client.post(
        f"/api/v1/{SELLER}/salesOrder/{document_id}/response",
        json=body,
        headers=hub.headers(SELLER),
    )


def psb_error(answer: Any, *words: str) -> str:
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["code"] == "API400"
    for word in words:
        assert word in body["message"], body["message"]
    assert "pydantic" not in answer.text
    return str(body["message"])


# -- PSB ------------------------------------------------------------------------------------


def test_an_order_response_with_an_exponent_bomb_is_refused_at_once_naming_the_field(
    hub: Hub, order_xml: bytes
) -> None:
    document_id = received_order(hub, order_xml)
    before = stored_documents(hub)
    lines = [
        {"lineId": "1", "status": "changed", "quantity": BOMB, "unitCode": "C62"},
        {"lineId": "2", "status": "accepted"},
    ]
    started = time.perf_counter()
    answer = respond(hub, document_id, {"status": "CA", "lines": lines})
    elapsed = time.perf_counter() - started
    psb_error(answer, "lines.0.quantity", "12 digits")
    assert elapsed < 2.0  # it was 100 million digits to format (+400 MiB)
    assert stored_documents(hub) == before


def test_a_control_character_in_a_cancellation_note_is_refused_naming_the_field(
    hub: Hub, order_xml: bytes
) -> None:
    document_id = received_order(hub, order_xml)
    before = stored_documents(hub)
    answer = hub.client.post(
        f"/api/v1/{BUYER}/purchaseOrder/{document_id}/cancel",
        json={"cancellationNote": "no longer needed\u0001"},
        headers=hub.headers(BUYER),
    )
    psb_error(answer, "cancellationNote", "U+0001")
    assert stored_documents(hub) == before


def test_a_control_character_in_a_response_note_is_refused_naming_the_field(
    hub: Hub, order_xml: bytes
) -> None:
    document_id = received_order(hub, order_xml)
    answer = respond(hub, document_id, {"status": "AP", "note": "ok\u001b[31m"})
    psb_error(answer, "note", "U+001B")


def test_a_huge_invalid_value_is_not_echoed_back(hub: Hub, order_xml: bytes) -> None:
    document_id = received_order(hub, order_xml)
    huge = "X" * 200_000
    answer = respond(hub, document_id, {"status": huge, "lines": [{"lineId": huge}] * 50})
    psb_error(answer, "status")
    assert len(answer.content) < 10_000
    assert "XXXXXXXXXX" not in answer.text


def test_a_response_naming_thousands_of_unknown_lines_is_not_echoed_back(
    hub: Hub, order_xml: bytes
) -> None:
    document_id = received_order(hub, order_xml)
    lines = [{"lineId": f"{'L' * 190}{n:05}", "status": "accepted"} for n in range(3000)]
    answer = respond(hub, document_id, {"status": "CA", "lines": lines})
    psb_error(answer, "no order line has the ID", "and 2990 more")
    assert len(answer.content) < 10_000


# -- commerce --------------------------------------------------------------------------------


def commerce_fields(answer: Any) -> dict[str, str]:
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert "pydantic" not in answer.text
    return {problem["field"]: problem["message"] for problem in answer.json()["errors"]}


def test_a_commerce_order_with_an_exponent_bomb_price_is_refused_naming_the_field(
    shop: Shop,
) -> None:
    body = order_body("BOMB-1")
    body["items"][0]["grossUnitPrice"] = BOMB
    started = time.perf_counter()
    fields = commerce_fields(shop.post(BASE, body))
    assert time.perf_counter() - started < 2.0
    assert "12 digits" in fields["items[0].grossUnitPrice"]
    assert stored_orders(shop) == 0


def test_a_cancellation_with_an_exponent_bomb_quantity_is_refused_naming_the_field(
    shop: Shop,
) -> None:
    shop.create_order("BOMB-2")
    body = {
        "items": [{"orderItemReference": 1, "quantity": BOMB}],
        "cancellationDate": "2024-09-09",
        "cancellationReason": "OUT_OF_STOCK",
    }
    fields = commerce_fields(shop.cancel("BOMB-2", body))
    assert "9 digits" in fields["items[0].quantity"]
    assert set(shop.states("BOMB-2").values()) == {"open"}


def test_a_control_character_in_a_commerce_text_is_refused_naming_the_field(
    shop: Shop,
) -> None:
    body = order_body("CTRL-1")
    body["items"][1]["description"] = "bad\u0000byte"
    fields = commerce_fields(shop.post(BASE, body))
    assert "U+0000" in fields["items[1].description"]
    assert stored_orders(shop) == 0


def test_a_customer_number_longer_than_its_column_is_refused_not_a_500(shop: Shop) -> None:
    path = f"/businesses/{SHOP}/customers/{'C' * 101}/orders"
    fields = commerce_fields(shop.post(path, order_body("LONG-1")))
    assert "100" in fields["path.customerNumber"]
    assert stored_orders(shop) == 0
    fine = shop.post(f"/businesses/{SHOP}/customers/{'C' * 100}/orders", order_body("LONG-2"))
    assert fine.status_code == 200, fine.text


def test_an_order_over_the_position_cap_is_refused_naming_the_field_and_the_cap(
    shop: Shop,
) -> None:
    item = order_body("X")["items"][1]
    body = order_body("CAP-1")
    body["items"] = [{**item, "orderItemReference": n} for n in range(1, 1002)]
    fields = commerce_fields(shop.post(BASE, body))
    assert "1000" in fields["items"]
    body["items"] = body["items"][:1000]
    assert shop.post(BASE, body).status_code == 200


# -- financing -------------------------------------------------------------------------------


def test_an_application_with_an_exponent_bomb_amount_is_refused_naming_the_field(
    fin: Fin,
) -> None:
    body = {
        "type": "DEFERRED_PAYMENT",
        "order": {
            "number": "BOMB-3",
            "items": [
                {"code": "C", "name": "Chair", "totalPrice": {"amount": BOMB, "currency": "CZK"}}
            ],
        },
    }
    started = time.perf_counter()
    message = error(fin.create(body), 400, "INVALID_REQUEST")
    assert time.perf_counter() - started < 2.0
    assert "order.items.0.totalPrice.amount" in message and "minor units" in message


def test_a_mark_request_over_its_cap_is_refused_without_pydantic_internals(fin: Fin) -> None:
    application_id = created(fin, number="MARKS-1")
    items = [{"code": "CH-1"}] * 1001
    answer = fin.put(f"{APPS}/{application_id}/order/send", items)
    message = error(answer, 400, "INVALID_REQUEST")
    assert "1000" in message
    assert "pydantic" not in answer.text and "input_value" not in answer.text
