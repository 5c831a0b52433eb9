"""Request and response bodies of the financing dialect (they shape the OpenAPI).

Amounts travel as ``{amount, currency}``; ordex reads the amount as an exact decimal (a JSON
number or a string) and answers it as a string, so no float ever touches money.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from ordex.api.fields import MAX_FINANCING_ITEMS, MAX_MARK_ITEMS, DecimalLimits, XmlText
from ordex.domain.errors import InvalidRequest
from ordex.domain.financing import Application, FinancingType
from ordex.domain.financing_items import CreditNote, Identification, Item

TEXT = 200  # characters of a name, code or order number (the storage's bound)
URL = 2000  # characters of a URL
Text = Annotated[str, XmlText(TEXT)]
Url = Annotated[str, XmlText(URL)]
# An amount: at most 14 integer digits and 4 after the point; a quantity 12 and 6; a VAT
# rate 3 and 4 (docs/limits.md).
Amount = Annotated[Decimal, DecimalLimits(14, 4)]
Quantity = Annotated[Decimal, DecimalLimits(12, 6), Field(gt=0)]
Rate = Annotated[Decimal, DecimalLimits(3, 4), Field(ge=0, le=100)]


class MoneyIn(BaseModel):
    amount: Amount
    currency: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 4217, e.g. CZK")


class MoneyOut(BaseModel):
    amount: str
    currency: str


class OrderItemIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    code: Annotated[str, XmlText(TEXT, min_length=1)] | None = None
    ean: Annotated[str, XmlText(TEXT, min_length=1)] | None = None
    name: Annotated[str, XmlText(TEXT, min_length=1)]
    type: Annotated[str, XmlText(TEXT, min_length=1)] | None = None
    quantity: Quantity = Decimal(1)
    unitPrice: MoneyIn | None = None
    vatRate: Rate | None = None
    totalPrice: MoneyIn


class OrderIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    number: Annotated[str, XmlText(TEXT, min_length=1)]
    totalPrice: MoneyIn | None = Field(default=None, description="Checked against the items")
    items: list[OrderItemIn] = Field(min_length=1, max_length=MAX_FINANCING_ITEMS)


class MerchantUrlsIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    notificationEndpoint: Url | None = None
    approvedRedirect: Url | None = None
    rejectedRedirect: Url | None = None


class ApplicationIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    financingType: FinancingType
    order: OrderIn
    notificationUrl: Url | None = Field(
        default=None, description="Where state changes are notified"
    )
    merchantUrls: MerchantUrlsIn | None = Field(
        default=None, description="merchantUrls.notificationEndpoint = notificationUrl"
    )
    customer: dict[str, Any] | None = Field(default=None, description="Kept out of ordex")

    def notification(self) -> str | None:
        if self.notificationUrl is not None:
            return self.notificationUrl
        return self.merchantUrls.notificationEndpoint if self.merchantUrls else None


class IdentificationIn(BaseModel):
    """An order item as a mark request names it: every given property must match."""

    model_config = ConfigDict(extra="ignore")
    code: Text | None = None
    ean: Text | None = None
    name: Text | None = None
    type: Text | None = None

    def domain(self) -> Identification:
        return Identification(code=self.code, ean=self.ean, name=self.name, type=self.type)


MarkList = Annotated[list[IdentificationIn], Field(max_length=MAX_MARK_ITEMS)]


class MarkIn(BaseModel):
    model_config = ConfigDict(extra="forbid")  # {"orders": ...} is a mistake, not "all"
    items: MarkList | None = Field(
        default=None, description="Empty or absent: every item not yet marked"
    )


class ChangeOrderIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    order: OrderIn


class OrderItemOut(BaseModel):
    code: str | None
    ean: str | None
    name: str
    type: str | None
    quantity: str
    unitPrice: MoneyOut | None
    vatRate: str | None
    totalPrice: MoneyOut
    state: str = Field(description="OPEN, SENT, DELIVERED, CANCELLED or RETURNED")
    marks: dict[str, datetime] = Field(description="operation -> when it was marked")


class OrderOut(BaseModel):
    number: str
    totalPrice: MoneyOut
    items: list[OrderItemOut]


class CreditNoteOut(BaseModel):
    id: str
    operation: str
    amount: MoneyOut
    refund: MoneyOut = Field(description="The part the customer had paid and gets back")
    items: list[str]
    createdOn: datetime


class PaymentOut(BaseModel):
    id: str
    amount: MoneyOut
    receivedOn: datetime


class ApplicationOut(BaseModel):
    id: str
    state: str
    stateReason: str
    substate: str = Field(description="The same as stateReason")
    financingType: str
    order: OrderOut
    approvedAmount: MoneyOut | None
    financedAmount: MoneyOut = Field(description="Items neither cancelled nor returned")
    paidAmount: MoneyOut
    outstandingAmount: MoneyOut
    creditNotes: list[CreditNoteOut]
    payments: list[PaymentOut]
    notificationUrl: str | None
    gatewayRedirectUrl: str
    createdOn: datetime
    updatedOn: datetime


class OrderChangedOut(BaseModel):
    """What an item operation answers: the changed order and the application's state."""

    id: str
    state: str
    stateReason: str
    substate: str
    order: OrderOut
    changedItems: list[OrderItemOut]
    creditNote: CreditNoteOut | None


