"""Domain -> UBL: write ordex's content model as Peppol ordering documents.

Every element is written in the sequence the UBL schema prescribes, and only elements
of the Peppol data model of the transaction are written (never ``cbc:UBLVersionID``).
Rendering is faithful: it does not invent missing values, and what the content lacks
is left for validation to report. Absent values produce no element at all: containers
are built in schema order and dropped again if nothing went into them, so a document
never carries an empty element.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree

from ordex.domain.content import (
    Address,
    AllowanceCharge,
    CancellationContent,
    Contact,
    Delivery,
    DocumentType,
    Item,
    OrderContent,
    OrderLine,
    Party,
    PartyId,
    Period,
    ResponseContent,
    ResponseLine,
    Totals,
)
from ordex.peppol.namespaces import CAC, CBC, clark
from ordex.peppol.transactions import (
    ORDER,
    ORDER_CANCELLATION,
    ORDER_CHANGE,
    ORDER_RESPONSE,
    ORDER_RESPONSE_ADVANCED,
    Transaction,
    by_customization_id,
)
from ordex.peppol.values import format_decimal

XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'
TAX_SCHEME = "VAT"
"""The tax scheme written with every tax category (the content model names no other)."""


def render_order(content: OrderContent) -> bytes:
    """An Order (T01) or, for ``DocumentType.ORDER_CHANGE``, an Order Change (T114)."""
    if content.document_type is DocumentType.ORDER:
        transaction = ORDER
    elif content.document_type is DocumentType.ORDER_CHANGE:
        transaction = ORDER_CHANGE
    else:
        raise ValueError(f"render_order cannot write a {content.document_type.value}")
    is_change = transaction is ORDER_CHANGE
    root = _root(transaction)
    currency = content.currency
    _text(root, "cbc:CustomizationID", content.customization_id)
    _text(root, "cbc:ProfileID", content.profile_id)
    _text(root, "cbc:ID", content.number)
    _date(root, "cbc:IssueDate", content.issue_date)
    if is_change:
        _text(root, "cbc:SequenceNumberID", content.sequence_number)
    else:
        _text(root, "cbc:OrderTypeCode", content.order_type_code)
    _text(root, "cbc:Note", content.note)
    _text(root, "cbc:DocumentCurrencyCode", currency)
    _text(root, "cbc:CustomerReference", content.buyer_reference)
    _text(root, "cbc:AccountingCost", content.accounting_cost)
    if content.validity_end is not None:
        _date(_sub(root, "cac:ValidityPeriod"), "cbc:EndDate", content.validity_end)
    if is_change:  # UBL 2.1 Order has no OrderReference; a change is a T114
        _reference(root, "cac:OrderReference", content.referenced_order)
    _party(root, "cac:BuyerCustomerParty", content.buyer, full=True)
    _party(root, "cac:SellerSupplierParty", content.seller, full=True)
    _delivery(root, content.delivery)
    for allowance_charge in content.allowance_charges:
        _allowance_charge(root, allowance_charge, currency, document_level=True)
    if content.totals.tax is not None:
        _amount(_sub(root, "cac:TaxTotal"), "cbc:TaxAmount", content.totals.tax, currency)
    _totals(root, content.totals, currency)
    for line in content.lines:
        _order_line(root, line, currency, is_change=is_change)
    return _serialize(root)


def render_cancellation(content: CancellationContent) -> bytes:
    """An Order Cancellation (T115)."""
    root = _root(ORDER_CANCELLATION)
    _text(root, "cbc:CustomizationID", content.customization_id)
    _text(root, "cbc:ProfileID", content.profile_id)
    _text(root, "cbc:ID", content.number)
    _date(root, "cbc:IssueDate", content.issue_date)
    _text(root, "cbc:Note", content.note)
    _text(root, "cbc:CancellationNote", content.cancellation_note)
    _reference(root, "cac:OrderReference", content.referenced_order)
    _party(root, "cac:BuyerCustomerParty", content.buyer, full=True)
    _party(root, "cac:SellerSupplierParty", content.seller, full=True)
    return _serialize(root)


def render_response(content: ResponseContent) -> bytes:
    """An Order Response Advanced (T116) or an Order Response (T76), by CustomizationID.

    ``referenced_change`` becomes ``cac:OrderChangeDocumentReference`` (T116 only).
    A response to a cancellation refers to the order (``cac:OrderReference``): neither
    the Peppol data model nor the UBL OrderResponse schema can name the cancellation.
    """
    transaction = by_customization_id(content.customization_id)
    if transaction not in (ORDER_RESPONSE_ADVANCED, ORDER_RESPONSE):
        raise ValueError(
            f"render_response needs the CustomizationID of a T116 or T76 response, "
            f"not {content.customization_id!r}"
        )
    currency = content.currency
    root = _root(transaction)
    _text(root, "cbc:CustomizationID", content.customization_id)
    _text(root, "cbc:ProfileID", content.profile_id)
    _text(root, "cbc:ID", content.number)
    _date(root, "cbc:IssueDate", content.issue_date)
    _text(root, "cbc:OrderResponseCode", content.code.value)
    _text(root, "cbc:Note", content.note)
    _text(root, "cbc:DocumentCurrencyCode", currency)
    _reference(root, "cac:OrderReference", content.referenced_order)
    if transaction is ORDER_RESPONSE_ADVANCED:
        _reference(root, "cac:OrderChangeDocumentReference", content.referenced_change)
    _party(root, "cac:SellerSupplierParty", content.seller, full=False)
    _party(root, "cac:BuyerCustomerParty", content.buyer, full=False)
    _period(_sub(root, "cac:Delivery"), "cac:PromisedDeliveryPeriod", content.promised_delivery)
    for line in content.lines:
        _response_line(root, line, currency)
    return _serialize(root)


# --- document parts -----------------------------------------------------------------------


def _party(parent: etree._Element, role: str, party: Party, *, full: bool) -> None:
    """A party; ``full`` for orders and cancellations, the short form for responses."""
    element = _sub(_sub(parent, role), "cac:Party")
    _identifier(element, "cbc:EndpointID", party.endpoint)
    for identifier in party.identifiers:
        _identifier(_sub(element, "cac:PartyIdentification"), "cbc:ID", identifier)
    if full and party.name is not None:
        _text(_sub(element, "cac:PartyName"), "cbc:Name", party.name)
    if full:
        _address(element, "cac:PostalAddress", party.address)
    legal_entity = _sub(element, "cac:PartyLegalEntity")
    _text(legal_entity, "cbc:RegistrationName", party.registration_name)
    if full:
        _text(legal_entity, "cbc:CompanyID", party.company_id)
    if full:
        _contact(element, "cac:Contact", party.contact)


def _address(parent: etree._Element, name: str, address: Address | None) -> None:
    if address is None:
        return
    element = _sub(parent, name)
    _text(element, "cbc:StreetName", address.street)
    _text(element, "cbc:AdditionalStreetName", address.additional_street)
    _text(element, "cbc:CityName", address.city)
    _text(element, "cbc:PostalZone", address.postal_zone)
    _text(element, "cbc:CountrySubentity", address.country_subentity)
    if address.country is not None:
        _text(_sub(element, "cac:Country"), "cbc:IdentificationCode", address.country)


def _contact(parent: etree._Element, name: str, contact: Contact | None) -> None:
    if contact is None:
        return
    element = _sub(parent, name)
    _text(element, "cbc:Name", contact.name)
    _text(element, "cbc:Telephone", contact.telephone)
    _text(element, "cbc:ElectronicMail", contact.email)


def _delivery(parent: etree._Element, delivery: Delivery | None) -> None:
    if delivery is None:
        return
    element = _sub(parent, "cac:Delivery")
    location = _sub(element, "cac:DeliveryLocation")
    _text(location, "cbc:ID", delivery.location_id)
    _address(location, "cac:Address", delivery.address)
    _period(element, "cac:RequestedDeliveryPeriod", delivery.requested_period)
    delivery_party = _sub(element, "cac:DeliveryParty")
    if delivery.party_name is not None:
        _text(_sub(delivery_party, "cac:PartyName"), "cbc:Name", delivery.party_name)
    _contact(delivery_party, "cac:Contact", delivery.contact)


def _allowance_charge(
    parent: etree._Element,
    allowance_charge: AllowanceCharge,
    currency: str | None,
    *,
    document_level: bool,
) -> None:
    element = _sub(parent, "cac:AllowanceCharge")
    _text(element, "cbc:ChargeIndicator", "true" if allowance_charge.is_charge else "false")
    _text(element, "cbc:AllowanceChargeReasonCode", allowance_charge.reason_code)
    _text(element, "cbc:AllowanceChargeReason", allowance_charge.reason)
    _number(element, "cbc:MultiplierFactorNumeric", allowance_charge.percent)
    _amount(element, "cbc:Amount", allowance_charge.amount, currency)
    _amount(element, "cbc:BaseAmount", allowance_charge.base_amount, currency)
    if document_level:
        _tax_category(
            element, "cac:TaxCategory", allowance_charge.tax_category, allowance_charge.tax_percent
        )


def _totals(parent: etree._Element, totals: Totals, currency: str | None) -> None:
    element = _sub(parent, "cac:AnticipatedMonetaryTotal")
    for name, value in (
        ("cbc:LineExtensionAmount", totals.line_extension),
        ("cbc:TaxExclusiveAmount", totals.tax_exclusive),
        ("cbc:TaxInclusiveAmount", totals.tax_inclusive),
        ("cbc:AllowanceTotalAmount", totals.allowance_total),
        ("cbc:ChargeTotalAmount", totals.charge_total),
        ("cbc:PrepaidAmount", totals.prepaid),
        ("cbc:PayableRoundingAmount", totals.rounding),
        ("cbc:PayableAmount", totals.payable),
    ):
        _amount(element, name, value, currency)


def _order_line(
    parent: etree._Element, line: OrderLine, currency: str | None, *, is_change: bool
) -> None:
    element = _sub(parent, "cac:OrderLine")
    _text(element, "cbc:Note", line.note)
    item = _sub(element, "cac:LineItem")
    _text(item, "cbc:ID", line.line_id)
    if is_change:
        _text(item, "cbc:LineStatusCode", line.status_code)
    _quantity(item, "cbc:Quantity", line.quantity, line.unit_code)
    _amount(item, "cbc:LineExtensionAmount", line.line_amount, currency)
    _period(_sub(item, "cac:Delivery"), "cac:RequestedDeliveryPeriod", line.requested_delivery)
    for allowance_charge in line.allowance_charges:
        _allowance_charge(item, allowance_charge, currency, document_level=False)
    price = _sub(item, "cac:Price")
    _amount(price, "cbc:PriceAmount", line.price, currency)
    _quantity(price, "cbc:BaseQuantity", line.price_base_quantity, line.unit_code)
    _item(item, line.item, full=True)


def _response_line(parent: etree._Element, line: ResponseLine, currency: str | None) -> None:
    element = _sub(parent, "cac:OrderLine")
    item = _sub(element, "cac:LineItem")
    _text(item, "cbc:ID", line.line_id)
    _text(item, "cbc:Note", line.note)
    _text(item, "cbc:LineStatusCode", line.status.value)
    _quantity(item, "cbc:Quantity", line.quantity, line.unit_code)
    _period(_sub(item, "cac:Delivery"), "cac:PromisedDeliveryPeriod", line.promised_delivery)
    _amount(_sub(item, "cac:Price"), "cbc:PriceAmount", line.price, currency)
    if line.item is not None:
        _item(item, line.item, full=False)
    _reference(element, "cac:OrderLineReference", line.order_line_id, id_name="cbc:LineID")


def _item(parent: etree._Element, item: Item, *, full: bool) -> None:
    """An item; ``full`` for order lines, the name and identifiers only for responses."""
    element = _sub(parent, "cac:Item")
    if full:
        _text(element, "cbc:Description", item.description)
    _text(element, "cbc:Name", item.name)
    _reference(element, "cac:BuyersItemIdentification", item.buyers_id)
    _reference(element, "cac:SellersItemIdentification", item.sellers_id)
    if item.standard_id is not None:
        standard = _sub(element, "cac:StandardItemIdentification")
        scheme = {"schemeID": item.standard_id_scheme} if item.standard_id_scheme else {}
        _text(standard, "cbc:ID", item.standard_id, **scheme)
    if full:
        _tax_category(element, "cac:ClassifiedTaxCategory", item.tax_category, item.tax_percent)


def _tax_category(
    parent: etree._Element, name: str, category: str | None, percent: Decimal | None
) -> None:
    if category is None and percent is None:
        return
    element = _sub(parent, name)
    _text(element, "cbc:ID", category)
    _number(element, "cbc:Percent", percent)
    _text(_sub(element, "cac:TaxScheme"), "cbc:ID", TAX_SCHEME)


def _period(parent: etree._Element, name: str, period: Period | None) -> None:
    if period is None:
        return
    element = _sub(parent, name)  # dropped again when it gets no date
    _date(element, "cbc:StartDate", period.start)
    _date(element, "cbc:EndDate", period.end)


def _reference(
    parent: etree._Element, name: str, value: str | None, *, id_name: str = "cbc:ID"
) -> None:
    if value:
        _text(_sub(parent, name), id_name, value)


# --- elements and values ------------------------------------------------------------------


def _root(transaction: Transaction) -> etree._Element:
    # The document namespace is the default one (key None), which lxml-stubs do not allow.
    nsmap = {None: transaction.namespace, "cac": CAC, "cbc": CBC}
    return etree.Element(f"{{{transaction.namespace}}}{transaction.root}", nsmap=nsmap)  # type: ignore[arg-type]


def _sub(parent: etree._Element, name: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, clark(name), attributes)


def _text(parent: etree._Element, name: str, value: str | None, **attributes: str) -> None:
    if value is not None and value != "":
        _sub(parent, name, **attributes).text = value


def _identifier(parent: etree._Element, name: str, party_id: PartyId | None) -> None:
    if party_id is not None:
        scheme = {"schemeID": party_id.scheme} if party_id.scheme else {}
        _text(parent, name, party_id.value, **scheme)


def _date(parent: etree._Element, name: str, value: date | None) -> None:
    if value is not None:
        _text(parent, name, value.isoformat())


def _number(parent: etree._Element, name: str, value: Decimal | None) -> None:
    if value is not None:
        _text(parent, name, format_decimal(value))


def _amount(parent: etree._Element, name: str, value: Decimal | None, currency: str | None) -> None:
    if value is not None:
        attributes = {"currencyID": currency} if currency else {}
        _text(parent, name, format_decimal(value), **attributes)


def _quantity(
    parent: etree._Element, name: str, value: Decimal | None, unit_code: str | None
) -> None:
    if value is not None:
        attributes = {"unitCode": unit_code} if unit_code else {}
        _text(parent, name, format_decimal(value), **attributes)


def _serialize(root: etree._Element) -> bytes:
    """Pretty-printed UTF-8 with declaration, after dropping containers left empty."""
    for element in reversed(list(root.iter())):
        parent = element.getparent()
        if parent is not None and len(element) == 0 and not element.text:
            parent.remove(element)
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8", pretty_print=True)
