"""Hypothesis strategies for ordex's content model: random orders and random edits.

``order_contents()`` draws an Order or Order Change with a few lines (unique line IDs);
``edited(content)`` draws the same order after a few random edits of the kinds a buyer
makes (quantities, prices, items, lines added, deleted or reordered, header fields,
the document's own number and date); ``order_pairs()`` draws both at once. Values come
from small pools so that two draws often agree, which is what a diff has to get right.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from itertools import product
from typing import TypeVar

from hypothesis import strategies as st

from ordex.domain.content import (
    Address,
    AllowanceCharge,
    Contact,
    Delivery,
    DocumentType,
    Item,
    OrderContent,
    OrderLine,
    Party,
    PartyId,
    Period,
    Profile,
    Totals,
)

ORDER_CUSTOMIZATION = "urn:fdc:peppol.eu:poacc:trns:order:3"
CHANGE_CUSTOMIZATION = "urn:fdc:peppol.eu:poacc:trns:order_change:3"


T = TypeVar("T")
replace = dataclasses.replace


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def pick(*values: T) -> st.SearchStrategy[T | None]:
    """One of ``values`` or None: one draw (drawing is what these tests spend time on)."""
    return st.sampled_from([None, *values])


def _pool(cls: Callable[..., T], **choices: tuple[object, ...]) -> list[T]:
    """Every combination of the choices, built: sampled in one draw."""
    names = list(choices)
    return [cls(**dict(zip(names, combo, strict=True))) for combo in product(*choices.values())]


AMOUNTS = tuple(Decimal(n) for n in ("0", "5", "5.00", "12.5", "15.00", "200.00", "1000"))
DATES = (date(2026, 1, 5), date(2026, 2, 1), date(2026, 3, 31))

texts = pick("a", "Main street 1", "Stockholm", "gate 2", "ÅÄÖ")
codes = pick("C62", "EA", "KGM")
amounts = pick(*AMOUNTS)
quantities = pick(*AMOUNTS, Decimal("2"), Decimal("2.0"), Decimal("0.5"))
dates = pick(*DATES)
party_ids = st.builds(
    PartyId,
    scheme=st.sampled_from(["0088", "0192"]),
    value=st.sampled_from(["7300010000001", "7302347231110", "987654321"]),
)
addresses = pick(
    *_pool(
        Address,
        street=(None, "Lower street 5"),
        additional_street=(None, "Dock 3"),
        city=(None, "Stockholm", "Uppsala"),
        postal_zone=(None, "11120"),
        country_subentity=(None, "Uppland"),
        country=(None, "SE", "NO"),
    )
)
contacts = pick(
    *_pool(
        Contact,
        name=(None, "Anna", "Martin"),
        telephone=(None, "+46 1"),
        email=(None, "a@example.com", "b@example.com"),
    )
)
periods = pick(*_pool(Period, start=(None, *DATES[:2]), end=(None, *DATES[1:])))
deliveries = optional(
    st.builds(
        Delivery,
        address=addresses,
        location_id=pick("7300010000001", "LOC-2"),
        requested_period=periods,
        party_name=texts,
        contact=contacts,
    )
)
parties = st.builds(
    Party,
    endpoint=optional(party_ids),
    name=texts,
    registration_name=texts,
    identifiers=st.lists(party_ids, max_size=2).map(tuple),
    company_id=pick("SE5560000000", "NO987654321"),
    address=addresses,
    contact=contacts,
)
allowance_charges = st.sampled_from(
    [
        AllowanceCharge(is_charge=False, amount=Decimal("10.00"), reason="Discount"),
        AllowanceCharge(is_charge=False, amount=Decimal("12.00"), reason="Discount"),
        AllowanceCharge(
            is_charge=True,
            amount=Decimal("5.00"),
            reason_code="FC",
            percent=Decimal("2.5"),
            base_amount=Decimal("200.00"),
            tax_category="S",
            tax_percent=Decimal("25"),
        ),
        AllowanceCharge(is_charge=True, amount=None, reason="Freight"),
    ]
)
charge_lists = st.lists(allowance_charges, max_size=2).map(tuple)
items = st.sampled_from(
    _pool(
        Item,
        name=(None, "Gloves", "Masks"),
        sellers_id=(None, "GLV-M", "MSK-50"),
        standard_id=(None, "7300000000017", "7300000000024"),
        standard_id_scheme=(None, "0160"),
        description=(None, "box of 100"),
        buyers_id=(None, "B-1"),
        tax_category=("S", "Z"),
    )
)
totals = st.builds(
    Totals,
    line_extension=amounts,
    tax_exclusive=amounts,
    tax_inclusive=amounts,
    allowance_total=amounts,
    charge_total=amounts,
    prepaid=amounts,
    rounding=amounts,
    payable=amounts,
    tax=amounts,
)
# "2" marks a line deleted by a T114: such a line is not part of the order
status_codes = st.sampled_from([None, None, None, "1", "3", "4", "2"])
currencies = pick("EUR", "SEK")
order_type_codes = pick("220", "227")
sequence_numbers = pick("1", "2", "3")
order_numbers = st.sampled_from(["PO-1", "PO-2", "CH-1"])
referenced_orders = pick("PO-1", "PO-2")
change_numbers = st.sampled_from(["CH-1", "CH-2"])
profiles = st.sampled_from([p.value for p in Profile])


_lines = st.builds(
    OrderLine,
    line_id=st.just(""),
    quantity=quantities,
    unit_code=codes,
    line_amount=amounts,
    price=amounts,
    price_base_quantity=pick(Decimal("1"), Decimal("10")),
    item=items,
    note=texts,
    requested_delivery=periods,
    status_code=status_codes,
    allowance_charges=charge_lists,
)


def order_lines(line_id: str) -> st.SearchStrategy[OrderLine]:
    # one strategy, IDs set afterwards: a new strategy per line is slow to validate
    return _lines.map(lambda line: replace(line, line_id=line_id))


line_ids = st.integers(min_value=1, max_value=12).map(str)


@st.composite
def line_lists(draw: st.DrawFn, max_size: int = 6) -> tuple[OrderLine, ...]:
    """Lines with unique IDs, in a random order."""
    ids = draw(st.lists(line_ids, unique=True, max_size=max_size))
    return tuple(replace(draw(_lines), line_id=line_id) for line_id in ids)


@st.composite
def order_contents(draw: st.DrawFn, max_lines: int = 6) -> OrderContent:
    change = draw(st.booleans())
    return OrderContent(
        document_type=DocumentType.ORDER_CHANGE if change else DocumentType.ORDER,
        customization_id=CHANGE_CUSTOMIZATION if change else ORDER_CUSTOMIZATION,
        profile_id=draw(profiles),
        number=draw(order_numbers),
        issue_date=draw(dates),
        currency=draw(currencies),
        buyer=draw(parties),
        seller=draw(parties),
        lines=draw(line_lists(max_lines)),
        order_type_code=draw(order_type_codes),
        note=draw(texts),
        buyer_reference=draw(texts),
        accounting_cost=draw(texts),
        validity_end=draw(dates),
        delivery=draw(deliveries),
        totals=draw(totals),
        referenced_order=draw(referenced_orders) if change else None,
        sequence_number=draw(sequence_numbers) if change else None,
        allowance_charges=draw(charge_lists),
    )


# --- edits -----------------------------------------------------------------------------

Edit = Callable[[st.DrawFn, OrderContent], OrderContent]


def _edit_line(
    draw: st.DrawFn, content: OrderContent, change: Callable[..., OrderLine]
) -> OrderContent:
    if not content.lines:
        return content
    index = draw(st.integers(0, len(content.lines) - 1))
    lines = list(content.lines)
    lines[index] = change(lines[index])
    return replace(content, lines=tuple(lines))


def change_quantity(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    quantity = draw(quantities)
    return _edit_line(draw, content, lambda line: replace(line, quantity=quantity))


def change_price(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    price, amount = draw(amounts), draw(amounts)
    return _edit_line(draw, content, lambda line: replace(line, price=price, line_amount=amount))


def change_item(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    item = draw(items)
    return _edit_line(draw, content, lambda line: replace(line, item=item))


def reuse_line_id(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    """The line ID now names another item: a seller's item ID no line had before."""
    item = replace(draw(items), sellers_id="OTHER", name=draw(st.sampled_from(["Gauze", None])))
    return _edit_line(draw, content, lambda line: replace(line, item=item))


