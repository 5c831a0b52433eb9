"""The UBL XML Schema as part of the official verdict (``--xsd DIR``, ``ORDEX_XSD_DIR``).

The official verdict is the OASIS UBL schema's findings (rule ID ``XSD``) and the
Schematron's together. Where the schema refuses a document, agreement means that the
native rules refuse it too; everywhere else they must report the Schematron's rules.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from typer.testing import CliRunner, Result

from ordex.api.app import create_app
from ordex.bootstrap import bootstrap
from ordex.cli import app
from ordex.config import Settings
from ordex.peppol.identifiers import parse_party_id
from ordex.peppol.transactions import BY_CODE, by_customization_id
from ordex.peppol.xml import parse_xml
from ordex.peppol.xsd import SCHEMA_RULE, SchemaUnavailable, compiled_schema, schema_findings
from ordex.services.accounts import create_account
from tests.conformance.conftest import Oracle
from tests.conformance.shared import label, peppol_shared, shared_files
from tests.conformance.test_agreement import disagreement_with, native_findings
from tests.unit.fakes import FakeClock

pytestmark = pytest.mark.shared

BUYER, SELLER = "0088:7300010000001", "0088:7302347231110"
CBC = "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}"
runner = CliRunner()


@pytest.fixture(scope="module")
def xsd_dir() -> Path:
    return peppol_shared() / "xsd"


@pytest.fixture(scope="module")
def xslt_dir() -> Path:
    return peppol_shared() / "schematron" / "release-2026.5" / "xslt"


@pytest.fixture(scope="module")
def order() -> bytes:
    sc1 = peppol_shared() / "examples" / "openpeppol" / "advanced-ordering"
    return (sc1 / "advanced_ordering_sc1" / "Order_sc1.xml").read_bytes()


def out_of_order(order: bytes) -> bytes:
    """The order with its cbc:IssueDate moved before cbc:ID: the Schematron only asks
    that both are there, the UBL schema's sequence puts cbc:ID first."""
    root = etree.fromstring(order)
    date = root.find(f"{CBC}IssueDate")
    identifier = root.find(f"{CBC}ID")
    assert date is not None and identifier is not None
    identifier.addprevious(date)
    return etree.tostring(root)


def validate(*args: str | Path) -> Result:
    return runner.invoke(app, ["validate", *map(str, args)])


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("path", shared_files("examples"), ids=label)
def test_every_official_example_is_valid_against_the_ubl_schema_of_its_transaction(
    path: Path, xsd_dir: Path
) -> None:
    root = parse_xml(path.read_bytes())
    transaction = by_customization_id(root.findtext(f"{CBC}CustomizationID") or "")
    assert transaction is not None
    assert schema_findings(xsd_dir, transaction, root) == []


def test_a_schema_is_compiled_once_per_process(xsd_dir: Path) -> None:
    assert compiled_schema(xsd_dir, BY_CODE["T01"]) is compiled_schema(xsd_dir, BY_CODE["T01"])
    assert compiled_schema(xsd_dir, BY_CODE["T114"]) is not compiled_schema(xsd_dir, BY_CODE["T01"])


def test_a_schema_finding_names_the_rule_xsd_the_line_and_the_element(
    xsd_dir: Path, order: bytes
) -> None:
    year_zero = order.replace(b"<cbc:IssueDate>2022-02-01", b"<cbc:IssueDate>0000-02-01")
    [finding] = schema_findings(xsd_dir, BY_CODE["T01"], parse_xml(year_zero))
    assert (finding.rule_id, finding.flag, finding.line) == (SCHEMA_RULE, "fatal", 10)
    assert "'0000-02-01' is not a valid value of the atomic type 'xs:date'" in finding.message


def test_validate_with_the_schema_reports_it_beside_the_schematron_and_they_agree(
    tmp_path: Path, xsd_dir: Path, xslt_dir: Path, order: bytes
) -> None:
    result = validate(write(tmp_path, "o.xml", order), "--schematron", xslt_dir, "--xsd", xsd_dir)
    assert result.exit_code == 0, result.output
    assert "and UBL schema" in result.output and "native and official rules agree" in result.output


def test_a_document_both_refuse_agrees_whatever_the_native_rule_ids(
    tmp_path: Path, xsd_dir: Path, xslt_dir: Path, order: bytes
) -> None:
    year_zero = order.replace(b"<cbc:IssueDate>2022-02-01", b"<cbc:IssueDate>0000-02-01")
    path = write(tmp_path, "y0.xml", year_zero)
    result = validate(path, "--schematron", xslt_dir, "--xsd", xsd_dir, "--json")
    assert result.exit_code == 1, result.output
    [item] = json.loads(result.output)
    official = item["official"]
    assert [(f["ruleId"], f["line"]) for f in official["findings"]] == [("XSD", 10)]
    assert official["fatal"] is True and official["disagreements"] == []
    assert item["valid"] is False and any(f["flag"] == "fatal" for f in item["findings"])


