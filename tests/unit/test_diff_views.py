"""The order diff for machines (``OrderDiffView`` JSON) and for people (the text table)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import given, settings

from ordex.api.diff_schema import OrderDiffView, from_diff
from ordex.diff_table import WIDTH, format_diff, format_line, format_value
from ordex.domain.content import AllowanceCharge, Contact, Item, OrderContent, PartyId
from ordex.domain.diff import LINE_FIELDS, diff_orders
from tests.strategies import order_pairs
from tests.unit.test_order_diff import BASE, GLOVES, line


def _changed() -> OrderContent:
    """BASE with line 1's quantity changed, line 2 deleted, line 4 added, header edits."""
    return replace(
        BASE,
        number="CH-1",
        sequence_number="2",
        lines=(
            replace(BASE.lines[0], quantity=Decimal("25.50")),
            BASE.lines[2],
            line("4", "3", GLOVES, allowance_charges=(AllowanceCharge(False, Decimal("1.5")),)),
        ),
        buyer=replace(
            BASE.buyer,
            identifiers=(PartyId("0088", "7300010000001"), PartyId("0192", "987654321")),
            contact=Contact(name="Anna"),
        ),
        validity_end=date(2026, 12, 31),
    )


def test_the_json_view_is_camel_case_with_decimals_and_dates_as_strings() -> None:
    body = from_diff(diff_orders(BASE, _changed()), "doc-1", "doc-2").model_dump(mode="json")
    assert body["from"] == {
        "documentId": "doc-1",
        "number": "PO-1",
        "documentType": "Order",
        "issueDate": "2026-11-23",
        "sequenceNumber": None,
        "referencedOrder": None,
    }
    assert (body["to"]["documentId"], body["to"]["number"], body["to"]["sequenceNumber"]) == (
        "doc-2",
        "CH-1",
        "2",
    )
    assert body["identical"] is False
    assert body["header"] == [
        {"field": "validityEnd", "old": None, "new": "2026-12-31"},
        {
            "field": "buyer.identifiers",
            "old": [],
            "new": ["0088:7300010000001", "0192:987654321"],
        },
        {"field": "buyer.contact.name", "old": "Martin", "new": "Anna"},
    ]
    first, deleted, _, added = body["lines"]
    assert first["fields"] == [{"field": "quantity", "old": "20", "new": "25.50"}]
    assert (first["change"], first["statusCode"], first["itemReplaced"]) == ("changed", "3", False)
    assert deleted["change"] == "deleted" and deleted["new"] is None
    assert deleted["old"]["item"]["sellersId"] == "MSK-50" and deleted["old"]["price"] == "5.00"
    assert added["old"] is None and added["new"]["allowanceCharges"] == [
        {
            "isCharge": False,
            "amount": "1.5",
            "reason": None,
            "reasonCode": None,
            "percent": None,
            "baseAmount": None,
            "taxCategory": None,
            "taxPercent": None,
        }
    ]
    assert set(added["new"]) == {
        "quantity",
        "unitCode",
        "price",
        "priceBaseQuantity",
        "lineAmount",
        "item",
        "requestedDelivery",
        "note",
        "allowanceCharges",
    }
    assert body["summary"] == {
        "added": 1,
        "deleted": 1,
        "changed": 1,
        "replaced": 0,
        "unchanged": 1,
    }


def test_unchanged_lines_can_be_left_out_and_are_still_counted() -> None:
    view = OrderDiffView.from_diff(diff_orders(BASE, _changed()), include_unchanged=False)
    assert [x.lineId for x in view.lines] == ["1", "2", "4"]
    assert view.summary.unchanged == 1


def test_an_identical_order_is_said_to_be_identical() -> None:
    view = OrderDiffView.from_diff(diff_orders(BASE, BASE))
    assert view.identical and view.header == []
    assert {x.change for x in view.lines} == {"unchanged"}


