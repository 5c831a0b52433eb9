"""Two processes cancel the same position of the same order at the same moment, on one
database: exactly one cancellation succeeds and exactly one refund is made; the other is
stored as a refusal and notified. On PostgreSQL the order row is locked (FOR UPDATE) for
the use case's transaction, so the second reads the first's result; SQLite takes turns."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.domain.commerce import Position, PositionType
from ordex.domain.content import PartyId
from ordex.services.accounts import create_account
from ordex.services.commerce import CreateOrder, RequestOf, create_order
from ordex.storage import commerce_tables as ct
from ordex.storage import tables as t
from tests.integration.commerce_racers import CUSTOMER, SHOP, race

ROUNDS = 6
SPAWN = multiprocessing.get_context("spawn")


def test_concurrent_cancellations_of_one_position_succeed_once_and_refund_once(
    database_url: str,
) -> None:
    rt = bootstrap(Settings(database_url=database_url))
    account, key = create_account(rt.ctx, "Shop", [PartyId("business", SHOP)])
    references = [f"RACE-{n}" for n in range(ROUNDS)]
    for reference in references:
        create_order(
            rt.ctx,
            CreateOrder(
                of=RequestOf(account, SHOP, CUSTOMER, reference),
                currency="EUR",
                order_date=date(2024, 9, 1),
                prepaid=True,
                positions=[
                    Position(1, Decimal(2), Decimal("12.34"), Decimal(19)),
                    Position(
                        2,
                        Decimal(1),
                        Decimal("-1.00"),
                        Decimal(19),
                        position_type=PositionType.DISCOUNT,
                        main_reference=1,
                    ),
                    Position(3, Decimal(1), Decimal("5.00"), Decimal(19)),
                ],
                details={},
            ),
        )
    barrier = SPAWN.Barrier(2)
    results = SPAWN.Queue()
    processes = [
        SPAWN.Process(target=race, args=(name, database_url, key, references, barrier, results))
        for name in ("first", "second")
    ]
    for process in processes:
        process.start()
    outcomes = dict(results.get(timeout=120) for _ in processes)
    for process in processes:
        process.join(timeout=30)
    for name, ids in outcomes.items():
        assert not ids[0].startswith("crashed"), f"{name}: {ids[0]}"
        assert len(ids) == ROUNDS, (name, ids)  # an internalRequestId each, no error

    with rt.engine.connect() as conn:
        requests = conn.execute(
            select(ct.commerce_requests.c.order_reference, ct.commerce_requests.c.status).where(
                ct.commerce_requests.c.kind == "CANCELLATION"
            )
        ).all()
        refunds = conn.execute(
            select(ct.commerce_orders.c.order_reference, ct.commerce_refunds.c.amount).join(
                ct.commerce_orders,
                ct.commerce_orders.c.order_id == ct.commerce_refunds.c.order_id,
            )
        ).all()
        notices = conn.execute(
            select(t.outbox.c.body).where(t.outbox.c.topic == "accounting/EDIErrorSent")
        ).all()
    assert Counter((ref, status) for ref, status in requests) == Counter(
        {(ref, status): 1 for ref in references for status in ("ACCEPTED", "REFUSED")}
    )
    assert sorted(refunds) == [(ref, "23.68") for ref in references]  # 2 x 12.34 - 1.00
    statuses = Counter(
        body["parameters"]["status"]
        for (body,) in notices
        if body["parameters"]["requestType"] == "CANCELLATION"
    )
    assert statuses == {"SUCCESS": ROUNDS, "ERROR": ROUNDS}
    rt.engine.dispose()
