"""The fields an order diff compares, by their stable names, and the way back.

An order is seen as two flat records: the header (``HEADER_FIELDS``) and each line
(``LINE_FIELDS``). Names are dotted camelCase paths (``"delivery.address.city"``,
``"item.sellersId"``); they are a machine-facing contract, so a name never changes
meaning. ``*_values`` read a record as a tuple in the order of the names; ``*_from``
build the structure again from a mapping of name to value.

Building back treats a structure whose every field is empty as absent: an
``Address()`` becomes ``None``, and so do an empty ``Contact``, ``Period`` and
``Delivery`` (an empty ``cac:Contact`` says nothing). ``Party``, ``Item`` and ``Totals``
are never absent in the content model and stay objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from ordex.domain.content import (
    Address,
    AllowanceCharge,
    Contact,
    Delivery,
    Item,
    OrderContent,
    OrderLine,
    Party,
    PartyId,
    Period,
    Totals,
)

Value = str | Decimal | date | PartyId | tuple[PartyId, ...] | tuple[AllowanceCharge, ...] | None
"""What one field holds: text or a code, an amount or quantity, a date, a party ID, the
party IDs of a party, or the allowances and charges of the order or a line."""

_ADDRESS = ("street", "additionalStreet", "city", "postalZone", "countrySubentity", "country")
_CONTACT = ("name", "telephone", "email")
_PERIOD = ("start", "end")
_PARTY = (
    "endpoint",
    "name",
    "registrationName",
    "identifiers",
    "companyId",
    *(f"address.{name}" for name in _ADDRESS),
    *(f"contact.{name}" for name in _CONTACT),
)
_TOTALS = (
    "lineExtension",
    "taxExclusive",
    "taxInclusive",
    "allowanceTotal",
    "chargeTotal",
    "prepaid",
    "rounding",
    "payable",
    "tax",
)

HEADER_FIELDS: tuple[str, ...] = (
    "currency",
    "orderTypeCode",
    "note",
    "buyerReference",
    "accountingCost",
    "validityEnd",
    *(f"delivery.address.{name}" for name in _ADDRESS),
    "delivery.locationId",
    *(f"delivery.requestedPeriod.{name}" for name in _PERIOD),
    "delivery.partyName",
    *(f"delivery.contact.{name}" for name in _CONTACT),
    *(f"buyer.{name}" for name in _PARTY),
    *(f"seller.{name}" for name in _PARTY),
    "allowanceCharges",
    *(f"totals.{name}" for name in _TOTALS),
)
"""Every header field the diff compares, in the order it reports them."""

LINE_FIELDS: tuple[str, ...] = (
    "quantity",
    "unitCode",
    "price",
    "priceBaseQuantity",
    "lineAmount",
    "item.sellersId",
    "item.standardId",
    "item.standardIdScheme",
    "item.buyersId",
    "item.name",
    "item.description",
    "item.taxCategory",
    "item.taxPercent",
    "requestedDelivery.start",
    "requestedDelivery.end",
    "note",
    "allowanceCharges",
)
"""Every line field the diff compares, in the order it reports them."""


# --- reading --------------------------------------------------------------------------


def _address(a: Address | None) -> tuple[Value, ...]:
    if a is None:
        return (None,) * len(_ADDRESS)
    return (a.street, a.additional_street, a.city, a.postal_zone, a.country_subentity, a.country)


def _contact(c: Contact | None) -> tuple[Value, ...]:
    return (None,) * len(_CONTACT) if c is None else (c.name, c.telephone, c.email)


def _period(p: Period | None) -> tuple[Value, ...]:
    return (None, None) if p is None else (p.start, p.end)


def _party(p: Party) -> tuple[Value, ...]:
    return (
        p.endpoint,
        p.name,
        p.registration_name,
        p.identifiers,
        p.company_id,
        *_address(p.address),
        *_contact(p.contact),
    )


def header_values(content: OrderContent) -> tuple[Value, ...]:
    """The header of an order, one value per name of ``HEADER_FIELDS``."""
    c, d, t = content, content.delivery, content.totals
    delivery: tuple[Value, ...]
    if d is None:
        delivery = (None,) * 13
    else:
        delivery = (
            *_address(d.address),
            d.location_id,
            *_period(d.requested_period),
            d.party_name,
            *_contact(d.contact),
        )
    return (
        c.currency,
        c.order_type_code,
        c.note,
        c.buyer_reference,
        c.accounting_cost,
        c.validity_end,
        *delivery,
        *_party(c.buyer),
        *_party(c.seller),
        c.allowance_charges,
        t.line_extension,
        t.tax_exclusive,
        t.tax_inclusive,
        t.allowance_total,
        t.charge_total,
        t.prepaid,
        t.rounding,
        t.payable,
        t.tax,
    )


def line_values(line: OrderLine) -> tuple[Value, ...]:
    """One line, one value per name of ``LINE_FIELDS`` (its ID and status code aside)."""
    i, p = line.item, line.requested_delivery
    return (
        line.quantity,
        line.unit_code,
        line.price,
        line.price_base_quantity,
        line.line_amount,
        i.sellers_id,
        i.standard_id,
        i.standard_id_scheme,
        i.buyers_id,
        i.name,
        i.description,
        i.tax_category,
        i.tax_percent,
        None if p is None else p.start,
        None if p is None else p.end,
        line.note,
        line.allowance_charges,
    )


# --- building back --------------------------------------------------------------------


class _Record:
    """Typed reads from a mapping of field name to value; a wrong type is a ValueError."""

    def __init__(self, values: Mapping[str, Value], prefix: str = "") -> None:
        self.values = values
        self.prefix = prefix

    def _get(self, name: str) -> Value:
        return self.values[self.prefix + name]

    def _wrong(self, name: str, value: object) -> ValueError:
        return ValueError(f"field {self.prefix + name!r} cannot hold {value!r}")

    def text(self, name: str) -> str | None:
        value = self._get(name)
        if value is None or isinstance(value, str):
            return value
        raise self._wrong(name, value)

    def decimal(self, name: str) -> Decimal | None:
        value = self._get(name)
        if value is None or isinstance(value, Decimal):
            return value
        raise self._wrong(name, value)

    def day(self, name: str) -> date | None:
        value = self._get(name)
        if value is None or isinstance(value, date):
            return value
        raise self._wrong(name, value)

    def party_id(self, name: str) -> PartyId | None:
        value = self._get(name)
        if value is None or isinstance(value, PartyId):
            return value
        raise self._wrong(name, value)

    def party_ids(self, name: str) -> tuple[PartyId, ...]:
        value = self._get(name)
        if isinstance(value, tuple):
            ids = tuple(v for v in value if isinstance(v, PartyId))
            if len(ids) == len(value):
                return ids
        raise self._wrong(name, value)

    def allowance_charges(self, name: str) -> tuple[AllowanceCharge, ...]:
        value = self._get(name)
        if isinstance(value, tuple):
            charges = tuple(v for v in value if isinstance(v, AllowanceCharge))
            if len(charges) == len(value):
                return charges
        raise self._wrong(name, value)

    def address(self, name: str) -> Address | None:
        r = _Record(self.values, f"{self.prefix}{name}.")
        address = Address(
            street=r.text("street"),
            additional_street=r.text("additionalStreet"),
            city=r.text("city"),
            postal_zone=r.text("postalZone"),
            country_subentity=r.text("countrySubentity"),
            country=r.text("country"),
        )
        return None if address == Address() else address

    def contact(self, name: str) -> Contact | None:
        r = _Record(self.values, f"{self.prefix}{name}.")
        contact = Contact(name=r.text("name"), telephone=r.text("telephone"), email=r.text("email"))
        return None if contact == Contact() else contact

    def period(self, name: str) -> Period | None:
        r = _Record(self.values, f"{self.prefix}{name}.")
        period = Period(start=r.day("start"), end=r.day("end"))
        return None if period == Period() else period

    def party(self, name: str) -> Party:
        r = _Record(self.values, f"{self.prefix}{name}.")
        return Party(
            endpoint=r.party_id("endpoint"),
            name=r.text("name"),
            registration_name=r.text("registrationName"),
            identifiers=r.party_ids("identifiers"),
            company_id=r.text("companyId"),
            address=r.address("address"),
            contact=r.contact("contact"),
        )

    def delivery(self, name: str) -> Delivery | None:
        r = _Record(self.values, f"{self.prefix}{name}.")
        delivery = Delivery(
            address=r.address("address"),
            location_id=r.text("locationId"),
            requested_period=r.period("requestedPeriod"),
            party_name=r.text("partyName"),
            contact=r.contact("contact"),
        )
        return None if delivery == Delivery() else delivery

    def totals(self, name: str) -> Totals:
        r = _Record(self.values, f"{self.prefix}{name}.")
        return Totals(
            line_extension=r.decimal("lineExtension"),
            tax_exclusive=r.decimal("taxExclusive"),
            tax_inclusive=r.decimal("taxInclusive"),
            allowance_total=r.decimal("allowanceTotal"),
            charge_total=r.decimal("chargeTotal"),
            prepaid=r.decimal("prepaid"),
            rounding=r.decimal("rounding"),
            payable=r.decimal("payable"),
            tax=r.decimal("tax"),
        )


def header_from(base: OrderContent, values: Mapping[str, Value]) -> OrderContent:
    """``base`` with every header field of ``HEADER_FIELDS`` taken from ``values``.

    Fields the diff does not compare (identity fields and lines) stay ``base``'s.
    """
    r = _Record(values)
    return OrderContent(
        document_type=base.document_type,
        customization_id=base.customization_id,
        profile_id=base.profile_id,
        number=base.number,
        issue_date=base.issue_date,
        currency=r.text("currency"),
        buyer=r.party("buyer"),
        seller=r.party("seller"),
        lines=base.lines,
        order_type_code=r.text("orderTypeCode"),
        note=r.text("note"),
        buyer_reference=r.text("buyerReference"),
        accounting_cost=r.text("accountingCost"),
        validity_end=r.day("validityEnd"),
        delivery=r.delivery("delivery"),
        totals=r.totals("totals"),
        referenced_order=base.referenced_order,
        sequence_number=base.sequence_number,
        allowance_charges=r.allowance_charges("allowanceCharges"),
    )


def line_from(line_id: str, values: Mapping[str, Value]) -> OrderLine:
    """The line ``line_id`` with every field of ``LINE_FIELDS`` taken from ``values``."""
    r = _Record(values)
    item = _Record(values, "item.")
    return OrderLine(
        line_id=line_id,
        quantity=r.decimal("quantity"),
        unit_code=r.text("unitCode"),
        line_amount=r.decimal("lineAmount"),
        price=r.decimal("price"),
        price_base_quantity=r.decimal("priceBaseQuantity"),
        item=Item(
            name=item.text("name"),
            description=item.text("description"),
            sellers_id=item.text("sellersId"),
            buyers_id=item.text("buyersId"),
            standard_id=item.text("standardId"),
            standard_id_scheme=item.text("standardIdScheme"),
            tax_category=item.text("taxCategory"),
            tax_percent=item.decimal("taxPercent"),
        ),
        note=r.text("note"),
        requested_delivery=r.period("requestedDelivery"),
        allowance_charges=r.allowance_charges("allowanceCharges"),
    )
