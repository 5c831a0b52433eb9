"""Request and response bodies of the commerce dialect (Accounting-as-a-Service names).

Unknown fields are ignored (clients of the hosted service send more than ordex keeps);
dates are ``yyyy-MM-dd`` only; amounts are decimals (read from the JSON text, never
through a float). IBANs are checked for real with ``schwifty`` (checksum, country
format); a BIC is required only when the IBAN's country is outside SEPA.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import Path
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)
from schwifty import BIC, IBAN
from schwifty.exceptions import SchwiftyException

from ordex.api.fields import MAX_ORDER_POSITIONS, MAX_REQUEST_ITEMS, DecimalLimits, XmlText
from ordex.domain.commerce import CancellationReason, PositionType, ReturnReason

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("a date as yyyy-MM-dd, e.g. 2024-09-09")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_date)]

# Riverty's own create-order example writes "orderDate": "2015-12-10T00:00:00.0000000"
# (docs.riverty.com/accounting_as_a_service/api_reference/create_order, while its field
# says yyyy-MM-dd): the date of such a date-time is the order date.
_ISO_DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?$")


def _order_date(value: Any) -> Any:
    if isinstance(value, str) and (found := _ISO_DATE_TIME.match(value)):
        return found.group(1)
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("a date as yyyy-MM-dd (or yyyy-MM-ddTHH:mm:ss), e.g. 2024-09-09")
    return value


OrderDate = Annotated[date, BeforeValidator(_order_date)]
# Amounts: at most 12 integer digits and 2 after the point; quantities 9 and 3; VAT
# percentages 3 and 2 (docs/limits.md).
Money = Annotated[Decimal, DecimalLimits(12, 2)]
Quantity = Annotated[Decimal, DecimalLimits(9, 3), Field(gt=0)]
Percent = Annotated[Decimal, DecimalLimits(3, 2), Field(ge=0, le=100)]
ItemReference = Annotated[int, Field(ge=1, le=999_999, description="Position number")]


# Path parameters land in bounded columns: party_id is "business:" + businessCode in 100
# characters, customer_number 100, order_reference 40.
BUSINESS_CODE = 100 - len("business:")
CUSTOMER_NUMBER = 100
ORDER_REFERENCE = 40
BusinessCode = Annotated[str, Path(min_length=1, max_length=BUSINESS_CODE)]
CustomerNumber = Annotated[str, Path(min_length=1, max_length=CUSTOMER_NUMBER)]
OrderReference = Annotated[str, Path(min_length=1, max_length=ORDER_REFERENCE)]


class BankDetailsIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    iban: str = Field(min_length=1, max_length=42, description="Checked: checksum, format")
    bic: str | None = Field(
        default=None,
        max_length=20,
        validate_default=True,
        description="Required only when the IBAN's country is outside SEPA",
    )
    accountOwner: Annotated[str, XmlText(200, 1)]

    @field_validator("iban")
    @classmethod
    def _real_iban(cls, value: str) -> str:
        try:
            return str(IBAN(value))
        except SchwiftyException as error:
            raise ValueError(f"not a valid IBAN: {error}") from None

    @field_validator("bic")
    @classmethod
    def _bic_outside_sepa(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None:
            try:
                value = str(BIC(value))
            except SchwiftyException as error:
                raise ValueError(f"not a valid BIC: {error}") from None
        iban = info.data.get("iban")
        if value is None and iban is not None and not IBAN(iban).in_sepa_zone:
            raise ValueError(f"required: the IBAN's country {iban[:2]} is outside the SEPA area")
        return value


class ItemRefIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    orderItemReference: ItemReference
    quantity: Quantity | None = Field(
        default=None, description="Optional; if given, the position's whole quantity"
    )


class CancellationIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    items: list[ItemRefIn] = Field(
        min_length=1, max_length=MAX_REQUEST_ITEMS, description="Whole positions to cancel"
    )
    cancellationDate: IsoDate = Field(description="Date the cancellation has been saved")
    cancellationReason: CancellationReason
    invoiceReference: Annotated[str, XmlText(30)] | None = Field(
        default=None, description="Invoice number of referenced invoice"
    )
    bankDetails: BankDetailsIn | None = Field(
        default=None, description="Refund by bank transfer to this account"
    )


class ReturnIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    items: list[ItemRefIn] = Field(
        min_length=1, max_length=MAX_REQUEST_ITEMS, description="Whole invoiced positions"
    )
    returnDate: IsoDate
    returnReason: ReturnReason
    returnReference: Annotated[str, XmlText(30, 1)]
    invoiceReference: Annotated[str, XmlText(30)] | None = None
    bankDetails: BankDetailsIn | None = None


class InvoiceIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    invoiceReference: Annotated[str, XmlText(30, 1)]
    invoiceDate: IsoDate | None = None
    items: list[ItemRefIn] = Field(
        default_factory=list,
        max_length=MAX_REQUEST_ITEMS,
        description="Positions invoiced; none = every open one",
    )


class AddressIn(BaseModel):
    model_config = ConfigDict(extra="allow")
    firstName: Annotated[str, XmlText(100)] | None = None
    lastName: Annotated[str, XmlText(100)] | None = None
    companyName: Annotated[str, XmlText(200)] | None = None
    street: Annotated[str, XmlText(200)] | None = None
    streetNumber: Annotated[str, XmlText(20)] | None = None
    postalCode: Annotated[str, XmlText(20)] | None = None
    city: Annotated[str, XmlText(100)] | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")


class OrderItemIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    orderItemReference: ItemReference
    quantity: Quantity
    grossUnitPrice: Money = Field(description="Gross price of one unit (negative: a discount)")
    vatPercent: Percent
    vatAmount: Money | None = Field(default=None, description="VAT contained in one unit")
    vatType: Annotated[str, XmlText(30)] | None = None
    positionType: PositionType = Field(
        default=PositionType.SALES_ARTICLE,
        description="Riverty's position type; ordex's earlier names GOODS, SHIPPING_FEE, "
        "SERVICE and VOUCHER are accepted as aliases of SALES_ARTICLE, SHIPPING_COSTS, "
        "SERVICE_CHARGE and GIFT_CARD_VOUCHER_PAYMENT",
    )
    mainItemReference: ItemReference | None = Field(
        default=None,
        description="ordex (optional): the main position a DISCOUNT, "
        "DISCOUNT_FOR_SUBSCRIPTION_ORDER, GIFT_CARD_VOUCHER_PAYMENT or SERVICE_CHARGE "
        "belongs to; it then follows its main position. Without it, cancel or return the "
        "related positions in the same request (docs/compatibility.md)",
    )
    productId: Annotated[str, XmlText(100)] | None = None
    description: Annotated[str, XmlText(500)] | None = None


class OrderIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    orderReference: Annotated[str, XmlText(16, 1)]
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    orderDate: OrderDate
    orderChannel: Annotated[str, XmlText(20)] | None = None
    orderType: Annotated[str, XmlText(30)] | None = None
    supplyingCountry: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    prepaid: bool = Field(
        default=False,
        description="ordex: payment captured before delivery (then cancellations refund)",
    )
    billToAddress: AddressIn | None = None
    shipToAddress: AddressIn | None = None
    items: list[OrderItemIn] = Field(min_length=1, max_length=MAX_ORDER_POSITIONS)


class RequestAccepted(BaseModel):
    internalRequestId: str


class PositionOut(BaseModel):
    orderItemReference: int
    state: str = Field(description="open, cancelled, invoiced or returned")
    positionType: str
    quantity: str
    grossUnitPrice: str
    grossAmount: str
    vatPercent: str
    mainItemReference: int | None
    invoiceReference: str | None
    productId: str | None
    description: str | None


class CancellationOut(BaseModel):
    internalRequestId: str
    items: list[int]
    cancellationDate: date
    cancellationReason: str
    invoiceReference: str | None
    amount: str
    refundId: str | None


class ReturnOut(BaseModel):
    internalRequestId: str
    items: list[int]
    returnDate: date
    returnReason: str
    returnReference: str
    invoiceReference: str | None
    amount: str
    refundId: str | None


class RefundOut(BaseModel):
    refundId: str
    internalRequestId: str
    amount: str
    currency: str
    refundMethod: str
    iban: str | None
    status: str = Field(description="pending or completed")
    completedAt: str | None


class OrderOut(BaseModel):
    orderReference: str
    customerNumber: str
    internalRequestId: str
    status: str = Field(description="OPEN, PARTIALLY_CANCELLED or CANCELLED")
    currency: str
    orderDate: date
    prepaid: bool
    totalAmount: str
    refundedAmount: str
    items: list[PositionOut]
    cancellations: list[CancellationOut]
    returns: list[ReturnOut]
    refunds: list[RefundOut]


class ReasonTotalsOut(BaseModel):
    cancellations: int
    positions: int
    amount: str
    refunded: str


class CancellationReportOut(BaseModel):
    businessCode: str
    fromDate: date | None = Field(alias="from")
    toDate: date | None = Field(alias="to")
    byReason: dict[str, ReasonTotalsOut]
    model_config = ConfigDict(populate_by_name=True)
