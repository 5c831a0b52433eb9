"""Financing applications (buy-now-pay-later): states, decisions, item operations, money.

The application's states, by one table (:data:`ALLOWED`) with one entry point
(:meth:`Application.require`)::

    PROCESSING ──approve──> READY ──(no item left to finance)──> CANCELLED
        │    └───reject───> REJECTED
        └──cancel──> CANCELLED <──cancel (nothing sent or delivered, nothing paid)── READY

    operation            PROCESSING   READY   REJECTED   CANCELLED
    approve / reject     yes          -       -          -
    cancel application   yes          yes*    -          -
    change order         yes          yes*    -          -
    order/cancel|send|
      deliver|return     -            yes     -          -
    record payment       -            yes     -          -

A refused operation raises the error of the state that refused it: PROCESSING
``ApplicationValidationInProgress``, REJECTED ``ApplicationRejected``, CANCELLED
``ApplicationAlreadyCancelled``, READY ``ApplicationUnprocessable``. (*) READY refuses a
whole cancel once anything was sent or delivered, or paid (``ApplicationPaid``), and an
order change once anything was sent. Operations a financing type does not offer
(:data:`SUPPORTED`) raise ``OperationNotSupported`` before the state is looked at.

The ``stateReason`` values are the Skip Pay SDK's (``ApplicationBaseResponse``): an
application waiting for its decision is PROCESSING_VALIDATION_IN_PROGRESS. In READY the
reason follows the items: READY_TO_SHIP, READY_SHIPPED (something sent), READY_DELIVERED
(everything left delivered), READY_PAID (everything left paid). Cancelling or returning the
last pieces that were still financed leaves nothing to finance: the application becomes
CANCELLED with CANCELLED_NOT_PAID (or CANCELLED_RETURNED when pieces were returned).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Final

from ordex.domain.errors import (
    ApplicationAlreadyCancelled,
    ApplicationPaid,
    ApplicationRejected,
    ApplicationUnprocessable,
    ApplicationValidationInProgress,
    FinancingRefused,
    OperationNotSupported,
    TotalPriceLimitExceeded,
)
from ordex.domain.financing_items import (
    ACTIVE,
    SHIPPED,
    SOURCES,
    CreditNote,
    Identification,
    Item,
    ItemOperation,
    ItemStatus,
    Payment,
    identify,
    money,
)


class FinancingType(enum.StrEnum):
    DEFERRED_PAYMENT = "DEFERRED_PAYMENT"
    PAY_IN_THREE = "PAY_IN_THREE"


class ApplicationState(enum.StrEnum):
    PROCESSING = "PROCESSING"
    READY = "READY"
    REJECTED = "REJECTED"
    CANCELLED = "CANCELLED"


class StateReason(enum.StrEnum):
    """The SDK's ``stateReason`` enum (ordex sets the ones it has a cause for)."""

    PROCESSING_REDIRECT_NEEDED = "PROCESSING_REDIRECT_NEEDED"
    PROCESSING_PREAPPROVED = "PROCESSING_PREAPPROVED"
    PROCESSING_VALIDATION_IN_PROGRESS = "PROCESSING_VALIDATION_IN_PROGRESS"
    READY_TO_SHIP = "READY_TO_SHIP"
    READY_SHIPPED = "READY_SHIPPED"
    READY_DELIVERED = "READY_DELIVERED"
    READY_PAID = "READY_PAID"
    REJECTED = "REJECTED"
    CANCELLED_NOT_PAID = "CANCELLED_NOT_PAID"  # cancelled, or every piece cancelled
    CANCELLED_RETURNED = "CANCELLED_RETURNED"  # the rest cancelled or returned


