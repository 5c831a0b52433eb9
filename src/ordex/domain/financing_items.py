"""Order items of a financing application: their marks, how they are identified, money.

An item goes through the marks of the four item operations by one table,
:data:`ITEM_TRANSITIONS`, with one entry point (:func:`next_item_status`)::

    OPEN ──cancel──> CANCELLED
    OPEN ──send────> SENT ──deliver──> DELIVERED
    OPEN ──deliver─> DELIVERED
    SENT | DELIVERED ──return──> RETURNED

Everything else is refused with the reason (``ApplicationUnprocessable``): sent or
delivered items cannot be cancelled (return them instead), items cannot be returned
before they were sent, a mark is not given twice.

Items are identified by any of ``code``, ``ean``, ``name`` and ``type``; every given
property must equal the item's exactly (:func:`identify`). No match and more than one
match are refused with the reason.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Final

from ordex.domain.errors import (
    ApplicationUnprocessable,
    InvalidRequest,
    ItemAmbiguous,
    ItemNotIdentified,
)

CENT: Final = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    """Amounts are kept to the cent (half up, as invoices round)."""
    return value.quantize(CENT, rounding="ROUND_HALF_UP")


class ItemOperation(enum.StrEnum):
    CANCEL = "cancel"
    SEND = "send"
    DELIVER = "deliver"
    RETURN = "return"


class ItemStatus(enum.StrEnum):
    OPEN = "OPEN"
    SENT = "SENT"
    DELIVERED = "DELIVERED"
    CANCELLED = "CANCELLED"
    RETURNED = "RETURNED"


# (operation, status now) -> status after; a missing pair is refused with REFUSALS' reason.
ITEM_TRANSITIONS: Final[dict[tuple[ItemOperation, ItemStatus], ItemStatus]] = {
    (ItemOperation.CANCEL, ItemStatus.OPEN): ItemStatus.CANCELLED,
    (ItemOperation.SEND, ItemStatus.OPEN): ItemStatus.SENT,
    (ItemOperation.DELIVER, ItemStatus.OPEN): ItemStatus.DELIVERED,
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
    (ItemOperation.RETURN, ItemStatus.OPEN): (
        "cannot be returned before it was sent (cancel it instead)"
    ),
    (ItemOperation.RETURN, ItemStatus.CANCELLED): "is cancelled; it cannot be returned",
    (ItemOperation.RETURN, ItemStatus.RETURNED): "is already returned",
}

ACTIVE: Final = frozenset({ItemStatus.OPEN, ItemStatus.SENT, ItemStatus.DELIVERED})
SHIPPED: Final = frozenset({ItemStatus.SENT, ItemStatus.DELIVERED})


@dataclass
class Item:
    """One order item as the partner sent it, with the marks it got since."""

    name: str
    total_price: Decimal
    quantity: Decimal = Decimal(1)
    unit_price: Decimal | None = None
    code: str | None = None
    ean: str | None = None
    type: str | None = None
    vat_rate: Decimal | None = None
    status: ItemStatus = ItemStatus.OPEN
    marks: dict[str, datetime] = field(default_factory=dict)  # operation -> when

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


def next_item_status(item: Item, operation: ItemOperation) -> ItemStatus:
    """The one entry point of the item table; refuses with the reason."""
    after = ITEM_TRANSITIONS.get((operation, item.status))
    if after is None:
        reason = REFUSALS.get((operation, item.status), f"cannot be marked {operation}")
        raise ApplicationUnprocessable(f"{item.label()} {reason}.")
    return after


@dataclass(frozen=True, slots=True)
class Identification:
    """Which item a request means: every given property must match exactly."""

    code: str | None = None
    ean: str | None = None
    name: str | None = None
    type: str | None = None

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
