"""Order changes end to end below HTTP: real codec, real SQLite, random edits.

The property of issue 4: the T114 ordex renders from an Order that names an earlier one
carries exactly the line status codes the diff computes, for any edit of the lines.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from ordex.bootstrap import Runtime, bootstrap
from ordex.config import Settings
from ordex.domain.accounts import Account
from ordex.domain.content import Item, OrderContent, OrderLine, ResponseCode, Totals
from ordex.domain.diff import diff_orders, line_status_codes, normalise
from ordex.domain.errors import ChangeNotAllowed, InvalidRequest, OrderNotFound
from ordex.peppol.identifiers import parse_party_id
from ordex.peppol.namespaces import CAC, CBC
from ordex.peppol.parse import parse_document
from ordex.peppol.render import render_order
from ordex.services.accounts import create_account
from ordex.services.responding import RespondToOrder, respond_to_order
from ordex.services.sending import CancelOrder, SendDocument, cancel_order, send_document

EXAMPLE = Path(__file__).parents[2] / "examples" / "order.xml"
BUYER, SELLER = parse_party_id("0088:7300010000001"), parse_party_id("0088:7302347231110")
BASE = parse_document(EXAMPLE.read_bytes()).content
assert isinstance(BASE, OrderContent)
CENT = Decimal("0.01")
numbers = itertools.count(1)


class Hub:
    def __init__(self, rt: Runtime, buyer: Account, seller: Account) -> None:
        self.rt, self.buyer, self.seller = rt, buyer, seller

    def send(self, data: bytes) -> str:
        return send_document(self.rt.ctx, SendDocument(self.buyer, BUYER, data)).document_id

    def content_of(self, document_id: str) -> OrderContent:
        with self.rt.ctx.uow() as uow:
            document = uow.documents.get(document_id)
        assert document is not None and document.content is not None
        content = parse_document(document.content).content
        assert isinstance(content, OrderContent)
        return content


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    path = tmp_path_factory.mktemp("changes") / "ordex.db"
    rt = bootstrap(Settings(database_url=f"sqlite:///{path}"))
    buyer = create_account(rt.ctx, "buyer", [BUYER])[0]
    seller = create_account(rt.ctx, "seller", [SELLER])[0]
    yield Hub(rt, buyer, seller)
    rt.engine.dispose()


def totalled(content: OrderContent, lines: list[OrderLine]) -> OrderContent:
    """The order with these lines and totals that the Peppol rules accept."""
    net = sum((line.line_amount or Decimal(0) for line in lines), Decimal(0))
    tax = sum(
        (
            (line.line_amount or Decimal(0)) * (line.item.tax_percent or Decimal(0)) / 100
            for line in lines
        ),
        Decimal(0),
    ).quantize(CENT)
    totals = Totals(
        line_extension=net,
        tax_exclusive=net,
        tax_inclusive=net + tax,
        payable=net + tax,
        tax=tax,
    )
    return replace(content, lines=tuple(lines), totals=totals)


def with_amount(line: OrderLine, quantity: Decimal, price: Decimal) -> OrderLine:
    return replace(
        line, quantity=quantity, price=price, line_amount=(quantity * price).quantize(CENT)
    )


def order_xml(content: OrderContent, references: str | None = None) -> bytes:
    """A T01; with ``references``, carrying the cac:OrderReference the PSB accepts."""
    root = etree.fromstring(render_order(content))
    if references is not None:
        reference = etree.Element(f"{{{CAC}}}OrderReference")
        etree.SubElement(reference, f"{{{CBC}}}ID").text = references
        root.find(f"{{{CAC}}}BuyerCustomerParty").addprevious(reference)  # type: ignore[union-attr]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@st.composite
def edited_lines(draw: st.DrawFn) -> list[OrderLine]:
    lines: list[OrderLine] = []
    for line in BASE.lines:
        action = draw(st.sampled_from(["keep", "delete", "quantity", "price"]))
        if action == "keep":
            lines.append(line)
        elif action == "quantity":
            quantity = Decimal(draw(st.integers(1, 99)))
            lines.append(with_amount(line, quantity, line.price or Decimal(1)))
        elif action == "price":
            price = Decimal(draw(st.integers(1, 500))) / 4
            lines.append(with_amount(line, line.quantity or Decimal(1), price))
    for n in range(draw(st.integers(0 if lines else 1, 2))):
        lines.append(
            with_amount(
                OrderLine(
                    line_id=f"N{n}",
                    quantity=None,
                    unit_code="C62",
                    item=Item(
                        name=f"New item {n}",
                        sellers_id=f"NEW-{n}",
                        tax_category="S",
                        tax_percent=Decimal(25),
                    ),
                ),
                Decimal(draw(st.integers(1, 50))),
                Decimal(draw(st.integers(1, 40))),
            )
        )
    return draw(st.permutations(lines))


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=edited_lines())
def test_the_t114_from_an_order_naming_an_earlier_one_carries_the_diffs_line_codes(
    hub: Hub, lines: list[OrderLine]
) -> None:
    number = f"PO-{next(numbers)}"
    original = replace(BASE, number=number)
    order_id = hub.send(order_xml(original))
    changed = totalled(replace(BASE, number=f"{number}-rev"), lines)
    change_id = hub.send(order_xml(changed, references=number))

    t114 = hub.content_of(change_id)
    expected = line_status_codes(diff_orders(hub.content_of(order_id), normalise(changed)))
    assert {line.line_id: line.status_code for line in t114.lines} == expected
    assert t114.referenced_order == number and t114.sequence_number == "2"


def test_a_change_to_an_order_the_buyer_never_sent_is_refused_with_the_reason(hub: Hub) -> None:
    with pytest.raises(OrderNotFound, match="PO-nowhere"):
        hub.send(order_xml(replace(BASE, number="X-1"), references="PO-nowhere"))


def test_a_change_to_a_cancelled_order_is_refused_and_nothing_is_stored(hub: Hub) -> None:
    number = f"PO-{next(numbers)}"
    order_id = hub.send(order_xml(replace(BASE, number=number)))
    cancellation = cancel_order(hub.rt.ctx, CancelOrder(hub.buyer, BUYER, order_id, "Not needed"))
    respond_to_order(
        hub.rt.ctx, RespondToOrder(hub.seller, SELLER, cancellation.document_id, ResponseCode.AP)
    )
    with pytest.raises(ChangeNotAllowed, match="cancelled"):
        hub.send(order_xml(replace(BASE, number=f"{number}-rev"), references=number))
    with hub.rt.ctx.uow() as uow:
        assert len(uow.versions.for_order(order_id)) == 1


def test_a_second_change_waits_for_the_answer_to_the_first(hub: Hub) -> None:
    number = f"PO-{next(numbers)}"
    order_id = hub.send(order_xml(replace(BASE, number=number)))
    first = hub.send(order_xml(replace(BASE, number=f"{number}-a", note="a"), references=number))
    with pytest.raises(ChangeNotAllowed, match="change is pending"):
        hub.send(order_xml(replace(BASE, number=f"{number}-b", note="b"), references=number))
    respond_to_order(hub.rt.ctx, RespondToOrder(hub.seller, SELLER, first, ResponseCode.RE))
    second = hub.send(order_xml(replace(BASE, number=f"{number}-b", note="b"), references=number))
    assert hub.content_of(second).sequence_number == "3"
    with hub.rt.ctx.uow() as uow:
        order = uow.orders.get(order_id)
        assert (
            order is not None and order.content.note == BASE.note
        )  # the RE'd change never counted


def test_a_rejected_change_leaves_the_previous_version_current(hub: Hub) -> None:
    number = f"PO-{next(numbers)}"
    order_id = hub.send(order_xml(replace(BASE, number=number)))
    respond_to_order(hub.rt.ctx, RespondToOrder(hub.seller, SELLER, order_id, ResponseCode.AP))
    change = hub.send(order_xml(replace(BASE, number=f"{number}-r", note="new"), references=number))
    respond_to_order(hub.rt.ctx, RespondToOrder(hub.seller, SELLER, change, ResponseCode.RE))
    with hub.rt.ctx.uow() as uow:
        order = uow.orders.get(order_id)
        versions = uow.versions.for_order(order_id)
    assert order is not None and order.state.value == "accepted"
    assert order.content.note == BASE.note
    assert [v.status.value for v in versions] == ["accepted", "rejected"]


def test_a_t114_numbered_below_an_earlier_change_is_refused(hub: Hub) -> None:
    number = f"PO-{next(numbers)}"
    hub.send(order_xml(replace(BASE, number=number)))
    first = hub.send(order_xml(replace(BASE, number=f"{number}-a"), references=number))
    respond_to_order(hub.rt.ctx, RespondToOrder(hub.seller, SELLER, first, ResponseCode.AP))
    stale = replace(
        BASE,
        number=f"{number}-old",
        document_type=BASE.document_type.ORDER_CHANGE,
        customization_id="urn:fdc:peppol.eu:poacc:trns:order_change:3",
        referenced_order=number,
        sequence_number="2",
        order_type_code=None,
        lines=tuple(replace(line, status_code="4") for line in BASE.lines),
    )
    with pytest.raises(InvalidRequest, match="SequenceNumberID"):
        hub.send(render_order(stale))
