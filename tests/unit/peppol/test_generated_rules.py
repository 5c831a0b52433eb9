"""The generated rule tables: what they hold, that they are the release's, and the command
that regenerates them (``tools/import_rules.py``, ``ordex.peppol.release_import``).

With ``ORDEX_RULES_RELEASE=DIR`` (the command sets it) the release checked against is the
one being adopted; otherwise the official May 2026 release in ``../shared``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ordex.cli import app
from ordex.peppol.release_import import Release, changes, import_release, table_text
from ordex.peppol.rules import RULES
from ordex.peppol.rules.generated import business_rules, code_lists, datamodel_tables, release
from ordex.peppol.transactions import BY_CODE
from tests.conformance.shared import peppol_shared


@pytest.fixture(scope="module")
def official() -> Release:
    chosen = os.environ.get("ORDEX_RULES_RELEASE")
    folder = Path(chosen) if chosen else peppol_shared() / "schematron" / "release-2026.5"
    return import_release(folder / "sch", release.RELEASE)


def test_every_release_business_rule_has_a_native_rule_with_its_flag_and_message() -> None:
    native = {
        (code, rule.rule_id): (rule.flag, rule.message)
        for code in BY_CODE
        for rule in RULES.rules_for(code)
    }
    for code, rows in business_rules.BUSINESS_RULES.items():
        for rule_id, flag, _context, _test, message in rows:
            assert native.get((code, rule_id)) == (flag, message), (code, rule_id)


def test_validate_version_prints_the_release_in_force() -> None:
    result = CliRunner().invoke(app, ["validate", "--version"])
    assert result.exit_code == 0
    assert f"OpenPeppol release {release.RELEASE} (BIS {release.BIS_VERSION})" in result.output
    assert "T110" in result.output


@pytest.mark.shared
def test_the_generated_modules_are_the_releases(official: Release) -> None:
    assert official.conflicts == []
    tables = {code: table_text(rules) for code, rules in official.transactions.items()}
    assert tables == datamodel_tables.TABLES
    assert official.code_lists == code_lists.CODE_LISTS
    assert official.titles == code_lists.TITLES
    found = changes(
        official, business_rules.BUSINESS_RULES, datamodel_tables.TABLES, code_lists.CODE_LISTS
    )
    assert not found.need_code and found.structure == [] and found.code_lists == [], found.report()


@pytest.mark.shared
def test_a_changed_release_lists_the_rules_that_need_code(tmp_path: Path) -> None:
    source = peppol_shared() / "schematron" / "release-2026.5" / "sch"
    changed = tmp_path / "sch"
    shutil.copytree(source, changed)
    t01 = changed / "PEPPOLBIS-T01.sch"
    t01.chmod(0o644)
    text = t01.read_text(encoding="utf-8")
    text = text.replace('flag="warning">[PEPPOL-T01-R002]', 'flag="fatal">[PEPPOL-T01-R002]')
    text = text.replace('id="PEPPOL-T01-R035"', 'id="PEPPOL-T01-R036"')  # renumbered
    text = text.replace("'41 42 60 62", "'41 42 43 60 62")  # a new allowance reason code
    text = text.replace(
        '<assert test="cbc:ProfileID" flag="fatal" id="PEPPOL-T01-B00102">',
        '<assert test="cbc:ProfileID or cbc:ID" flag="fatal" id="PEPPOL-T01-B00102">',
    )
    text = text.replace(
        '<assert test="cbc:IssueDate" flag="fatal" id="PEPPOL-T01-B00104">',
        '<assert test="cbc:IssueTime" flag="fatal" id="PEPPOL-T01-B00104">',
    )
    t01.write_text(text, encoding="utf-8")
    found = changes(
        import_release(changed, "test"),
        business_rules.BUSINESS_RULES,
        datamodel_tables.TABLES,
        code_lists.CODE_LISTS,
    )
    assert [n.split(":")[0] for n in found.new] == ["PEPPOL-T01-R036 (T01)"]
    assert found.removed == ["PEPPOL-T01-R035 (T01)"]
    assert found.changed == ["PEPPOL-T01-R002 (T01): flag changed"]
    assert [u.split(":")[0] for u in found.unsupported] == ["T01"]
    assert "PEPPOL-T01-B00102" in found.unsupported[0]
    assert "T01 + /: B00104 requires cbc:IssueTime" in found.structure
    assert "T01 - /: B00104 requires cbc:IssueDate" in found.structure
    assert found.code_lists == ["UNCL5189: +43 / --"]
    assert found.need_code
    assert "new business rules (need code): 1" in found.report()