@settings(max_examples=50, deadline=None)
@given(order_pairs())
def test_the_json_view_reads_back_as_the_same_view(pair: tuple[OrderContent, ...]) -> None:
    view = OrderDiffView.from_diff(diff_orders(*pair))
    assert OrderDiffView.model_validate_json(view.model_dump_json()) == view
    assert '"from"' in view.model_dump_json()


def test_the_view_is_documented_in_openapi_as_a_response_model() -> None:
    api = FastAPI()

    @api.get("/changes", response_model=OrderDiffView)
    def changes() -> OrderDiffView:
        return OrderDiffView.from_diff(diff_orders(BASE, _changed()), "doc-1")

    schema = api.openapi()["components"]["schemas"]
    view = schema["OrderDiffView"]
    assert set(view["required"]) == {"from", "to", "identical", "header", "lines", "summary"}
    assert "delivery.address.city" in view["properties"]["header"]["description"]
    line_fields = schema["LineDiffView"]["properties"]["fields"]["description"]
    assert all(name in line_fields for name in LINE_FIELDS)
    assert schema["LineDiffView"]["properties"]["change"]["enum"] == [
        "added",
        "deleted",
        "changed",
        "replaced",
        "unchanged",
    ]
    body = TestClient(api).get("/changes").json()
    assert body["from"]["documentId"] == "doc-1" and "from_" not in body


# --- the table for people --------------------------------------------------------------


def test_values_are_shown_as_people_read_them() -> None:
    assert format_value(None) == "-" and format_value(()) == "-"
    assert format_value(Decimal("1E+2")) == "100"
    assert format_value(date(2026, 1, 5)) == "2026-01-05"
    assert format_value((PartyId("0088", "1"), PartyId("0192", "2"))) == "0088:1; 0192:2"
    charges = (
        AllowanceCharge(True, Decimal("5.00"), reason="Freight", percent=Decimal("2")),
        AllowanceCharge(False, None, reason_code="95"),
    )
    assert format_value(charges) == "charge 5.00 2% Freight; allowance 95"


def test_a_line_is_summed_up_by_quantity_unit_item_and_price() -> None:
    assert format_line(BASE.lines[1]) == "40 C62 MSK-50 Surgical masks @ 5.00"
    assert format_line(line("9", "1", Item())) == "1 C62"
    assert format_line(None) == "-"


def test_the_table_lists_changed_fields_per_line_and_counts_unchanged_lines() -> None:
    text = format_diff(diff_orders(BASE, _changed()))
    lines = text.splitlines()
    assert lines[0] == "PO-1 (Order, 2026-11-23) -> CH-1 (Order #2, 2026-11-23)"
    assert lines[1] == "lines: 1 added, 1 deleted, 1 changed, 0 replaced, 1 unchanged"
    rows = [row.split() for row in lines]
    assert ["1", "changed", "quantity", "20", "25.50"] in rows
    assert ["buyer.contact.name", "Martin", "Anna"] in rows
    assert [
        "2",
        "deleted",
        "line",
        "40",
        "C62",
        "MSK-50",
        "Surgical",
        "masks",
        "@",
        "5.00",
        "-",
    ] in rows
    assert not any(row[:1] == ["3"] for row in rows)  # line 3 is unchanged
    assert lines[-1] == "1 unchanged line(s) not shown."
    assert all(line == line.rstrip() for line in lines)


def test_long_values_are_cut_and_columns_stay_aligned() -> None:
    note = "x" * (WIDTH + 20)
    text = format_diff(diff_orders(BASE, replace(BASE, note=note, accounting_cost="A")))
    header = text.split("Header\n")[1].splitlines()
    assert header[0] == "FIELD           OLD  NEW"
    assert header[1] == "note            -    " + "x" * (WIDTH - 3) + "..."
    assert header[2] == "accountingCost  -    A"


def test_a_diff_without_differences_says_so() -> None:
    assert format_diff(diff_orders(BASE, BASE)).endswith("\nNo differences.\n")
