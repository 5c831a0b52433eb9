"""The order state machine: the table, its one entry point, and the named refusals."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from ordex.domain.content import DocumentType, OrderContent, Party, PartyId, ResponseCode
from ordex.domain.errors import CancellationNotAllowed, ChangeNotAllowed, ResponseNotAllowed
from ordex.domain.events import OrderStateChanged
from ordex.domain.orders import (
    BEFORE_CANCELLATION,
    BEFORE_CHANGE,
    TRANSITIONS,
    Order,
    OrderAction,
    OrderState,
    Subject,
    next_state,
)

BUYER = PartyId("0088", "7300010000001")
SELLER = PartyId("0088", "7302347231110")
AT = datetime(2026, 11, 23, tzinfo=UTC)


def an_order(state: OrderState = OrderState.RECEIVED) -> Order:
    content = OrderContent(
        document_type=DocumentType.ORDER,
        customization_id="urn:fdc:peppol.eu:poacc:trns:order:3",
        profile_id="urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3",
        number="PO-1",
        issue_date=None,
        currency="EUR",
        buyer=Party(endpoint=BUYER),
        seller=Party(endpoint=SELLER),
        lines=(),
    )
    order = Order.receive("o-1", BUYER, SELLER, content, AT)
    order.state = state
    return order


@pytest.mark.parametrize(("state", "action"), list(itertools.product(OrderState, OrderAction)))
def test_every_pair_of_state_and_action_is_either_in_the_table_or_a_named_refusal(
    state: OrderState, action: OrderAction
) -> None:
    if (state, action) in TRANSITIONS:
        target = TRANSITIONS[(state, action)]
        result = next_state(state, action, OrderState.ACKNOWLEDGED, OrderState.ACCEPTED)
        expected = {
            BEFORE_CANCELLATION: OrderState.ACKNOWLEDGED,
            BEFORE_CHANGE: OrderState.ACCEPTED,
        }
        assert result is expected.get(target, target)
    else:
        expected_error = {
            OrderAction.REQUEST_CANCELLATION: CancellationNotAllowed,
            OrderAction.REQUEST_CHANGE: ChangeNotAllowed,
        }.get(action, ResponseNotAllowed)
        with pytest.raises(expected_error) as info:
            next_state(state, action)
        assert info.value.state == state.value
        assert info.value.action == action.value
        assert state.value.replace("_", " ") in info.value.message


def test_acknowledged_then_accepted_is_the_documented_flow() -> None:
    order = an_order()
    order.respond(Subject.ORDER, ResponseCode.AB, AT, "r1")
    order.respond(Subject.ORDER, ResponseCode.AP, AT, "r2")
    assert order.state is OrderState.ACCEPTED


def test_accepting_after_a_rejection_is_refused_with_the_reason() -> None:
    order = an_order()
    order.respond(Subject.ORDER, ResponseCode.RE, AT, "r1")
    with pytest.raises(ResponseNotAllowed, match="rejected order is final"):
        order.respond(Subject.ORDER, ResponseCode.AP, AT, "r2")
    assert order.state is OrderState.REJECTED


def test_a_rejected_cancellation_restores_the_state_before_the_request() -> None:
    order = an_order(OrderState.ACCEPTED)
    order.request_cancellation(AT, "c1")
    assert order.state is OrderState.CANCELLATION_REQUESTED
    order.respond(Subject.CANCELLATION, ResponseCode.RE, AT, "r1")
    assert order.state is OrderState.ACCEPTED
    assert order.state_before_cancellation is None


def test_an_accepted_cancellation_cancels_the_order_for_good() -> None:
    order = an_order(OrderState.ACKNOWLEDGED)
    order.request_cancellation(AT, "c1")
    order.respond(Subject.CANCELLATION, ResponseCode.AP, AT, "r1")
    assert order.state is OrderState.CANCELLED
    with pytest.raises(CancellationNotAllowed, match="cancelled"):
        order.request_cancellation(AT, "c2")


def test_a_second_cancellation_while_one_is_pending_is_refused() -> None:
    order = an_order()
    order.request_cancellation(AT, "c1")
    with pytest.raises(CancellationNotAllowed, match="pending"):
        order.request_cancellation(AT, "c2")


def test_a_rejected_change_restores_the_state_before_the_change() -> None:
    order = an_order(OrderState.ACCEPTED_WITH_CHANGES)
    order.request_change(AT, "ch1")
    assert order.state is OrderState.CHANGE_REQUESTED and order.change_pending
    order.respond(Subject.CHANGE, ResponseCode.RE, AT, "r1")
    assert order.state is OrderState.ACCEPTED_WITH_CHANGES
    assert order.state_before_change is None and not order.change_pending


def test_an_accepted_change_leaves_the_order_accepted() -> None:
    order = an_order()
    order.request_change(AT, "ch1")
    order.respond(Subject.CHANGE, ResponseCode.AB, AT, "r1")
    assert order.state is OrderState.CHANGE_REQUESTED
    order.respond(Subject.CHANGE, ResponseCode.AP, AT, "r2")
    assert order.state is OrderState.ACCEPTED


def test_a_second_change_while_one_is_pending_is_refused_with_the_reason() -> None:
    order = an_order()
    order.request_change(AT, "ch1")
    with pytest.raises(ChangeNotAllowed, match="change is pending"):
        order.request_change(AT, "ch2")


@pytest.mark.parametrize("state", [OrderState.REJECTED, OrderState.CANCELLED])
def test_a_rejected_or_cancelled_order_cannot_be_changed(state: OrderState) -> None:
    with pytest.raises(ChangeNotAllowed, match="final"):
        an_order(state).request_change(AT, "ch1")


def test_a_cancellation_during_a_pending_change_keeps_the_change_when_refused() -> None:
    order = an_order(OrderState.ACCEPTED)
    order.request_change(AT, "ch1")
    order.request_cancellation(AT, "c1")
    assert order.change_pending
    order.respond(
        Subject.CANCELLATION, ResponseCode.RE, AT, "r1"
    )  # the seller refuses the cancellation
    assert order.state is OrderState.CHANGE_REQUESTED
    order.respond(Subject.CHANGE, ResponseCode.RE, AT, "r2")  # ... and the change
    assert order.state is OrderState.ACCEPTED


def test_cancelling_a_rejected_order_takes_note_of_the_rejection() -> None:
    order = an_order()
    order.respond(Subject.ORDER, ResponseCode.RE, AT, "r1")
    order.request_cancellation(AT, "c1")
    assert order.state is OrderState.CANCELLED


def test_each_transition_records_an_event_from_where_to_where() -> None:
    order = an_order()
    order.respond(Subject.ORDER, ResponseCode.AB, AT, "r1")
    assert order.events == [
        OrderStateChanged("o-1", "r1", "respond AB", "received", "acknowledged", AT)
    ]


def test_a_refused_transition_changes_nothing() -> None:
    order = an_order(OrderState.CANCELLED)
    with pytest.raises(ResponseNotAllowed):
        order.respond(Subject.ORDER, ResponseCode.AP, AT, "r1")
    assert order.state is OrderState.CANCELLED
    assert order.events == []


@pytest.mark.parametrize("code", list(ResponseCode))
def test_an_answer_to_the_order_while_a_cancellation_is_pending_is_refused_naming_it(
    code: ResponseCode,
) -> None:
    order = an_order(OrderState.ACKNOWLEDGED)
    order.request_cancellation(AT, "c1")
    with pytest.raises(ResponseNotAllowed, match="Answer the cancellation instead") as info:
        order.respond(Subject.ORDER, code, AT, "r1", awaiting_document_id="c1")
    assert info.value.awaiting_document_id == "c1"
    assert order.state is OrderState.CANCELLATION_REQUESTED


@pytest.mark.parametrize("code", list(ResponseCode))
def test_an_answer_to_the_order_while_a_change_is_pending_is_refused_naming_it(
    code: ResponseCode,
) -> None:
    order = an_order(OrderState.ACCEPTED)
    order.request_change(AT, "ch1")
    with pytest.raises(ResponseNotAllowed, match="Answer the change instead") as info:
        order.respond(Subject.ORDER, code, AT, "r1", awaiting_document_id="ch1")
    assert info.value.awaiting_document_id == "ch1"
    assert order.state is OrderState.CHANGE_REQUESTED


def test_a_cancellation_cannot_be_accepted_with_changes() -> None:
    order = an_order()
    order.request_cancellation(AT, "c1")
    with pytest.raises(ResponseNotAllowed, match="respond CA to the cancellation"):
        order.respond(Subject.CANCELLATION, ResponseCode.CA, AT, "r1")


@pytest.mark.parametrize(
    ("subject", "code", "expected"),
    [
        (Subject.CANCELLATION, ResponseCode.RE, OrderState.ACKNOWLEDGED),
        (Subject.CANCELLATION, ResponseCode.AP, OrderState.CANCELLED),
        (Subject.CANCELLATION, ResponseCode.AB, OrderState.CANCELLATION_REQUESTED),
    ],
)
def test_the_same_code_means_what_it_means_to_the_document_it_answers(
    subject: Subject, code: ResponseCode, expected: OrderState
) -> None:
    order = an_order(OrderState.ACKNOWLEDGED)
    order.request_cancellation(AT, "c1")
    assert order.respond(subject, code, AT, "r1") is expected
