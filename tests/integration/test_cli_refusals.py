"""``ordex validate --json`` on documents it refuses: each refusal is a finding with a
rule ID (official where one applies), never an empty ``findings[]``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ordex.cli import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "order.xml"
CUSTOMIZATION = b"<cbc:CustomizationID>urn:fdc:peppol.eu:poacc:trns:order:3"
runner = CliRunner()


def refused(tmp_path: Path, data: bytes) -> dict[str, object]:
    path = tmp_path / "refused.xml"
    path.write_bytes(data)
    result = runner.invoke(app, ["validate", "--json", str(path)])
    assert result.exit_code == 1, result.output
    [item] = json.loads(result.output)
    assert item["valid"] is False and item["error"]
    return dict(item)


def with_doctype(data: bytes) -> bytes:
    return data.replace(b"<Order", b"<!DOCTYPE Order>\n<Order", 1)


def with_leading_zero_width_space(data: bytes) -> bytes:
    assert CUSTOMIZATION in data
    return data.replace(CUSTOMIZATION, CUSTOMIZATION.replace(b">", ">\u200b".encode(), 1))


CASES = {
    "DOCTYPE": (with_doctype, "ORDEX-R020"),
    "DOCTYPE inside a comment": (
        lambda d: d.replace(b"<Order", b"<!-- <!DOCTYPE x> -->\n<Order", 1),
        "ORDEX-R020",
    ),
    "CustomizationID with a leading U+200B": (
        with_leading_zero_width_space,
        "PEPPOL-T01-R034",
    ),
    "unknown CustomizationID": (
        lambda d: d.replace(CUSTOMIZATION, b"<cbc:CustomizationID>urn:example:order"),
        "PEPPOL-T01-R034",
    ),
    "not well-formed": (lambda d: d.replace(b"</Order>", b""), "ORDEX-R022"),
    "not an ordering root": (
        lambda d: b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
        "ORDEX-R023",
    ),
}


@pytest.mark.parametrize(("alter", "rule_id"), CASES.values(), ids=CASES.keys())
def test_a_refused_document_is_reported_as_a_finding_with_a_rule_id(
    tmp_path: Path, alter: object, rule_id: str
) -> None:
    item = refused(tmp_path, alter(EXAMPLE.read_bytes()))  # type: ignore[operator]
    findings = item["findings"]
    assert isinstance(findings, list) and findings
    assert all(finding["ruleId"] and finding["flag"] for finding in findings)
    assert rule_id in {finding["ruleId"] for finding in findings}
    assert any(finding["flag"] == "fatal" for finding in findings)
