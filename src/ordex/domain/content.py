"""What a business document says, independent of its syntax.

The Peppol adapter parses UBL into these values and renders them back; the API shows
them as JSON. Everything optional is ``None`` when the document does not carry it.
Amounts are ``Decimal``; dates are ``datetime.date``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


class DocumentType(enum.StrEnum):
    """The Peppol transactions ordex exchanges."""

    ORDER = "Order"  # T01
    ORDER_CHANGE = "OrderChange"  # T114
    ORDER_CANCELLATION = "OrderCancellation"  # T115
    ORDER_RESPONSE = "OrderResponse"  # T116 or T76
    ORDER_AGREEMENT = "OrderAgreement"  # T110 (a UBL OrderResponse the seller sends)


class Profile(enum.StrEnum):
    ORDER_ONLY = "urn:fdc:peppol.eu:poacc:bis:order_only:3"
    ORDERING = "urn:fdc:peppol.eu:poacc:bis:ordering:3"
    ADVANCED_ORDERING = "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3"
    ORDER_AGREEMENT = "urn:fdc:peppol.eu:poacc:bis:order_agreement:3"


class ResponseCode(enum.StrEnum):
    """UNCL4343 subset used by Peppol order responses."""

    AB = "AB"  # message acknowledged (received)
    AP = "AP"  # accepted
    CA = "CA"  # conditionally accepted (accepted with changes)
    RE = "RE"  # rejected


class ResponseLineCode(enum.StrEnum):
    """UNCL1229 subset used by Peppol order response lines."""

    ADDED = "1"
    CHANGED = "3"
    ACCEPTED = "5"
    NOT_ACCEPTED = "7"
    ALREADY_DELIVERED = "42"


@dataclass(frozen=True, slots=True)
class PartyId:
    """A Peppol participant identifier ``scheme:value`` (ISO 6523 ICD scheme)."""

    scheme: str
    value: str

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"


@dataclass(frozen=True, slots=True)
class Address:
    street: str | None = None
    additional_street: str | None = None
    city: str | None = None
    postal_zone: str | None = None
    country_subentity: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    name: str | None = None
    telephone: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Party:
    endpoint: PartyId | None
    name: str | None = None
    registration_name: str | None = None
    identifiers: tuple[PartyId, ...] = ()
    company_id: str | None = None
    address: Address | None = None
    contact: Contact | None = None


@dataclass(frozen=True, slots=True)
class Period:
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    address: Address | None = None
    location_id: str | None = None
    requested_period: Period | None = None
    party_name: str | None = None
    contact: Contact | None = None


@dataclass(frozen=True, slots=True)
class Item:
    name: str | None = None
    description: str | None = None
    sellers_id: str | None = None
    buyers_id: str | None = None
    standard_id: str | None = None
    standard_id_scheme: str | None = None
    tax_category: str | None = None
    tax_percent: Decimal | None = None


@dataclass(frozen=True, slots=True)
class AllowanceCharge:
    """A discount (allowance) or surcharge (charge) on a whole order or on one line."""

    is_charge: bool
    amount: Decimal | None
    reason: str | None = None
    reason_code: str | None = None  # UNCL5189 for allowances, UNCL7161 for charges
    percent: Decimal | None = None  # cbc:MultiplierFactorNumeric, with base_amount
    base_amount: Decimal | None = None
    tax_category: str | None = None  # document level only
    tax_percent: Decimal | None = None  # document level only


@dataclass(frozen=True, slots=True)
class OrderLine:
    line_id: str
    quantity: Decimal | None
    unit_code: str | None = None
    line_amount: Decimal | None = None
    price: Decimal | None = None
    price_base_quantity: Decimal | None = None
    item: Item = field(default_factory=Item)
    note: str | None = None
    requested_delivery: Period | None = None
    status_code: str | None = None  # T114: 1 added, 2 deleted, 3 changed, 4 no action
    allowance_charges: tuple[AllowanceCharge, ...] = ()


@dataclass(frozen=True, slots=True)
class Totals:
    line_extension: Decimal | None = None
    tax_exclusive: Decimal | None = None
    tax_inclusive: Decimal | None = None
    allowance_total: Decimal | None = None
    charge_total: Decimal | None = None
    prepaid: Decimal | None = None
    rounding: Decimal | None = None
    payable: Decimal | None = None
    tax: Decimal | None = None


@dataclass(frozen=True, slots=True)
class OrderContent:
    """An Order (T01) or Order Change (T114): the whole order as the buyer states it."""

    document_type: DocumentType
    customization_id: str
    profile_id: str
    number: str  # cbc:ID
    issue_date: date | None
    currency: str | None
    buyer: Party
    seller: Party
    lines: tuple[OrderLine, ...]
    order_type_code: str | None = None
    note: str | None = None
    buyer_reference: str | None = None
    accounting_cost: str | None = None
    validity_end: date | None = None
    delivery: Delivery | None = None
    totals: Totals = field(default_factory=Totals)
    referenced_order: str | None = None  # cac:OrderReference/cbc:ID (a change)
    sequence_number: str | None = None  # T114 cbc:SequenceNumberID
    allowance_charges: tuple[AllowanceCharge, ...] = ()  # document level


@dataclass(frozen=True, slots=True)
class CancellationContent:
    """An Order Cancellation (T115)."""

    customization_id: str
    profile_id: str
    number: str
    issue_date: date | None
    cancellation_note: str
    referenced_order: str
    buyer: Party
    seller: Party
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ResponseLine:
    """One line of an Order Response: what the seller says about one order line."""

    line_id: str
    status: ResponseLineCode
    order_line_id: str | None = None  # cac:OrderLineReference/cbc:LineID
    quantity: Decimal | None = None
    unit_code: str | None = None
    price: Decimal | None = None
    note: str | None = None
    item: Item | None = None
    promised_delivery: Period | None = None


@dataclass(frozen=True, slots=True)
class ResponseContent:
    """An Order Response (T116 Advanced, or T76 for the Ordering profile)."""

    customization_id: str
    profile_id: str
    number: str
    issue_date: date | None
    code: ResponseCode
    referenced_order: str
    seller: Party
    buyer: Party
    note: str | None = None
    currency: str | None = None
    promised_delivery: Period | None = None
    lines: tuple[ResponseLine, ...] = ()
    referenced_change: str | None = None  # cac:OrderChangeDocumentReference/cbc:ID
