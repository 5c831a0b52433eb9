"""validate() lists findings with where they are; check() raises only for fatal ones."""

from __future__ import annotations

import pytest

from ordex.domain.errors import DocumentInvalid
from ordex.peppol.parse import parse_document
from ordex.peppol.validate import check, validate
from tests.unit.peppol.documents import ORDER, edited, fixture, remove, set_text

LINE2 = "cac:OrderLine[2]/cac:LineItem"


def test_a_finding_names_the_element_path_and_its_source_line() -> None:
    data = fixture(ORDER).replace(
        b">60.00</cbc:LineExtensionAmount>", b">61.00</cbc:LineExtensionAmount>"
    )
    finding = next(f for f in validate(parse_document(data)) if f.rule_id == "PEPPOL-T01-R024")
    assert finding.path == "/Order/cac:OrderLine[2]/cac:LineItem"
    assert finding.line == 178
    assert "expected 60, found 61.00" in finding.message


def test_findings_come_in_document_order() -> None:
    data = edited(ORDER, set_text(f"{LINE2}/cbc:ID", "1"), set_text("cbc:IssueDate", "yesterday"))
    lines = [f.line or 0 for f in validate(parse_document(data))]
    assert lines == sorted(lines)


def test_check_passes_a_valid_document() -> None:
    check(parse_document(fixture(ORDER)))


def test_check_raises_for_fatal_findings_naming_each_rule_and_where() -> None:
    data = edited(ORDER, set_text(f"{LINE2}/cbc:ID", "1"))
    with pytest.raises(DocumentInvalid) as refused:
        check(parse_document(data))
    assert refused.value.message.startswith("2 rule(s) failed: PEPPOL-T01-R001 at /Order/")
    assert "(line " in refused.value.message
    assert {f.rule_id for f in refused.value.findings} == {"PEPPOL-T01-R001"}


def test_check_names_five_failed_rules_and_counts_the_rest() -> None:
    data = edited(ORDER, remove("cbc:DocumentCurrencyCode"))  # every amount breaks R003
    with pytest.raises(DocumentInvalid) as refused:
        check(parse_document(data))
    fatal = [f for f in refused.value.findings if f.flag == "fatal"]
    assert len(fatal) > 5 and f"and {len(fatal) - 5} more" in refused.value.message


def test_warnings_alone_do_not_make_a_document_invalid() -> None:
    doc = parse_document(edited(ORDER, remove("cac:ValidityPeriod")))
    assert [f.flag for f in validate(doc)] == ["warning"]
    check(doc)


def test_the_invalid_error_carries_warnings_too() -> None:
    data = edited(ORDER, remove("cac:ValidityPeriod"), set_text(f"{LINE2}/cbc:ID", "1"))
    with pytest.raises(DocumentInvalid) as refused:
        check(parse_document(data))
    assert {f.flag for f in refused.value.findings} == {"fatal", "warning"}
