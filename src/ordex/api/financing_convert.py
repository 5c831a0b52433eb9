"""The financing dialect's request bodies to the domain: minor units to exact amounts, the
SDK's VAT amounts to rates, and the order's other fields kept as given."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from ordex.api.financing_schemas import (
    AmountIn,
    CustomerIn,
    MarkIn,
    OrderChangeIn,
    OrderIn,
    OrderItemIn,
    major,
)
from ordex.domain.errors import InvalidRequest
from ordex.domain.financing_items import Identification, Item, money

ORDER_DETAILS = (
    "variableSymbols",
    "totalVat",
    "addresses",
    "deliveryType",
    "deliveryCarrier",
    "reservationDate",
    "merchantId",
)
ITEM_DETAILS = ("variant", "description", "producer", "categories", "productUrl", "unitVat")


def _currencies(order: OrderIn | OrderChangeIn) -> set[str]:
    amounts: list[AmountIn | None] = [order.totalPrice, *(order.totalVat or [])]
    for item in order.items or []:
        amounts += [item.totalPrice, item.unitPrice, item.totalVat, item.unitVat]
    return {a.currency for a in amounts if a is not None}


def currency_of(order: OrderIn | OrderChangeIn, current: str | None = None) -> str:
    """The one currency of every amount of the order (and the application's, if any)."""
    found = _currencies(order) | ({current} if current else set())
    if len(found) != 1:
        raise InvalidRequest(
            f"order: every amount must be in one currency, not {', '.join(sorted(found))}."
        )
    return found.pop()


def _item(n: int, item: OrderItemIn, currency: str) -> Item:
    total = major(item.totalPrice.amount, currency)
    if item.totalVat is not None:
        rate: Decimal | None = item.totalVat.vatRate
        vat: Decimal | None = major(item.totalVat.amount, currency)
    elif item.vatRate is not None:  # ordex's older field: the VAT included at that rate
        rate, vat = item.vatRate, money(total * item.vatRate / (100 + item.vatRate))
    else:
        raise InvalidRequest(
            f"order.items[{n}].totalVat: required ({{amount, currency, vatRate}}, the VAT "
            "included in totalPrice)."
        )
    details = plain(item.model_dump(include=set(ITEM_DETAILS), exclude_none=True))
    return Item(
        name=item.name,
        total_price=total,
        quantity=item.quantity,
        unit_price=major(item.unitPrice.amount, currency) if item.unitPrice else None,
        code=item.code,
        ean=item.ean,
        type=item.type.value if item.type else None,
        vat_rate=rate,
        total_vat=vat,
        details=details,
    )


def items_in(
    order: OrderIn | OrderChangeIn, currency: str
) -> tuple[list[Item] | None, Decimal | None]:
    """The domain items (``None`` when the order names none) and the stated total."""
    items = (
        None
        if order.items is None
        else [_item(n, item, currency) for n, item in enumerate(order.items)]
    )
    total = major(order.totalPrice.amount, currency) if order.totalPrice else None
    return items, total


def plain(value: Any) -> Any:
    """JSON values with numbers as numbers (pydantic's JSON mode writes Decimals as
    strings): a VAT rate of 21 stays 21."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def details_in(order: OrderIn | OrderChangeIn) -> dict[str, Any]:
    """The order's fields ordex keeps and answers without reading them."""
    dumped: dict[str, Any] = plain(order.model_dump(include=set(ORDER_DETAILS), exclude_none=True))
    return dumped


def customer_in(customer: CustomerIn | None) -> dict[str, Any]:
    return {} if customer is None else plain(customer.model_dump(exclude_none=True))


def mark_fields(body: MarkIn) -> dict[str, Any]:
    """What ordex keeps with a mark: the request's fields but the items and the document's
    file (ordex hosts no files)."""
    kept: dict[str, Any] = plain(body.model_dump(exclude_none=True, exclude={"items"}))
    if "document" in kept:
        kept["document"].pop("file", None)
    return kept


def identifications_in(body: MarkIn) -> list[Identification]:
    return [
        Identification(
            code=item.code, ean=item.ean, name=item.name, type=item.type, quantity=item.quantity
        )
        for item in body.items or []
    ]