class Action(enum.StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    CANCEL = "cancel"
    CHANGE_ORDER = "change order"
    ORDER_CANCEL = "order/cancel"
    ORDER_SEND = "order/send"
    ORDER_DELIVER = "order/deliver"
    ORDER_RETURN = "order/return"
    RECORD_PAYMENT = "record payment"


ITEM_ACTIONS: Final = {
    ItemOperation.CANCEL: Action.ORDER_CANCEL,
    ItemOperation.SEND: Action.ORDER_SEND,
    ItemOperation.DELIVER: Action.ORDER_DELIVER,
    ItemOperation.RETURN: Action.ORDER_RETURN,
}

_ITEM_ACTIONS = frozenset(ITEM_ACTIONS.values())

# state -> the actions it allows (the seed's table of application states).
ALLOWED: Final[dict[ApplicationState, frozenset[Action]]] = {
    ApplicationState.PROCESSING: frozenset(
        {Action.APPROVE, Action.REJECT, Action.CANCEL, Action.CHANGE_ORDER}
    ),
    ApplicationState.READY: frozenset(
        {Action.CANCEL, Action.CHANGE_ORDER, Action.RECORD_PAYMENT, *_ITEM_ACTIONS}
    ),
    ApplicationState.REJECTED: frozenset(),
    ApplicationState.CANCELLED: frozenset(),
}

REFUSED_BY: Final[dict[ApplicationState, type[FinancingRefused]]] = {
    ApplicationState.PROCESSING: ApplicationValidationInProgress,
    ApplicationState.READY: ApplicationUnprocessable,
    ApplicationState.REJECTED: ApplicationRejected,
    ApplicationState.CANCELLED: ApplicationAlreadyCancelled,
}

WHY: Final[dict[ApplicationState, str]] = {
    ApplicationState.PROCESSING: "is still being decided (PROCESSING)",
    ApplicationState.READY: "is approved already (READY)",
    ApplicationState.REJECTED: "was rejected",
    ApplicationState.CANCELLED: "is cancelled",
}

# Financing type -> what it offers: the SDK's "Financing type / Supported" tables say YES
# for both types on every operation ordex offers (recurrences, which PAY_IN_THREE lacks,
# are not offered at all).
SUPPORTED: Final[dict[FinancingType, frozenset[Action]]] = {
    FinancingType.DEFERRED_PAYMENT: frozenset(Action),
    FinancingType.PAY_IN_THREE: frozenset(Action),
}


class OrderState(enum.StrEnum):
    """The order's state as a whole (the SDK's ``OrderDeliveryState``)."""

    PROCESSING = "PROCESSING"
    SENT = "SENT"
    DELIVERED = "DELIVERED"
    RETURNED = "RETURNED"
    CANCELLED = "CANCELLED"


@dataclass(frozen=True, slots=True)
class MarkRecord:
    """One item operation as the partner asked for it: what it marked and the fields of
    the request ordex keeps without reading them (``variableSymbol``, ``sentDate``,
    ``deliveryTrackingNumber``, ``totalPrice``, ...)."""

    operation: ItemOperation
    at: datetime
    items: tuple[str, ...]
    fields: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ApplicationChanged:
    """What a notification tells: the new state, the one before, and what happened."""

    application_id: str
    partner: str
    change: str  # APPROVED, REJECTED, CANCELLED, ORDER_CHANGED, ITEMS_SENT, PAID, ...
    message: str
    state: ApplicationState
    state_reason: StateReason
    previous_state: ApplicationState
    previous_state_reason: StateReason
    at: datetime
    items: tuple[str, ...] = ()
    credit_note: CreditNote | None = None
    payment: Payment | None = None  # what a PAID change received


@dataclass
class Application:
    application_id: str
    partner: str
    order_number: str
    financing_type: FinancingType
    currency: str
    items: list[Item]
    created_at: datetime
    updated_at: datetime
    fingerprint: str = ""
    notification_url: str | None = None
    hook_id: str | None = None
    state: ApplicationState = ApplicationState.PROCESSING
    state_reason: StateReason = StateReason.PROCESSING_VALIDATION_IN_PROGRESS
    approved_amount: Decimal | None = None
    decision_note: str | None = None
    payments: list[Payment] = field(default_factory=list)
    credit_notes: list[CreditNote] = field(default_factory=list)
    customer: dict[str, Any] = field(default_factory=dict)  # as given; answered back
    order_details: dict[str, Any] = field(default_factory=dict)  # the order's other fields
    agreement: bool = False  # agreementTermsAndConditions
    payments_url: str | None = None  # merchantUrls.paymentsEndpoint
    payments_hook_id: str | None = None
    mark_log: list[MarkRecord] = field(default_factory=list)
    version: int = 0
    events: list[ApplicationChanged] = field(default_factory=list, repr=False)
    _before: tuple[ApplicationState, StateReason] = field(
        default=(ApplicationState.PROCESSING, StateReason.PROCESSING_VALIDATION_IN_PROGRESS),
        repr=False,
        compare=False,
    )

    # -- money ------------------------------------------------------------------------

    @property
    def total(self) -> Decimal:
        return money(sum((item.total_price for item in self.items), Decimal(0)))

    @property
    def financed(self) -> Decimal:
        """What is still financed: the pieces neither cancelled nor returned."""
        return money(sum((i.value(ACTIVE) for i in self.items), Decimal(0)))

    @property
    def shipped(self) -> Decimal:
        """What was sent or delivered (and not returned)."""
        return money(sum((i.value(SHIPPED) for i in self.items), Decimal(0)))

    @property
    def order_state(self) -> OrderState:
        """The order as a whole: cancelled or returned when nothing is left, delivered when
        everything left is, sent when anything is, else processing."""
        active = sum((i.count(ACTIVE) for i in self.items), Decimal(0))
        if active == 0:
            returned = any(i.count({ItemStatus.RETURNED}) for i in self.items)
            return OrderState.RETURNED if returned else OrderState.CANCELLED
        delivered = sum((i.count({ItemStatus.DELIVERED}) for i in self.items), Decimal(0))
        if delivered == active:
            return OrderState.DELIVERED
        if any(i.count(SHIPPED) for i in self.items):
            return OrderState.SENT
        return OrderState.PROCESSING

    def _touched(self) -> bool:
        """Anything sent, delivered or returned (what refuses a whole cancel and changes)."""
        return any(i.count(SHIPPED | {ItemStatus.RETURNED}) for i in self.items)

    @property
    def paid(self) -> Decimal:
        """Paid by the customer, less what credit notes refunded."""
        received = sum((p.amount for p in self.payments), Decimal(0))
        refunded = sum((c.refund for c in self.credit_notes), Decimal(0))
        return money(received - refunded)

    @property
    def outstanding(self) -> Decimal:
        return money(self.financed - self.paid)

    # -- the state table ----------------------------------------------------------------

    def require(self, action: Action) -> None:
        """The one entry point of the state table: raises the named error if refused."""
        if action not in SUPPORTED[self.financing_type]:
            raise OperationNotSupported(
                f"{action} is not supported for financing type {self.financing_type}."
            )
        if action not in ALLOWED[self.state]:
            raise REFUSED_BY[self.state](
                f"Application {self.application_id} {WHY[self.state]}: {action} is not "
                "possible now."
            )

    def _moved(
        self,
        change: str,
        message: str,
        at: datetime,
        items: tuple[str, ...] = (),
        credit_note: CreditNote | None = None,
        payment: Payment | None = None,
    ) -> None:
        self.updated_at = at
        self.events.append(
            ApplicationChanged(
                application_id=self.application_id,
                partner=self.partner,
                change=change,
                message=message,
                state=self.state,
                state_reason=self.state_reason,
                previous_state=self._before[0],
                previous_state_reason=self._before[1],
                at=at,
                items=items,
                credit_note=credit_note,
                payment=payment,
            )
        )

    def _begin(self, action: Action) -> None:
        """Check the table, and remember the state a notification reports as previous."""
        self.require(action)
        self._before = (self.state, self.state_reason)

    # -- decisions ----------------------------------------------------------------------

    def approve(self, at: datetime, amount: Decimal | None = None, note: str | None = None) -> None:
        self._begin(Action.APPROVE)
        limit = self.total if amount is None else money(amount)
        if limit <= 0:
            raise ApplicationUnprocessable("The approved amount must be more than zero.")
        if limit > self.total:
            raise ApplicationUnprocessable(
                f"The approved amount {limit} is more than the order's total {self.total}."
            )
        self.approved_amount = limit
        self.decision_note = note
        self.state = ApplicationState.READY
        self._settle()
        self._moved("APPROVED", f"Approved up to {limit} {self.currency}.", at)

    def reject(self, at: datetime, note: str | None = None) -> None:
        self._begin(Action.REJECT)
        self.decision_note = note
        self.state, self.state_reason = ApplicationState.REJECTED, StateReason.REJECTED
        self._moved("REJECTED", note or "The application was rejected.", at)

    # -- the partner's operations -------------------------------------------------------

    def cancel(self, at: datetime) -> None:
        self._begin(Action.CANCEL)
        if self.state is ApplicationState.READY:
            if self.paid > 0:
                raise ApplicationPaid(
                    f"Application {self.application_id} has payments of {self.paid} "
                    f"{self.currency}: cancel or return its items instead (credit notes)."
                )
            if self._touched():
                raise ApplicationUnprocessable(
                    f"Application {self.application_id} cannot be cancelled: items were "
                    "already sent or delivered; return them instead."
                )
        self.state, self.state_reason = ApplicationState.CANCELLED, StateReason.CANCELLED_NOT_PAID
        self._moved("CANCELLED", "The partner cancelled the application.", at)

    def change_order(
        self,
        at: datetime,
        items: list[Item] | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        """A partial change (the SDK's "partial put"): new items replace the old ones when
        given; ``details`` (the order's other fields) replace the ones they name."""
        self._begin(Action.CHANGE_ORDER)
        if self._touched():
            raise ApplicationUnprocessable(
                "The order cannot be changed: items were already sent or delivered."
            )
        details = dict(details or {})
        self.order_number = str(details.pop("number", self.order_number))
        if items is None:
            self.order_details.update(details or {})
            self._settle()
            self._moved("ORDER_CHANGED", "The order's details were changed.", at)
            return
        if self.paid > 0:
            raise ApplicationPaid("The order cannot be changed: the application has payments.")
        new_total = money(sum((item.total_price for item in items), Decimal(0)))
        if self.approved_amount is not None and new_total > self.approved_amount:
            raise TotalPriceLimitExceeded(
                f"The changed order's total {new_total} {self.currency} is more than the "
                f"approved {self.approved_amount} {self.currency}."
            )
        self.items = items
        self.order_details.update(details or {})
        self._settle()
        self._moved("ORDER_CHANGED", f"The order was changed; its total is {new_total}.", at)

    def mark_items(
        self,
        operation: ItemOperation,
        wanted: Sequence[Identification],
        at: datetime,
        credit_note_id: str,
        fields: dict[str, Any] | None = None,
    ) -> tuple[list[Item], CreditNote | None]:
        """Mark the identified items (all eligible ones when ``wanted`` is empty; a given
        ``quantity`` marks that many pieces); the items, and the credit note it issued (only
        for a (partly) paid application). ``fields`` are the request's other fields, kept
        with the mark (:class:`MarkRecord`)."""
        self._begin(ITEM_ACTIONS[operation])
        if wanted:
            chosen = identify(self.items, wanted)
            quantities = [w.quantity for w in wanted]
        else:
            chosen = [
                n
                for n, item in enumerate(self.items)
                if item.count(SOURCES[operation]) > 0 and item.count(ACTIVE) > 0
            ]
            quantities = [None] * len(chosen)
            if not chosen:
                raise ApplicationUnprocessable(
                    f"No item is left to mark for {operation} (an empty request means every "
                    "item not yet marked)."
                )
        plans = {
            n: self.items[n].plan(operation, quantity)
            for n, quantity in zip(chosen, quantities, strict=True)
        }
        marked = [self.items[n] for n in chosen]
        amount = money(
            sum(
                (
                    self.items[n].share(self.items[n].total_price, sum(p.values(), Decimal(0)))
                    for n, p in plans.items()
                ),
                Decimal(0),
            )
        )
        if operation in (ItemOperation.SEND, ItemOperation.DELIVER):
            newly = money(
                sum(
                    (
                        self.items[n].share(
                            self.items[n].total_price, p.get(ItemStatus.PROCESSING, Decimal(0))
                        )
                        for n, p in plans.items()
                    ),
                    Decimal(0),
                )
            )
            assert self.approved_amount is not None
            if self.shipped + newly > self.approved_amount:
                raise TotalPriceLimitExceeded(
                    f"Marking these items {operation} brings what is shipped to "
                    f"{self.shipped + newly} {self.currency}, beyond the approved "
                    f"{self.approved_amount} {self.currency}."
                )
        paid_before = self.paid
        for n, plan in plans.items():
            item = self.items[n]
            item.apply(operation, plan)
            item.marks[str(operation)] = at
            _date_item(item, operation, at, fields or {})
        credit_note = None
        if operation in (ItemOperation.CANCEL, ItemOperation.RETURN) and paid_before > 0:
            refund = money(max(Decimal(0), paid_before - self.financed))
            credit_note = CreditNote(
                credit_note_id=credit_note_id,
                operation=operation,
                amount=amount,
                refund=refund,
                items=tuple(item.label() for item in marked),
                created_at=at,
            )
            self.credit_notes.append(credit_note)
        labels = tuple(
            item.label() + (f" x {q}" if q is not None else "")
            for item, q in zip(marked, quantities, strict=True)
        )
        self.mark_log.append(MarkRecord(operation, at, labels, dict(fields or {})))
        _date_order(self.order_details, operation, at, fields or {})
        self._settle()
        self._moved(
            _CHANGES[operation],
            f"{len(marked)} item(s) marked {operation}"
            + (f"; credit note of {credit_note.amount} {self.currency}" if credit_note else "")
            + ".",
            at,
            items=labels,
            credit_note=credit_note,
        )
        return marked, credit_note

    def record_payment(self, payment: Payment) -> None:
        """The customer paid (the operator or the sandbox says so)."""
        self._begin(Action.RECORD_PAYMENT)
        amount = money(payment.amount)
        if amount <= 0:
            raise ApplicationUnprocessable("A payment must be more than zero.")
        if amount > self.outstanding:
            raise ApplicationUnprocessable(
                f"A payment of {amount} is more than the {self.outstanding} {self.currency} "
                "still owed."
            )
        self.payments.append(payment)
        self._settle()
        self._moved(
            "PAID",
            f"A payment of {amount} {self.currency} was received.",
            payment.received_at,
            payment=payment,
        )

    # -- substate -----------------------------------------------------------------------

    def _settle(self) -> None:
        """READY's substate from the items; nothing left to finance cancels."""
        if self.state is not ApplicationState.READY:
            return
        order = self.order_state
        if order in (OrderState.CANCELLED, OrderState.RETURNED):
            self.state = ApplicationState.CANCELLED
            self.state_reason = (
                StateReason.CANCELLED_RETURNED
                if order is OrderState.RETURNED
                else StateReason.CANCELLED_NOT_PAID
            )
        elif self.paid > 0 and self.paid >= self.financed:
            self.state_reason = StateReason.READY_PAID
        elif order is OrderState.DELIVERED:
            self.state_reason = StateReason.READY_DELIVERED
        elif order is OrderState.SENT:
            self.state_reason = StateReason.READY_SHIPPED
        else:
            self.state_reason = StateReason.READY_TO_SHIP


def _date_order(
    details: dict[str, Any], operation: ItemOperation, at: datetime, fields: dict[str, Any]
) -> None:
    """The order's ``sentDate``, ``deliveryDate``, ``deliveryTrackingNumber`` and
    ``deliveryCarrier``: the last send or deliver request's (or the day of the mark)."""
    day = at.date().isoformat()
    if operation is ItemOperation.SEND:
        details["sentDate"] = str(fields.get("sentDate") or day)
    elif operation is ItemOperation.DELIVER:
        details["deliveryDate"] = str(fields.get("deliveryDate") or day)
    for key in ("deliveryTrackingNumber", "deliveryCarrier"):
        if fields.get(key):
            details[key] = str(fields[key])


def _date_item(item: Item, operation: ItemOperation, at: datetime, fields: dict[str, Any]) -> None:
    """The SDK's per-item ``sentDate``/``deliveryDate``/``deliveryTrackingNumber``: the
    request's, else the day of the mark."""
    day = at.date().isoformat()
    if operation is ItemOperation.SEND:
        item.sent_date = str(fields.get("sentDate") or day)
    elif operation is ItemOperation.DELIVER:
        item.delivery_date = str(fields.get("deliveryDate") or day)
    tracking = fields.get("deliveryTrackingNumber")
    if tracking:
        item.tracking_number = str(tracking)


_CHANGES: Final = {
    ItemOperation.CANCEL: "ITEMS_CANCELLED",
    ItemOperation.SEND: "ITEMS_SENT",
    ItemOperation.DELIVER: "ITEMS_DELIVERED",
    ItemOperation.RETURN: "ITEMS_RETURNED",
}
