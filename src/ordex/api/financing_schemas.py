"""Request and response bodies of the financing dialect, as the Skip Pay SDK models them.

The shapes are the public SDK's (``skip-pay/skippay-payments-java-sdk`` ``api/openapi.yaml``
and ``src/main/java/cz/skippay/model/*.java``; ``skip-pay/skippay-payments-php-sdk``
``docs/Model/*.md``). The Java SDK's parser refuses a response with a field its model does
not name, or without a field it requires, so every answer here carries exactly the model's
fields; ordex's own figures (approved, financed, paid amounts, credit notes) are on the
ordex-only ``…/{applicationId}/ledger``.

Amounts are the SDK's ``Amount``: ``{amount, currency}`` with ``amount`` a JSON number in
**minor units** (12590 = 125.90 CZK). VAT rates (``vatRate``) and quantities are plain
numbers. Inside ordex amounts are exact ``Decimal`` major units.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import ErrorDetails

from ordex.api.fields import (
    MAX_FINANCING_ITEMS,
    MAX_MARK_ITEMS,
    DecimalLimits,
    XmlText,
    field_problems,
)
from ordex.domain.errors import FieldProblem, InvalidRequest
from ordex.domain.financing import FinancingType
from ordex.domain.financing_items import NO_DECIMALS, THREE_DECIMALS, minor_units

TEXT = 200  # characters of a name, code or order number (the storage's bound)
URL = 2000  # characters of a URL
Text = Annotated[str, XmlText(TEXT)]
Url = Annotated[str, XmlText(URL)]
Name = Annotated[str, XmlText(TEXT, min_length=1)]
MAX_MINOR = 10**16  # 14 integer digits of a major unit and 2 of its minor units
# A quantity: at most 12 digits and 6 after the point; a VAT rate 3 and 4 (docs/limits.md).
Quantity = Annotated[Decimal, DecimalLimits(12, 6), Field(gt=0)]
Rate = Annotated[Decimal, DecimalLimits(3, 4), Field(ge=0, le=100)]


def _whole_number(value: Any) -> Any:
    """A JSON number that is a whole number of minor units (not a string, not 1.5)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError("must be a JSON number of minor units, e.g. 12590 for 125.90 CZK")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must be a finite number")
    if value != int(value):
        raise ValueError("must be a whole number of minor units (12590 = 125.90 CZK)")
    return int(value)


Minor = Annotated[int, BeforeValidator(_whole_number), Field(ge=-MAX_MINOR, le=MAX_MINOR)]


def exponent(currency: str) -> int:
    if currency in THREE_DECIMALS:
        raise InvalidRequest(
            f"currency: {currency} has three decimals; ordex keeps amounts to 1/100."
        )
    return 0 if currency in NO_DECIMALS else 2


def major(minor: int, currency: str) -> Decimal:
    return Decimal(minor).scaleb(-exponent(currency))


def minor(amount: Decimal, currency: str) -> int:
    return minor_units(amount, currency)


def number(value: Decimal) -> int | float:
    """A rate or quantity as a JSON number (an integer when it is one)."""
    return int(value) if value == value.to_integral_value() else float(value)


class ItemType(StrEnum):
    PHYSICAL = "PHYSICAL"
    DISCOUNT = "DISCOUNT"
    SHIPPING_FEE = "SHIPPING_FEE"
    SALES_TAX = "SALES_TAX"
    DIGITAL = "DIGITAL"
    GIFT_CARD = "GIFT_CARD"
    STORE_CREDIT = "STORE_CREDIT"
    FEE = "FEE"
    INSURANCE = "INSURANCE"


class AddressType(StrEnum):
    PERMANENT = "PERMANENT"
    CONTACT = "CONTACT"
    DELIVERY = "DELIVERY"
    BILLING = "BILLING"


class DocumentType(StrEnum):
    INVOICE = "INVOICE"
    PROFORMA_INVOICE = "PROFORMA_INVOICE"
    CREDIT_NOTE = "CREDIT_NOTE"
    OTHER = "OTHER"


class DeliveryType(StrEnum):
    DELIVERY_CARRIER = "DELIVERY_CARRIER"
    PERSONAL_BRANCH = "PERSONAL_BRANCH"
    PERSONAL_PARTNER = "PERSONAL_PARTNER"
    ONLINE = "ONLINE"


class DeliveryCarrier(StrEnum):
    CZ_POST_HAND = "CZ_POST_HAND"
    CZ_POST_OFFICE = "CZ_POST_OFFICE"
    CZ_POST_OTHER = "CZ_POST_OTHER"
    PPL = "PPL"
    DPD = "DPD"
    GEIS = "GEIS"
    IN_TIME = "IN_TIME"
    TOP_TRANS = "TOP_TRANS"
    GEBRUDER_WEISS = "GEBRUDER_WEISS"
    LOCAL_COURIER = "LOCAL_COURIER"
    TNT = "TNT"
    GLS = "GLS"
    HDS_COMFORT = "HDS_COMFORT"
    HDS_STANDARD = "HDS_STANDARD"
    MALL_DEPOSIT = "MALL_DEPOSIT"


