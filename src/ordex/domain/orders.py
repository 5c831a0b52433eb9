"""The order lifecycle as both buyer and seller see it.

One transition table, one entry point (:func:`next_state`). Every refused transition raises a
named error from :mod:`ordex.domain.errors` that says which state forbade which action.

A seller's answer is bound to the document it names (:class:`Subject`): the order, the
change that awaits an answer, or the cancellation that does. The same code means another
thing to each (RE to the order rejects it, RE to a cancellation lets the order stand), so
an answer to the order while a change or a cancellation awaits its answer is refused with
the document to answer instead, never re-routed.

::

    received ──AB──> acknowledged ──AP──> accepted
        │                 │ ──CA──> accepted_with_changes
        │                 └─RE──> rejected
        └─AP / CA / RE (directly, without AB first)          (answers to the order)

    received | acknowledged | accepted | accepted_with_changes
        ──change──> change_requested ──AP──> accepted        (the change is the order now)
                                     ──CA──> accepted_with_changes
                                     ──RE──> (the state before the change; it stays)
                                     ──AB──> change_requested   (answers to the change)

    received | acknowledged | accepted | accepted_with_changes | change_requested
        ──cancel──> cancellation_requested ──AP──> cancelled
                                           ──RE──> (the state before the request)
                                           ──AB──> cancellation_requested
                                                    (answers to the cancellation; no CA)

    accepted | accepted_with_changes ──RE──> rejected   (the seller cancels: scenario 5)
    accepted | accepted_with_changes ──CA──> accepted_with_changes
                                     (the seller changes the confirmed order: scenario 3)
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


class Subject(enum.StrEnum):
    """What a seller's answer answers: the kind of document it names."""

    ORDER = "order"
    CHANGE = "change"
    CANCELLATION = "cancellation"


class OrderAction(enum.StrEnum):
    ACKNOWLEDGE = "respond AB"
    ACCEPT = "respond AP"
    ACCEPT_WITH_CHANGES = "respond CA"
    REJECT = "respond RE"
    ACKNOWLEDGE_CHANGE = "respond AB to the change"
    ACCEPT_CHANGE = "respond AP to the change"
    ACCEPT_CHANGE_WITH_CHANGES = "respond CA to the change"
    REJECT_CHANGE = "respond RE to the change"
    ACKNOWLEDGE_CANCELLATION = "respond AB to the cancellation"
    ACCEPT_CANCELLATION = "respond AP to the cancellation"
    AMEND_CANCELLATION = "respond CA to the cancellation"
    REJECT_CANCELLATION = "respond RE to the cancellation"
    REQUEST_CHANGE = "request change"
    REQUEST_CANCELLATION = "request cancellation"


R = ResponseCode
#: The action of each answer: the code, to the document it names.
ANSWERS: Final[dict[tuple[Subject, ResponseCode], OrderAction]] = {
    (Subject.ORDER, R.AB): OrderAction.ACKNOWLEDGE,
    (Subject.ORDER, R.AP): OrderAction.ACCEPT,
    (Subject.ORDER, R.CA): OrderAction.ACCEPT_WITH_CHANGES,
    (Subject.ORDER, R.RE): OrderAction.REJECT,
    (Subject.CHANGE, R.AB): OrderAction.ACKNOWLEDGE_CHANGE,
    (Subject.CHANGE, R.AP): OrderAction.ACCEPT_CHANGE,
    (Subject.CHANGE, R.CA): OrderAction.ACCEPT_CHANGE_WITH_CHANGES,
    (Subject.CHANGE, R.RE): OrderAction.REJECT_CHANGE,
    (Subject.CANCELLATION, R.AB): OrderAction.ACKNOWLEDGE_CANCELLATION,
    (Subject.CANCELLATION, R.AP): OrderAction.ACCEPT_CANCELLATION,
    (Subject.CANCELLATION, R.CA): OrderAction.AMEND_CANCELLATION,
    (Subject.CANCELLATION, R.RE): OrderAction.REJECT_CANCELLATION,
}


class _Previous:
    """Marker: go back to the state the order had before a pending request."""

    def __init__(self, request: str) -> None:
        self.request = request

    def __repr__(self) -> str:
        return f"BEFORE_{self.request.upper()}"


BEFORE_CANCELLATION: Final = _Previous("cancellation")
BEFORE_CHANGE: Final = _Previous("change")

