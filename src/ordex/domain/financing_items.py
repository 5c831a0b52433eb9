"""Order items of a financing application: their pieces' marks, identification, money.

An item's pieces go through the marks of the four item operations by one table,
:data:`ITEM_TRANSITIONS`, with one entry point (:func:`next_item_status`)::

    PROCESSING ──cancel──> CANCELLED
    PROCESSING ──send────> SENT ──deliver──> DELIVERED
    PROCESSING ──deliver─> DELIVERED
    SENT | DELIVERED ──return──> RETURNED

(the state names are the Skip Pay SDK's ``OrderDeliveryState``). An item keeps how many of
its pieces are in each state (:attr:`Item.pieces`): a mark names a ``quantity`` to move
that many pieces, or none to move every piece the operation can apply to
(:meth:`Item.plan`). Everything else is refused with the reason
(``ApplicationUnprocessable``): sent or delivered pieces cannot be cancelled (return them
instead), pieces cannot be returned before they were sent, a mark is not given twice,
and a quantity above what is left to mark is refused, never cut silently.

Items are identified by any of ``code``, ``ean``, ``name`` and ``type``; every given
property must equal the item's exactly (:func:`identify`). No match and more than one
match are refused with the reason.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Final

from ordex.domain.errors import (
    ApplicationUnprocessable,
    InvalidRequest,
    ItemAmbiguous,
    ItemNotIdentified,
)

CENT: Final = Decimal("0.01")
# ISO 4217 currencies whose minor unit is not 1/100 (the dialect speaks minor units).
NO_DECIMALS: Final = frozenset(
    [
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "ISK",
        "JPY",
        "KMF",
        "KRW",
        "PYG",
        "RWF",
        "UGX",
        "UYI",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    ]
)
THREE_DECIMALS: Final = frozenset(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"])


def minor_units(amount: Decimal, currency: str) -> int:
    """``amount`` in the currency's minor units (125.90 CZK is 12590)."""
    digits = 0 if currency in NO_DECIMALS else 2
    return int(amount.scaleb(digits).to_integral_value(rounding="ROUND_HALF_UP"))


def money(value: Decimal) -> Decimal:
    """Amounts are kept to the cent (half up, as invoices round)."""
    return value.quantize(CENT, rounding="ROUND_HALF_UP")


class ItemOperation(enum.StrEnum):
    CANCEL = "cancel"
    SEND = "send"
    DELIVER = "deliver"
    RETURN = "return"


class ItemStatus(enum.StrEnum):
    """The SDK's ``OrderDeliveryState`` (ordex called PROCESSING "OPEN" before)."""

    PROCESSING = "PROCESSING"
    SENT = "SENT"
    DELIVERED = "DELIVERED"
    CANCELLED = "CANCELLED"
    RETURNED = "RETURNED"


# (operation, state of a piece now) -> its state after; a missing pair is refused with
# REFUSALS' reason.
ITEM_TRANSITIONS: Final[dict[tuple[ItemOperation, ItemStatus], ItemStatus]] = {
    (ItemOperation.CANCEL, ItemStatus.PROCESSING): ItemStatus.CANCELLED,
    (ItemOperation.SEND, ItemStatus.PROCESSING): ItemStatus.SENT,
    (ItemOperation.DELIVER, ItemStatus.PROCESSING): ItemStatus.DELIVERED,
    (ItemOperation.DELIVER, ItemStatus.SENT): ItemStatus.DELIVERED,
    (ItemOperation.RETURN, ItemStatus.SENT): ItemStatus.RETURNED,
    (ItemOperation.RETURN, ItemStatus.DELIVERED): ItemStatus.RETURNED,
}

REFUSALS: Final[dict[tuple[ItemOperation, ItemStatus], str]] = {
    (ItemOperation.CANCEL, ItemStatus.SENT): "was already sent; return it instead",
    (ItemOperation.CANCEL, ItemStatus.DELIVERED): "was already delivered; return it instead",
    (ItemOperation.CANCEL, ItemStatus.CANCELLED): "is already cancelled",
    (ItemOperation.CANCEL, ItemStatus.RETURNED): "was returned; it cannot be cancelled",
    (ItemOperation.SEND, ItemStatus.SENT): "is already sent",
    (ItemOperation.SEND, ItemStatus.DELIVERED): "is already delivered",
    (ItemOperation.SEND, ItemStatus.CANCELLED): "is cancelled; it cannot be sent",
    (ItemOperation.SEND, ItemStatus.RETURNED): "was returned; it cannot be sent again",
    (ItemOperation.DELIVER, ItemStatus.DELIVERED): "is already delivered",
    (ItemOperation.DELIVER, ItemStatus.CANCELLED): "is cancelled; it cannot be delivered",
    (ItemOperation.DELIVER, ItemStatus.RETURNED): "was returned; it cannot be delivered",
    (ItemOperation.RETURN, ItemStatus.PROCESSING): (
        "cannot be returned before it was sent (cancel it instead)"
    ),
    (ItemOperation.RETURN, ItemStatus.CANCELLED): "is cancelled; it cannot be returned",
    (ItemOperation.RETURN, ItemStatus.RETURNED): "is already returned",
}

