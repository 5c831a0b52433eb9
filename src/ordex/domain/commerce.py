"""Commerce orders of a web shop: positions, their states, cancellations, returns, refunds.

One transition table for positions, one entry point (:func:`next_state`)::

    open ──cancel──> cancelled
    open ──invoice──> invoiced ──return──> returned

Every other pair is refused with :class:`PositionTransitionRefused`, saying what to do
instead (an invoiced position is returned, not cancelled). A request names whole
positions; a discount, voucher or service charge that names the main position it belongs
to (``main_reference``, ordex's optional link) follows it: cancelling, invoicing or
returning the main position does the same to its related positions in the same request,
and a linked discount or voucher cannot be cancelled or returned on its own (the refund
would be negative). A reduction without the link (Riverty's create order has none) is the
client's to name with what it reduces: a cancellation or return that would leave the
order's remaining positions totalling less than zero is refused.

A request is checked completely before anything changes: its problems are collected and
raised together (``InvalidFields`` for what the request names wrongly, ``PositionsRefused``
for what the positions' states forbid), so a refused request changes nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from ordex.domain.errors import (
    FieldProblem,
    InvalidFields,
    PositionsRefused,
    PositionTransitionRefused,
    RefundExceedsPayment,
)

CENT: Final = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    """Rounded to the cent, half up (commercial rounding)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


class PositionType(enum.StrEnum):
    """Riverty's position types, the full list of its Accounting as a Service API reference
    (https://docs.riverty.com/accounting_as_a_service/api_reference/return_order, "Type of
    product"). ordex's earlier names stay accepted as aliases (:data:`ALIASES`)."""

    SALES_ARTICLE = "SALES_ARTICLE"
    DISCOUNT = "DISCOUNT"
    SHIPPING_COSTS = "SHIPPING_COSTS"
    SHIPPING_COSTS_EXPRESS = "SHIPPING_COSTS_EXPRESS"
    SERVICE_CHARGE = "SERVICE_CHARGE"
    CASH_ON_DELIVERY = "CASH_ON_DELIVERY"
    FREE_ARTICLE = "FREE_ARTICLE"
    GIFT_CARD_VOUCHER_SALE = "GIFT_CARD_VOUCHER_SALE"
    GIFT_CARD_VOUCHER_PAYMENT = "GIFT_CARD_VOUCHER_PAYMENT"
    LOYALTY_CARD = "LOYALTY_CARD"
    IBAN_VERIFICATION = "IBAN_VERIFICATION"
    MARKETPLACE_PROVISION = "MARKETPLACE_PROVISION"
    SUBSCRIPTION_ORDER = "SUBSCRIPTION_ORDER"
    SUBSCRIPTION_ORDER_2 = "SUBSCRIPTION_ORDER_2"
    DISCOUNT_FOR_SUBSCRIPTION_ORDER = "DISCOUNT_FOR_SUBSCRIPTION_ORDER"
    NOT_ACCOUNTING_RELEVANT = "NOT_ACCOUNTING_RELEVANT"
    CREDIT_NOTE = "CREDIT_NOTE"

    @classmethod
    def _missing_(cls, value: object) -> PositionType | None:
        return ALIASES.get(str(value))


#: ordex's earlier position types, still accepted (and stored rows still read).
ALIASES: Final[dict[str, PositionType]] = {
    "GOODS": PositionType.SALES_ARTICLE,
    "SHIPPING_FEE": PositionType.SHIPPING_COSTS,
    "SERVICE": PositionType.SERVICE_CHARGE,
    "VOUCHER": PositionType.GIFT_CARD_VOUCHER_PAYMENT,
}

#: Positions that reduce the price (zero or negative): a discount, a redeemed voucher.
REDUCING_TYPES: Final = frozenset(
    {
        PositionType.DISCOUNT,
        PositionType.DISCOUNT_FOR_SUBSCRIPTION_ORDER,
        PositionType.GIFT_CARD_VOUCHER_PAYMENT,
    }
)
#: Positions that may name the main position they belong to (ordex's optional link).
RELATED_TYPES: Final = REDUCING_TYPES | {PositionType.SERVICE_CHARGE}


class PositionState(enum.StrEnum):
    OPEN = "open"
    CANCELLED = "cancelled"
    INVOICED = "invoiced"
    RETURNED = "returned"


class PositionAction(enum.StrEnum):
    CANCEL = "cancel"
    INVOICE = "invoice"
    RETURN = "return"


TRANSITIONS: Final[dict[tuple[PositionState, PositionAction], PositionState]] = {
    (PositionState.OPEN, PositionAction.CANCEL): PositionState.CANCELLED,
    (PositionState.OPEN, PositionAction.INVOICE): PositionState.INVOICED,
    (PositionState.INVOICED, PositionAction.RETURN): PositionState.RETURNED,
}

