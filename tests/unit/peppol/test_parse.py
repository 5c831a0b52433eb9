"""Parsing UBL into the content model: what is read, and what is refused."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ordex.domain.content import (
    AllowanceCharge,
    CancellationContent,
    DocumentType,
    OrderContent,
    PartyId,
    Period,
    ResponseCode,
    ResponseContent,
    ResponseLineCode,
)
from ordex.domain.errors import DocumentInvalid, MalformedDocument
from ordex.peppol.parse import parse_document
from tests.unit.peppol.documents import (
    CANCELLATION,
    ORDER,
    ORDER_CHANGE,
    RESPONSE,
    RESPONSE_ADVANCED,
    append,
    edited,
    fixture,
    remove,
    set_text,
)

BUYER = PartyId("0088", "4001234000107")
SELLER = PartyId("0088", "4001234000206")


def test_an_order_is_read_with_its_parties_lines_and_totals() -> None:
    doc = parse_document(fixture(ORDER))
    assert (doc.document_type, doc.transaction, doc.number) == (
        DocumentType.ORDER,
        "T01",
        "PO-1001",
    )
    assert (doc.sender, doc.receiver) == (BUYER, SELLER)
    order = doc.content
    assert isinstance(order, OrderContent)
    assert order.customization_id == "urn:fdc:peppol.eu:poacc:trns:order:3"
    assert order.issue_date == date(2026, 3, 2)
    assert (order.currency, order.order_type_code, order.buyer_reference) == (
        "EUR",
        "220",
        "NW-REF-77",
    )
    assert order.validity_end == date(2026, 3, 31)
    assert order.buyer.registration_name == "Northwind Clinic AB"
    assert order.buyer.identifiers == (BUYER,)
    assert order.buyer.company_id == "5566778899"
    assert order.buyer.address is not None and order.buyer.address.country == "SE"
    assert (
        order.buyer.contact is not None
        and order.buyer.contact.email == "ada.berg@northwind.example"
    )
    assert order.delivery is not None
    assert order.delivery.location_id == "4001234000305"
    assert order.delivery.requested_period == Period(date(2026, 3, 9), date(2026, 3, 13))
    assert order.totals.payable == Decimal("226.25")
    assert order.totals.tax == Decimal("45.25")
    assert order.allowance_charges[1] == AllowanceCharge(
        is_charge=False,
        amount=Decimal("9.00"),
        reason="Volume discount",
        reason_code="95",
        percent=Decimal("5"),
        base_amount=Decimal("180.00"),
        tax_category="S",
        tax_percent=Decimal("25"),
    )
    first, second = order.lines
    assert (first.line_id, first.quantity, first.unit_code) == ("1", Decimal("10"), "EA")
    assert (first.line_amount, first.price, first.note) == (
        Decimal("120.00"),
        Decimal("12.50"),
        "Powder free",
    )
    assert first.item.standard_id == "04001234000111" and first.item.standard_id_scheme == "0160"
    assert first.item.tax_category == "S" and first.item.tax_percent == Decimal("25")
    assert first.allowance_charges[0].amount == Decimal("5.00")
    assert second.price_base_quantity == Decimal("2")


def test_an_order_change_is_read_with_its_reference_and_line_status() -> None:
    doc = parse_document(fixture(ORDER_CHANGE))
    change = doc.content
    assert isinstance(change, OrderContent)
    assert (doc.document_type, doc.transaction) == (DocumentType.ORDER_CHANGE, "T114")
    assert (change.referenced_order, change.sequence_number) == ("PO-1001", "1")
    assert [line.status_code for line in change.lines] == ["3", "4", "1"]


def test_a_cancellation_is_read_with_its_note_and_order_reference() -> None:
    doc = parse_document(fixture(CANCELLATION))
    cancellation = doc.content
    assert isinstance(cancellation, CancellationContent)
    assert (doc.sender, doc.receiver) == (BUYER, SELLER)
    assert cancellation.cancellation_note == "The ward closed for renovation"
    assert (cancellation.referenced_order, cancellation.note) == (
        "PO-1001",
        "Sorry for the trouble",
    )


def test_a_response_is_sent_by_the_seller_to_the_buyer() -> None:
    doc = parse_document(fixture(RESPONSE_ADVANCED))
    response = doc.content
    assert isinstance(response, ResponseContent)
    assert (doc.transaction, doc.sender, doc.receiver) == ("T116", SELLER, BUYER)
    assert (response.code, response.referenced_change) == (ResponseCode.CA, "PO-1001-C1")
    assert response.promised_delivery == Period(date(2026, 3, 10), date(2026, 3, 12))
    first = response.lines[0]
    assert (first.status, first.order_line_id, first.quantity) == (
        ResponseLineCode.CHANGED,
        "1",
        Decimal("15"),
    )
    assert first.price == Decimal("12.75") and first.item is not None
    assert first.promised_delivery == Period(date(2026, 3, 10), date(2026, 3, 10))
    assert [line.status for line in response.lines[1:]] == [
        ResponseLineCode.ACCEPTED,
        ResponseLineCode.NOT_ACCEPTED,
    ]


def test_an_order_response_of_the_ordering_profile_is_a_t76() -> None:
    doc = parse_document(fixture(RESPONSE))
    assert (doc.document_type, doc.transaction) == (DocumentType.ORDER_RESPONSE, "T76")
    assert isinstance(doc.content, ResponseContent) and doc.content.lines == ()


def test_the_tree_is_kept_for_validation_but_left_out_of_equality_and_repr() -> None:
    first, second = parse_document(fixture(ORDER)), parse_document(fixture(ORDER))
    assert first == second and first.tree is not second.tree
    assert "tree=" not in repr(first) and "index=" not in repr(first)


def test_validation_reuses_the_index_the_parser_built(monkeypatch: pytest.MonkeyPatch) -> None:
    from ordex.peppol.rules import registry
    from ordex.peppol.validate import validate

    doc = parse_document(fixture(ORDER))
    fresh = validate(doc)

    def no_second_index(root: object) -> None:
        raise AssertionError("validation indexed the tree again")

    monkeypatch.setattr(registry, "TreeIndex", no_second_index)
    assert validate(doc) == fresh


def test_a_document_of_another_kind_is_malformed_naming_its_root() -> None:
    invoice = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
    with pytest.raises(MalformedDocument, match=r"Invoice.*expected one of"):
        parse_document(invoice)


def test_a_known_root_in_the_wrong_namespace_is_malformed() -> None:
    wrong = fixture(ORDER).replace(b"xsd:Order-2", b"xsd:Order-3")
    with pytest.raises(MalformedDocument, match="Order-3"):
        parse_document(wrong)


def test_a_document_without_customization_id_is_malformed() -> None:
    with pytest.raises(MalformedDocument, match="no cbc:CustomizationID"):
        parse_document(edited(ORDER, remove("cbc:CustomizationID")))


def test_an_unknown_customization_id_is_malformed_saying_what_is_expected() -> None:
    unknown = "urn:fdc:peppol.eu:poacc:trns:order_quote:3"
    with pytest.raises(MalformedDocument) as refused:
        parse_document(edited(RESPONSE, set_text("cbc:CustomizationID", unknown)))
    assert unknown in refused.value.message
    assert "urn:fdc:peppol.eu:poacc:trns:order_response:3" in refused.value.message
    assert "urn:fdc:peppol.eu:poacc:trns:order_agreement:3" in refused.value.message


def test_a_customization_id_of_another_transaction_than_the_root_is_malformed() -> None:
    change_id = "urn:fdc:peppol.eu:poacc:trns:order_change:3"
    with pytest.raises(MalformedDocument, match=r"Order Change.*root is Order\b"):
        parse_document(edited(ORDER, set_text("cbc:CustomizationID", change_id)))


def test_an_extended_customization_id_still_names_its_transaction() -> None:
    extended = "urn:fdc:peppol.eu:poacc:trns:order:3:extended:urn:example:local"
    doc = parse_document(edited(ORDER, set_text("cbc:CustomizationID", extended)))
    assert doc.transaction == "T01" and doc.customization_id == extended


def test_an_unreadable_amount_or_date_becomes_none_instead_of_failing() -> None:
    data = edited(
        ORDER,
        set_text("cac:AnticipatedMonetaryTotal/cbc:PayableAmount", "226,25"),
        set_text("cac:OrderLine/cac:LineItem/cbc:Quantity", "1e3"),
        set_text("cbc:IssueDate", "02.03.2026"),
        set_text("cac:ValidityPeriod/cbc:EndDate", "2026-02-30"),
    )
    order = parse_document(data).content
    assert isinstance(order, OrderContent)
    assert order.totals.payable is None and order.lines[0].quantity is None
    assert order.issue_date is None and order.validity_end is None


def test_missing_mandatory_values_are_read_as_empty_for_validation_to_report() -> None:
    data = edited(CANCELLATION, remove("cbc:CancellationNote"), remove("cac:OrderReference"))
    cancellation = parse_document(data).content
    assert isinstance(cancellation, CancellationContent)
    assert cancellation.cancellation_note == "" and cancellation.referenced_order == ""


def test_a_response_code_outside_the_code_list_is_invalid_with_the_rule_that_says_so() -> None:
    with pytest.raises(DocumentInvalid) as refused:
        parse_document(fixture(RESPONSE_ADVANCED).replace(b">CA<", b">XX<"))
    assert "'XX'" in refused.value.message
    finding = next(f for f in refused.value.findings if f.rule_id == "PEPPOL-T116-B00801")
    assert finding.path == "/OrderResponse/cbc:OrderResponseCode" and finding.line == 10


def test_a_line_status_outside_the_code_list_is_invalid() -> None:
    data = edited(RESPONSE_ADVANCED, set_text("cac:OrderLine/cac:LineItem/cbc:LineStatusCode", "2"))
    with pytest.raises(DocumentInvalid) as refused:
        parse_document(data)
    assert "PEPPOL-T116-B04401" in {f.rule_id for f in refused.value.findings}


def test_a_response_line_without_line_item_is_invalid() -> None:
    data = edited(RESPONSE_ADVANCED, remove("cac:OrderLine/cac:LineItem"))
    with pytest.raises(DocumentInvalid) as refused:
        parse_document(data)
    assert "PEPPOL-T116-B04001" in {f.rule_id for f in refused.value.findings}


def test_an_order_line_without_line_item_is_read_as_an_empty_line() -> None:
    data = edited(ORDER, append(".", "<cac:OrderLine><cbc:Note>stray</cbc:Note></cac:OrderLine>"))
    order = parse_document(data).content
    assert isinstance(order, OrderContent)
    assert order.lines[-1].line_id == "" and order.lines[-1].note == "stray"
