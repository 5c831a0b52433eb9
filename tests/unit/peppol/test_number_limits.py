"""Numbers are bounded before ordex computes with them, and over-long identifiers are
refused before they reach a database column: each a finding, never a crash."""

from __future__ import annotations

import pytest

from ordex.peppol.parse import parse_document
from ordex.peppol.rules.native import MAX_IDENTIFIER_LENGTH
from ordex.peppol.validate import validation
from ordex.peppol.values import MAX_DECIMAL_DIGITS, parse_decimal, shown, too_long
from ordex.storage import tables
from tests.unit.peppol.documents import ALL_FIXTURES, ORDER, edited, set_text

LINE2_QUANTITY = "cac:OrderLine[2]/cac:LineItem/cbc:Quantity"
QUANTITY_PATH = "/Order/cac:OrderLine[2]/cac:LineItem/cbc:Quantity"


def rules_at(data: bytes) -> set[tuple[str, str]]:
    return {(f.rule_id, f.path) for f in validation(parse_document(data)).findings}


def test_a_decimal_is_read_up_to_its_digit_limit_and_not_beyond() -> None:
    assert MAX_DECIMAL_DIGITS == 100
    longest = ["9" * 100, "-" + "9" * 100, "9" * 99 + ".9", " +0." + "0" * 98 + "1 "]
    for text in longest:
        assert parse_decimal(text) is not None and not too_long(text)
    for text in ("9" * 101, "-" + "9" * 101, "9" * 100 + ".9", "0." + "0" * 100):
        assert parse_decimal(text) is None and too_long(text)
    assert not too_long("9" * 100 + "x")  # not a decimal at all: ORDEX-R001 says so


@pytest.mark.parametrize("digits", [1_000_000, MAX_DECIMAL_DIGITS + 1])
def test_a_quantity_of_too_many_digits_is_a_finding_not_a_crash(digits: int) -> None:
    # A million digits overflowed the decimal context in PEPPOL-T01-R024 (a 500).
    data = edited(ORDER, set_text(LINE2_QUANTITY, "9" * digits))
    findings = validation(parse_document(data)).findings
    assert {(f.rule_id, f.path) for f in findings} == {("ORDEX-R010", QUANTITY_PATH)}
    assert f"found {digits} digits" in findings[0].message
    assert len(findings[0].message) < 300  # the value is quoted, cut short


def test_a_quantity_of_the_most_digits_is_computed_with() -> None:
    found = rules_at(edited(ORDER, set_text(LINE2_QUANTITY, "9" * MAX_DECIMAL_DIGITS)))
    assert ("ORDEX-R010", QUANTITY_PATH) not in found
    assert ("PEPPOL-T01-R024", "/Order/cac:OrderLine[2]/cac:LineItem") in found
    assert not any(rule == "ORDEX-R002" for rule, _ in found)


def test_an_amount_with_an_exponent_is_refused_and_quoted_short() -> None:
    data = edited(ORDER, set_text(LINE2_QUANTITY, "1E+" + "9" * 200))
    findings = validation(parse_document(data)).findings
    assert {f.rule_id for f in findings} == {"ORDEX-R001", "ORDEX-R002"}
    assert all(len(f.message) < 300 for f in findings)
    assert shown("x" * 41) == repr("x" * 40) + "... (41 characters)"


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_an_identifier_longer_than_ordex_stores_is_a_finding(name: str) -> None:
    data = edited(name, set_text("cbc:ID", "X" * (MAX_IDENTIFIER_LENGTH + 1)))
    assert ("ORDEX-R011", f"/{_root(data)}/cbc:ID") in rules_at(data)
    data = edited(name, set_text("cbc:ID", " " + "X" * MAX_IDENTIFIER_LENGTH + "\n"))
    assert not any(rule == "ORDEX-R011" for rule, _ in rules_at(data))


def test_a_profile_longer_than_ordex_stores_is_a_finding() -> None:
    data = edited(ORDER, set_text("cbc:ProfileID", "u" * (MAX_IDENTIFIER_LENGTH + 1)))
    assert ("ORDEX-R011", "/Order/cbc:ProfileID") in rules_at(data)


def test_the_identifier_limit_is_what_the_columns_hold() -> None:
    columns = (tables.orders.c.number, tables.documents.c.number, tables.orders.c.profile_id)
    assert {column.type.length for column in columns} == {MAX_IDENTIFIER_LENGTH}  # type: ignore[attr-defined]


def _root(data: bytes) -> str:
    return parse_document(data).tree.tag.rpartition("}")[2]