class ApplicationPageOut(BaseModel):
    items: list[ApplicationOut]
    nextCursor: str | None = Field(description="Pass as ?cursor= for the next page")


class PartnerLoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=TEXT, description="The partner ID")
    password: str = Field(min_length=1, max_length=TEXT, description="An ordex API key")


class PartnerTokenOut(BaseModel):
    accessToken: str
    tokenType: str = "Bearer"
    expiresIn: int


def _money(amount: Decimal, currency: str) -> MoneyOut:
    return MoneyOut(amount=str(amount), currency=currency)


def item_out(item: Item, currency: str) -> OrderItemOut:
    return OrderItemOut(
        code=item.code,
        ean=item.ean,
        name=item.name,
        type=item.type,
        quantity=str(item.quantity),
        unitPrice=_money(item.unit_price, currency) if item.unit_price is not None else None,
        vatRate=str(item.vat_rate) if item.vat_rate is not None else None,
        totalPrice=_money(item.total_price, currency),
        state=item.status.value,
        marks=dict(item.marks),
    )


def credit_note_out(note: CreditNote, currency: str) -> CreditNoteOut:
    return CreditNoteOut(
        id=note.credit_note_id,
        operation=note.operation.value,
        amount=_money(note.amount, currency),
        refund=_money(note.refund, currency),
        items=list(note.items),
        createdOn=note.created_at,
    )


def order_out(app: Application) -> OrderOut:
    return OrderOut(
        number=app.order_number,
        totalPrice=_money(app.total, app.currency),
        items=[item_out(item, app.currency) for item in app.items],
    )


def application_out(app: Application, base_url: str) -> ApplicationOut:
    c = app.currency
    return ApplicationOut(
        id=app.application_id,
        state=app.state.value,
        stateReason=app.state_reason.value,
        substate=app.state_reason.value,
        financingType=app.financing_type.value,
        order=order_out(app),
        approvedAmount=_money(app.approved_amount, c) if app.approved_amount is not None else None,
        financedAmount=_money(app.financed, c),
        paidAmount=_money(app.paid, c),
        outstandingAmount=_money(app.outstanding, c),
        creditNotes=[credit_note_out(n, c) for n in app.credit_notes],
        payments=[
            PaymentOut(id=p.payment_id, amount=_money(p.amount, c), receivedOn=p.received_at)
            for p in app.payments
        ],
        notificationUrl=app.notification_url,
        gatewayRedirectUrl=f"{base_url}financing/v1/applications/{app.application_id}",
        createdOn=app.created_at,
        updatedOn=app.updated_at,
    )


def items_in(order: OrderIn) -> tuple[list[Item], str, Decimal | None]:
    """The domain items, the one currency of the order, and its stated total."""
    currencies = {item.totalPrice.currency for item in order.items}
    currencies |= {item.unitPrice.currency for item in order.items if item.unitPrice}
    if order.totalPrice is not None:
        currencies.add(order.totalPrice.currency)
    if len(currencies) != 1:
        raise InvalidRequest(
            f"order: every amount must be in one currency, not {', '.join(sorted(currencies))}."
        )
    items = [
        Item(
            name=item.name,
            total_price=item.totalPrice.amount,
            quantity=item.quantity,
            unit_price=item.unitPrice.amount if item.unitPrice else None,
            code=item.code,
            ean=item.ean,
            type=item.type,
            vat_rate=item.vatRate,
        )
        for item in order.items
    ]
    total = order.totalPrice.amount if order.totalPrice else None
    return items, currencies.pop(), total
