"""A value is its element's XPath string value: comments, processing instructions and
CDATA sections inside a code or number change nothing, as in the official rules
(``<cbc:OrderResponseCode><!--c-->CA</cbc:OrderResponseCode>`` is "CA")."""

from __future__ import annotations

import pytest
from lxml import etree

from ordex.domain.errors import Finding
from ordex.peppol.rules import run_rules
from ordex.peppol.schematron import SchematronFailed
from ordex.peppol.transactions import BY_CODE
from ordex.peppol.xml import parse_xml
from tests.conformance.conftest import Oracle
from tests.conformance.shared import SHARED

pytestmark = pytest.mark.shared

EXAMPLES = {
    "T01": "Order_Example.xml",
    "T76": "OrderResponse_Example.xml",
    "T114": "OrderChange_Example.xml",
    "T115": "OrderCancellation_Example.xml",
    "T116": "OrderResponseAdvanced_Example.xml",
}
VALUES = (
    "OrderTypeCode",  # B00801 (T01)
    "OrderResponseCode",  # B00801 (T76, T116)
    "ProfileID",  # B00301, R031
    "CustomizationID",  # R034
    "LineStatusCode",  # B04401 (T116)
    "AllowanceChargeReasonCode",  # B19701, CL001, CL002
    "DocumentCurrencyCode",  # ISO 4217, R003
    "ChargeIndicator",
    "IdentificationCode",  # ISO 3166
    "Quantity",
    "LineExtensionAmount",
    "IssueDate",  # COMMON-R030
)
MARK = "@@value@@"
WRAPPINGS = {
    "comment first": "<!--c-->{v}",
    "comment inside": "{a}<!--c-->{b}",
    "comment last": "{v}<!--c-->",
    "processing instruction inside": "{a}<?pi x?>{b}",
    "CDATA part": "<![CDATA[{a}]]>{b}",
    "comment and CDATA": "<!--c--><![CDATA[{a}]]><?pi?>{b}<!---->",
}


def wrapped(transaction: str, name: str, wrapping: str) -> bytes:
    """The example with every ``name`` value's text split by ``wrapping``."""
    path = SHARED / "examples" / "openpeppol" / EXAMPLES[transaction]
    root = etree.parse(str(path)).getroot()
    found = [e for e in root.iter() if isinstance(e.tag, str) and etree.QName(e).localname == name]
    if not found:
        pytest.skip(f"no {name} in {EXAMPLES[transaction]}")
    replacements = []
    for number, element in enumerate(found):
        text = element.text or ""
        if len(element) or len(text) < 2:
            continue
        marker = f"{MARK}{number}@@"
        element.text = marker
        half = len(text) // 2
        raw = wrapping.format(v=text, a=text[:half], b=text[half:])
        replacements.append((marker, raw))
    data = etree.tostring(root, encoding="unicode")
    for marker, raw in replacements:
        data = data.replace(marker, raw)
    return data.encode("utf-8")


def fired(findings: list[Finding]) -> set[str]:
    return {f"{f.rule_id}/{f.flag}" for f in findings if not f.rule_id.startswith("ORDEX-")}


def native(transaction: str, data: bytes) -> list[Finding]:
    return run_rules(BY_CODE[transaction], parse_xml(data))


@pytest.mark.parametrize("wrapping", WRAPPINGS.values(), ids=WRAPPINGS.keys())
@pytest.mark.parametrize("transaction", EXAMPLES)
def test_comments_pis_and_cdata_inside_values_give_the_official_verdict(
    official: Oracle, transaction: str, wrapping: str
) -> None:
    """Where the official rules read ``normalize-space(text())`` (code lists, fixed
    values), a comment between two pieces of text is a type error that stops them:
    native validation then says so (ORDEX-R002); anywhere else the verdicts are equal,
    and equal to the verdict on the plain value."""
    for name in VALUES:
        try:
            data = wrapped(transaction, name, wrapping)
        except pytest.skip.Exception:
            continue
        mine = native(transaction, data)
        stops = [f for f in mine if f.rule_id == "ORDEX-R002"]
        try:
            theirs = official(transaction, data)
        except SchematronFailed:
            assert stops, f"{name}: the official rules stop, native validation does not"
            continue
        assert not stops, f"{name}: {stops}"
        plain = native(transaction, wrapped(transaction, name, "{v}"))
        assert fired(mine) == fired(theirs), name
        assert fired(mine) == fired(plain), name


def test_a_comment_before_an_order_response_code_leaves_the_code_whole(official: Oracle) -> None:
    """The issue's repro: ``<cbc:OrderResponseCode><!--c-->CA</cbc:OrderResponseCode>``."""
    data = wrapped("T76", "OrderResponseCode", "<!--c-->{v}")
    assert b"<!--c-->" in data
    assert fired(native("T76", data)) == fired(official("T76", data)) == set()