def rename_item(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    name = draw(texts)
    return _edit_line(draw, content, lambda line: replace(line, item=replace(line.item, name=name)))


def change_line_details(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    period, note, unit = draw(periods), draw(texts), draw(codes)
    charges = draw(charge_lists)
    return _edit_line(
        draw,
        content,
        lambda line: replace(
            line, requested_delivery=period, note=note, unit_code=unit, allowance_charges=charges
        ),
    )


def add_line(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    taken = {line.line_id for line in content.lines}
    line_id = draw(line_ids.filter(lambda candidate: candidate not in taken))
    line = replace(draw(_lines), line_id=line_id)
    index = draw(st.integers(0, len(content.lines)))
    lines = list(content.lines)
    lines.insert(index, line)
    return replace(content, lines=tuple(lines))


def delete_line(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    if not content.lines:
        return content
    index = draw(st.integers(0, len(content.lines) - 1))
    return replace(content, lines=content.lines[:index] + content.lines[index + 1 :])


def reorder_lines(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    return replace(content, lines=tuple(draw(st.permutations(content.lines))))


def mark_lines(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    """Give every line a status code, as a T114 does (2 deletes the line)."""
    codes = [draw(status_codes) for _ in content.lines]
    lines = tuple(
        replace(line, status_code=code) for line, code in zip(content.lines, codes, strict=True)
    )
    return replace(content, lines=lines)


def change_delivery(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    return replace(content, delivery=draw(deliveries))


def change_party(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    role = draw(st.sampled_from(["buyer", "seller"]))
    party: Party = getattr(content, role)
    party = replace(party, contact=draw(contacts), address=draw(addresses))
    if draw(st.booleans()):
        party = draw(parties)
    return replace(content, **{role: party})


def change_header(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    return replace(
        content,
        note=draw(texts),
        buyer_reference=draw(texts),
        accounting_cost=draw(texts),
        validity_end=draw(dates),
        currency=draw(currencies),
        order_type_code=draw(order_type_codes),
    )


def change_money(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    return replace(
        content,
        totals=draw(totals),
        allowance_charges=draw(charge_lists),
    )


def renumber(draw: st.DrawFn, content: OrderContent) -> OrderContent:
    """The new version is a T114 of its own: another number, date and sequence number."""
    return replace(
        content,
        document_type=DocumentType.ORDER_CHANGE,
        customization_id=CHANGE_CUSTOMIZATION,
        number=draw(change_numbers),
        issue_date=draw(dates),
        referenced_order=content.number,
        sequence_number=draw(sequence_numbers),
    )


EDITS: tuple[Edit, ...] = (
    change_quantity,
    change_price,
    change_item,
    reuse_line_id,
    rename_item,
    change_line_details,
    add_line,
    delete_line,
    reorder_lines,
    mark_lines,
    change_delivery,
    change_party,
    change_header,
    change_money,
    renumber,
)

_edits = st.sampled_from(EDITS)


@st.composite
def edited(draw: st.DrawFn, content: OrderContent, max_edits: int = 6) -> OrderContent:
    """``content`` after one to ``max_edits`` random edits (which may cancel out)."""
    for _ in range(draw(st.integers(1, max_edits))):
        edit = draw(_edits)
        content = edit(draw, content)
    return content


def order_pairs() -> st.SearchStrategy[tuple[OrderContent, OrderContent]]:
    """An order and the same order after a few random edits."""
    return order_contents().flatmap(lambda old: edited(old).map(lambda new: (old, new)))
