"""Validation costs time linear in the document, and its answer stays short: findings are
capped per rule and per document, and the ones left out are counted, not built."""

from __future__ import annotations

import time

import pytest

from ordex.domain.errors import DocumentInvalid
from ordex.peppol.parse import parse_document
from ordex.peppol.rules import MAX_FINDINGS_PER_DOCUMENT, MAX_FINDINGS_PER_RULE, registry
from ordex.peppol.validate import check, validation
from tests.unit.peppol.documents import ORDER, fixture

EMPTY_UNKNOWN = "PEPPOL-T01-B00110", "PEPPOL-COMMON-R001"
"""What each empty ``<a/>`` breaks: not part of the data model, and empty."""


def hostile(elements: int, element: bytes = b"<a/>") -> bytes:
    """The fixture order with ``elements`` empty elements after its cbc:ID (4 bytes each)."""
    return fixture(ORDER).replace(b"<cbc:IssueDate>", element * elements + b"<cbc:IssueDate>", 1)


def test_fifteen_thousand_empty_elements_are_validated_in_time_linear_in_their_number() -> None:
    # Before: ~29 s of CPU (each finding's path scanned all 15,000 siblings).
    data = hostile(15_000)
    started = time.process_time()
    result = validation(parse_document(data))
    assert time.process_time() - started < 2.0  # about 0.1 s
    assert len(data) < 128 * 1024 and result.fatal


def test_each_rule_reports_at_most_its_cap_and_counts_the_rest() -> None:
    result = validation(parse_document(hostile(15_000)))
    kept = [f.rule_id for f in result.findings]
    for rule_id in EMPTY_UNKNOWN:
        assert kept.count(rule_id) == MAX_FINDINGS_PER_RULE
        assert result.omitted[(rule_id, "fatal")] == 15_000 - MAX_FINDINGS_PER_RULE
    assert result.findings_omitted == 2 * (15_000 - MAX_FINDINGS_PER_RULE)
    a = "/Order/{urn:oasis:names:specification:ubl:schema:xsd:Order-2}a"
    first = {f"{a}[{n}]" for n in range(1, MAX_FINDINGS_PER_RULE + 1)}
    assert {f.path for f in result.findings} == first  # each rule's first ones


def test_a_rule_below_its_cap_reports_every_finding_and_nothing_is_omitted() -> None:
    result = validation(parse_document(hostile(MAX_FINDINGS_PER_RULE)))
    assert len(result.findings) == 2 * MAX_FINDINGS_PER_RULE
    assert result.findings_omitted == 0 and result.omitted == {}
    result = validation(parse_document(hostile(MAX_FINDINGS_PER_RULE + 1)))
    assert result.findings_omitted == 2


def test_the_document_reports_at_most_its_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    assert MAX_FINDINGS_PER_DOCUMENT == 1000 and MAX_FINDINGS_PER_RULE == 100
    monkeypatch.setattr(registry, "MAX_FINDINGS_PER_DOCUMENT", 150)
    result = validation(parse_document(hostile(15_000)))
    assert len(result.findings) == 150
    assert result.findings_omitted == 2 * 15_000 - 150


def test_no_finding_is_built_for_what_the_caps_leave_out(monkeypatch: pytest.MonkeyPatch) -> None:
    built = []
    finding = registry.Rule.finding

    def counted(rule: registry.Rule, *args: object) -> object:
        built.append(rule.rule_id)
        return finding(rule, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(registry.Rule, "finding", counted)
    result = validation(parse_document(hostile(15_000)))
    assert len(built) == len(result.findings) == 2 * MAX_FINDINGS_PER_RULE


def test_fatal_findings_left_out_still_refuse_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "MAX_FINDINGS_PER_DOCUMENT", 0)
    document = parse_document(hostile(3))
    assert validation(document).findings == []
    with pytest.raises(DocumentInvalid) as refused:
        check(document)
    assert refused.value.findings == [] and refused.value.findings_omitted == 6
    assert refused.value.message.startswith("6 rule(s) failed")
    assert "6 more finding(s) left out" in refused.value.message


def test_the_invalid_error_says_how_many_findings_were_left_out() -> None:
    with pytest.raises(DocumentInvalid) as refused:
        check(parse_document(hostile(15_000)))
    assert len(refused.value.findings) == 2 * MAX_FINDINGS_PER_RULE
    assert refused.value.findings_omitted == 2 * (15_000 - MAX_FINDINGS_PER_RULE)