class CancelReason(StrEnum):
    APPLICATION_CANCELLED_CARRIER_CHANGED = "APPLICATION_CANCELLED_CARRIER_CHANGED"
    APPLICATION_CANCELLED_CART_CONTENT_CHANGED = "APPLICATION_CANCELLED_CART_CONTENT_CHANGED"
    APPLICATION_CANCELLED_BY_CUSTOMER = "APPLICATION_CANCELLED_BY_CUSTOMER"
    APPLICATION_CANCELLED_BY_ERP = "APPLICATION_CANCELLED_BY_ERP"
    APPLICATION_CANCELLED_EXPIRED = "APPLICATION_CANCELLED_EXPIRED"
    APPLICATION_CANCELLED_UNFINISHED = "APPLICATION_CANCELLED_UNFINISHED"
    APPLICATION_CANCELLED_BY_ESHOP_RULES = "APPLICATION_CANCELLED_BY_ESHOP_RULES"
    APPLICATION_CANCELLED_OTHER = "APPLICATION_CANCELLED_OTHER"


def _currency(value: Any) -> Any:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{3}", value):
        raise ValueError("must be an ISO 4217 code of three capital letters, e.g. CZK")
    return value


def _symbol(value: Any) -> Any:
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{1,10}", value):
        raise ValueError("must be a string of 1 to 10 digits")
    return value


Currency = Annotated[str, BeforeValidator(_currency)]
Symbol = Annotated[str, BeforeValidator(_symbol)]


# What pydantic says in its own terms, as a client reads it (no class or library names).
_REWORDED = {
    "model_type": "Input should be an object",
    "model_attributes_type": "Input should be an object",
    "dict_type": "Input should be an object",
    "is_instance_of": "Input should be an object",
}


def financing_problems(errors: Iterable[ErrorDetails]) -> list[FieldProblem]:
    """``field_problems`` in the dialect's words: no model or library names, the field
    without ``body.``/``query.``/``path.``, and a model check's ``type: ...`` under its
    field."""
    cleaned: list[ErrorDetails] = []
    for error in errors:
        error = dict(error)  # type: ignore[assignment]
        if error.get("type") in _REWORDED:
            error["msg"] = _REWORDED[str(error["type"])]
        loc = tuple(error.get("loc", ()))
        if loc and loc[0] in ("body", "query", "path"):
            loc = loc[1:]
        message = str(error.get("msg", "")).removeprefix("Value error, ")
        named = re.match(r"^([A-Za-z]\w*): (.+)$", message, re.DOTALL)
        if not loc and named:
            loc, message = (named.group(1),), named.group(2)
        error["loc"], error["msg"] = loc, message
        cleaned.append(error)
    return field_problems(cleaned)


class AmountIn(BaseModel):
    amount: Minor = Field(description="Minor units: 12590 is 125.90 CZK")
    currency: Currency = Field(description="ISO 4217, e.g. CZK")


class VatAmountIn(AmountIn):
    vatRate: Rate = Field(description="15 is 15 %")


class AddressIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    name: Text | None = None
    country: Annotated[str, XmlText(2, min_length=2)]
    city: Annotated[str, XmlText(100)]
    streetAddress: Annotated[str, XmlText(100)]
    streetNumber: Annotated[str, XmlText(100)] | None = None
    zip: Annotated[str, XmlText(30)]
    addressType: AddressType


class DocumentIn(BaseModel):
    """Accepted; ordex hosts no files, so a document's file is not kept."""

    model_config = ConfigDict(extra="ignore")
    type: DocumentType
    file: str = Field(max_length=1024 * 1024)
    description: Annotated[str, XmlText(1000)] | None = None
    extraData: dict[str, Annotated[str, XmlText(TEXT)] | None] | None = None


class OrderItemIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    code: Name
    ean: Annotated[str, XmlText(64, min_length=1)] | None = None
    name: Name
    type: ItemType | None = None
    variant: Annotated[str, XmlText(250)] | None = None
    description: Annotated[str, XmlText(1000)] | None = None
    producer: Annotated[str, XmlText(250)] | None = None
    categories: list[Text] | None = Field(default=None, max_length=50)
    productUrl: Url | None = None
    quantity: Quantity = Decimal(1)
    unitPrice: AmountIn | None = None
    unitVat: VatAmountIn | None = None
    totalPrice: AmountIn
    totalVat: VatAmountIn | None = Field(
        default=None, description="Required unless ordex's vatRate is given"
    )
    vatRate: Rate | None = Field(default=None, description="ordex: totalVat from this rate")


class OrderIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    number: Name
    variableSymbols: list[Symbol] | None = Field(default=None, max_length=20)
    totalPrice: AmountIn | None = Field(default=None, description="Checked against the items")
    totalVat: list[VatAmountIn] | None = Field(default=None, max_length=20)
    addresses: list[AddressIn] | None = Field(default=None, max_length=10)
    deliveryType: DeliveryType | None = None
    deliveryCarrier: DeliveryCarrier | None = None
    reservationDate: Annotated[str, XmlText(40)] | None = None
    merchantId: Text | None = None
    documents: list[DocumentIn] | None = Field(default=None, max_length=20)
    items: list[OrderItemIn] = Field(min_length=1, max_length=MAX_FINANCING_ITEMS)


class OrderChangeIn(BaseModel):
    """The SDK's ``OrderChangeRequest``: every field optional (a partial put)."""

    model_config = ConfigDict(extra="ignore")
    number: Name | None = None
    variableSymbols: list[Symbol] | None = Field(default=None, max_length=20)
    totalPrice: AmountIn | None = None
    totalVat: list[VatAmountIn] | None = Field(default=None, max_length=20)
    addresses: list[AddressIn] | None = Field(default=None, max_length=10)
    deliveryType: DeliveryType | None = None
    deliveryCarrier: DeliveryCarrier | None = None
    reservationDate: Annotated[str, XmlText(40)] | None = None
    documents: list[DocumentIn] | None = Field(default=None, max_length=20)
    items: list[OrderItemIn] | None = Field(
        default=None, min_length=1, max_length=MAX_FINANCING_ITEMS
    )


class ChangeOrderIn(BaseModel):
    """The SDK's ``ApplicationOrderChangeRequest``."""

    model_config = ConfigDict(extra="ignore")
    reason: Annotated[str, XmlText(1000)] | None = None
    order: OrderChangeIn


class MerchantUrlsIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    approvedRedirect: Url | None = None
    rejectedRedirect: Url | None = None
    notificationEndpoint: Url | None = None
    paymentsEndpoint: Url | None = None


class CustomerIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    titleBefore: Annotated[str, XmlText(60)] | None = None
    titleAfter: Annotated[str, XmlText(60)] | None = None
    email: Annotated[str, XmlText(254)] | None = None
    firstName: Annotated[str, XmlText(60)] | None = None
    lastName: Annotated[str, XmlText(60)] | None = None
    fullName: Annotated[str, XmlText(240)] | None = None
    phone: Annotated[str, XmlText(20)] | None = None
    tin: Annotated[str, XmlText(20)] | None = None
    vatin: Annotated[str, XmlText(20)] | None = None
    addresses: list[AddressIn] | None = Field(default=None, max_length=10)


class ApplicationIn(BaseModel):
    """The SDK's ``ApplicationRequest``; ordex's older ``financingType`` and
    ``notificationUrl`` still work as aliases of ``type`` and
    ``merchantUrls.notificationEndpoint``."""

    model_config = ConfigDict(extra="ignore")
    type: FinancingType | None = None
    financingType: FinancingType | None = Field(default=None, description="alias of type")
    order: OrderIn
    agreementTermsAndConditions: bool = False
    precheckIds: list[Text] | None = Field(default=None, max_length=20)
    merchantUrls: MerchantUrlsIn | None = None
    customer: CustomerIn | None = None
    isRecurring: bool = False
    notificationUrl: Url | None = Field(default=None, description="alias")

    @model_validator(mode="after")
    def _one_type(self) -> ApplicationIn:
        if self.type is None and self.financingType is None:
            raise ValueError("type: required (DEFERRED_PAYMENT or PAY_IN_THREE)")
        if self.type and self.financingType and self.type != self.financingType:
            raise ValueError("type: differs from its alias financingType")
        return self

    def financing_type(self) -> FinancingType:
        kind = self.type or self.financingType
        assert kind is not None
        return kind

    def notification(self) -> str | None:
        if self.notificationUrl is not None:
            return self.notificationUrl
        return self.merchantUrls.notificationEndpoint if self.merchantUrls else None


class IdentificationIn(BaseModel):
    """The SDK's ``ChangeOrderItemRequestSerializer``: every given property must match;
    ``quantity`` marks that many pieces (all of them when absent)."""

    model_config = ConfigDict(extra="ignore")
    code: Text | None = None
    ean: Text | None = None
    name: Text | None = None
    type: Text | None = None
    quantity: Quantity | None = None


