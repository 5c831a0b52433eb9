"""Order content as stored JSON: the same as the generic encoding, once per content, never stale."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from ordex.domain.errors import DocumentInvalid, MalformedDocument
from ordex.peppol.parse import parse_document
from ordex.storage.snapshots import dumps, from_json, to_json
from tests.conformance.shared import label, shared_files
from tests.integration.test_storage import a_content

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DOCUMENTS = sorted(EXAMPLES.glob("*.xml")) + shared_files("examples")


def test_a_content_stored_twice_is_encoded_once() -> None:
    content = a_content("PO-1")
    first = dumps(content)
    assert dumps(content) is first
    assert json.loads(first)["number"] == "PO-1"


def test_a_value_that_is_not_a_domain_value_is_encoded_afresh_each_time() -> None:
    details = {"orderId": "o-1"}
    assert dumps(details) == '{"orderId": "o-1"}'
    details["orderId"] = "o-2"
    assert dumps(details) == '{"orderId": "o-2"}'


def test_the_next_content_is_not_given_the_text_of_the_last() -> None:
    dumps(a_content("PO-1"))
    assert json.loads(dumps(a_content("PO-2")))["number"] == "PO-2"


@pytest.mark.parametrize(
    "path", DOCUMENTS, ids=lambda path: path.name if path.parent == EXAMPLES else label(path)
)
def test_the_stored_text_of_a_content_reads_back_as_the_same_content(path: Path) -> None:
    try:
        content = parse_document(path.read_bytes()).content
    except (DocumentInvalid, MalformedDocument):
        return  # not a document ordex reads (an Order Agreement, a snippet): refused by name
    stored = json.loads(dumps(content))
    assert from_json(type(content), stored) == content
    assert stored == to_json(content)  # what the API renders (api/views) is what is stored


def test_amounts_dates_and_codes_are_stored_as_strings() -> None:
    stored = json.loads(dumps(a_content("PO-3")))
    line = stored["lines"][0]
    assert isinstance(line["quantity"], str) and Decimal(line["quantity"]) > 0
    assert stored["issue_date"] == a_content("PO-3").issue_date.isoformat()
    assert stored["document_type"] == a_content("PO-3").document_type.value
