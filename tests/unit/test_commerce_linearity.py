"""Commerce requests cost time linear in the order's positions (finding 7 of issue 16:
6,000 positions took 3-4 s to cancel), and so does identifying the items of a financing
mark. Measured deterministically: the Python lines executed (counted with
``sys.settrace``) for n and 4n positions; linear work gives a ratio near 4, the quadratic
scans it replaces gave 16."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from types import FrameType
from typing import Any

from ordex.domain.commerce import (
    CancellationReason,
    CommerceOrder,
    Position,
    PositionType,
    RequestedItem,
    ReturnReason,
)
from ordex.domain.commerce_checks import position_problems
from ordex.domain.financing_items import Identification, Item, identify

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DAY = date(2024, 9, 9)
SMALL, LARGE = 300, 1200  # LARGE = 4 * SMALL


def lines_run(work: Callable[[], Any]) -> int:
    """How many Python lines ``work`` executes (in every frame it calls)."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(previous)
    return count


def an_order(n: int) -> CommerceOrder:
    """n positions: every third one a discount that belongs to the position before it."""
    positions = []
    for ref in range(1, n + 1):
        if ref % 3 == 0:
            kind, price, main = PositionType.DISCOUNT, Decimal("-1.00"), ref - 1
        else:
            kind, price, main = PositionType.SALES_ARTICLE, Decimal("10.00"), None
        positions.append(
            Position(ref, Decimal(1), price, Decimal(19), position_type=kind, main_reference=main)
        )
    return CommerceOrder(
        order_id="o-1",
        business_code="SHOP-1",
        customer_number="C-1",
        reference="R-1",
        currency="EUR",
        order_date=DAY,
        prepaid=True,
        positions=positions,
        created_at=AT,
        internal_request_id="i-0",
    )


def mains(order: CommerceOrder) -> list[RequestedItem]:
    return [RequestedItem(p.reference) for p in order.positions if p.main_reference is None]


def cancel_all(n: int) -> Callable[[], Any]:
    order = an_order(n)
    items = mains(order)
    return lambda: order.cancel(
        "i-1", items, DAY, CancellationReason.OUT_OF_STOCK, AT, refund_id="r-1"
    )


def invoice_and_return_all(n: int) -> Callable[[], Any]:
    order = an_order(n)
    items = mains(order)

    def work() -> None:
        order.invoice("i-1", "INV-1", [], AT)
        order.return_positions(
            "i-2", items, DAY, ReturnReason.CUSTOMER_RETURN, "RET-1", AT, refund_id="r-1"
        )

    return work


def check_positions(n: int) -> Callable[[], Any]:
    positions = an_order(n).positions
    return lambda: position_problems(positions)


def identify_every_item(n: int) -> Callable[[], Any]:
    """A financing mark request that names each of n items by code and name."""
    items = [Item(name=f"Chair {k}", total_price=Decimal(10), code=f"C-{k}") for k in range(n)]
    wanted = [Identification(code=f"C-{k}", name=f"Chair {k}") for k in range(n)]
    return lambda: identify(items, wanted)


def growth(make: Callable[[int], Callable[[], Any]]) -> float:
    return lines_run(make(LARGE)) / lines_run(make(SMALL))


def test_cancelling_every_position_costs_time_linear_in_the_positions() -> None:
    assert growth(cancel_all) < 5


def test_invoicing_and_returning_every_position_costs_time_linear_in_the_positions() -> None:
    assert growth(invoice_and_return_all) < 5


def test_checking_a_new_orders_positions_costs_time_linear_in_the_positions() -> None:
    assert growth(check_positions) < 5


def test_the_cancellation_is_complete_for_a_large_order() -> None:
    order = an_order(LARGE)
    cancellation, refund = cancel_all_of(order)
    assert len(cancellation.positions) == LARGE
    assert refund is not None and refund.amount == order.total


def cancel_all_of(order: CommerceOrder) -> Any:
    return order.cancel(
        "i-1", mains(order), DAY, CancellationReason.OUT_OF_STOCK, AT, refund_id="r-1"
    )


def test_identifying_the_items_of_a_mark_request_costs_time_linear_in_the_items() -> None:
    assert growth(identify_every_item) < 5