_INSTEAD: Final = {
    (PositionState.INVOICED, PositionAction.CANCEL): "it is invoiced; return it instead",
    (PositionState.OPEN, PositionAction.RETURN): "it is not invoiced yet; cancel it instead",
}


def next_state(reference: int, state: PositionState, action: PositionAction) -> PositionState:
    """The state after ``action``; raises ``PositionTransitionRefused`` when forbidden."""
    after = TRANSITIONS.get((state, action))
    if after is None:
        why = _INSTEAD.get((state, action), f"it is already {state.value}")
        raise PositionTransitionRefused(
            f"Position {reference} cannot be {_PAST[action]}: {why}.", state.value, action.value
        )
    return after


# Related positions that left the order on their own (a service cancelled before) stay out.
_STILL_ORDERED: Final = frozenset({PositionState.OPEN, PositionState.INVOICED})

_PAST: Final = {
    PositionAction.CANCEL: "cancelled",
    PositionAction.INVOICE: "invoiced",
    PositionAction.RETURN: "returned",
}


class CancellationReason(enum.StrEnum):
    OUT_OF_STOCK = "OUT_OF_STOCK"
    CUSTOMER_CANCELLATION = "CUSTOMER_CANCELLATION"
    NO_PAYMENT = "NO_PAYMENT"
    CUSTOMER_SERVICE = "CUSTOMER_SERVICE"


class ReturnReason(enum.StrEnum):
    CARRIER_RETURN = "CARRIER_RETURN"
    CUSTOMER_RETURN = "CUSTOMER_RETURN"


class RefundMethod(enum.StrEnum):
    ORIGINAL_PAYMENT_METHOD = "ORIGINAL_PAYMENT_METHOD"
    BANK_TRANSFER = "BANK_TRANSFER"


class RefundStatus(enum.StrEnum):
    PENDING = "pending"
    COMPLETED = "completed"


@dataclass(frozen=True, slots=True)
class BankDetails:
    """Already validated by the adapter (IBAN checksum and format, BIC outside SEPA)."""

    iban: str
    account_owner: str
    bic: str | None = None


@dataclass
class Position:
    reference: int
    quantity: Decimal
    gross_unit_price: Decimal
    vat_percent: Decimal
    position_type: PositionType = PositionType.SALES_ARTICLE
    vat_amount: Decimal | None = None
    product_id: str | None = None
    description: str | None = None
    main_reference: int | None = None
    state: PositionState = PositionState.OPEN
    invoice_reference: str | None = None

    @property
    def gross(self) -> Decimal:
        """The position's gross amount, in cents: quantity times gross unit price."""
        return cents(self.quantity * self.gross_unit_price)


@dataclass(frozen=True, slots=True)
class RequestedItem:
    """One ``items[]`` entry: a whole position, optionally with its quantity restated."""

    reference: int
    quantity: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Cancellation:
    internal_request_id: str
    positions: tuple[int, ...]
    cancellation_date: date
    reason: CancellationReason
    amount: Decimal
    created_at: datetime
    invoice_reference: str | None = None
    refund_id: str | None = None


@dataclass(frozen=True, slots=True)
class Return:
    internal_request_id: str
    positions: tuple[int, ...]
    return_date: date
    reason: ReturnReason
    return_reference: str
    amount: Decimal
    created_at: datetime
    invoice_reference: str | None = None
    refund_id: str | None = None


@dataclass(frozen=True, slots=True)
class Invoice:
    internal_request_id: str
    invoice_reference: str
    positions: tuple[int, ...]
    created_at: datetime
    invoice_date: date | None = None


@dataclass
class Refund:
    refund_id: str
    order_id: str
    internal_request_id: str
    amount: Decimal
    currency: str
    method: RefundMethod
    created_at: datetime
    bank: BankDetails | None = None
    status: RefundStatus = RefundStatus.PENDING
    completed_at: datetime | None = None

    def complete(self, at: datetime) -> None:
        self.status = RefundStatus.COMPLETED
        self.completed_at = at


