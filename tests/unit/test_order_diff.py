"""The semantic diff of two orders: concrete cases, then properties over random edits."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ordex.domain.content import (
    Address,
    Contact,
    Delivery,
    DocumentType,
    Item,
    OrderContent,
    OrderLine,
    Party,
    PartyId,
    Period,
)
from ordex.domain.diff import (
    HEADER_FIELDS,
    LINE_FIELDS,
    FieldChange,
    LineChange,
    apply_diff,
    change_lines,
    diff_orders,
    item_replaced,
    line_status_codes,
    normalise,
)
from ordex.domain.diff_fields import header_values, line_values
from tests.strategies import order_contents, order_pairs

GLOVES = Item(name="Nitrile gloves", sellers_id="GLV-M", tax_category="S")
MASKS = Item(name="Surgical masks", sellers_id="MSK-50", tax_category="S")
SYRINGES = Item(name="Syringes", standard_id="7300000000017", standard_id_scheme="0160")


def line(line_id: str, quantity: str = "10", item: Item = GLOVES, **fields: object) -> OrderLine:
    return replace(
        OrderLine(line_id=line_id, quantity=Decimal(quantity), unit_code="C62", item=item),
        **fields,
    )


def order(*lines: OrderLine, **fields: object) -> OrderContent:
    content = OrderContent(
        document_type=DocumentType.ORDER,
        customization_id="urn:fdc:peppol.eu:poacc:trns:order:3",
        profile_id="urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3",
        number="PO-1",
        issue_date=date(2026, 11, 23),
        currency="EUR",
        buyer=Party(PartyId("0088", "7300010000001"), contact=Contact(name="Martin")),
        seller=Party(PartyId("0088", "7302347231110")),
        lines=lines,
        delivery=Delivery(
            address=Address(street="Lower street 5", city="Stockholm", country="SE"),
            requested_period=Period(date(2026, 12, 1), date(2026, 12, 5)),
        ),
    )
    return replace(content, **fields)


BASE = order(
    line("1", "20", GLOVES, price=Decimal("15.00"), line_amount=Decimal("300.00")),
    line("2", "40", MASKS, price=Decimal("5.00"), line_amount=Decimal("200.00")),
    line("3", "5", SYRINGES),
)


# --- concrete cases --------------------------------------------------------------------


def test_a_changed_quantity_is_reported_with_its_old_and_new_value() -> None:
    new = replace(BASE, lines=(replace(BASE.lines[0], quantity=Decimal(25)), *BASE.lines[1:]))
    diff = diff_orders(BASE, new)
    first = diff.lines[0]
    assert first.kind is LineChange.CHANGED and not first.item_replaced
    assert first.changes == (FieldChange("quantity", Decimal(20), Decimal(25)),)
    assert [ld.kind for ld in diff.lines[1:]] == [LineChange.UNCHANGED] * 2
    assert diff.header == ()


def test_a_price_change_reports_the_price_and_the_line_amount() -> None:
    changed = replace(BASE.lines[1], price=Decimal("4.50"), line_amount=Decimal("180.00"))
    new = replace(BASE, lines=(BASE.lines[0], changed, BASE.lines[2]))
    assert diff_orders(BASE, new).lines[1].changes == (
        FieldChange("price", Decimal("5.00"), Decimal("4.50")),
        FieldChange("lineAmount", Decimal("200.00"), Decimal("180.00")),
    )


def test_a_deleted_line_is_reported_with_its_old_values_and_code_2() -> None:
    new = replace(BASE, lines=(BASE.lines[0], BASE.lines[2]))
    diff = diff_orders(BASE, new)
    assert [(ld.line_id, ld.kind) for ld in diff.lines] == [
        ("1", LineChange.UNCHANGED),
        ("2", LineChange.DELETED),
        ("3", LineChange.UNCHANGED),
    ]
    deleted = diff.lines[1]
    assert deleted.old == BASE.lines[1] and deleted.new is None
    assert line_status_codes(diff) == {"1": "4", "2": "2", "3": "4"}
    t114 = change_lines(BASE, new)
    assert t114[1] == replace(BASE.lines[1], status_code="2")


def test_an_added_line_is_reported_with_its_new_values_and_code_1() -> None:
    added = line("4", "3", MASKS, note="urgent")
    new = replace(BASE, lines=(*BASE.lines, added))
    diff = diff_orders(BASE, new)
    assert diff.lines[-1].kind is LineChange.ADDED
    assert diff.lines[-1].new == added and diff.lines[-1].old is None
    assert line_status_codes(diff)["4"] == "1"
    assert diff.summary()[LineChange.ADDED] == 1


def test_a_line_id_reused_for_another_item_is_reported_as_replaced() -> None:
    new = replace(BASE, lines=(BASE.lines[0], replace(BASE.lines[1], item=SYRINGES), BASE.lines[2]))
    reused = diff_orders(BASE, new).lines[1]
    assert reused.kind is LineChange.REPLACED and reused.item_replaced
    assert FieldChange("item.sellersId", "MSK-50", None) in reused.changes
    assert FieldChange("item.name", "Surgical masks", "Syringes") in reused.changes
    assert reused.status_code == "3"


def test_a_new_name_for_the_same_sellers_item_is_a_change_not_a_replacement() -> None:
    renamed = replace(BASE.lines[0], item=replace(GLOVES, name="Nitrile gloves, size M"))
    diff = diff_orders(BASE, replace(BASE, lines=(renamed, *BASE.lines[1:])))
    assert diff.lines[0].kind is LineChange.CHANGED


@pytest.mark.parametrize(
    ("old", "new", "replaced"),
    [
        (Item(sellers_id="A"), Item(sellers_id="B"), True),
        (Item(sellers_id="A", name="x"), Item(sellers_id="A", name="y"), False),
        (Item(standard_id="1", standard_id_scheme="0160"), Item(standard_id="2"), True),
        (Item(standard_id="1", standard_id_scheme="0160"), Item(standard_id="1"), False),
        (
            Item(standard_id="1", standard_id_scheme="0160"),
            Item(standard_id="1", standard_id_scheme="0088"),
            True,
        ),
        (Item(sellers_id="A", standard_id="1"), Item(sellers_id="A", standard_id="2"), True),
        (Item(sellers_id="A", name="x"), Item(sellers_id="A", standard_id="1", name="y"), False),
        (Item(name="Gloves"), Item(name="Masks"), True),
        (Item(name="Gloves"), Item(name=None), False),
        (Item(sellers_id="A", name="x"), Item(standard_id="1", name="y"), True),
    ],
)
def test_an_item_is_replaced_when_a_shared_id_differs_or_else_its_name(
    old: Item, new: Item, replaced: bool
) -> None:
    assert item_replaced(old, new) is replaced


def test_a_changed_delivery_address_and_period_are_header_changes() -> None:
    assert BASE.delivery is not None
    delivery = replace(
        BASE.delivery,
        address=replace(BASE.delivery.address or Address(), city="Uppsala"),
        requested_period=Period(date(2026, 12, 8), date(2026, 12, 12)),
        contact=Contact(telephone="+46 1"),
    )
    diff = diff_orders(BASE, replace(BASE, delivery=delivery))
    assert diff.header == (
        FieldChange("delivery.address.city", "Stockholm", "Uppsala"),
        FieldChange("delivery.requestedPeriod.start", date(2026, 12, 1), date(2026, 12, 8)),
        FieldChange("delivery.requestedPeriod.end", date(2026, 12, 5), date(2026, 12, 12)),
        FieldChange("delivery.contact.telephone", None, "+46 1"),
    )
    assert all(ld.kind is LineChange.UNCHANGED for ld in diff.lines)


def test_a_buyer_contact_and_a_note_are_header_changes() -> None:
    new = replace(BASE, buyer=replace(BASE.buyer, contact=Contact(name="Anna")), note="Gate 2")
    assert diff_orders(BASE, new).header == (
        FieldChange("note", None, "Gate 2"),
        FieldChange("buyer.contact.name", "Martin", "Anna"),
    )


def test_deleted_lines_follow_the_line_before_them_in_the_old_order() -> None:
    old = order(line("1"), line("2"), line("3"), line("4"), line("5"))
    new = order(line("6"), line("4"), line("1"))
    assert [(ld.line_id, ld.kind.value) for ld in diff_orders(old, new).lines] == [
        ("6", "added"),
        ("4", "unchanged"),
        ("5", "deleted"),
        ("1", "unchanged"),
        ("2", "deleted"),
        ("3", "deleted"),
    ]
    assert [(x.line_id, x.status_code) for x in change_lines(old, new)] == [
        ("6", "1"),
        ("4", "4"),
        ("5", "2"),
        ("1", "4"),
        ("2", "2"),
        ("3", "2"),
    ]


def test_a_deleted_first_line_comes_first() -> None:
    diff = diff_orders(order(line("1"), line("2")), order(line("2")))
    assert [(ld.line_id, ld.kind.value) for ld in diff.lines] == [
        ("1", "deleted"),
        ("2", "unchanged"),
    ]


def test_lines_marked_deleted_in_a_t114_are_not_part_of_the_order() -> None:
    change = replace(BASE, lines=(*BASE.lines[:2], replace(BASE.lines[2], status_code="2")))
    diff = diff_orders(BASE, change)
    assert diff.lines[2].kind is LineChange.DELETED
    assert line_status_codes(diff_orders(change, BASE)) == {"1": "4", "2": "4", "3": "1"}


def test_status_codes_alone_are_no_change() -> None:
    t114 = replace(BASE, lines=tuple(replace(x, status_code="3") for x in BASE.lines))
    assert diff_orders(BASE, t114).is_empty


def test_an_empty_contact_or_address_counts_as_none() -> None:
    empty = replace(BASE, buyer=replace(BASE.buyer, contact=Contact(), address=Address()))
    none = replace(BASE, buyer=replace(BASE.buyer, contact=None, address=None))
    assert diff_orders(empty, none).header == ()
    assert apply_diff(none, diff_orders(none, empty)) == none


def test_a_decimal_written_with_more_places_is_the_same_quantity() -> None:
    new = replace(BASE, lines=(replace(BASE.lines[0], quantity=Decimal("20.000")), *BASE.lines[1:]))
    assert diff_orders(BASE, new).is_empty


def test_identity_fields_are_not_compared_and_come_from_the_new_document() -> None:
    change = replace(
        BASE,
        document_type=DocumentType.ORDER_CHANGE,
        customization_id="urn:fdc:peppol.eu:poacc:trns:order_change:3",
        number="CH-1",
        issue_date=date(2026, 11, 25),
        referenced_order="PO-1",
        sequence_number="1",
    )
    diff = diff_orders(BASE, change)
    assert diff.is_empty
    assert (diff.old_document.number, diff.new_document.number) == ("PO-1", "CH-1")
    assert diff.new_document.sequence_number == "1"
    assert apply_diff(BASE, diff) == change


def test_repeated_line_ids_are_matched_in_their_order() -> None:
    old = order(line("1", "1"), line("1", "2"), line("2"))
    new = order(line("1", "1"), line("2"), line("1", "3"))
    diff = diff_orders(old, new)
    assert [(ld.line_id, ld.kind.value) for ld in diff.lines] == [
        ("1", "unchanged"),
        ("2", "unchanged"),
        ("1", "changed"),
    ]
    assert apply_diff(old, diff) == new
    assert apply_diff(old, diff_orders(old, order(line("1", "2")))) == order(line("1", "2"))
    # the deleted second "1" comes before the kept first one: still the right one goes
    old = order(line("1", "1"), line("2"), line("1", "2"))
    new = order(line("2"), line("1", "1"))
    diff = diff_orders(old, new)
    assert [(ld.line_id, ld.kind.value) for ld in diff.lines] == [
        ("2", "unchanged"),
        ("1", "deleted"),
        ("1", "unchanged"),
    ]
    assert diff.lines[1].old == line("1", "2")
    assert apply_diff(old, diff) == new


def test_apply_diff_refuses_a_diff_made_for_another_order() -> None:
    new = replace(BASE, lines=(replace(BASE.lines[0], quantity=Decimal(25)), *BASE.lines[1:]))
    diff = diff_orders(BASE, new)
    other = replace(BASE, lines=(replace(BASE.lines[0], quantity=Decimal(7)), *BASE.lines[1:]))
    with pytest.raises(ValueError, match="quantity"):
        apply_diff(other, diff)
    with pytest.raises(ValueError, match="line 3"):
        apply_diff(replace(BASE, lines=BASE.lines[:2]), diff)


def test_field_names_are_the_published_contract() -> None:
    party = [
        "endpoint",
        "name",
        "registrationName",
        "identifiers",
        "companyId",
        *(f"address.{n}" for n in ("street", "additionalStreet", "city", "postalZone")),
        "address.countrySubentity",
        "address.country",
        "contact.name",
        "contact.telephone",
        "contact.email",
    ]
    assert list(HEADER_FIELDS) == [
        "currency",
        "orderTypeCode",
        "note",
        "buyerReference",
        "accountingCost",
        "validityEnd",
        *(f"delivery.{n}" for n in party[5:11]),
        "delivery.locationId",
        "delivery.requestedPeriod.start",
        "delivery.requestedPeriod.end",
        "delivery.partyName",
        *(f"delivery.{n}" for n in party[11:]),
        *(f"buyer.{n}" for n in party),
        *(f"seller.{n}" for n in party),
        "allowanceCharges",
        *(f"totals.{n}" for n in ("lineExtension", "taxExclusive", "taxInclusive")),
        *(f"totals.{n}" for n in ("allowanceTotal", "chargeTotal", "prepaid", "rounding")),
        "totals.payable",
        "totals.tax",
    ]
    assert list(LINE_FIELDS) == [
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
    ]
    assert len(header_values(BASE)) == len(HEADER_FIELDS)
    assert len(line_values(BASE.lines[0])) == len(LINE_FIELDS)


# --- properties ------------------------------------------------------------------------

PROPERTY = settings(max_examples=200, deadline=None)
LIGHTER = settings(max_examples=100, deadline=None)


@PROPERTY
@given(order_pairs())
def test_applying_the_diff_of_an_edit_gives_the_edited_order(
    pair: tuple[OrderContent, OrderContent],
) -> None:
    old, new = pair
    assert apply_diff(old, diff_orders(old, new)) == normalise(new)


@LIGHTER
@given(order_contents(), order_contents())
def test_applying_the_diff_of_any_two_orders_gives_the_second(
    old: OrderContent, new: OrderContent
) -> None:
    assert apply_diff(old, diff_orders(old, new)) == normalise(new)


@LIGHTER
@given(order_contents())
def test_an_order_diffed_with_itself_or_its_normal_form_is_empty(content: OrderContent) -> None:
    for other in (content, normalise(content)):
        diff = diff_orders(content, other)
        assert diff.header == ()
        assert all(ld.kind is LineChange.UNCHANGED and not ld.changes for ld in diff.lines)
        assert diff.is_empty


@PROPERTY
@given(order_pairs())
def test_the_t114_lines_carry_the_codes_of_the_diff(
    pair: tuple[OrderContent, OrderContent],
) -> None:
    old, new = pair
    diff = diff_orders(old, new)
    lines = change_lines(old, new, diff)
    codes = {"added": "1", "deleted": "2", "changed": "3", "replaced": "3", "unchanged": "4"}
    assert [(x.line_id, x.status_code) for x in lines] == [
        (ld.line_id, codes[ld.kind.value]) for ld in diff.lines
    ]
    assert line_status_codes(diff) == {x.line_id: x.status_code for x in lines}
    # the lines that are not deleted are the new order's, in its order
    kept = [replace(x, status_code=None) for x in lines if x.status_code != "2"]
    assert kept == [replace(x, status_code=None) for x in new.lines if x.status_code != "2"]
    deleted = {x.line_id for x in lines if x.status_code == "2"}
    assert deleted == {x.line_id for x in old.lines if x.status_code != "2"} - {
        x.line_id for x in kept
    }


@LIGHTER
@given(order_pairs())
def test_a_changed_line_lists_exactly_its_differing_fields(
    pair: tuple[OrderContent, OrderContent],
) -> None:
    old, new = pair
    for ld in diff_orders(old, new).lines:
        if ld.old is None or ld.new is None:
            assert ld.kind in (LineChange.ADDED, LineChange.DELETED) and not ld.changes
            continue
        differing = [
            name
            for name, a, b in zip(
                LINE_FIELDS, line_values(ld.old), line_values(ld.new), strict=True
            )
            if a != b
        ]
        assert [c.field for c in ld.changes] == differing
        assert (ld.kind is LineChange.UNCHANGED) == (not differing)
        assert (ld.kind is LineChange.REPLACED) == (
            bool(differing) and item_replaced(ld.old.item, ld.new.item)
        )


@settings(max_examples=50, deadline=None)
@given(order_contents(), st.data())
def test_a_diff_is_reversible(content: OrderContent, data: st.DataObject) -> None:
    other = data.draw(order_contents())
    forth, back = diff_orders(content, other), diff_orders(other, content)
    assert {c.field for c in forth.header} == {c.field for c in back.header}
    assert apply_diff(apply_diff(content, forth), diff_orders(normalise(other), content)) == (
        normalise(content)
    )
    assert back.summary()[LineChange.ADDED] == forth.summary()[LineChange.DELETED]
