"""The adapter end to end, as the use cases drive it: read and check what arrives,
build content in code, render it, and check what leaves."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from ordex.domain.content import (
    CancellationContent,
    OrderContent,
    Party,
    PartyId,
    ResponseCode,
    ResponseContent,
    ResponseLine,
    ResponseLineCode,
)
from ordex.domain.errors import DocumentInvalid
from ordex.peppol.parse import parse_document
from ordex.peppol.render import render_cancellation, render_order, render_response
from ordex.peppol.validate import check
from tests.unit.peppol.documents import ORDER, fixture


def received_order() -> OrderContent:
    doc = parse_document(fixture(ORDER))
    check(doc)
    assert isinstance(doc.content, OrderContent)
    return doc.content


def reference(party: Party) -> Party:
    return Party(party.endpoint, registration_name=party.registration_name)


def test_a_response_built_from_a_received_order_is_a_valid_t116() -> None:
    order = received_order()
    response = ResponseContent(
        customization_id="urn:fdc:peppol.eu:poacc:trns:order_response_advanced:3",
        profile_id=order.profile_id,
        number="RSP-1",
        issue_date=date(2026, 3, 3),
        code=ResponseCode.CA,
        referenced_order=order.number,
        seller=reference(order.seller),
        buyer=reference(order.buyer),
        currency=order.currency,
        lines=tuple(
            ResponseLine(
                line_id=line.line_id,
                status=ResponseLineCode.CHANGED,
                order_line_id=line.line_id,
                quantity=(line.quantity or Decimal(0)) - 1,
                unit_code=line.unit_code,
                item=line.item,
            )
            for line in order.lines
        ),
    )
    doc = parse_document(render_response(response))
    check(doc)
    assert (doc.transaction, doc.sender, doc.receiver) == (
        "T116",
        order.seller.endpoint,
        order.buyer.endpoint,
    )


def test_a_cancellation_built_from_a_received_order_is_a_valid_t115() -> None:
    order = received_order()
    cancellation = CancellationContent(
        customization_id="urn:fdc:peppol.eu:poacc:trns:order_cancellation:3",
        profile_id="urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3",
        number="CAN-1",
        issue_date=date(2026, 3, 4),
        cancellation_note="Ordered twice by mistake",
        referenced_order=order.number,
        buyer=reference(order.buyer),
        seller=replace(reference(order.seller), address=order.seller.address),
    )
    check(parse_document(render_cancellation(cancellation)))


def test_a_cancellation_to_a_seller_without_address_is_refused_naming_the_rule() -> None:
    order = received_order()
    cancellation = CancellationContent(
        customization_id="urn:fdc:peppol.eu:poacc:trns:order_cancellation:3",
        profile_id="urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3",
        number="CAN-2",
        issue_date=date(2026, 3, 4),
        cancellation_note="Ordered twice by mistake",
        referenced_order=order.number,
        buyer=reference(order.buyer),
        seller=reference(order.seller),
    )
    with pytest.raises(DocumentInvalid) as refused:
        check(parse_document(render_cancellation(cancellation)))
    assert [f.rule_id for f in refused.value.findings] == ["PEPPOL-T115-B06002"]
    assert "'cac:PostalAddress' MUST be provided" in refused.value.message


def test_an_order_change_built_from_an_order_is_a_valid_t114() -> None:
    order = received_order()
    line = replace(
        order.lines[1], quantity=Decimal("6"), line_amount=Decimal("90.00"), status_code="3"
    )
    change = replace(
        order,
        document_type=order.document_type.ORDER_CHANGE,
        customization_id="urn:fdc:peppol.eu:poacc:trns:order_change:3",
        number="PO-1001-C2",
        order_type_code=None,
        referenced_order=order.number,
        sequence_number="2",
        lines=(replace(order.lines[0], status_code="4"), line),
        totals=replace(
            order.totals,
            line_extension=Decimal("210.00"),
            tax_exclusive=Decimal("211.00"),
            tax=Decimal("52.75"),
            tax_inclusive=Decimal("263.75"),
            payable=Decimal("263.75"),
        ),
    )
    doc = parse_document(render_order(change))
    check(doc)
    assert doc.transaction == "T114" and doc.content == change


def test_an_order_for_another_party_id_scheme_keeps_its_endpoint() -> None:
    order = received_order()
    buyer = replace(order.buyer, endpoint=PartyId("0192", "987654325"))
    doc = parse_document(render_order(replace(order, buyer=buyer)))
    check(doc)
    assert doc.sender == PartyId("0192", "987654325")
