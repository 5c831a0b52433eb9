"""The official-Schematron oracle: SVRL turned into findings shaped like native ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from ordex.peppol import schematron
from ordex.peppol.parse import parse_document
from ordex.peppol.schematron import SchematronUnavailable, run_schematron
from ordex.peppol.validate import validate
from tests.conformance.shared import peppol_shared
from tests.unit.peppol.documents import ALL_FIXTURES, ORDER, RESPONSE_ADVANCED, fixture

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def xslt_dir() -> Path:
    return peppol_shared() / "schematron" / "release-2026.5" / "xslt"


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_ordex_fixtures_pass_the_official_rules(xslt_dir: Path, name: str) -> None:
    data = fixture(name)
    assert run_schematron(xslt_dir, parse_document(data).transaction, data) == []


def test_a_failed_assertion_becomes_a_finding_with_native_path_and_line(xslt_dir: Path) -> None:
    data = fixture(ORDER).replace(
        b">60.00</cbc:LineExtensionAmount>", b">61.00</cbc:LineExtensionAmount>"
    )
    official = run_schematron(xslt_dir, "T01", data)
    r024 = next(f for f in official if f.rule_id == "PEPPOL-T01-R024")
    assert r024.flag == "fatal"
    assert r024.path == "/Order/cac:OrderLine[2]/cac:LineItem" and r024.line == 178
    assert r024.message.startswith("Order line net amount SHALL equal")  # no "[ID]-" prefix
    native = {(f.rule_id, f.path, f.line) for f in validate(parse_document(data))}
    assert {(f.rule_id, f.path, f.line) for f in official} == native


def test_the_response_code_rules_agree_with_the_native_ones(xslt_dir: Path) -> None:
    data = fixture(RESPONSE_ADVANCED).replace(b">CA<", b">AP<")
    official = {(f.rule_id, f.path) for f in run_schematron(xslt_dir, "T116", data)}
    native = {(f.rule_id, f.path) for f in validate(parse_document(data))}
    assert official == native == {("PEPPOL-T116-R008", "/OrderResponse/cbc:OrderResponseCode")}


def test_a_stylesheet_is_compiled_once_and_reused(xslt_dir: Path) -> None:
    oracle = schematron._get_oracle()
    stylesheet = schematron.stylesheet_for(xslt_dir, "T01")
    run_schematron(xslt_dir, "T01", fixture(ORDER))
    compiled = oracle.executables[stylesheet]
    run_schematron(xslt_dir, "T01", fixture(ORDER))
    assert oracle.executables[stylesheet] is compiled


def test_a_transaction_without_stylesheet_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SchematronUnavailable, match=r"PEPPOLBIS-T99\.xslt"):
        run_schematron(tmp_path, "T99", fixture(ORDER))