ACTIVE: Final = frozenset({ItemStatus.PROCESSING, ItemStatus.SENT, ItemStatus.DELIVERED})
SHIPPED: Final = frozenset({ItemStatus.SENT, ItemStatus.DELIVERED})
# The states from the least to the most advanced (how a mixed item is named).
_ORDER: Final = (
    ItemStatus.PROCESSING,
    ItemStatus.SENT,
    ItemStatus.DELIVERED,
    ItemStatus.RETURNED,
    ItemStatus.CANCELLED,
)
# The states an operation applies to, the most advanced first: a partial delivery takes
# sent pieces before unsent ones, a partial return delivered ones before sent ones.
SOURCES: Final[dict[ItemOperation, tuple[ItemStatus, ...]]] = {
    op: tuple(sorted((s for o, s in ITEM_TRANSITIONS if o is op), key=_ORDER.index, reverse=True))
    for op in ItemOperation
}


@dataclass
class Item:
    """One order item as the partner sent it, with its pieces' marks since.

    ``details`` holds what ordex keeps and answers without reading it (the SDK's
    ``variant``, ``description``, ``producer``, ``categories``, ``productUrl``,
    ``unitVat``, ...); ``total_vat`` is the VAT included in ``total_price``."""

    name: str
    total_price: Decimal
    quantity: Decimal = Decimal(1)
    unit_price: Decimal | None = None
    code: str | None = None
    ean: str | None = None
    type: str | None = None
    vat_rate: Decimal | None = None
    total_vat: Decimal | None = None
    pieces: dict[ItemStatus, Decimal] = field(default_factory=dict)
    marks: dict[str, datetime] = field(default_factory=dict)  # operation -> when
    sent_date: str | None = None
    delivery_date: str | None = None
    tracking_number: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.pieces:
            self.pieces = {ItemStatus.PROCESSING: self.quantity}

    @property
    def status(self) -> ItemStatus:
        """The state of its pieces when they share one; else the least advanced one."""
        return next(s for s in _ORDER if self.pieces.get(s, 0) > 0)

    def count(self, states: Iterable[ItemStatus]) -> Decimal:
        return sum((self.pieces.get(s, Decimal(0)) for s in states), Decimal(0))

    def value(self, states: Iterable[ItemStatus]) -> Decimal:
        """The part of the total price that the pieces in ``states`` carry."""
        return self.share(self.total_price, self.count(states))

    def share(self, amount: Decimal, pieces: Decimal) -> Decimal:
        """``amount`` of the whole item, prorated to ``pieces`` (to the cent)."""
        if pieces == self.quantity:
            return money(amount)
        return money(amount * pieces / self.quantity)

    def plan(self, operation: ItemOperation, quantity: Decimal | None) -> dict[ItemStatus, Decimal]:
        """How many pieces of each state ``operation`` moves: ``quantity`` of them (all it
        can apply to when ``None``), in the order of :data:`SOURCES`."""
        sources = SOURCES[operation]
        available = self.count(sources)
        if available == 0:
            state = self.status
            reason = REFUSALS.get((operation, state), f"cannot be marked {operation}")
            raise ApplicationUnprocessable(f"{self.label()} {reason}.")
        wanted = available if quantity is None else quantity
        if wanted > available:
            raise ApplicationUnprocessable(
                f"{self.label()}: a quantity of {wanted} cannot be marked {operation}; only "
                f"{available} of its {self.quantity} piece(s) can."
            )
        moves: dict[ItemStatus, Decimal] = {}
        for state in sources:
            take = min(wanted, self.pieces.get(state, Decimal(0)))
            if take > 0:
                moves[state] = take
                wanted -= take
        return moves

    def apply(self, operation: ItemOperation, moves: dict[ItemStatus, Decimal]) -> None:
        for state, pieces in moves.items():
            after = next_item_status(state, operation)
            self.pieces[state] -= pieces
            self.pieces[after] = self.pieces.get(after, Decimal(0)) + pieces
        self.pieces = {s: n for s, n in self.pieces.items() if n > 0}

    def label(self) -> str:
        """How messages name the item: its given identifying properties."""
        parts = [
            f"{name}={value!r}"
            for name, value in (
                ("code", self.code),
                ("ean", self.ean),
                ("name", self.name),
                ("type", self.type),
            )
            if value is not None
        ]
        return "item (" + ", ".join(parts) + ")"