def test_a_document_only_the_schema_refuses_is_a_disagreement(
    tmp_path: Path, xsd_dir: Path, xslt_dir: Path, order: bytes
) -> None:
    path = write(tmp_path, "order.xml", out_of_order(order))
    assert validate(path).exit_code == 0  # the native rules and the Schematron accept it
    assert validate(path, "--schematron", xslt_dir).exit_code == 0
    result = validate(path, "--schematron", xslt_dir, "--xsd", xsd_dir)
    assert result.exit_code == 1, result.output
    assert "[fatal] XSD: Element '{urn:oasis:names:specification:ubl:schema:xsd:" in result.output
    assert "DISAGREEMENT: the UBL schema refuses the document (XSD)" in result.output


def test_the_schema_option_needs_the_schematron_and_a_complete_directory(
    tmp_path: Path, xslt_dir: Path, order: bytes
) -> None:
    path = write(tmp_path, "o.xml", order)
    alone = validate(path, "--xsd", tmp_path)
    assert alone.exit_code == 2 and "give --schematron too" in alone.output
    empty = validate(path, "--schematron", xslt_dir, "--xsd", tmp_path)
    assert empty.exit_code == 2 and "UBL-Order-2.1.xsd" in empty.output


@pytest.fixture
def server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, xslt_dir: Path, xsd_dir: Path
) -> Iterator[tuple[TestClient, dict[str, str]]]:
    monkeypatch.setenv("ORDEX_DATABASE_URL", f"sqlite:///{tmp_path / 'ordex.db'}")
    monkeypatch.setenv("ORDEX_SCHEMATRON_DIR", str(xslt_dir))
    monkeypatch.setenv("ORDEX_XSD_DIR", str(xsd_dir))
    settings = Settings.from_env()
    assert settings.xsd_dir == xsd_dir
    rt = bootstrap(settings, clock=FakeClock())
    keys = {p: create_account(rt.ctx, p, [parse_party_id(p)])[1] for p in (BUYER, SELLER)}
    with TestClient(create_app(rt)) as client:
        yield client, keys
    rt.engine.dispose()


def test_with_the_schema_configured_the_server_refuses_what_only_the_schema_refuses(
    server: tuple[TestClient, dict[str, str]], order: bytes
) -> None:
    client, keys = server
    headers = {"Authorization": f"Bearer {keys[BUYER]}", "Content-Type": "application/xml"}
    sent = client.post(f"/api/v1/{BUYER}/purchaseOrder/send", content=order, headers=headers)
    assert sent.status_code < 300, sent.text
    second = order.replace(b"<cbc:ID>Order-1</cbc:ID>", b"<cbc:ID>Order-2</cbc:ID>")
    refused = client.post(
        f"/api/v1/{BUYER}/purchaseOrder/send", content=out_of_order(second), headers=headers
    )
    assert refused.status_code == 400, refused.text
    found = {e["ruleId"] for e in refused.json()["errors"]}
    assert found == {"XSD", "ORDEX-R003"}


def test_a_schema_directory_without_the_schematron_stops_the_server_from_starting(
    tmp_path: Path, xsd_dir: Path
) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'o.db'}", xsd_dir=xsd_dir)
    with pytest.raises(ValueError, match="set ORDEX_SCHEMATRON_DIR too"):
        bootstrap(settings, clock=FakeClock())
    with pytest.raises(SchemaUnavailable, match=r"UBL-OrderChange-2\.3\.xsd"):
        schema_findings(tmp_path, BY_CODE["T114"], parse_xml(b"<x/>"))


# Year 0000: a date for XPath 2.0 (the Schematron), not for XSD 1.0 (the UBL schema).
YEAR_ZERO = [
    ("0000-02-01", True, False),  # (date, ORDEX-R012, PEPPOL-COMMON-R030)
    ("0000-02-29", True, False),  # the year zero is a leap year in XSD 1.1
    ("0000-02-30", True, True),
    ("0001-01-01", False, False),
    ("10000-01-01", False, True),
]


@pytest.mark.parametrize(("date", "r012", "r030"), YEAR_ZERO, ids=[d for d, *_ in YEAR_ZERO])
def test_a_date_in_the_year_zero_is_ordexs_own_rule_and_the_official_rules_agree(
    official: Oracle, xsd_dir: Path, order: bytes, date: str, r012: bool, r030: bool
) -> None:
    data = order.replace(b"<cbc:IssueDate>2022-02-01", f"<cbc:IssueDate>{date}".encode())
    native = {f.rule_id for f in native_findings("T01", data)}
    assert ("ORDEX-R012" in native, "PEPPOL-COMMON-R030" in native) == (r012, r030)
    assert disagreement_with(official, native_findings)("T01", data) is None
    refused_by_the_schema = bool(schema_findings(xsd_dir, BY_CODE["T01"], parse_xml(data)))
    assert refused_by_the_schema == r012  # 10000-01-01 is an xs:date, 11 characters long