AWAITING_ANSWER: Final = frozenset(
    {
        OrderState.RECEIVED,
        OrderState.ACKNOWLEDGED,
        OrderState.CHANGE_REQUESTED,
        OrderState.CANCELLATION_REQUESTED,
    }
)
"""The states in which an order waits for its seller's answer (the inbox counts them)."""

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
    (S.ACCEPTED, A.ACCEPT_WITH_CHANGES): S.ACCEPTED_WITH_CHANGES,
    (S.ACCEPTED, A.REQUEST_CHANGE): S.CHANGE_REQUESTED,
    (S.ACCEPTED, A.REQUEST_CANCELLATION): S.CANCELLATION_REQUESTED,
    (S.ACCEPTED_WITH_CHANGES, A.REJECT): S.REJECTED,
    (S.ACCEPTED_WITH_CHANGES, A.ACCEPT_WITH_CHANGES): S.ACCEPTED_WITH_CHANGES,
    (S.ACCEPTED_WITH_CHANGES, A.REQUEST_CHANGE): S.CHANGE_REQUESTED,
    (S.ACCEPTED_WITH_CHANGES, A.REQUEST_CANCELLATION): S.CANCELLATION_REQUESTED,
    (S.REJECTED, A.REQUEST_CANCELLATION): S.CANCELLED,
    (S.CHANGE_REQUESTED, A.ACKNOWLEDGE_CHANGE): S.CHANGE_REQUESTED,
    (S.CHANGE_REQUESTED, A.ACCEPT_CHANGE): S.ACCEPTED,
    (S.CHANGE_REQUESTED, A.ACCEPT_CHANGE_WITH_CHANGES): S.ACCEPTED_WITH_CHANGES,
    (S.CHANGE_REQUESTED, A.REJECT_CHANGE): BEFORE_CHANGE,
    (S.CHANGE_REQUESTED, A.REQUEST_CANCELLATION): S.CANCELLATION_REQUESTED,
    (S.CANCELLATION_REQUESTED, A.ACKNOWLEDGE_CANCELLATION): S.CANCELLATION_REQUESTED,
    (S.CANCELLATION_REQUESTED, A.ACCEPT_CANCELLATION): S.CANCELLED,
    (S.CANCELLATION_REQUESTED, A.REJECT_CANCELLATION): BEFORE_CANCELLATION,
}

# Why a state refuses what the table does not list: the reason a 409 gives.
REFUSAL_REASONS: Final[dict[OrderState, str]] = {
    S.RECEIVED: "the order has not been answered yet",
    S.ACKNOWLEDGED: "the order was acknowledged (AB) and awaits AP, CA or RE",
    S.ACCEPTED: (
        "the order was accepted (AP); only CA (the seller changes it), RE (the seller "
        "cancels it) or the buyer's change or cancellation can follow"
    ),
    S.ACCEPTED_WITH_CHANGES: (
        "the order was accepted with changes (CA); only CA (the seller changes it again), "
        "RE (the seller cancels it) or the buyer's change or cancellation can follow"
    ),
    S.REJECTED: "the order was rejected (RE); a rejected order is final",
    S.CHANGE_REQUESTED: (
        "a change is pending; the seller answers the change with AB, AP, CA or RE before "
        "anything else changes"
    ),
    S.CANCELLATION_REQUESTED: (
        "a cancellation is pending; the seller answers the cancellation with AB, AP "
        "(cancel) or RE (the order stands)"
    ),
    S.CANCELLED: "the order is cancelled; a cancelled order is final",
}


REFUSALS: Final[dict[OrderAction, type[TransitionRefused]]] = {
    A.REQUEST_CANCELLATION: CancellationNotAllowed,
    A.REQUEST_CHANGE: ChangeNotAllowed,
}


# What a refused answer names instead: what awaits the seller's answer in this state.
AWAITING: Final[dict[OrderState, Subject]] = {
    S.RECEIVED: Subject.ORDER,
    S.ACKNOWLEDGED: Subject.ORDER,
    S.CHANGE_REQUESTED: Subject.CHANGE,
    S.CANCELLATION_REQUESTED: Subject.CANCELLATION,
}


def next_state(
    state: OrderState,
    action: OrderAction,
    before_cancellation: OrderState | None = None,
    before_change: OrderState | None = None,
    awaiting_document_id: str | None = None,
) -> OrderState:
    """The state after ``action``, or the named error saying why ``state`` refuses it.

    ``before_cancellation`` and ``before_change`` are the states a pending request came
    from: a rejected request goes back there. ``awaiting_document_id`` is the document
    that awaits an answer in ``state``: a refusal names it.
    """
    target = TRANSITIONS.get((state, action))
    if target is None:
        error = REFUSALS.get(action, ResponseNotAllowed)
        awaiting = AWAITING.get(state) if error is ResponseNotAllowed else None
        hint = (
            f" Answer the {awaiting.value} instead (documentId {awaiting_document_id})."
            if awaiting is not None and awaiting_document_id is not None
            else ""
        )
        raise error(
            f"Cannot {action.value} on an order that is {state.value.replace('_', ' ')}: "
            f"{REFUSAL_REASONS[state]}.{hint}",
            state=state.value,
            action=action.value,
            awaiting_document_id=awaiting_document_id if hint else None,
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

    def allows(self, action: OrderAction) -> bool:
        """Whether the order's state has a transition for ``action`` (the use case still
        checks the whole rule when the action is taken)."""
        return (self.state, action) in TRANSITIONS

    def check(self, action: OrderAction, awaiting_document_id: str | None = None) -> OrderState:
        """The state ``action`` would lead to; raises the named refusal without changing."""
        return next_state(
            self.state,
            action,
            self.state_before_cancellation,
            self.state_before_change,
            awaiting_document_id,
        )

    def apply(
        self,
        action: OrderAction,
        at: datetime,
        document_id: str,
        awaiting_document_id: str | None = None,
    ) -> OrderState:
        """Move the order on; record an event saying from where to where."""
        before = self.state
        after = self.check(action, awaiting_document_id)
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

    def respond(
        self,
        subject: Subject,
        code: ResponseCode,
        at: datetime,
        document_id: str,
        awaiting_document_id: str | None = None,
    ) -> OrderState:
        """The seller answers ``subject`` (the kind of document its answer names)."""
        return self.apply(ANSWERS[(subject, code)], at, document_id, awaiting_document_id)

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
