"""The financing application's rules, in the domain: the seed's table of application states
against every operation, the item marks, identification, empty requests and the money."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from ordex.domain import errors as e
from ordex.domain.financing import (
    Application,
    ApplicationState,
    FinancingType,
    StateReason,
)
from ordex.domain.financing_items import (
    ITEM_TRANSITIONS,
    Identification,
    Item,
    ItemOperation,
    ItemStatus,
    Payment,
    check_order,
    next_item_status,
)
from ordex.domain.financing_policy import DecisionMode, DecisionPolicy

AT = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
D = Decimal


def items() -> list[Item]:
    return [
        Item(name="Chair", code="CH-1", ean="111", type="PHYSICAL", total_price=D("100.00")),
        Item(name="Chair", code="CH-2", ean="222", type="PHYSICAL", total_price=D("40.00")),
        Item(name="Delivery", code="SHIP", type="SHIPPING_FEE", total_price=D("10.00")),
    ]


def application(
    state: ApplicationState = ApplicationState.READY,
    kind: FinancingType = FinancingType.DEFERRED_PAYMENT,
) -> Application:
    app = Application("a-1", "partner:acme", "ORD-1", kind, "CZK", items(), AT, AT)
    if state is ApplicationState.READY:
        app.approve(AT)
    elif state is ApplicationState.REJECTED:
        app.reject(AT)
    elif state is ApplicationState.CANCELLED:
        app.cancel(AT)
    assert app.state is state
    app.events.clear()
    return app


def mark(app: Application, op: ItemOperation, *wanted: Identification) -> list[Item]:
    marked, _ = app.mark_items(op, wanted, AT, credit_note_id="cn-1")
    return marked


OPERATIONS: dict[str, Callable[[Application], object]] = {
    "cancel application": lambda app: app.cancel(AT),
    "change order": lambda app: app.change_order(AT, items()[:2]),
    "order/cancel": lambda app: mark(app, ItemOperation.CANCEL),
    "order/send": lambda app: mark(app, ItemOperation.SEND),
    "order/deliver": lambda app: mark(app, ItemOperation.DELIVER),
    "order/return": lambda app: mark(app, ItemOperation.RETURN),
}

# The seed's availability table (READY only for the item operations), with the error that
# names why elsewhere. ``None``: allowed. order/return in READY needs items sent first.
SEED_TABLE: dict[ApplicationState, dict[str, type[e.OrdexError] | None]] = {
    ApplicationState.PROCESSING: {
        "cancel application": None,
        "change order": None,
        "order/cancel": e.ApplicationValidationInProgress,
        "order/send": e.ApplicationValidationInProgress,
        "order/deliver": e.ApplicationValidationInProgress,
        "order/return": e.ApplicationValidationInProgress,
    },
    ApplicationState.READY: dict.fromkeys(OPERATIONS, None),
    ApplicationState.REJECTED: dict.fromkeys(OPERATIONS, e.ApplicationRejected),
    ApplicationState.CANCELLED: dict.fromkeys(OPERATIONS, e.ApplicationAlreadyCancelled),
}


@pytest.mark.parametrize("state", list(ApplicationState))
@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_every_application_state_against_every_operation_follows_the_seeds_table(
    state: ApplicationState, operation: str
) -> None:
    app = application(state)
    if state is ApplicationState.READY and operation == "order/return":
        mark(app, ItemOperation.SEND)  # returning needs something sent
    expected = SEED_TABLE[state][operation]
    if expected is None:
        OPERATIONS[operation](app)
        assert app.events, "an allowed operation is notified"
    else:
        before = (app.state, app.state_reason, [i.status for i in app.items])
        with pytest.raises(expected) as refused:
            OPERATIONS[operation](app)
        assert type(refused.value) is expected
        assert str(app.application_id) in refused.value.message
        assert (app.state, app.state_reason, [i.status for i in app.items]) == before


@pytest.mark.parametrize("operation", list(ItemOperation))
@pytest.mark.parametrize("status", list(ItemStatus))
def test_every_item_mark_against_every_item_state_follows_the_item_table(
    operation: ItemOperation, status: ItemStatus
) -> None:
    item = Item(name="Chair", total_price=D("1.00"), pieces={status: D(1)})
    expected = {
        (ItemOperation.CANCEL, ItemStatus.PROCESSING): ItemStatus.CANCELLED,
        (ItemOperation.SEND, ItemStatus.PROCESSING): ItemStatus.SENT,
        (ItemOperation.DELIVER, ItemStatus.PROCESSING): ItemStatus.DELIVERED,
        (ItemOperation.DELIVER, ItemStatus.SENT): ItemStatus.DELIVERED,
        (ItemOperation.RETURN, ItemStatus.SENT): ItemStatus.RETURNED,
        (ItemOperation.RETURN, ItemStatus.DELIVERED): ItemStatus.RETURNED,
    }.get((operation, status))
    assert ITEM_TRANSITIONS.get((operation, status)) == expected
    if expected is not None:
        assert next_item_status(status, operation) is expected
        item.apply(operation, item.plan(operation, None))
        assert item.pieces == {expected: D(1)}
    else:
        with pytest.raises(e.ApplicationUnprocessable, match="name='Chair'"):
            item.plan(operation, None)


def test_sent_items_cannot_be_cancelled_but_returned_and_open_ones_not_returned() -> None:
    app = application()
    mark(app, ItemOperation.SEND, Identification(code="CH-1"))
    with pytest.raises(e.ApplicationUnprocessable, match="already sent; return it instead"):
        mark(app, ItemOperation.CANCEL, Identification(code="CH-1"))
    with pytest.raises(e.ApplicationUnprocessable, match="before it was sent"):
        mark(app, ItemOperation.RETURN, Identification(code="CH-2"))
    assert [i.code for i in mark(app, ItemOperation.RETURN, Identification(code="CH-1"))] == [
        "CH-1"
    ]


def test_identification_needs_every_given_property_to_match_exactly() -> None:
    app = application()
    [hit] = mark(app, ItemOperation.SEND, Identification(name="Chair", ean="222"))
    assert hit.code == "CH-2" and hit.status is ItemStatus.SENT
    with pytest.raises(e.ItemNotIdentified, match="code='CH-1', ean='222'"):
        mark(app, ItemOperation.SEND, Identification(code="CH-1", ean="222"))
    with pytest.raises(e.ItemNotIdentified):
        mark(app, ItemOperation.SEND, Identification(name="chair"))  # case matters
    with pytest.raises(e.ItemNotIdentified):
        mark(app, ItemOperation.SEND, Identification(code="CH-1 "))  # no trimming


def test_an_identification_matching_several_items_is_refused_as_ambiguous() -> None:
    app = application()
    with pytest.raises(e.ItemAmbiguous, match="2 order items match"):
        mark(app, ItemOperation.CANCEL, Identification(name="Chair"))
    with pytest.raises(e.ItemAmbiguous):
        mark(app, ItemOperation.CANCEL, Identification(type="PHYSICAL"))
    assert all(item.status is ItemStatus.PROCESSING for item in app.items)


def test_an_identification_without_properties_or_naming_an_item_twice_is_refused() -> None:
    app = application()
    with pytest.raises(e.ApplicationUnprocessable, match="names none of"):
        mark(app, ItemOperation.CANCEL, Identification())
    with pytest.raises(e.ApplicationUnprocessable, match="already names"):
        mark(app, ItemOperation.CANCEL, Identification(code="CH-1"), Identification(ean="111"))
    assert all(item.status is ItemStatus.PROCESSING for item in app.items)


def test_a_refused_identification_in_a_list_marks_none_of_the_others() -> None:
    app = application()
    with pytest.raises(e.ItemNotIdentified):
        mark(app, ItemOperation.SEND, Identification(code="CH-1"), Identification(code="NOPE"))
    assert all(item.status is ItemStatus.PROCESSING for item in app.items)


def test_an_empty_request_marks_every_item_not_yet_marked_for_that_operation() -> None:
    app = application()
    mark(app, ItemOperation.SEND, Identification(code="CH-1"))
    delivered = mark(app, ItemOperation.DELIVER)  # the sent one and the open ones
    assert [i.code for i in delivered] == ["CH-1", "CH-2", "SHIP"]
    assert app.state_reason is StateReason.READY_DELIVERED
    with pytest.raises(e.ApplicationUnprocessable, match="No item is left"):
        mark(app, ItemOperation.DELIVER)


def test_an_empty_cancel_takes_the_open_items_and_leaves_the_sent_ones() -> None:
    app = application()
    mark(app, ItemOperation.SEND, Identification(code="CH-1"))
    cancelled = mark(app, ItemOperation.CANCEL)
    assert [i.code for i in cancelled] == ["CH-2", "SHIP"]
    assert (app.state, app.state_reason) == (ApplicationState.READY, StateReason.READY_SHIPPED)
    assert app.financed == D("100.00")


def test_cancelling_the_last_open_items_leaves_nothing_to_finance() -> None:
    app = application()
    mark(app, ItemOperation.CANCEL, Identification(code="CH-1"))
    assert app.state is ApplicationState.READY
    mark(app, ItemOperation.CANCEL)
    assert (app.state, app.state_reason) == (
        ApplicationState.CANCELLED,
        StateReason.CANCELLED_NOT_PAID,
    )
    assert app.financed == 0
    [event] = app.events[-1:]
    assert (event.previous_state, event.state) == (
        ApplicationState.READY,
        ApplicationState.CANCELLED,
    )


def test_returning_everything_that_was_sent_after_cancelling_the_rest_cancels_as_returned() -> None:
    app = application()
    mark(app, ItemOperation.SEND, Identification(code="CH-1"))
    mark(app, ItemOperation.CANCEL)
    mark(app, ItemOperation.RETURN)
    assert (app.state, app.state_reason) == (
        ApplicationState.CANCELLED,
        StateReason.CANCELLED_RETURNED,
    )


def test_a_whole_cancel_is_refused_once_something_was_sent_or_paid() -> None:
    app = application()
    mark(app, ItemOperation.SEND, Identification(code="SHIP"))
    with pytest.raises(e.ApplicationUnprocessable, match="return them instead"):
        app.cancel(AT)
    paid = application()
    paid.record_payment(Payment("p-1", D("10.00"), AT))
    with pytest.raises(e.ApplicationPaid):
        paid.cancel(AT)


def test_the_order_changes_only_before_anything_was_sent_and_within_the_approved_total() -> None:
    app = application()
    bigger = [*items(), Item(name="Table", total_price=D("0.01"))]
    with pytest.raises(e.TotalPriceLimitExceeded, match=r"150\.01"):
        app.change_order(AT, bigger)
    app.change_order(AT, items()[:1])
    assert app.total == D("100.00") and app.approved_amount == D("150.00")
    app.change_order(AT, None, {"variableSymbols": ["123"]})  # a partial change
    assert app.total == D("100.00") and app.order_details == {"variableSymbols": ["123"]}
    mark(app, ItemOperation.SEND)
    with pytest.raises(e.ApplicationUnprocessable, match="already sent"):
        app.change_order(AT, items()[:1])


def test_pay_in_three_takes_order_changes_as_the_sdk_says() -> None:
    """Failed before: ordex refused them with NOT_SUPPORTED; the SDK says YES."""
    for state in (ApplicationState.PROCESSING, ApplicationState.READY):
        app = application(state, FinancingType.PAY_IN_THREE)
        app.change_order(AT, items()[:2])
        assert app.total == D("140.00")


def test_a_quantity_marks_that_many_pieces_and_the_rest_stays() -> None:
    """Failed before: the quantity was ignored and the whole item was cancelled."""
    app = Application(
        "a-1",
        "partner:acme",
        "ORD-1",
        FinancingType.DEFERRED_PAYMENT,
        "CZK",
        [Item(name="Chair", code="CH", quantity=D(3), total_price=D("100.00"))],
        AT,
        AT,
    )
    app.approve(AT)
    mark(app, ItemOperation.CANCEL, Identification(code="CH", quantity=D(1)))
    assert app.items[0].pieces == {ItemStatus.PROCESSING: D(2), ItemStatus.CANCELLED: D(1)}
    assert app.financed == D("66.67")  # 100.00 less a third (33.33)
    mark(app, ItemOperation.SEND, Identification(code="CH", quantity=D(1)))
    with pytest.raises(e.ApplicationUnprocessable, match="only 1 of its 3"):
        mark(app, ItemOperation.CANCEL, Identification(code="CH", quantity=D(2)))
    mark(app, ItemOperation.DELIVER)  # the sent piece first, then the unsent one
    assert app.items[0].pieces == {ItemStatus.CANCELLED: D(1), ItemStatus.DELIVERED: D(2)}
    assert app.state_reason is StateReason.READY_DELIVERED
    mark(app, ItemOperation.RETURN, Identification(code="CH", quantity=D("0.5")))
    assert app.items[0].count({ItemStatus.RETURNED}) == D("0.5")


def test_sending_beyond_the_approved_total_is_refused() -> None:
    app = Application(
        "a-1", "partner:acme", "ORD-1", FinancingType.DEFERRED_PAYMENT, "CZK", items(), AT, AT
    )
    app.approve(AT, amount=D("110.00"))
    mark(app, ItemOperation.SEND, Identification(code="CH-1"))
    mark(app, ItemOperation.DELIVER, Identification(code="CH-1"))  # already counted
    mark(app, ItemOperation.SEND, Identification(code="SHIP"))  # 110.00: exactly the limit
    with pytest.raises(
        e.TotalPriceLimitExceeded, match=r"150\.00 CZK, beyond the approved 110\.00"
    ):
        mark(app, ItemOperation.DELIVER, Identification(code="CH-2"))
    assert app.items[1].status is ItemStatus.PROCESSING


def test_no_credit_note_for_an_unpaid_application() -> None:
    app = application()
    _, note = app.mark_items(
        ItemOperation.CANCEL, [Identification(code="CH-2")], AT, credit_note_id="cn-1"
    )
    assert note is None and app.credit_notes == []


def test_credit_notes_are_exactly_the_items_amount_and_refund_only_what_was_overpaid() -> None:
    app = application()  # 100.00 + 40.00 + 10.00 = 150.00
    app.record_payment(Payment("p-1", D("60.00"), AT))
    assert (app.paid, app.outstanding) == (D("60.00"), D("90.00"))
    # Cancel 40.00: still financed 110.00 > 60.00 paid, so nothing comes back.
    _, first = app.mark_items(
        ItemOperation.CANCEL, [Identification(code="CH-2")], AT, credit_note_id="cn-1"
    )
    assert first is not None
    assert (first.amount, first.refund) == (D("40.00"), D("0.00"))
    assert (app.financed, app.outstanding) == (D("110.00"), D("50.00"))
    # Return 100.00 after sending: financed 10.00 < 60.00 paid, so 50.00 come back.
    mark(app, ItemOperation.SEND, Identification(code="CH-1"))
    _, second = app.mark_items(
        ItemOperation.RETURN, [Identification(code="CH-1")], AT, credit_note_id="cn-2"
    )
    assert second is not None
    assert (second.amount, second.refund) == (D("100.00"), D("50.00"))
    assert (app.financed, app.paid, app.outstanding) == (D("10.00"), D("10.00"), D("0.00"))
    assert app.state_reason is StateReason.READY_PAID
    assert [n.credit_note_id for n in app.credit_notes] == ["cn-1", "cn-2"]


def test_cent_amounts_add_up_exactly() -> None:
    thirds = [Item(name=f"Part {n}", total_price=D("33.33"), code=str(n)) for n in range(3)]
    thirds.append(Item(name="Rounding", total_price=D("0.01"), code="R"))
    app = Application(
        "a-1", "partner:acme", "ORD-1", FinancingType.PAY_IN_THREE, "CZK", thirds, AT, AT
    )
    app.approve(AT)
    app.record_payment(Payment("p-1", D("0.10"), AT))
    app.record_payment(Payment("p-2", D("0.20"), AT))
    assert app.paid == D("0.30") and app.outstanding == D("99.70")
    _, note = app.mark_items(ItemOperation.CANCEL, [], AT, credit_note_id="cn-1")
    assert note is not None
    assert (note.amount, note.refund) == (D("100.00"), D("0.30"))
    assert app.state is ApplicationState.CANCELLED and app.paid == 0


def test_a_payment_beyond_what_is_owed_is_refused() -> None:
    app = application()
    with pytest.raises(e.ApplicationUnprocessable, match="still owed"):
        app.record_payment(Payment("p-1", D("150.01"), AT))
    app.record_payment(Payment("p-1", D("150.00"), AT))
    assert app.state_reason is StateReason.READY_PAID


def test_an_orders_arithmetic_is_checked() -> None:
    with pytest.raises(e.InvalidRequest, match="at least one item"):
        check_order([], None)
    wrong = Item(name="Chair", total_price=D("20.00"), quantity=D(3), unit_price=D("6.67"))
    with pytest.raises(e.InvalidRequest, match=r"quantity 3 x unitPrice 6\.67 = 20\.01"):
        check_order([wrong], None)
    with pytest.raises(e.InvalidRequest, match=r"sum of the items' totalPrice, 150\.00"):
        check_order(items(), D("149.99"))
    check_order(items(), D("150"))


def test_the_default_policy_approves_up_to_the_limit_and_rejects_above() -> None:
    policy = DecisionPolicy(approval_limit=D("150.00"))
    decision = policy.decide(application(ApplicationState.PROCESSING))
    assert decision is not None and decision.approve
    strict = DecisionPolicy(approval_limit=D("149.99"))
    decision = strict.decide(application(ApplicationState.PROCESSING))
    assert decision is not None and not decision.approve and "149.99" in decision.note
    manual = DecisionPolicy(mode=DecisionMode.MANUAL)
    assert manual.decide(application(ApplicationState.PROCESSING)) is None