@dataclass
class CommerceOrder:
    """An order of one business (``business_code``) for one of its customers."""

    order_id: str
    business_code: str
    customer_number: str
    reference: str
    currency: str
    order_date: date
    prepaid: bool
    positions: list[Position]
    created_at: datetime
    internal_request_id: str
    details: dict[str, Any] = field(default_factory=dict)  # addresses and other fields kept
    cancellations: list[Cancellation] = field(default_factory=list)
    returns: list[Return] = field(default_factory=list)
    invoices: list[Invoice] = field(default_factory=list)
    refunds: list[Refund] = field(default_factory=list)
    version: int = 1

    @property
    def total(self) -> Decimal:
        return sum((p.gross for p in self.positions), Decimal("0.00"))

    @property
    def paid(self) -> Decimal:
        """What the customer paid before delivery (prepaid orders only)."""
        return self.total if self.prepaid else Decimal("0.00")

    @property
    def refunded(self) -> Decimal:
        return sum((r.amount for r in self.refunds), Decimal("0.00"))

    @property
    def status(self) -> str:
        states = {p.state for p in self.positions}
        if states == {PositionState.CANCELLED}:
            return "CANCELLED"
        if PositionState.CANCELLED in states:
            return "PARTIALLY_CANCELLED"
        return "OPEN"

    def position(self, reference: int) -> Position | None:
        return next((p for p in self.positions if p.reference == reference), None)

    def related(self, reference: int) -> list[Position]:
        return [p for p in self.positions if p.main_reference == reference]

    def _index(self) -> tuple[dict[int, Position], dict[int, list[Position]]]:
        """Positions by reference, and the related positions of each main one: built once
        per request, so that a request costs time linear in the order's positions."""
        by_reference: dict[int, Position] = {}
        related: dict[int, list[Position]] = {}
        for p in self.positions:
            by_reference.setdefault(p.reference, p)
            if p.main_reference is not None:
                related.setdefault(p.main_reference, []).append(p)
        return by_reference, related

    # -- requests -------------------------------------------------------------------------

    def cancel(
        self,
        internal_request_id: str,
        items: Sequence[RequestedItem],
        cancellation_date: date,
        reason: CancellationReason,
        at: datetime,
        invoice_reference: str | None = None,
        refund_id: str | None = None,
        bank: BankDetails | None = None,
    ) -> tuple[Cancellation, Refund | None]:
        """Cancel whole positions and the positions that belong to them; and refund."""
        positions = self._plan(items, PositionAction.CANCEL)
        amount = sum((p.gross for p in positions), Decimal("0.00"))
        refund = self._refund(internal_request_id, amount, refund_id, bank, at)
        self._move(positions, PositionAction.CANCEL)
        cancellation = Cancellation(
            internal_request_id=internal_request_id,
            positions=tuple(p.reference for p in positions),
            cancellation_date=cancellation_date,
            reason=reason,
            amount=amount,
            created_at=at,
            invoice_reference=invoice_reference,
            refund_id=refund.refund_id if refund else None,
        )
        self.cancellations.append(cancellation)
        return cancellation, refund

    def invoice(
        self,
        internal_request_id: str,
        invoice_reference: str,
        items: Sequence[RequestedItem],
        at: datetime,
        invoice_date: date | None = None,
    ) -> Invoice:
        """Mark open positions invoiced (all of them when ``items`` is empty)."""
        if not items:
            items = [
                RequestedItem(p.reference)
                for p in self.positions
                if p.state is PositionState.OPEN and p.main_reference is None
            ]
        positions = self._plan(items, PositionAction.INVOICE)
        self._move(positions, PositionAction.INVOICE, invoice_reference)
        invoice = Invoice(
            internal_request_id=internal_request_id,
            invoice_reference=invoice_reference,
            positions=tuple(p.reference for p in positions),
            created_at=at,
            invoice_date=invoice_date,
        )
        self.invoices.append(invoice)
        return invoice

    def return_positions(
        self,
        internal_request_id: str,
        items: Sequence[RequestedItem],
        return_date: date,
        reason: ReturnReason,
        return_reference: str,
        at: datetime,
        invoice_reference: str | None = None,
        refund_id: str | None = None,
        bank: BankDetails | None = None,
    ) -> tuple[Return, Refund | None]:
        """Take invoiced positions back (with the positions that belong to them); refund."""
        positions = self._plan(items, PositionAction.RETURN, invoice_reference)
        amount = sum((p.gross for p in positions), Decimal("0.00"))
        refund = self._refund(internal_request_id, amount, refund_id, bank, at)
        self._move(positions, PositionAction.RETURN)
        returned = Return(
            internal_request_id=internal_request_id,
            positions=tuple(p.reference for p in positions),
            return_date=return_date,
            reason=reason,
            return_reference=return_reference,
            amount=amount,
            created_at=at,
            invoice_reference=invoice_reference,
            refund_id=refund.refund_id if refund else None,
        )
        self.returns.append(returned)
        return returned, refund

    # -- the checks every request goes through ----------------------------------------------

    def _plan(
        self,
        items: Sequence[RequestedItem],
        action: PositionAction,
        invoice_reference: str | None = None,
    ) -> list[Position]:
        """The positions ``action`` moves (named ones and related ones); changes nothing.
        Linear in the positions and the items: one index, set lookups."""
        by_reference, related_of = self._index()
        named = self._named(items, by_reference)
        named_references = {position.reference for _, position in named}
        problems: list[FieldProblem] = []
        chosen: list[tuple[str, Position]] = []
        for where, position in named:
            chosen.append((where, position))
            if (
                action is not PositionAction.INVOICE
                and position.position_type in REDUCING_TYPES
                and position.main_reference is not None
                and position.main_reference not in named_references
            ):
                problems.append(
                    FieldProblem(
                        where,
                        f"Position {position.reference} is a {position.position_type.value} "
                        f"of position {position.main_reference}: it follows its main position "
                        f"and cannot be {_PAST[action]} on its own.",
                    )
                )
            chosen += [
                (where, related)
                for related in related_of.get(position.reference, ())
                if related.reference not in named_references and related.state in _STILL_ORDERED
            ]
        for where, position in chosen:
            try:
                next_state(position.reference, position.state, action)
            except PositionTransitionRefused as refused:
                message = refused.message
                if position.reference not in named_references:
                    message += f" (it belongs to position {position.main_reference})"
                problems.append(FieldProblem(where, message))
                continue
            if (
                action is PositionAction.RETURN
                and invoice_reference is not None
                and position.invoice_reference != invoice_reference
            ):
                problems.append(
                    FieldProblem(
                        "invoiceReference",
                        f"Position {position.reference} was invoiced with "
                        f"{position.invoice_reference!r}, not {invoice_reference!r}.",
                    )
                )
        moved = [position for _, position in chosen]
        if not problems and action is not PositionAction.INVOICE:
            problems += self._left_negative(moved)
        if problems:
            raise PositionsRefused(
                f"The request cannot be processed: {len(problems)} problem(s).", problems
            )
        return moved

    def _left_negative(self, moved: list[Position]) -> list[FieldProblem]:
        """A reduction that names no main position (Riverty's way) is the client's to cancel
        or return with what it reduces: refused when the positions left would total less
        than zero. Linear: one pass over the positions."""
        leaving = {id(position) for position in moved}
        left = sum(
            (p.gross for p in self.positions if p.state in _STILL_ORDERED and id(p) not in leaving),
            Decimal("0.00"),
        )
        if left >= 0:
            return []
        return [
            FieldProblem(
                "items",
                f"The positions left would total {left}: cancel or return the discounts and "
                "vouchers that belong to these positions in the same request.",
            )
        ]

    @staticmethod
    def _move(
        positions: list[Position], action: PositionAction, invoice_reference: str | None = None
    ) -> None:
        for position in positions:
            position.state = next_state(position.reference, position.state, action)
            if action is PositionAction.INVOICE:
                position.invoice_reference = invoice_reference

    def _named(
        self, items: Sequence[RequestedItem], by_reference: dict[int, Position]
    ) -> list[tuple[str, Position]]:
        """The positions ``items`` name; ``InvalidFields`` naming each unknown or repeated one."""
        problems: list[FieldProblem] = []
        named: list[tuple[str, Position]] = []
        seen: set[int] = set()
        for n, item in enumerate(items):
            where = f"items[{n}].orderItemReference"
            position = by_reference.get(item.reference)
            if position is None:
                problems.append(
                    FieldProblem(where, f"Order {self.reference} has no position {item.reference}.")
                )
                continue
            if item.reference in seen:
                problems.append(
                    FieldProblem(where, f"Position {item.reference} is named more than once.")
                )
                continue
            seen.add(item.reference)
            if item.quantity is not None and item.quantity != position.quantity:
                problems.append(
                    FieldProblem(
                        f"items[{n}].quantity",
                        f"Only whole positions can be cancelled or returned: position "
                        f"{item.reference} has quantity {position.quantity}, not {item.quantity}.",
                    )
                )
                continue
            named.append((where, position))
        if problems:
            raise InvalidFields(f"The request has {len(problems)} problem(s).", problems)
        return named

    def _refund(
        self,
        internal_request_id: str,
        amount: Decimal,
        refund_id: str | None,
        bank: BankDetails | None,
        at: datetime,
    ) -> Refund | None:
        """A refund of ``amount`` when payment was captured; never more than is left."""
        if not self.prepaid or amount <= 0 or refund_id is None:
            return None
        left = self.paid - self.refunded
        if amount > left:
            raise RefundExceedsPayment(
                f"A refund of {amount} {self.currency} would exceed what is left of the "
                f"payment ({left} {self.currency}).",
                [FieldProblem("items", f"Refund {amount} exceeds {left} left.")],
            )
        refund = Refund(
            refund_id=refund_id,
            order_id=self.order_id,
            internal_request_id=internal_request_id,
            amount=amount,
            currency=self.currency,
            method=RefundMethod.BANK_TRANSFER if bank else RefundMethod.ORIGINAL_PAYMENT_METHOD,
            created_at=at,
            bank=bank,
        )
        self.refunds.append(refund)
        return refund