class MarkIn(BaseModel):
    """``OrderItemsChangeRequest`` and its send, deliver and return forms."""

    model_config = ConfigDict(extra="forbid")  # {"orders": ...} is a mistake, not "all"
    items: list[IdentificationIn] | None = Field(
        default=None,
        max_length=MAX_MARK_ITEMS,
        description="Empty or absent: every item not yet marked",
    )
    totalPrice: AmountIn | None = None
    totalVat: list[VatAmountIn] | None = Field(default=None, max_length=20)
    document: DocumentIn | None = None
    variableSymbol: Symbol | None = None
    specificSymbol: Symbol | None = None
    sentDate: date | None = None
    deliveryDate: date | None = None
    deliveryCarrier: DeliveryCarrier | None = None
    deliveryTrackingNumber: Annotated[str, XmlText(64)] | None = None


MarkList = Annotated[list[IdentificationIn], Field(max_length=MAX_MARK_ITEMS)]


class PartnerLoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=TEXT, description="The partner ID")
    password: str = Field(min_length=1, max_length=TEXT, description="An ordex API key")


# -- answers (exactly the SDK's fields) ---------------------------------------------------


class AmountOut(BaseModel):
    amount: int
    currency: str


class VatAmountOut(AmountOut):
    vatRate: float


class ApplicationBaseOut(BaseModel):
    id: str
    state: str
    stateReason: str


class OrderItemOut(BaseModel):
    code: str
    ean: str | None = None
    name: str
    type: str | None = None
    variant: str | None = None
    description: str | None = None
    producer: str | None = None
    categories: list[str] | None = None
    totalPrice: AmountOut
    totalVat: VatAmountOut
    productUrl: str | None = None
    state: str = Field(description="PROCESSING, SENT, DELIVERED, RETURNED or CANCELLED")
    sentDate: str | None
    deliveryDate: str | None
    deliveryTrackingNumber: str | None
    unitPrice: AmountOut
    unitVat: VatAmountOut
    quantity: float


class OrderOut(BaseModel):
    number: str
    variableSymbols: list[str] | None = None
    totalPrice: AmountOut
    totalVat: list[VatAmountOut]
    addresses: list[dict[str, Any]] | None = None
    deliveryType: str | None = None
    deliveryCarrier: str | None = None
    reservationDate: str | None = None
    state: str
    deliveryDate: str | None
    deliveryTrackingNumber: str | None
    sentDate: str | None
    items: list[OrderItemOut]
    merchantId: str | None


class OrderExtendedOut(OrderOut):
    applicationInfo: ApplicationBaseOut


class CustomerOut(BaseModel):
    titleBefore: str | None = None
    titleAfter: str | None = None
    email: str
    addresses: list[dict[str, Any]] | None = None
    tin: str | None = None
    vatin: str | None = None
    firstName: str
    lastName: str
    fullName: str
    phone: str


class ApplicationOut(ApplicationBaseOut):
    customer: CustomerOut
    order: OrderOut
    type: str
    agreementTermsAndConditions: bool
    gatewayRedirectUrl: str


class ApplicationPageOut(BaseModel):
    """ordex: the partner's applications, a page at a time."""

    items: list[ApplicationOut]
    nextCursor: str | None = Field(description="Pass as ?cursor= for the next page")


class AccountNumberOut(BaseModel):
    accountNumber: str
    bankCode: str


class PaymentOut(BaseModel):
    paymentId: str
    date: str
    applicationId: str
    value: AmountOut


class PagingInfoOut(BaseModel):
    itemsPerPage: int
    nextPage: str | None = None
    prevPage: str | None = None


class PaymentsOut(BaseModel):
    data: list[PaymentOut]
    pagingInfo: PagingInfoOut


class PartnerTokenOut(BaseModel):
    accessToken: str
    expiresIn: int


class HealthOut(BaseModel):
    projectVersion: str | None


class ErrorOut(BaseModel):
    code: str
    message: str
    severity: str
    attribute: str | None = None
    ticketId: str | None = None


class ErrorsOut(BaseModel):
    errors: list[ErrorOut]


class CreditNoteOut(BaseModel):
    id: str
    operation: str
    amount: AmountOut
    refund: AmountOut = Field(description="What the partner pays back of what it was paid")
    items: list[str]
    createdOn: str


class LedgerOut(BaseModel):
    """ordex only: the money and history behind an application."""

    id: str
    approvedAmount: AmountOut | None
    financedAmount: AmountOut = Field(description="Pieces neither cancelled nor returned")
    shippedAmount: AmountOut
    paidAmount: AmountOut
    outstandingAmount: AmountOut
    creditNotes: list[CreditNoteOut]
    payments: list[PaymentOut]
    marks: list[dict[str, Any]]
    decisionNote: str | None
    notificationUrl: str | None
    paymentsUrl: str | None
    createdOn: str
    updatedOn: str
