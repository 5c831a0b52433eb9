"""The ordex command line against a real SQLite file and real documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ordex.cli import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "order.xml"
runner = CliRunner()


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("ORDEX_DATABASE_URL", url)
    return url


def test_accounts_create_prints_a_key_once_and_refuses_a_taken_party(database: str) -> None:
    first = runner.invoke(
        app, ["accounts", "create", "--name", "ACME", "--party", "0088:7300010000001"]
    )
    assert first.exit_code == 0, first.output
    assert "API key (shown once): ordex_" in first.output
    again = runner.invoke(
        app, ["accounts", "create", "--name", "Other", "--party", "0088:7300010000001"]
    )
    assert again.exit_code == 2
    assert "already belongs" in again.output


def test_accounts_create_refuses_a_party_id_with_a_wrong_check_digit(database: str) -> None:
    result = runner.invoke(
        app, ["accounts", "create", "--name", "ACME", "--party", "0088:7300010000002"]
    )
    assert result.exit_code == 2


def test_validate_passes_a_valid_order_and_fails_a_broken_one(tmp_path: Path) -> None:
    assert runner.invoke(app, ["validate", str(EXAMPLE)]).exit_code == 0
    broken = tmp_path / "broken.xml"
    broken.write_bytes(EXAMPLE.read_bytes().replace(b"<cbc:ID>2</cbc:ID>", b"<cbc:ID>1</cbc:ID>"))
    result = runner.invoke(app, ["validate", "--json", str(EXAMPLE), str(broken)])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert [item["valid"] for item in report] == [True, False]
    assert report[1]["findings"] and all(f["ruleId"] for f in report[1]["findings"])


def test_db_upgrade_and_purge_run_on_an_empty_database(database: str) -> None:
    assert runner.invoke(app, ["db", "upgrade"]).exit_code == 0
    result = runner.invoke(app, ["purge"])
    assert result.exit_code == 0 and "purged 0" in result.output


def test_accounts_can_own_commerce_businesses_and_financing_partners(database: str) -> None:
    parties = ["--party", "business:SHOP-1", "--party", "partner:acme"]
    result = runner.invoke(app, ["accounts", "create", "--name", "Shop", *parties])
    assert result.exit_code == 0, result.output
    assert "business:SHOP-1, partner:acme" in result.output
    refused = runner.invoke(app, ["accounts", "create", "--name", "Bad", "--party", "business:a b"])
    assert refused.exit_code == 2
    assert "business code 'a b'" in refused.output


def test_validate_lists_capped_findings_and_counts_the_ones_left_out(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.xml"
    many = b"<a/>" * 15_000
    hostile.write_bytes(EXAMPLE.read_bytes().replace(b"<cbc:IssueDate>", many + b"<cbc:IssueDate>"))
    text = runner.invoke(app, ["validate", str(hostile)])
    assert text.exit_code == 1
    assert "and 29800 more finding(s) left out (at most 100 per rule" in text.output
    result = runner.invoke(app, ["validate", "--json", str(hostile), str(EXAMPLE)])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert [len(item["findings"]) for item in report] == [200, 0]
    assert [item["findingsOmitted"] for item in report] == [29_800, 0]


def test_validate_reports_a_million_digit_quantity_instead_of_crashing(tmp_path: Path) -> None:
    huge = tmp_path / "huge.xml"
    huge.write_bytes(EXAMPLE.read_bytes().replace(b">20<", b">%s<" % (b"9" * 1_000_000), 1))
    result = runner.invoke(app, ["validate", "--json", str(huge)])
    assert result.exit_code == 1, result.output[:500]
    [item] = json.loads(result.output)
    assert [f["ruleId"] for f in item["findings"]] == ["ORDEX-R010"]
    assert len(result.output) < 2_000
