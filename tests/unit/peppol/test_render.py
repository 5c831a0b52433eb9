"""Rendering the content model as UBL: schema order, data model only, faithful values."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from lxml import etree

from ordex.domain.content import (
    CancellationContent,
    DocumentType,
    OrderContent,
    OrderLine,
    Party,
    PartyId,
    ResponseCode,
    ResponseContent,
    ResponseLine,
    ResponseLineCode,
)
from ordex.peppol.namespaces import prefixed
from ordex.peppol.parse import parse_document
from ordex.peppol.render import render_cancellation, render_order, render_response
from ordex.peppol.validate import validate
from tests.unit.peppol.documents import (
    ALL_FIXTURES,
    CANCELLATION,
    NS,
    ORDER,
    ORDER_CHANGE,
    RESPONSE,
    RESPONSE_ADVANCED,
    fixture,
)

BUYER = Party(PartyId("0088", "4001234000107"), registration_name="Northwind Clinic AB")
SELLER = Party(PartyId("0088", "4001234000206"), registration_name="Fabrikam Supplies AS")


def render(content: OrderContent | CancellationContent | ResponseContent) -> bytes:
    if isinstance(content, OrderContent):
        return render_order(content)
    if isinstance(content, CancellationContent):
        return render_cancellation(content)
    return render_response(content)


def content_of(name: str) -> OrderContent | CancellationContent | ResponseContent:
    return parse_document(fixture(name)).content


def root_children(data: bytes) -> list[str]:
    return [prefixed(child) for child in etree.fromstring(data)]


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_parse_render_parse_gives_the_same_content(name: str) -> None:
    content = content_of(name)
    assert parse_document(render(content)).content == content


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_a_rendered_document_passes_native_validation(name: str) -> None:
    assert [
        f for f in validate(parse_document(render(content_of(name)))) if f.flag == "fatal"
    ] == []


def test_a_document_is_pretty_printed_utf8_with_an_xml_declaration() -> None:
    data = render(content_of(ORDER))
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<Order xmlns=')
    assert b"\n  <cbc:ID>PO-1001</cbc:ID>\n" in data


def test_an_order_is_written_in_the_ubl_sequence() -> None:
    assert root_children(render(content_of(ORDER))) == [
        "cbc:CustomizationID",
        "cbc:ProfileID",
        "cbc:ID",
        "cbc:IssueDate",
        "cbc:OrderTypeCode",
        "cbc:Note",
        "cbc:DocumentCurrencyCode",
        "cbc:CustomerReference",
        "cbc:AccountingCost",
        "cac:ValidityPeriod",
        "cac:BuyerCustomerParty",
        "cac:SellerSupplierParty",
        "cac:Delivery",
        "cac:AllowanceCharge",
        "cac:AllowanceCharge",
        "cac:TaxTotal",
        "cac:AnticipatedMonetaryTotal",
        "cac:OrderLine",
        "cac:OrderLine",
    ]


def test_a_line_item_is_written_in_the_ubl_sequence() -> None:
    line_item = etree.fromstring(render(content_of(ORDER))).find("cac:OrderLine/cac:LineItem", NS)
    assert line_item is not None
    assert [prefixed(child) for child in line_item] == [
        "cbc:ID",
        "cbc:Quantity",
        "cbc:LineExtensionAmount",
        "cac:Delivery",
        "cac:AllowanceCharge",
        "cac:Price",
        "cac:Item",
    ]


def test_ubl_version_id_is_never_written() -> None:
    for name in ALL_FIXTURES:
        assert b"UBLVersionID" not in render(content_of(name))


def test_every_amount_carries_the_document_currency() -> None:
    root = etree.fromstring(render(content_of(ORDER)))
    amounts = [el for el in root.iter() if str(el.tag).endswith("Amount")]
    assert amounts and all(el.get("currencyID") == "EUR" for el in amounts)


def test_an_order_change_content_is_written_as_a_t114() -> None:
    data = render(content_of(ORDER_CHANGE))
    assert etree.QName(etree.fromstring(data)).localname == "OrderChange"
    children = root_children(data)
    assert children.index("cbc:SequenceNumberID") < children.index("cbc:Note")
    assert children.index("cac:OrderReference") < children.index("cac:BuyerCustomerParty")
    assert b"<cbc:LineStatusCode>3</cbc:LineStatusCode>" in data


def test_an_order_does_not_write_elements_outside_its_data_model() -> None:
    order = content_of(ORDER)
    assert isinstance(order, OrderContent)
    data = render_order(replace(order, referenced_order="PO-0999", sequence_number="7"))
    assert b"OrderReference" not in data and b"SequenceNumberID" not in data


def test_render_order_refuses_a_response_type() -> None:
    order = content_of(ORDER)
    assert isinstance(order, OrderContent)
    with pytest.raises(ValueError, match="OrderResponse"):
        render_order(replace(order, document_type=DocumentType.ORDER_RESPONSE))


def test_a_response_is_a_t116_or_a_t76_by_its_customization_id() -> None:
    advanced = content_of(RESPONSE_ADVANCED)
    assert isinstance(advanced, ResponseContent)
    assert b"cac:OrderChangeDocumentReference" in render_response(advanced)
    plain = replace(
        advanced,
        customization_id="urn:fdc:peppol.eu:poacc:trns:order_response:3",
        profile_id="urn:fdc:peppol.eu:poacc:bis:ordering:3",
    )
    data = render_response(plain)
    assert b"OrderChangeDocumentReference" not in data  # not in the T76 data model
    assert parse_document(data).transaction == "T76"


def test_render_response_refuses_an_unknown_customization_id() -> None:
    response = content_of(RESPONSE)
    assert isinstance(response, ResponseContent)
    with pytest.raises(ValueError, match="T116 or T76"):
        render_response(replace(response, customization_id="urn:example:other"))


def test_a_response_item_carries_only_the_name_and_identifiers() -> None:
    response = content_of(RESPONSE_ADVANCED)
    assert isinstance(response, ResponseContent)
    order_item = content_of(ORDER)
    assert isinstance(order_item, OrderContent)
    line = replace(response.lines[0], item=order_item.lines[0].item)
    data = render_response(replace(response, lines=(line, *response.lines[1:])))
    assert b"Description" not in data and b"ClassifiedTaxCategory" not in data
    assert b"<cbc:Name>Nitrile gloves, size M</cbc:Name>" in data


def test_a_minimal_response_has_no_empty_element() -> None:
    response = ResponseContent(
        customization_id="urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3",
        profile_id="urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3",
        number="RSP-1",
        issue_date=date(2026, 3, 5),
        code=ResponseCode.CA,
        referenced_order="PO-1001",
        seller=SELLER,
        buyer=BUYER,
        currency="EUR",
        lines=(ResponseLine("1", ResponseLineCode.ACCEPTED, order_line_id="1"),),
    )
    root = etree.fromstring(render_response(response))
    assert all(len(el) or (el.text or "").strip() for el in root.iter())
    ids = {f.rule_id for f in validate(parse_document(render_response(response)))}
    assert "PEPPOL-COMMON-R001" not in ids
    assert "PEPPOL-T116-B04103" in ids  # the line has no item: validation says so


def test_a_cancellation_is_written_with_its_note_after_the_free_text_note() -> None:
    children = root_children(render(content_of(CANCELLATION)))
    assert children.index("cbc:Note") < children.index("cbc:CancellationNote")


def test_decimals_are_written_without_exponent() -> None:
    order = content_of(ORDER)
    assert isinstance(order, OrderContent)
    line = replace(order.lines[0], quantity=Decimal("1E+2"), price=Decimal("1E-7"))
    data = render_order(replace(order, lines=(line,)))
    assert b">100</cbc:Quantity>" in data and b">0.0000001</cbc:PriceAmount>" in data


def test_a_party_id_without_scheme_is_written_without_scheme_id() -> None:
    order = content_of(ORDER)
    assert isinstance(order, OrderContent)
    buyer = replace(order.buyer, identifiers=(PartyId("", "NW-42"),))
    data = render_order(replace(order, buyer=buyer))
    assert b"<cbc:ID>NW-42</cbc:ID>" in data


def test_an_order_line_without_values_leaves_no_empty_containers() -> None:
    order = content_of(ORDER)
    assert isinstance(order, OrderContent)
    data = render_order(replace(order, lines=(OrderLine(line_id="9", quantity=None),)))
    assert (
        b"<cac:Price/>" not in data
        and b"<cac:Item/>" not in data
        and b"<cac:Delivery/>" not in data
    )
