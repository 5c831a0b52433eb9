"""The constrained JSON types (api/fields.py) and every cap on a list, on both sides."""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, TypeAdapter, ValidationError

from ordex.api import commerce_schemas as commerce
from ordex.api import financing_schemas as financing
from ordex.api import schemas as psb
from ordex.api.fields import (
    MAX_FINANCING_ITEMS,
    MAX_MARK_ITEMS,
    MAX_ORDER_POSITIONS,
    MAX_PROBLEMS,
    MAX_REQUEST_ITEMS,
    MAX_RESPONSE_LINES,
    DecimalLimits,
    XmlText,
    field_problems,
)


class Sample(BaseModel):
    amount: Annotated[Decimal, DecimalLimits(18, 6)] | None = None
    text: Annotated[str, XmlText(50)] | None = None


def refusal(**fields: Any) -> str:
    with pytest.raises(ValidationError) as caught:
        Sample.model_validate(fields)
    [error] = caught.value.errors()
    return str(error["msg"])


@pytest.mark.parametrize(
    "value",
    [
        "1E+100000000",
        "1e-100000000",
        "1E+18",
        "1234567890123456789",
        1234567890123456789,
        "0.0000001",
        "1" * 65,
        "NaN",
        "sNaN",
        "Infinity",
        "-Infinity",
        float("inf"),
        float("nan"),
        Decimal("1E+100000000"),
    ],
)
def test_a_decimal_beyond_its_digits_or_not_finite_is_refused_before_it_is_built(
    value: Any,
) -> None:
    started = time.perf_counter()
    message = refusal(amount=value)
    assert time.perf_counter() - started < 0.5
    assert "digits" in message or "finite" in message or "characters" in message


@pytest.mark.parametrize(
    ("value", "held"),
    [
        ("1E+3", "1000"),
        ("12.50", "12.50"),
        ("1.5000000000", "1.5"),
        ("0.000001", "0.000001"),
        ("999999999999999999.999999", "999999999999999999.999999"),
        ("-3", "-3"),
        (2.5, "2.5"),
        (7, "7"),
        ("0E+100000000", "0"),
    ],
)
def test_a_decimal_within_its_digits_is_held_in_plain_notation(value: Any, held: str) -> None:
    amount = Sample.model_validate({"amount": value}).amount
    assert amount is not None
    assert str(amount) == held


@pytest.mark.parametrize(
    "character", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\ufffe", "\uffff"]
)
def test_a_character_xml_cannot_carry_is_refused_naming_it(character: str) -> None:
    message = refusal(text=f"ok{character}")
    assert f"U+{ord(character):04X}" in message and "position 2" in message


def test_a_lone_surrogate_is_refused() -> None:
    assert "string" in refusal(text="ok\ud800")  # pydantic's own str refuses it already


@pytest.mark.parametrize("value", ["tab\there", "lines\r\n", "\ud7ff\ue000\ufffd", "😀 Grüße"])
def test_text_that_xml_carries_is_kept(value: str) -> None:
    assert Sample.model_validate({"text": value}).text == value


def test_text_over_its_length_is_refused() -> None:
    assert "50" in refusal(text="x" * 51)
    assert Sample.model_validate({"text": "x" * 50}).text == "x" * 50


def test_no_more_than_the_cap_of_problems_is_described_and_none_echoes_its_input() -> None:
    class Many(BaseModel):
        values: list[int]

    with pytest.raises(ValidationError) as caught:
        Many.model_validate({"values": ["x" * 10_000] * 500})
    problems = field_problems(caught.value.errors())
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].message == f"… and {500 - MAX_PROBLEMS} more problem(s) left out."
    assert all("xxxx" not in p.message and "pydantic" not in p.message for p in problems)


# -- caps: at the cap accepted, one over refused naming the field and the cap ----------------

LINE = {"lineId": "1", "status": "5"}
POSITION = {"orderItemReference": 1, "quantity": 1, "grossUnitPrice": 1, "vatPercent": 19}
ITEM_REF = {"orderItemReference": 1}
FIN_ITEM = {"code": "C", "name": "Chair", "totalPrice": {"amount": 100, "currency": "CZK"}}


def commerce_order(items: list[Any]) -> dict[str, Any]:
    return {"orderReference": "R", "currency": "EUR", "orderDate": "2024-01-01", "items": items}


def cancellation(items: list[Any]) -> dict[str, Any]:
    return {"items": items, "cancellationDate": "2024-01-01", "cancellationReason": "OUT_OF_STOCK"}


def a_return(items: list[Any]) -> dict[str, Any]:
    return {
        "items": items,
        "returnDate": "2024-01-01",
        "returnReason": "CUSTOMER_RETURN",
        "returnReference": "R-1",
    }


def financing_order(items: list[Any]) -> dict[str, Any]:
    return {"financingType": "DEFERRED_PAYMENT", "order": {"number": "N", "items": items}}


CAPS: list[tuple[Any, Any, Any, int, tuple[Any, ...]]] = [
    (psb.OrderResponseIn, lambda items: {"status": "CA", "lines": items}, LINE,
     MAX_RESPONSE_LINES, ("lines",)),
    (commerce.OrderIn, commerce_order, POSITION, MAX_ORDER_POSITIONS, ("items",)),
    (commerce.CancellationIn, cancellation, ITEM_REF, MAX_REQUEST_ITEMS, ("items",)),
    (commerce.ReturnIn, a_return, ITEM_REF, MAX_REQUEST_ITEMS, ("items",)),
    (commerce.InvoiceIn, lambda items: {"invoiceReference": "I-1", "items": items}, ITEM_REF,
     MAX_REQUEST_ITEMS, ("items",)),
    (financing.ApplicationIn, financing_order, FIN_ITEM, MAX_FINANCING_ITEMS,
     ("order", "items")),
    (financing.MarkIn, lambda items: {"items": items}, {"code": "C"}, MAX_MARK_ITEMS,
     ("items",)),
    (TypeAdapter(financing.MarkList), lambda items: items, {"code": "C"}, MAX_MARK_ITEMS, ()),
]  # fmt: skip


@pytest.mark.parametrize(
    ("model", "wrap", "item", "cap", "where"),
    CAPS,
    ids=["psb-lines", "positions", "cancel-items", "return-items", "invoice-items",
         "financing-items", "mark-items", "mark-list"],
)  # fmt: skip
def test_a_list_at_its_cap_is_read_and_one_more_is_refused_naming_field_and_cap(
    model: Any, wrap: Any, item: Any, cap: int, where: tuple[Any, ...]
) -> None:
    validate = model.validate_python if isinstance(model, TypeAdapter) else model.model_validate
    validate(wrap([item] * cap))
    with pytest.raises(ValidationError) as caught:
        validate(wrap([item] * (cap + 1)))
    [problem] = field_problems(caught.value.errors())
    assert problem.field == (".".join(where) or "body")
    assert f"at most {cap} items" in problem.message


def test_the_caps_are_the_documented_ones() -> None:
    assert (MAX_RESPONSE_LINES, MAX_ORDER_POSITIONS, MAX_REQUEST_ITEMS) == (5000, 1000, 1000)
    assert (MAX_FINANCING_ITEMS, MAX_MARK_ITEMS) == (1000, 1000)
