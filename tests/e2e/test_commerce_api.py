"""The commerce dialect over HTTP: the seed 001 samples as written, bad input, replay,
refusals, invoices and returns, read-back and the report."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select

from ordex.storage import commerce_tables as ct
from tests.e2e.commerce_shop import BASE, CUSTOMER, OTHER, SHOP, Shop, order_body, shop

__all__ = ["shop"]

# Seed 001, "Request Example" and the three samples, exactly as written there.
SEED_SAMPLES: list[dict[str, Any]] = [
    {
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
    {
        "cancellationDate": "2024-09-09",
        "cancellationReason": "OUT_OF_STOCK",
        "items": [{"orderItemReference": 3}],
    },
    {
        "bankDetails": {
            "accountOwner": "John Doe",
            "bic": "GENODEM1MSC",
            "iban": "DE51100100501234567890",
        },
        "cancellationDate": "2018-03-21",
        "cancellationReason": "CUSTOMER_CANCELLATION",
        "invoiceReference": "IDE12345678903",
        "items": [{"orderItemReference": 4}],
    },
    {
        "cancellationDate": "2024-09-09",
        "cancellationReason": "NO_PAYMENT",
        "items": [
            {"orderItemReference": 1},
            {"orderItemReference": 2},
            {"orderItemReference": 3},
            {"orderItemReference": 4},
        ],
    },
]


def test_the_four_seed_samples_are_accepted_as_written_and_processed(shop: Shop) -> None:
    expected_cancelled = [{3}, {3}, {4}, {1, 2, 3, 4}]
    for n, (sample, cancelled) in enumerate(zip(SEED_SAMPLES, expected_cancelled, strict=True)):
        shop.create_order(f"SEED-{n}")
        answer = shop.cancel(f"SEED-{n}", sample, **{"X-Request-ID": str(uuid.uuid4())})
        assert answer.status_code == 200, answer.text
        internal_request_id = answer.json()["internalRequestId"]
        assert uuid.UUID(internal_request_id)
        outcome = shop.outcome(internal_request_id)
        assert (outcome["status"], outcome["errors"]) == ("SUCCESS", [])
        states = shop.states(f"SEED-{n}")
        assert {ref for ref, state in states.items() if state == "cancelled"} == cancelled
    full = shop.order("SEED-3")
    assert full["status"] == "CANCELLED"
    assert full["refundedAmount"] == full["totalAmount"] == "194.82"


def test_the_hosted_services_path_prefix_and_subscription_key_work_too(shop: Shop) -> None:
    shop.create_order("AAAS-1")
    answer = shop.client.post(
        f"/accounting/v1{BASE}/AAAS-1/cancellations",
        json=SEED_SAMPLES[1],
        headers={"X-Subscription-Key": shop.key},
    )
    assert answer.status_code == 200, answer.text
    assert shop.states("AAAS-1")[3] == "cancelled"


def test_partial_then_full_cancellation_of_the_rest_refunds_every_cent_once(shop: Shop) -> None:
    shop.create_order("PART-1")
    first = shop.cancel("PART-1", SEED_SAMPLES[1])  # position 3: 3 x 33.33
    rest = {
        "cancellationDate": "2024-09-10",
        "cancellationReason": "CUSTOMER_CANCELLATION",
        "items": [{"orderItemReference": n} for n in (1, 2, 4)],
    }
    second = shop.cancel("PART-1", rest)
    assert first.status_code == second.status_code == 200
    order = shop.order("PART-1")
    assert order["status"] == "CANCELLED"
    assert [c["amount"] for c in order["cancellations"]] == ["99.99", "94.83"]
    assert [r["amount"] for r in order["refunds"]] == ["99.99", "94.83"]
    assert order["refundedAmount"] == order["totalAmount"] == "194.82"
    assert [r["refundMethod"] for r in order["refunds"]] == ["ORIGINAL_PAYMENT_METHOD"] * 2


def test_a_position_cancelled_twice_is_refused_by_notification_and_stores_only_the_refusal(
    shop: Shop,
) -> None:
    shop.create_order("TWICE-1")
    shop.cancel("TWICE-1", SEED_SAMPLES[1])
    before = shop.order("TWICE-1")
    again = shop.cancel("TWICE-1", SEED_SAMPLES[0])
    assert again.status_code == 200, again.text
    outcome = shop.outcome(again.json()["internalRequestId"])
    assert outcome["status"] == "ERROR"
    assert outcome["errors"] == [
        {
            "field": "items[0].orderItemReference",
            "message": "Position 3 cannot be cancelled: it is already cancelled.",
        }
    ]
    assert shop.order("TWICE-1") == before  # no second refund, nothing else changed
    with shop.runtime.engine.connect() as conn:
        statuses = conn.execute(
            select(ct.commerce_requests.c.status, func.count())
            .where(ct.commerce_requests.c.kind == "CANCELLATION")
            .group_by(ct.commerce_requests.c.status)
        ).all()
    assert dict(statuses) == {"ACCEPTED": 1, "REFUSED": 1}


def test_the_same_x_request_id_answers_the_first_answer_and_processes_nothing_twice(
    shop: Shop,
) -> None:
    shop.create_order("REPLAY-1")
    first = shop.cancel("REPLAY-1", SEED_SAMPLES[0], **{"X-Request-ID": "req-42"})
    again = shop.cancel("REPLAY-1", SEED_SAMPLES[0], **{"X-Request-ID": "req-42"})
    assert again.status_code == first.status_code == 200
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(shop.order("REPLAY-1")["cancellations"]) == 1
    assert len(shop.outbox()) == 2  # the order's confirmation, the cancellation's
    other_body = shop.cancel("REPLAY-1", SEED_SAMPLES[2], **{"X-Request-ID": "req-42"})
    assert other_body.status_code == 422


def test_bad_input_is_answered_400_naming_every_field_and_stores_nothing(shop: Shop) -> None:
    shop.create_order("BAD-1")
    answer = shop.cancel(
        "BAD-1",
        {
            "items": [{"orderItemReference": 3}],
            "cancellationDate": "21.03.2018",
            "cancellationReason": "BORED",
            "bankDetails": {"iban": "DE51100100501234567891", "accountOwner": "Max"},
        },
    )
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/problem+json")
    fields = [problem["field"] for problem in answer.json()["errors"]]
    assert fields == ["cancellationDate", "cancellationReason", "bankDetails.iban"]
    missing = shop.cancel("BAD-1", {"items": [{"orderItemReference": 3}]})
    assert [p["field"] for p in missing.json()["errors"]] == [
        "cancellationDate",
        "cancellationReason",
    ]
    named_wrong = shop.cancel(
        "BAD-1",
        {
            "cancellationDate": "2024-09-09",
            "cancellationReason": "OUT_OF_STOCK",
            "items": [
                {"orderItemReference": 3},
                {"orderItemReference": 9},
                {"orderItemReference": 3},
                {"orderItemReference": 1, "quantity": 1},
            ],
        },
    )
    assert named_wrong.status_code == 400
    assert [p["field"] for p in named_wrong.json()["errors"]] == [
        "items[1].orderItemReference",
        "items[2].orderItemReference",
        "items[3].quantity",
    ]
    assert set(shop.states("BAD-1").values()) == {"open"}
    assert len(shop.outbox()) == 1  # only the order's confirmation


def test_bic_is_required_only_for_an_iban_outside_sepa(shop: Shop) -> None:
    shop.create_order("BIC-1")

    def cancel(item: int, bank: dict[str, str]) -> Any:
        body = {**SEED_SAMPLES[1], "items": [{"orderItemReference": item}], "bankDetails": bank}
        return shop.cancel("BIC-1", body)

    brazil = "BR1800360305000010009795493C1"
    inside = cancel(1, {"iban": "CH9300762011623852957", "accountOwner": "Eva"})  # SEPA, no BIC
    outside = cancel(2, {"iban": brazil, "accountOwner": "Ana"})
    outside_with_bic = cancel(2, {"iban": brazil, "bic": "BCBBBRDFXXX", "accountOwner": "Ana"})
    bad_bic = cancel(3, {"iban": "DE51100100501234567890", "bic": "NOPE", "accountOwner": "M"})
    assert inside.status_code == 200, inside.text
    assert outside.status_code == 400
    assert outside.json()["errors"][0]["field"] == "bankDetails.bic"
    assert "outside the SEPA" in outside.json()["errors"][0]["message"]
    assert outside_with_bic.status_code == 200, outside_with_bic.text
    assert bad_bic.status_code == 400
    refunds = shop.order("BIC-1")["refunds"]
    assert [(r["refundMethod"], r["iban"]) for r in refunds] == [
        ("BANK_TRANSFER", "CH9300762011623852957"),
        ("BANK_TRANSFER", brazil),
    ]


def test_unknown_business_customer_or_order_answers_404(shop: Shop) -> None:
    shop.create_order("NF-1")
    sample = SEED_SAMPLES[1]
    others = shop.client.post(
        f"/businesses/{OTHER}/customers/{CUSTOMER}/orders/NF-1/cancellations",
        json=sample,
        headers=shop.headers(),
    )
    stranger = shop.client.post(
        f"{BASE}/NF-1/cancellations",
        json=sample,
        headers={"X-Subscription-Key": shop.other_key},
    )
    customer = shop.post(f"/businesses/{SHOP}/customers/NOBODY/orders/NF-1/cancellations", sample)
    order = shop.cancel("NF-2", sample)
    assert [a.status_code for a in (others, stranger, customer, order)] == [404] * 4
    assert customer.json()["errorCode"] == "CUSTOMER_NOT_FOUND"
    assert order.json()["errorCode"] == "ORDER_NOT_FOUND"
    anonymous = shop.client.post(f"{BASE}/NF-1/cancellations", json=sample)
    assert anonymous.status_code == 401


def test_an_invoiced_position_is_returned_not_cancelled_and_refunded(shop: Shop) -> None:
    shop.create_order("RET-1")
    invoiced = shop.post(
        f"{BASE}/RET-1/invoices",
        {"invoiceReference": "INV-1", "items": [{"orderItemReference": 1}]},
    )
    assert invoiced.status_code == 200
    cancel = shop.cancel("RET-1", {**SEED_SAMPLES[1], "items": [{"orderItemReference": 1}]})
    outcome = shop.outcome(cancel.json()["internalRequestId"])
    assert outcome["status"] == "ERROR"
    assert "return it instead" in outcome["errors"][0]["message"]
    early_return = {
        "returnDate": "2024-09-12",
        "returnReason": "CUSTOMER_RETURN",
        "returnReference": "R-1",
        "items": [{"orderItemReference": 2}],
    }
    refused = shop.post(f"{BASE}/RET-1/returns", early_return)
    assert shop.outcome(refused.json()["internalRequestId"])["status"] == "ERROR"
    returned = shop.post(
        f"{BASE}/RET-1/returns",
        {**early_return, "items": [{"orderItemReference": 1}], "invoiceReference": "INV-1"},
    )
    assert shop.outcome(returned.json()["internalRequestId"])["status"] == "SUCCESS"
    order = shop.order("RET-1")
    assert shop.states("RET-1") == {1: "returned", 2: "open", 3: "open", 4: "open"}
    assert order["returns"][0]["returnReason"] == "CUSTOMER_RETURN"
    assert [r["amount"] for r in order["refunds"]] == ["39.98"]


def test_an_order_is_checked_and_each_problem_named(shop: Shop) -> None:
    body = {
        "orderReference": "CHK-1",
        "currency": "EUR",
        "orderDate": "2024-09-01",
        "items": [
            {
                "orderItemReference": 1,
                "quantity": 1,
                "grossUnitPrice": 10,
                "vatPercent": 19,
                "vatAmount": 5,
            },
            {"orderItemReference": 1, "quantity": 1, "grossUnitPrice": 10, "vatPercent": 45},
            {
                "orderItemReference": 3,
                "quantity": 1,
                "grossUnitPrice": -2,
                "vatPercent": 19,
                "positionType": "DISCOUNT",
                "mainItemReference": 7,
            },
        ],
    }
    answer = shop.post(BASE, body)
    assert answer.status_code == 400, answer.text
    assert [p["field"] for p in answer.json()["errors"]] == [
        "items[0].vatAmount",
        "items[1].orderItemReference",
        "items[1].vatPercent",
        "items[2].mainItemReference",
    ]
    shop.create_order("CHK-2")
    taken = shop.post(BASE, {**body, "orderReference": "CHK-2", "items": body["items"][:1]})
    assert taken.status_code == 400  # still the wrong vatAmount
    again = shop.post(BASE, order_body("CHK-2"))
    assert shop.outcome(again.json()["internalRequestId"])["status"] == "ERROR"


def test_the_report_sums_cancellations_by_reason_within_the_dates(shop: Shop) -> None:
    for reference in ("REP-1", "REP-2"):
        shop.create_order(reference)
    shop.cancel("REP-1", SEED_SAMPLES[0])  # 2018-03-21 OUT_OF_STOCK, 99.99
    shop.cancel("REP-2", SEED_SAMPLES[1])  # 2024-09-09 OUT_OF_STOCK, 99.99
    shop.cancel("REP-2", {**SEED_SAMPLES[3], "items": [{"orderItemReference": 4}]})
    shop.cancel("REP-2", SEED_SAMPLES[1])  # refused: not counted
    answer = shop.client.get(
        f"/businesses/{SHOP}/reports/cancellations",
        params={"from": "2024-01-01", "to": "2024-12-31"},
        headers=shop.headers(),
    )
    assert answer.status_code == 200, answer.text
    by_reason = answer.json()["byReason"]
    assert by_reason["OUT_OF_STOCK"] == {
        "cancellations": 1,
        "positions": 1,
        "amount": "99.99",
        "refunded": "99.99",
    }
    assert by_reason["NO_PAYMENT"]["amount"] == "4.95"
    assert by_reason["CUSTOMER_SERVICE"]["cancellations"] == 0
