"""UBL -> domain: read a Peppol ordering document into ordex's content model.

``parse_document`` recognises the transaction (root element and CustomizationID) and
reads every field of ``ordex.domain.content``. Reading is lenient: a value that is
missing or unreadable (a bad date or amount) becomes None or "" and is left to
validation to report. Only what the content model cannot represent at all (a response
or line status code outside its code list) stops parsing, with the findings that say
why. Documents are not validated here: call ``ordex.peppol.validate.check``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
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
    ResponseCode,
    ResponseContent,
    ResponseLine,
    ResponseLineCode,
    Totals,
)
from ordex.domain.errors import DocumentInvalid, Finding, MalformedDocument
from ordex.peppol.namespaces import NS, element_path
from ordex.peppol.rules import evaluate_rules, summarize
from ordex.peppol.rules.index import TreeIndex
from ordex.peppol.transactions import ROOTS, TRANSACTIONS, Transaction, by_customization_id
from ordex.peppol.values import parse_date, parse_decimal, text_of
from ordex.peppol.xml import parse_xml, refusal

Content = OrderContent | CancellationContent | ResponseContent


@dataclass(frozen=True, slots=True)
class ParsedDocument:
    """A parsed Peppol document: what it is, who sends it to whom, and what it says."""

    document_type: DocumentType
    transaction: str  # "T01", "T114", "T115", "T116", "T76" or "T110"
    customization_id: str
    profile_id: str
    number: str  # cbc:ID
    sender: PartyId | None
    receiver: PartyId | None
    content: Content
    tree: etree._Element = field(compare=False, repr=False)
    index: TreeIndex = field(compare=False, repr=False)
    """The tree's elements and children by name: the parser read it, validation reuses it
    (a copy of the tree needs its own)."""


def parse_document(data: bytes) -> ParsedDocument:
    """Parse a UBL Order, Order Change, Order Cancellation or Order Response.

    Raises ``UnsafeXml`` or ``MalformedDocument`` (see ``parse_xml``),
    ``MalformedDocument`` when the document is not one of the Peppol ordering
    transactions, and ``DocumentInvalid`` when its response or line status codes are not
    codes the content model knows.
    """
    root = parse_xml(data)
    transaction = identify(root)
    index = TreeIndex(root)
    reader = _Reader(transaction, root, index)
    content: Content
    if transaction.document_type in (DocumentType.ORDER, DocumentType.ORDER_CHANGE):
        content = reader.order()
        sender, receiver = content.buyer.endpoint, content.seller.endpoint
    elif transaction.document_type is DocumentType.ORDER_AGREEMENT:  # the seller's order
        content = reader.order()
        sender, receiver = content.seller.endpoint, content.buyer.endpoint
    elif transaction.document_type is DocumentType.ORDER_CANCELLATION:
        content = reader.cancellation()
        sender, receiver = content.buyer.endpoint, content.seller.endpoint
    else:
        content = reader.response()
        sender, receiver = content.seller.endpoint, content.buyer.endpoint
    return ParsedDocument(
        document_type=transaction.document_type,
        transaction=transaction.code,
        customization_id=content.customization_id,
        profile_id=content.profile_id,
        number=content.number,
        sender=sender,
        receiver=receiver,
        content=content,
        tree=root,
        index=index,
    )


def identify(root: etree._Element) -> Transaction:
    """The transaction of a document, from its root element and CustomizationID.

    Raises ``MalformedDocument`` saying what was found and what is expected, with the
    findings that explain it: for an ordering root whose CustomizationID is missing,
    unknown or altered (a leading U+200B), the rules of the transaction its root (and
    ProfileID) points to, which fire where the official ones do (PEPPOL-T01-R034,
    PEPPOL-T76-R006...); ORDEX-R023 for any other root, ORDEX-R024 where no rule fires.
    """
    qname = etree.QName(root)
    known = [t for t in TRANSACTIONS if t.root == qname.localname]
    if not known or qname.namespace != known[0].namespace:
        expected = ", ".join(sorted(f"{{{t.namespace}}}{t.root}" for t in TRANSACTIONS))
        message = (
            f"root element {qname.text} is not a Peppol ordering document; expected one of "
            f"the UBL roots {', '.join(sorted(ROOTS))} ({expected})"
        )
        raise MalformedDocument(message, refusal(ROOT_RULE, message))
    element = root.find("cbc:CustomizationID", NS)
    customization_id = text_of(element) or ""
    expected_ids = ", ".join(t.customization_id for t in known)
    transaction = by_customization_id(customization_id) if customization_id else None
    if not customization_id:
        message = f"{qname.localname} has no cbc:CustomizationID; expected {expected_ids}"
    elif transaction is None:
        message = (
            f"unknown cbc:CustomizationID {customization_id!r}: ordex reads a "
            f"{qname.localname} with {expected_ids}"
        )
    elif transaction.root != qname.localname:
        message = (
            f"cbc:CustomizationID {customization_id!r} names a {transaction.title} "
            f"({transaction.code}), whose root is {transaction.root}, but the root is "
            f"{qname.localname}; ordex reads a {qname.localname} with {expected_ids}"
        )
    else:
        return transaction
    raise MalformedDocument(message, _unidentified(root, known, message))


ROOT_RULE = "ORDEX-R023"
"""The root element MUST be one of the Peppol ordering documents (UBL name and namespace)."""
CUSTOMIZATION_RULE = "ORDEX-R024"
"""The CustomizationID MUST name a transaction ordex reads (where no official rule says so)."""


def _unidentified(root: etree._Element, known: list[Transaction], message: str) -> list[Finding]:
    """The findings of the rules of the transaction the root points to (the one of the
    ProfileID where two share the root), or ORDEX-R024 when none of them is fatal."""
    profile = " ".join((root.findtext("cbc:ProfileID", "", NS)).split())
    candidates = [t for t in known if profile in t.profiles] or known
    findings = evaluate_rules(candidates[0], root).findings
    if any(finding.flag == "fatal" for finding in findings):
        return findings
    return [*refusal(CUSTOMIZATION_RULE, message), *findings]


@functools.cache
def _steps(path: str) -> tuple[str, ...]:
    """``cac:Price/cbc:PriceAmount`` as Clark names: ``({urn...}Price, {urn...}PriceAmount)``."""
    steps = []
    for step in path.split("/"):
        prefix, _, local = step.partition(":")
        steps.append(f"{{{NS[prefix]}}}{local}")
    return tuple(steps)


_NONE: list[etree._Element] = []  # shared: callers only read what _findall returns
_LEAF: dict[str, list[etree._Element]] = {}


def _first(kids: dict[str, list[etree._Element]], tag: str) -> etree._Element | None:
    """The first child named ``tag`` (a Clark name) among an element's ``kids``: what
    ``_find`` gives for a path of one step, without its walk (order lines use it)."""
    found = kids.get(tag)
    return None if found is None else found[0]


def _clark(*names: str) -> tuple[str, ...]:
    """The Clark names of prefixed names: ``_clark("cbc:ID")`` is ``("{urn:...}ID",)``."""
    return tuple(_steps(name)[0] for name in names)


# The names order lines are read by (a few dozen lookups per line).
_LINE_ITEM, _NOTE, _ID, _QUANTITY, _LINE_AMOUNT, _ITEM, _LINE_STATUS = _clark(
    "cac:LineItem",
    "cbc:Note",
    "cbc:ID",
    "cbc:Quantity",
    "cbc:LineExtensionAmount",
    "cac:Item",
    "cbc:LineStatusCode",
)
_PRICE, _PRICE_AMOUNT, _BASE_QUANTITY = _clark("cac:Price", "cbc:PriceAmount", "cbc:BaseQuantity")
_DELIVERY, _REQUESTED_PERIOD = _clark("cac:Delivery", "cac:RequestedDeliveryPeriod")
_NAME, _DESCRIPTION, _PERCENT = _clark("cbc:Name", "cbc:Description", "cbc:Percent")
_STANDARD_ID, _SELLERS_ID, _BUYERS_ID, _TAX_CATEGORY = _clark(
    "cac:StandardItemIdentification",
    "cac:SellersItemIdentification",
    "cac:BuyersItemIdentification",
    "cac:ClassifiedTaxCategory",
)


class _Reader:
    """Reads the content model from the tree of one document."""

    def __init__(self, transaction: Transaction, root: etree._Element, index: TreeIndex) -> None:
        self.transaction = transaction
        self.root = root
        self.index = index
        # Each element's children by tag (the index's): a dictionary lookup per step
        # instead of one ElementPath search per field.
        self._children = index.kids

    def _findall(self, parent: etree._Element, path: str) -> list[etree._Element]:
        """``parent.findall(path, NS)`` for a path of child steps (``cac:Price/cbc:X``)."""
        steps = _steps(path)
        if len(steps) == 1:  # most paths: the children of one tag, as they are
            return self._kids(parent).get(steps[0], _NONE)
        found = [parent]
        for tag in steps:
            found = [kid for element in found for kid in self._kids(element).get(tag, ())]
            if not found:
                break
        return found

    def _find(self, parent: etree._Element, path: str) -> etree._Element | None:
        """``parent.find(path, NS)``: the first element of ``_findall``.

        The hot path of parsing (a few dozen lookups per order line): it follows the first
        child of each step and only searches all of them (``_findall``) when a step has
        several candidates, where the first one's subtree may lack the rest of the path.
        """
        element = parent
        children = self._children
        for tag in _steps(path):
            kids = children.get(element)
            if kids is None:  # a leaf
                return None
            found = kids.get(tag)
            if found is None:
                return None
            if len(found) > 1:
                return next(iter(self._findall(parent, path)), None)
            element = found[0]
        return element

    def _kids(self, element: etree._Element) -> dict[str, list[etree._Element]]:
        return self._children.get(element, _LEAF)

    def _under(
        self, kids: dict[str, list[etree._Element]], outer: str, inner: str
    ) -> etree._Element | None:
        """``_find`` of a two-step path ``outer/inner`` (Clark names) from an element's
        ``kids``: the first ``inner`` child of the first ``outer`` child that has one."""
        found = kids.get(outer)
        if found is None:
            return None
        children = self._children
        for element in found:
            inside = children.get(element)
            hits = None if inside is None else inside.get(inner)
            if hits is not None:
                return hits[0]
        return None

    # --- documents ----------------------------------------------------------------------

    def order(self) -> OrderContent:
        root = self.root
        return OrderContent(
            document_type=self.transaction.document_type,
            customization_id=self._text(root, "cbc:CustomizationID") or "",
            profile_id=self._text(root, "cbc:ProfileID") or "",
            number=self._text(root, "cbc:ID") or "",
            issue_date=self._date(root, "cbc:IssueDate"),
            currency=self._text(root, "cbc:DocumentCurrencyCode"),
            buyer=self._party(root, "cac:BuyerCustomerParty/cac:Party"),
            seller=self._party(root, "cac:SellerSupplierParty/cac:Party"),
            lines=tuple(self._order_line(line) for line in self._findall(root, "cac:OrderLine")),
            order_type_code=self._text(root, "cbc:OrderTypeCode"),
            note=self._text(root, "cbc:Note"),
            buyer_reference=self._text(root, "cbc:CustomerReference"),
            accounting_cost=self._text(root, "cbc:AccountingCost"),
            validity_end=self._date(root, "cac:ValidityPeriod/cbc:EndDate"),
            delivery=self._delivery(self._find(root, "cac:Delivery")),
            totals=self._totals(),
            referenced_order=self._text(root, "cac:OrderReference/cbc:ID"),
            sequence_number=self._text(root, "cbc:SequenceNumberID"),
            allowance_charges=self._allowance_charges(root),
        )

    def cancellation(self) -> CancellationContent:
        root = self.root
        return CancellationContent(
            customization_id=self._text(root, "cbc:CustomizationID") or "",
            profile_id=self._text(root, "cbc:ProfileID") or "",
            number=self._text(root, "cbc:ID") or "",
            issue_date=self._date(root, "cbc:IssueDate"),
            cancellation_note=self._text(root, "cbc:CancellationNote") or "",
            referenced_order=self._text(root, "cac:OrderReference/cbc:ID") or "",
            buyer=self._party(root, "cac:BuyerCustomerParty/cac:Party"),
            seller=self._party(root, "cac:SellerSupplierParty/cac:Party"),
            note=self._text(root, "cbc:Note"),
        )

    def response(self) -> ResponseContent:
        root = self.root
        return ResponseContent(
            customization_id=self._text(root, "cbc:CustomizationID") or "",
            profile_id=self._text(root, "cbc:ProfileID") or "",
            number=self._text(root, "cbc:ID") or "",
            issue_date=self._date(root, "cbc:IssueDate"),
            code=self._response_code(),
            referenced_order=self._text(root, "cac:OrderReference/cbc:ID") or "",
            seller=self._party(root, "cac:SellerSupplierParty/cac:Party"),
            buyer=self._party(root, "cac:BuyerCustomerParty/cac:Party"),
            note=self._text(root, "cbc:Note"),
            currency=self._text(root, "cbc:DocumentCurrencyCode"),
            promised_delivery=self._period(
                self._find(root, "cac:Delivery/cac:PromisedDeliveryPeriod")
            ),
            lines=tuple(self._response_line(line) for line in self._findall(root, "cac:OrderLine")),
            referenced_change=self._text(root, "cac:OrderChangeDocumentReference/cbc:ID"),
        )

    # --- parts --------------------------------------------------------------------------

    def _party(self, parent: etree._Element, path: str) -> Party:
        party = self._find(parent, path)
        if party is None:
            return Party(endpoint=None)
        return Party(
            endpoint=self._party_id(self._find(party, "cbc:EndpointID")),
            name=self._text(party, "cac:PartyName/cbc:Name"),
            registration_name=self._text(party, "cac:PartyLegalEntity/cbc:RegistrationName"),
            identifiers=tuple(
                party_id
                for element in self._findall(party, "cac:PartyIdentification/cbc:ID")
                if (party_id := self._party_id(element)) is not None
            ),
            company_id=self._text(party, "cac:PartyLegalEntity/cbc:CompanyID"),
            address=self._address(self._find(party, "cac:PostalAddress")),
            contact=self._contact(self._find(party, "cac:Contact")),
        )

    @staticmethod
    def _party_id(element: etree._Element | None) -> PartyId | None:
        value = text_of(element)
        if element is None or value is None:
            return None
        return PartyId(scheme=(element.get("schemeID") or "").strip(), value=value)

    def _address(self, address: etree._Element | None) -> Address | None:
        if address is None:
            return None
        return Address(
            street=self._text(address, "cbc:StreetName"),
            additional_street=self._text(address, "cbc:AdditionalStreetName"),
            city=self._text(address, "cbc:CityName"),
            postal_zone=self._text(address, "cbc:PostalZone"),
            country_subentity=self._text(address, "cbc:CountrySubentity"),
            country=self._text(address, "cac:Country/cbc:IdentificationCode"),
        )

    def _contact(self, contact: etree._Element | None) -> Contact | None:
        if contact is None:
            return None
        return Contact(
            name=self._text(contact, "cbc:Name"),
            telephone=self._text(contact, "cbc:Telephone"),
            email=self._text(contact, "cbc:ElectronicMail"),
        )

    def _period(self, period: etree._Element | None) -> Period | None:
        if period is None:
            return None
        return Period(
            start=self._date(period, "cbc:StartDate"), end=self._date(period, "cbc:EndDate")
        )

    def _delivery(self, delivery: etree._Element | None) -> Delivery | None:
        if delivery is None:
            return None
        location = self._find(delivery, "cac:DeliveryLocation")
        return Delivery(
            address=None
            if location is None
            else self._address(self._find(location, "cac:Address")),
            location_id=None if location is None else self._text(location, "cbc:ID"),
            requested_period=self._period(self._find(delivery, "cac:RequestedDeliveryPeriod")),
            party_name=self._text(delivery, "cac:DeliveryParty/cac:PartyName/cbc:Name"),
            contact=self._contact(self._find(delivery, "cac:DeliveryParty/cac:Contact")),
        )

    def _totals(self) -> Totals:
        agreement = self.transaction.document_type is DocumentType.ORDER_AGREEMENT
        name = "cac:LegalMonetaryTotal" if agreement else "cac:AnticipatedMonetaryTotal"
        total = self._find(self.root, name)
        tax = self._decimal(self.root, "cac:TaxTotal/cbc:TaxAmount")
        if total is None:
            return Totals(tax=tax)
        return Totals(
            line_extension=self._decimal(total, "cbc:LineExtensionAmount"),
            tax_exclusive=self._decimal(total, "cbc:TaxExclusiveAmount"),
            tax_inclusive=self._decimal(total, "cbc:TaxInclusiveAmount"),
            allowance_total=self._decimal(total, "cbc:AllowanceTotalAmount"),
            charge_total=self._decimal(total, "cbc:ChargeTotalAmount"),
            prepaid=self._decimal(total, "cbc:PrepaidAmount"),
            rounding=self._decimal(total, "cbc:PayableRoundingAmount"),
            payable=self._decimal(total, "cbc:PayableAmount"),
            tax=tax,
        )

    def _allowance_charges(self, parent: etree._Element) -> tuple[AllowanceCharge, ...]:
        return tuple(
            AllowanceCharge(
                is_charge=self._text(element, "cbc:ChargeIndicator") == "true",
                amount=self._decimal(element, "cbc:Amount"),
                reason=self._text(element, "cbc:AllowanceChargeReason"),
                reason_code=self._text(element, "cbc:AllowanceChargeReasonCode"),
                percent=self._decimal(element, "cbc:MultiplierFactorNumeric"),
                base_amount=self._decimal(element, "cbc:BaseAmount"),
                tax_category=self._text(element, "cac:TaxCategory/cbc:ID"),
                tax_percent=self._decimal(element, "cac:TaxCategory/cbc:Percent"),
            )
            for element in self._findall(parent, "cac:AllowanceCharge")
        )

    def _item(self, item: etree._Element | None) -> Item | None:
        if item is None:
            return None
        kids = self._kids(item)
        standard_id = self._under(kids, _STANDARD_ID, _ID)
        scheme = None if standard_id is None else standard_id.get("schemeID")
        return Item(
            name=text_of(_first(kids, _NAME)),
            description=text_of(_first(kids, _DESCRIPTION)),
            sellers_id=text_of(self._under(kids, _SELLERS_ID, _ID)),
            buyers_id=text_of(self._under(kids, _BUYERS_ID, _ID)),
            standard_id=text_of(standard_id),
            standard_id_scheme=scheme.strip() if scheme else None,
            tax_category=text_of(self._under(kids, _TAX_CATEGORY, _ID)),
            tax_percent=parse_decimal(text_of(self._under(kids, _TAX_CATEGORY, _PERCENT))),
        )

    def _order_line(self, line: etree._Element) -> OrderLine:
        kids = self._kids(line)
        note = text_of(_first(kids, _NOTE))
        item = _first(kids, _LINE_ITEM)
        if item is None:
            return OrderLine(line_id="", quantity=None, note=note)
        at = self._kids(item)
        quantity = _first(at, _QUANTITY)
        return OrderLine(
            line_id=text_of(_first(at, _ID)) or "",
            quantity=parse_decimal(text_of(quantity)),
            unit_code=self._attribute(quantity, "unitCode"),
            line_amount=parse_decimal(text_of(_first(at, _LINE_AMOUNT))),
            price=parse_decimal(text_of(self._under(at, _PRICE, _PRICE_AMOUNT))),
            price_base_quantity=parse_decimal(text_of(self._under(at, _PRICE, _BASE_QUANTITY))),
            item=self._item(_first(at, _ITEM)) or Item(),
            note=note,
            requested_delivery=self._period(self._under(at, _DELIVERY, _REQUESTED_PERIOD)),
            status_code=text_of(_first(at, _LINE_STATUS)),
            allowance_charges=self._allowance_charges(item),
        )

    def _response_line(self, line: etree._Element) -> ResponseLine:
        item = self._find(line, "cac:LineItem")
        if item is None:
            raise self._invalid("cac:LineItem", None)
        quantity = self._find(item, "cbc:Quantity")
        return ResponseLine(
            line_id=self._text(item, "cbc:ID") or "",
            status=self._line_status(item),
            order_line_id=self._text(line, "cac:OrderLineReference/cbc:LineID"),
            quantity=self._decimal(item, "cbc:Quantity"),
            unit_code=self._attribute(quantity, "unitCode"),
            price=self._decimal(item, "cac:Price/cbc:PriceAmount"),
            note=self._text(item, "cbc:Note"),
            item=self._item(self._find(item, "cac:Item")),
            promised_delivery=self._period(
                self._find(item, "cac:Delivery/cac:PromisedDeliveryPeriod")
            ),
        )

    # --- codes the content model cannot do without ---------------------------------------

    def _response_code(self) -> ResponseCode:
        code = self._text(self.root, "cbc:OrderResponseCode")
        try:
            return ResponseCode(code or "")
        except ValueError:
            raise self._invalid("cbc:OrderResponseCode", code) from None

    def _line_status(self, item: etree._Element) -> ResponseLineCode:
        code = self._text(item, "cbc:LineStatusCode")
        try:
            return ResponseLineCode(code or "")
        except ValueError:
            raise self._invalid("cbc:LineStatusCode", code) from None

    def _invalid(self, name: str, value: str | None) -> DocumentInvalid:
        """The error for a code parsing cannot represent, with the findings that explain it."""
        problem = "missing" if value is None else f"{value!r} is not a known code"
        result = evaluate_rules(self.transaction, self.root, self.index)
        findings = [f for f in result.findings if f.flag == "fatal"]
        omitted = sum(n for (_, flag), n in result.omitted.items() if flag == "fatal")
        if not findings and not omitted:  # the structure rules explain it; a safety net
            root = self.root
            message = f"{name} {problem}"
            findings = [Finding("ORDEX-R000", "fatal", message, element_path(root), None)]
        return DocumentInvalid(
            f"{name} {problem}; {summarize(findings, omitted)}", findings, omitted
        )

    # --- values -------------------------------------------------------------------------

    def _text(self, parent: etree._Element, path: str) -> str | None:
        return text_of(self._find(parent, path))

    def _date(self, parent: etree._Element, path: str) -> date | None:
        return parse_date(text_of(self._find(parent, path)))

    def _decimal(self, parent: etree._Element, path: str) -> Decimal | None:
        return parse_decimal(text_of(self._find(parent, path)))

    @staticmethod
    def _attribute(element: etree._Element | None, name: str) -> str | None:
        if element is None:
            return None
        value = (element.get(name) or "").strip()
        return value or None
