"""Hostile Peppol documents get a short, clear 400 quickly, on both databases."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from ordex.peppol.rules import MAX_FINDINGS_PER_RULE
from ordex.peppol.rules.native import MAX_IDENTIFIER_LENGTH
from ordex.peppol.values import MAX_DECIMAL_DIGITS
from ordex.storage import tables as t
from tests.e2e.conftest import SELLER, Hub


def stored_documents(hub: Hub) -> int:
    with hub.runtime.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(t.documents)).scalar_one())


def test_an_order_of_thousands_of_empty_elements_gets_a_short_capped_answer(
    hub: Hub, order_xml: bytes
) -> None:
    # 15,000 empty elements (64 KB) answered 3.7 MB of findings after ~14 s of CPU.
    hostile = order_xml.replace(b"<cbc:IssueDate>", b"<a/>" * 15_000 + b"<cbc:IssueDate>", 1)
    answer: Any = hub.send(hostile)
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["errorCode"] == "DOCUMENT_INVALID"
    assert len(body["errors"]) == 2 * MAX_FINDINGS_PER_RULE
    assert body["findingsOmitted"] == 2 * (15_000 - MAX_FINDINGS_PER_RULE)
    assert len(answer.content) < 100_000
    assert stored_documents(hub) == 0


def test_an_invalid_order_with_few_findings_omits_none(hub: Hub, order_xml: bytes) -> None:
    broken = order_xml.replace(b"<cbc:ID>2</cbc:ID>", b"<cbc:ID>1</cbc:ID>")
    body = hub.send(broken).json()  # type: ignore[attr-defined]
    assert body["errors"] and body["findingsOmitted"] == 0


ORDER_ID = b"<cbc:ID>PO-2026-0001</cbc:ID>"
PROFILE = b"<cbc:ProfileID>urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3</cbc:ProfileID>"


@pytest.mark.parametrize(
    ("original", "element", "template"),
    [
        (ORDER_ID, "cbc:ID", b"<cbc:ID>%s</cbc:ID>"),
        (PROFILE, "cbc:ProfileID", b"<cbc:ProfileID>%s</cbc:ProfileID>"),
    ],
    ids=["id", "profile"],
)
def test_an_identifier_longer_than_ordex_stores_is_refused_naming_it(
    hub: Hub, order_xml: bytes, original: bytes, element: str, template: bytes
) -> None:
    # PostgreSQL refused to store the 201st character: a 500 before the limit.
    too_long = order_xml.replace(original, template % (b"X" * (MAX_IDENTIFIER_LENGTH + 1)))
    answer: Any = hub.send(too_long)
    assert answer.status_code == 400, answer.text
    body = answer.json()
    assert body["errorCode"] == "DOCUMENT_INVALID"
    assert ("ORDEX-R011", f"/Order/{element}") in {(e["ruleId"], e["path"]) for e in body["errors"]}
    assert f"at most {MAX_IDENTIFIER_LENGTH} characters" in body["message"]
    assert stored_documents(hub) == 0


def test_an_identifier_of_the_longest_length_ordex_stores_is_accepted(
    hub: Hub, order_xml: bytes
) -> None:
    longest = order_xml.replace(ORDER_ID, b"<cbc:ID>%s</cbc:ID>" % (b"X" * MAX_IDENTIFIER_LENGTH))
    answer: Any = hub.send(longest)
    assert answer.status_code == 200, answer.text
    assert answer.json()["number"] == "X" * MAX_IDENTIFIER_LENGTH


def scaled(order_xml: bytes, zeros: int) -> bytes:
    """The example order with every amount and price times 10**zeros (still consistent)."""
    scaled = order_xml
    for amount in (b"125", b"500", b"625", b"300", b"200", b"15", b"5"):
        scaled = scaled.replace(b">%s.00<" % amount, b">%s%s.00<" % (amount, b"0" * zeros))
    return scaled


def test_an_order_of_amounts_beyond_28_digits_can_be_accepted_with_changes(
    hub: Hub, order_xml: bytes
) -> None:
    # Amounts of 1E+26 and more: quantizing the changed line amount to the cent raised
    # InvalidOperation (a 500) when the seller answered CA.
    document_id = hub.send(scaled(order_xml, 26)).json()["id"]  # type: ignore[attr-defined]
    answer: Any = hub.client.post(
        f"/api/v1/{SELLER}/salesOrder/{document_id}/response",
        json={
            "status": "CA",
            "lines": [
                {"lineId": "1", "status": "changed", "quantity": "21"},
                {"lineId": "2", "status": "accepted"},
            ],
        },
        headers=hub.headers(SELLER),
    )
    assert answer.status_code == 200, answer.text
    view: Any = hub.client.get(
        f"/api/v1/{SELLER}/salesOrder/{document_id}/download",
        headers=hub.headers(SELLER, Accept="application/json"),
    )
    assert view.status_code == 200, view.text


@pytest.mark.parametrize("digits", [1_000_000, MAX_DECIMAL_DIGITS + 1])
def test_an_order_with_a_quantity_of_too_many_digits_is_refused_naming_it(
    hub: Hub, order_xml: bytes, digits: int
) -> None:
    # A million-digit quantity overflowed the decimal context: a 500.
    huge = order_xml.replace(b">20</cbc:Quantity>", b">%s</cbc:Quantity>" % (b"9" * digits))
    answer: Any = hub.send(huge)
    assert answer.status_code == 400, answer.text[:300]
    body = answer.json()
    assert [(e["ruleId"], e["path"]) for e in body["errors"]] == [
        ("ORDEX-R010", "/Order/cac:OrderLine[1]/cac:LineItem/cbc:Quantity")
    ]
    assert len(answer.content) < 2_000
    assert stored_documents(hub) == 0


def test_an_order_with_a_quantity_of_the_most_digits_is_validated(
    hub: Hub, order_xml: bytes
) -> None:
    longest = order_xml.replace(
        b">20</cbc:Quantity>", b">%s</cbc:Quantity>" % (b"9" * MAX_DECIMAL_DIGITS)
    )
    body = hub.send(longest).json()  # type: ignore[attr-defined]
    assert {e["ruleId"] for e in body["errors"]} == {"PEPPOL-T01-R024"}  # computed with
