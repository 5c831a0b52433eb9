"""The official Peppol ordering examples: ordex reads, validates and rewrites them.

Every example parses; native validation finds no fatal error; and (except the Order
Agreement, T110, which ordex passes on as the seller wrote it and does not render)
parse -> render -> parse keeps its content, and the document ordex renders from its
content passes the official Schematron and the UBL schema of its transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from ordex.domain.content import CancellationContent, DocumentType, OrderContent
from ordex.domain.errors import Finding
from ordex.peppol.parse import ParsedDocument, parse_document
from ordex.peppol.render import render_cancellation, render_order, render_response
from ordex.peppol.transactions import BY_CODE, Transaction
from ordex.peppol.validate import validate
from tests.conformance.conftest import Oracle
from tests.conformance.shared import label, peppol_shared, shared_files

pytestmark = pytest.mark.shared

ALL_EXAMPLES = shared_files("examples")
AGREEMENTS = [p for p in ALL_EXAMPLES if "order_agreement:3" in p.read_text(encoding="utf-8")]
EXAMPLES = [p for p in ALL_EXAMPLES if p not in AGREEMENTS]


def rendered(doc: ParsedDocument) -> bytes:
    content = doc.content
    if isinstance(content, OrderContent):
        return render_order(content)
    if isinstance(content, CancellationContent):
        return render_cancellation(content)
    return render_response(content)


def fatal_ids(findings: list[Finding]) -> list[str]:
    return [f"{f.rule_id} at {f.path}" for f in findings if f.flag == "fatal"]


def test_the_official_material_is_there() -> None:
    shared = peppol_shared()
    assert len(EXAMPLES) >= 40, f"expected the official examples under {shared}/examples"


@pytest.mark.parametrize("path", EXAMPLES, ids=label)
def test_an_official_example_parses(path: Path) -> None:
    doc = parse_document(path.read_bytes())
    assert doc.transaction in BY_CODE and doc.number and doc.sender and doc.receiver


@pytest.mark.parametrize("path", EXAMPLES, ids=label)
def test_an_official_example_survives_parse_render_parse(path: Path) -> None:
    doc = parse_document(path.read_bytes())
    again = parse_document(rendered(doc))
    assert again.transaction == doc.transaction
    assert again.content == doc.content


@pytest.mark.parametrize("path", EXAMPLES, ids=label)
def test_native_validation_finds_no_fatal_error_in_an_official_example(path: Path) -> None:
    assert fatal_ids(validate(parse_document(path.read_bytes()))) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=label)
def test_what_ordex_renders_from_an_example_passes_the_official_schematron(
    path: Path, official: Oracle
) -> None:
    doc = parse_document(path.read_bytes())
    assert fatal_ids(official(doc.transaction, rendered(doc))) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=label)
def test_what_ordex_renders_from_an_example_is_valid_against_the_ubl_schema(
    path: Path, ubl_schema: Callable[[Transaction], etree.XMLSchema]
) -> None:
    doc = parse_document(path.read_bytes())
    schema = ubl_schema(BY_CODE[doc.transaction])
    tree = etree.fromstring(rendered(doc))
    assert schema.validate(tree), schema.error_log.filter_from_errors()


@pytest.mark.parametrize("path", AGREEMENTS, ids=label)
def test_an_official_order_agreement_is_read_as_the_sellers_order_and_is_valid(
    path: Path,
) -> None:
    doc = parse_document(path.read_bytes())
    assert doc.transaction == "T110" and doc.document_type is DocumentType.ORDER_AGREEMENT
    assert isinstance(doc.content, OrderContent) and doc.content.lines
    assert doc.sender == doc.content.seller.endpoint and doc.receiver == doc.content.buyer.endpoint
    assert fatal_ids(validate(doc)) == []