def next_item_status(state: ItemStatus, operation: ItemOperation) -> ItemStatus:
    """The one entry point of the item table: a piece's state after ``operation``."""
    after = ITEM_TRANSITIONS.get((operation, state))
    if after is None:
        reason = REFUSALS.get((operation, state), f"cannot be marked {operation}")
        raise ApplicationUnprocessable(f"a piece {reason}.")
    return after


@dataclass(frozen=True, slots=True)
class Identification:
    """Which item a request means: every given property must match exactly."""

    code: str | None = None
    ean: str | None = None
    name: str | None = None
    type: str | None = None
    quantity: Decimal | None = None  # pieces to mark; None: every piece it can apply to

    def given(self) -> dict[str, str]:
        return {
            key: value
            for key, value in (
                ("code", self.code),
                ("ean", self.ean),
                ("name", self.name),
                ("type", self.type),
            )
            if value is not None
        }

    def matches(self, item: Item) -> bool:
        return all(getattr(item, key) == value for key, value in self.given().items())

    def __str__(self) -> str:
        return ", ".join(f"{key}={value!r}" for key, value in self.given().items())


def identify(items: Sequence[Item], wanted: Sequence[Identification]) -> list[int]:
    """The index of the one item each identification matches, in the request's order.

    Linear in items and identifications: the items are indexed once per combination of
    given properties (at most 15), and each identification is one lookup."""
    found: list[int] = []
    named: set[int] = set()
    indexes: dict[tuple[str, ...], dict[tuple[str | None, ...], list[int]]] = {}
    for identification in wanted:
        given = identification.given()
        if not given:
            raise ApplicationUnprocessable(
                "An item identification names none of code, ean, name and type."
            )
        keys = tuple(given)
        index = indexes.get(keys)
        if index is None:
            index = {}
            for n, item in enumerate(items):
                index.setdefault(tuple(getattr(item, key) for key in keys), []).append(n)
            indexes[keys] = index
        hits = index.get(tuple(given.values()), [])
        if not hits:
            raise ItemNotIdentified(
                f"No order item matches ({identification}): every given property must "
                "equal the item's exactly."
            )
        if len(hits) > 1:
            raise ItemAmbiguous(
                f"{len(hits)} order items match ({identification}); add code, ean, name "
                "or type until exactly one matches."
            )
        if hits[0] in named:
            raise ApplicationUnprocessable(
                f"({identification}) names an item the request already names."
            )
        found.append(hits[0])
        named.add(hits[0])
    return found


@dataclass(frozen=True, slots=True)
class CreditNote:
    """Issued when items of a (partly) paid application are cancelled or returned.

    ``amount`` is exactly the items' total; ``refund`` is the part of it the customer had
    already paid beyond what they still owe, and gets back.
    """

    credit_note_id: str
    operation: ItemOperation
    amount: Decimal
    refund: Decimal
    items: tuple[str, ...]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Payment:
    payment_id: str
    amount: Decimal
    received_at: datetime


def check_order(items: Sequence[Item], total: Decimal | None) -> None:
    """An order's arithmetic: a total per item, and a positive sum that the total repeats."""
    if not items:
        raise InvalidRequest("order.items: an order needs at least one item.")
    for n, item in enumerate(items):
        if item.quantity <= 0:
            raise InvalidRequest(f"order.items[{n}].quantity: must be more than zero.")
        if item.unit_price is not None:
            expected = money(item.unit_price * item.quantity)
            if money(item.total_price) != expected:
                raise InvalidRequest(
                    f"order.items[{n}].totalPrice: {item.total_price} is not quantity "
                    f"{item.quantity} x unitPrice {item.unit_price} = {expected}."
                )
    sum_of_items = money(sum((item.total_price for item in items), Decimal(0)))
    if sum_of_items <= 0:
        raise InvalidRequest("order.items: the items' total must be more than zero.")
    if total is not None and money(total) != sum_of_items:
        raise InvalidRequest(
            f"order.totalPrice: {total} is not the sum of the items' totalPrice, {sum_of_items}."
        )
