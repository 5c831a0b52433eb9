"""A document refused for its CustomizationID names the rules the official Schematron
fires on it: the stylesheet of the transaction its root (and ProfileID) points to."""

from __future__ import annotations

import pytest
from lxml import etree

from ordex.domain.errors import MalformedDocument
from ordex.peppol.parse import parse_document
from tests.conformance.conftest import Oracle
from tests.conformance.shared import SHARED

pytestmark = pytest.mark.shared

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
EXAMPLES = {
    "Order_Example.xml": "T01",
    "OrderResponse_Example.xml": "T76",
    "OrderResponseAdvanced_Example.xml": "T116",
    "OrderChange_Example.xml": "T114",
    "OrderCancellation_Example.xml": "T115",
}
ALTERATIONS = {
    "leading U+200B": "\u200b{v}",
    "unknown": "urn:example:unknown",
    "blank": "",
    # a Peppol transaction of another family (T110, the Order Agreement, is read since)
    "another transaction's": "urn:fdc:peppol.eu:poacc:trns:despatch_advice:3",
}


@pytest.mark.parametrize("alteration", ALTERATIONS.values(), ids=ALTERATIONS.keys())
@pytest.mark.parametrize(("example", "transaction"), EXAMPLES.items(), ids=EXAMPLES.keys())
def test_a_refused_customization_id_is_reported_with_the_official_rules(
    official: Oracle, example: str, transaction: str, alteration: str
) -> None:
    root = etree.parse(str(SHARED / "examples" / "openpeppol" / example)).getroot()
    element = root.find(f"{{{CBC}}}CustomizationID")
    assert element is not None and element.text
    element.text = alteration.format(v=element.text)
    data = etree.tostring(root)
    with pytest.raises(MalformedDocument) as refused:
        parse_document(data)
    mine = {(f.rule_id, f.flag) for f in refused.value.findings}
    theirs = {(f.rule_id, f.flag) for f in official(transaction, data)}
    assert mine == theirs
    assert any(flag == "fatal" for _, flag in mine)
