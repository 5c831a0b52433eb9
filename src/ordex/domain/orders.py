"""The order lifecycle as both buyer and seller see it.

One transition table, one entry point (:func:`next_state`). Every refused transition raises a
named error from :mod:`ordex.domain.errors` that says which state forbade which action.

::

    received ──AB──> acknowledged ──AP──> accepted
        │                 │ ──CA──> accepted_with_changes
        │                 └─RE──> rejected
        └─AP / CA / RE (directly, without AB first)

    received | acknowledged | accepted | accepted_with_changes
        ──change──> change_requested ──AP──> accepted        (the change is the order now)
                                     ──CA──> accepted_with_changes
                                     ──RE──> (the state before the change; it stays)
                                     ──AB──> change_requested

    received | acknowledged | accepted | accepted_with_changes | change_requested
        ──cancel──> cancellation_requested ──AP──> cancelled
                                           ──RE──> (the state before the request)
                                           ──AB──> cancellation_requested

    accepted | accepted_with_changes ──RE──> rejected   (the seller cancels: scenario 5)
    rejected ──cancel──> cancelled    (the buyer takes note of the seller's rejection)

A change waits for the seller's answer: while one is pending, another is refused.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Final

from ordex.domain.content import OrderContent, PartyId, Profile, ResponseCode
from ordex.domain.errors import (
    CancellationNotAllowed,
    ChangeNotAllowed,
    ResponseNotAllowed,
    TransitionRefused,
)
from ordex.domain.events import Event, OrderStateChanged


class OrderState(enum.StrEnum):
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    ACCEPTED = "accepted"
    ACCEPTED_WITH_CHANGES = "accepted_with_changes"
    REJECTED = "rejected"
    CHANGE_REQUESTED = "change_requested"
    CANCELLATION_REQUESTED = "cancellation_requested"
    CANCELLED = "cancelled"


class OrderAction(enum.StrEnum):
    ACKNOWLEDGE = "respond AB"
    ACCEPT = "respond AP"
    ACCEPT_WITH_CHANGES = "respond CA"
    REJECT = "respond RE"
    REQUEST_CHANGE = "request change"
    REQUEST_CANCELLATION = "request cancellation"


RESPONSE_ACTIONS: Final = {
    ResponseCode.AB: OrderAction.ACKNOWLEDGE,
    ResponseCode.AP: OrderAction.ACCEPT,
    ResponseCode.CA: OrderAction.ACCEPT_WITH_CHANGES,
    ResponseCode.RE: OrderAction.REJECT,
}


class _Previous:
    """Marker: go back to the state the order had before a pending request."""

    def __init__(self, request: str) -> None:
        self.request = request

    def __repr__(self) -> str:
        return f"BEFORE_{self.request.upper()}"


BEFORE_CANCELLATION: Final = _Previous("cancellation")
BEFORE_CHANGE: Final = _Previous("change")

S, A = OrderState, OrderAction
TRANSITIONS: Final[dict[tuple[OrderState, OrderAction], OrderState | _Previous]] = {
    (S.RECEIVED, A.ACKNOWLEDGE): S.ACKNOWLEDGED,
    (S.RECEIVED, A.ACCEPT): S.ACCEPTED,
    (S.RECEIVED, A.ACCEPT_WITH_CHANGES): S.ACCEPTED_WITH_CHANGES,
    (S.RECEIVED, A.REJECT): S.REJECTED,
    (S.RECEIVED, A.REQUEST_CHANGE): S.CHANGE_REQUESTED,
    (S.RECEIVED, A.REQUEST_CANCELLATION): S.CANCELLATION_REQUESTED,
    (S.ACKNOWLEDGED, A.ACCEPT): S.ACCEPTED,
    (S.ACKNOWLEDGED, A.ACCEPT_WITH_CHANGES): S.ACCEPTED_WITH_CHANGES,
    (S.ACKNOWLEDGED, A.REJECT): S.REJECTED,
    (S.ACKNOWLEDGED, A.REQUEST_CHANGE): S.CHANGE_REQUESTED,
    (S.ACKNOWLEDGED, A.REQUEST_CANCELLATION): S.CANCELLATION_REQUESTED,
    (S.ACCEPTED, A.REJECT): S.REJECTED,
    (S.ACCEPTED, A.REQUEST_CHANGE): S.CHANGE_REQUESTED,
    (S.ACCEPTED, A.REQUEST_CANCELLATION): S.CANCELLATION_REQUESTED,
    (S.ACCEPTED_WITH_CHANGES, A.REJECT): S.REJECTED,
    (S.ACCEPTED_WITH_CHANGES, A.REQUEST_CHANGE): S.CHANGE_REQUESTED,
    (S.ACCEPTED_WITH_CHANGES, A.REQUEST_CANCELLATION): S.CANCELLATION_REQUESTED,
    (S.REJECTED, A.REQUEST_CANCELLATION): S.CANCELLED,
    (S.CHANGE_REQUESTED, A.ACKNOWLEDGE): S.CHANGE_REQUESTED,
    (S.CHANGE_REQUESTED, A.ACCEPT): S.ACCEPTED,
    (S.CHANGE_REQUESTED, A.ACCEPT_WITH_CHANGES): S.ACCEPTED_WITH_CHANGES,
    (S.CHANGE_REQUESTED, A.REJECT): BEFORE_CHANGE,
    (S.CHANGE_REQUESTED, A.REQUEST_CANCELLATION): S.CANCELLATION_REQUESTED,
    (S.CANCELLATION_REQUESTED, A.ACKNOWLEDGE): S.CANCELLATION_REQUESTED,
    (S.CANCELLATION_REQUESTED, A.ACCEPT): S.CANCELLED,
    (S.CANCELLATION_REQUESTED, A.REJECT): BEFORE_CANCELLATION,
}

# Why a state refuses what the table does not list: the reason a 409 gives.
REFUSAL_REASONS: Final[dict[OrderState, str]] = {
    S.RECEIVED: "the order has not been answered yet",
    S.ACKNOWLEDGED: "the order was acknowledged (AB) and awaits AP, CA or RE",
    S.ACCEPTED: (
        "the order was accepted (AP); only RE (the seller cancels it) or the buyer's change "
        "or cancellation can follow"
    ),
    S.ACCEPTED_WITH_CHANGES: (
        "the order was accepted with changes (CA); only RE (the seller cancels it) or the "
        "buyer's change or cancellation can follow"
    ),
    S.REJECTED: "the order was rejected (RE); a rejected order is final",
    S.CHANGE_REQUESTED: (
        "a change is pending; the seller answers it with AB, AP, CA or RE before anything "
        "else changes"
    ),
    S.CANCELLATION_REQUESTED: (
        "a cancellation is pending; the seller answers it with AB, AP (cancel) or RE (stand)"
    ),
    S.CANCELLED: "the order is cancelled; a cancelled order is final",
}


REFUSALS: Final[dict[OrderAction, type[TransitionRefused]]] = {
    A.REQUEST_CANCELLATION: CancellationNotAllowed,
    A.REQUEST_CHANGE: ChangeNotAllowed,
}


def next_state(
    state: OrderState,
    action: OrderAction,
    before_cancellation: OrderState | None = None,
    before_change: OrderState | None = None,
) -> OrderState:
    """The state after ``action``, or the named error saying why ``state`` refuses it.

    ``before_cancellation`` and ``before_change`` are the states a pending request came
    from: a rejected request goes back there.
    """
    target = TRANSITIONS.get((state, action))
    if target is None:
        error = REFUSALS.get(action, ResponseNotAllowed)
        raise error(
            f"Cannot {action.value} on an order that is {state.value.replace('_', ' ')}: "
            f"{REFUSAL_REASONS[state]}.",
            state=state.value,
            action=action.value,
        )
    if isinstance(target, _Previous):
        previous = before_change if target is BEFORE_CHANGE else before_cancellation
        if previous is None:  # pragma: no cover - guarded by the aggregate
            raise ResponseNotAllowed(
                f"The state before the {target.request} request is unknown.",
                state=state.value,
                action=action.value,
            )
        return previous
    return target


@dataclass
class Order:
    """An order between one buyer and one seller, named by its first document's ID."""

    order_id: str
    buyer: PartyId
    seller: PartyId
    number: str
    profile_id: str
    state: OrderState
    content: OrderContent
    created_at: datetime
    updated_at: datetime
    state_before_cancellation: OrderState | None = None
    state_before_change: OrderState | None = None
    version: int = 0
    events: list[Event] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def receive(
        cls,
        order_id: str,
        buyer: PartyId,
        seller: PartyId,
        content: OrderContent,
        at: datetime,
    ) -> Order:
        return cls(
            order_id=order_id,
            buyer=buyer,
            seller=seller,
            number=content.number,
            profile_id=content.profile_id,
            state=OrderState.RECEIVED,
            content=content,
            created_at=at,
            updated_at=at,
        )

    def check(self, action: OrderAction) -> OrderState:
        """The state ``action`` would lead to; raises the named refusal without changing."""
        return next_state(
            self.state, action, self.state_before_cancellation, self.state_before_change
        )

    def apply(self, action: OrderAction, at: datetime, document_id: str) -> OrderState:
        """Move the order on; record an event saying from where to where."""
        before = self.state
        after = self.check(action)
        if action is OrderAction.REQUEST_CANCELLATION:
            self.state_before_cancellation = before
        elif before is OrderState.CANCELLATION_REQUESTED and after is not before:
            self.state_before_cancellation = None
        if action is OrderAction.REQUEST_CHANGE:
            self.state_before_change = before
        elif self.state_before_change is not None and after not in (
            OrderState.CHANGE_REQUESTED,
            OrderState.CANCELLATION_REQUESTED,
        ):
            self.state_before_change = None
        self.state = after
        self.updated_at = at
        self.events.append(
            OrderStateChanged(
                order_id=self.order_id,
                document_id=document_id,
                action=action.value,
                before=before.value,
                after=after.value,
                at=at,
            )
        )
        return after

    def respond(self, code: ResponseCode, at: datetime, document_id: str) -> OrderState:
        return self.apply(RESPONSE_ACTIONS[code], at, document_id)

    def request_cancellation(self, at: datetime, document_id: str) -> OrderState:
        return self.apply(OrderAction.REQUEST_CANCELLATION, at, document_id)

    def request_change(self, at: datetime, document_id: str) -> OrderState:
        return self.apply(OrderAction.REQUEST_CHANGE, at, document_id)

    @property
    def change_pending(self) -> bool:
        """A change awaits the seller's answer (perhaps behind a pending cancellation)."""
        return self.state is OrderState.CHANGE_REQUESTED or (
            self.state is OrderState.CANCELLATION_REQUESTED
            and self.state_before_cancellation is OrderState.CHANGE_REQUESTED
        )

    @property
    def profile(self) -> Profile | None:
        try:
            return Profile(self.profile_id)
        except ValueError:
            return None
