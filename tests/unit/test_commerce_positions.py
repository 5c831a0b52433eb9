"""Commerce positions: the transition table, related positions, refund arithmetic."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from ordex.domain.commerce import (
    TRANSITIONS,
    BankDetails,
    CancellationReason,
    CommerceOrder,
    Position,
    PositionAction,
    PositionState,
    PositionType,
    RequestedItem,
    next_state,
)
from ordex.domain.commerce_checks import position_problems
from ordex.domain.errors import (
    InvalidFields,
    PositionsRefused,
    PositionTransitionRefused,
    RefundExceedsPayment,
)

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DAY = date(2024, 9, 9)
D = Decimal


def position(
    ref: int,
    qty: str,
    price: str,
    kind: PositionType = PositionType.SALES_ARTICLE,
    main: int | None = None,
) -> Position:
    return Position(ref, D(qty), D(price), D(19), position_type=kind, main_reference=main)


def an_order(*positions: Position, prepaid: bool = True) -> CommerceOrder:
    return CommerceOrder(
        order_id="o-1",
        business_code="SHOP-1",
        customer_number="C-1",
        reference="R-1",
        currency="EUR",
        order_date=DAY,
        prepaid=prepaid,
        positions=list(positions),
        created_at=AT,
        internal_request_id="i-0",
    )


def cancel(order: CommerceOrder, *refs: int, request: str = "i-1") -> tuple:  # type: ignore[type-arg]
    return order.cancel(
        request,
        [RequestedItem(r) for r in refs],
        DAY,
        CancellationReason.OUT_OF_STOCK,
        AT,
        refund_id=f"refund-{request}",
    )


@pytest.mark.parametrize("state", list(PositionState))
@pytest.mark.parametrize("action", list(PositionAction))
def test_every_state_and_action_is_either_in_the_table_or_refused_by_name(
    state: PositionState, action: PositionAction
) -> None:
    if (state, action) in TRANSITIONS:
        assert next_state(1, state, action) is TRANSITIONS[(state, action)]
    else:
        with pytest.raises(PositionTransitionRefused) as refused:
            next_state(1, state, action)
        assert (refused.value.state, refused.value.action) == (state.value, action.value)


def test_an_invoiced_position_is_to_be_returned_not_cancelled() -> None:
    with pytest.raises(PositionTransitionRefused, match="return it instead"):
        next_state(3, PositionState.INVOICED, PositionAction.CANCEL)


def test_a_discount_follows_its_main_position_and_nets_the_refund() -> None:
    order = an_order(
        position(1, "1", "100.00"),
        position(2, "1", "-10.00", PositionType.DISCOUNT, main=1),
        position(3, "2", "5.00"),
    )
    cancellation, refund = cancel(order, 1)
    assert cancellation.positions == (1, 2)
    assert cancellation.amount == refund.amount == D("90.00")
    assert [p.state for p in order.positions] == [
        PositionState.CANCELLED,
        PositionState.CANCELLED,
        PositionState.OPEN,
    ]


def test_a_discount_cannot_be_cancelled_on_its_own_and_nothing_changes() -> None:
    order = an_order(
        position(1, "1", "100.00"), position(2, "1", "-10.00", PositionType.DISCOUNT, main=1)
    )
    with pytest.raises(PositionsRefused) as refused:
        cancel(order, 2)
    assert refused.value.problems[0].field == "items[0].orderItemReference"
    assert {p.state for p in order.positions} == {PositionState.OPEN}
    assert order.refunds == [] and order.cancellations == []


def test_a_service_cancelled_before_its_main_position_stays_out_of_the_second_refund() -> None:
    order = an_order(
        position(1, "1", "50.00"), position(2, "1", "7.50", PositionType.SERVICE_CHARGE, main=1)
    )
    assert cancel(order, 2)[0].amount == D("7.50")
    second, refund = cancel(order, 1, request="i-2")
    assert (second.positions, refund.amount) == ((1,), D("50.00"))


def test_partial_then_full_cancellation_refunds_exactly_what_was_paid_to_the_cent() -> None:
    order = an_order(
        position(1, "3", "0.10"),  # 0.30, not 0.30000000000000004
        position(2, "3", "33.33"),
        position(3, "0.333", "2.99"),  # 0.99567 -> 1.00
    )
    assert order.paid == D("101.29")
    first = cancel(order, 2)[1]
    rest = cancel(order, 1, 3, request="i-2")[1]
    assert (first.amount, rest.amount) == (D("99.99"), D("1.30"))
    assert order.refunded == order.paid and order.status == "CANCELLED"
    assert all(isinstance(r.amount, Decimal) for r in order.refunds)


def test_no_refund_when_payment_is_captured_after_delivery() -> None:
    order = an_order(position(1, "1", "10.00"), prepaid=False)
    assert cancel(order, 1)[1] is None and order.refunded == 0


def test_a_refund_never_exceeds_what_is_left_of_the_payment() -> None:
    order = an_order(position(1, "1", "10.00"), position(2, "1", "5.00"))
    cancel(order, 1)
    order.refunds[0].amount = D("14.00")  # as if refunded otherwise meanwhile
    with pytest.raises(RefundExceedsPayment):
        cancel(order, 2, request="i-2")
    assert order.position(2).state is PositionState.OPEN  # type: ignore[union-attr]


def test_unknown_repeated_and_partial_items_are_named_before_any_state_check() -> None:
    order = an_order(position(1, "2", "1.00"))
    with pytest.raises(InvalidFields) as invalid:
        order.cancel(
            "i-1",
            [RequestedItem(5), RequestedItem(1, D("1")), RequestedItem(1)],
            DAY,
            CancellationReason.NO_PAYMENT,
            AT,
        )
    assert [p.field for p in invalid.value.problems] == [
        "items[0].orderItemReference",
        "items[1].quantity",
        "items[2].orderItemReference",
    ]


def test_a_refund_by_bank_transfer_keeps_the_bank_details() -> None:
    order = an_order(position(1, "1", "10.00"))
    bank = BankDetails("DE51100100501234567890", "Max", "GENODEM1MSC")
    _, refund = order.cancel(
        "i-1", [RequestedItem(1)], DAY, CancellationReason.CUSTOMER_SERVICE, AT, None, "r", bank
    )
    assert refund is not None and refund.bank == bank and refund.method.value == "BANK_TRANSFER"


def test_new_order_checks_name_each_field() -> None:
    problems = position_problems(
        [
            position(1, "1", "10.00"),
            position(2, "1", "-1.00"),
            position(3, "1", "-30.00", PositionType.GIFT_CARD_VOUCHER_PAYMENT, main=1),
            position(4, "1", "-1.00", PositionType.DISCOUNT),
            position(5, "1", "1.00", PositionType.SERVICE_CHARGE, main=3),
        ]
    )
    assert [p.field for p in problems] == [
        "items[1].grossUnitPrice",
        "items[4].mainItemReference",
    ]
    assert (
        position_problems(
            [
                position(1, "1", "10.00"),
                position(2, "1", "-30.00", PositionType.GIFT_CARD_VOUCHER_PAYMENT, main=1),
            ]
        )[0].field
        == "items[0]"
    )  # reductions above the main amount
