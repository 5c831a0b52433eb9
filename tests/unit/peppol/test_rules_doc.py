"""docs/rules.md documents every rule ID of ordex's own (``ORDEX-...``) that the code uses."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
RULE_ID = re.compile(r"ORDEX-R[0-9]+")
HEADING = re.compile(r"^## (ORDEX-R[0-9]+)\s*$", re.MULTILINE)


def rule_ids_in_the_code() -> set[str]:
    return {
        found
        for path in (ROOT / "src" / "ordex").rglob("*.py")
        for found in RULE_ID.findall(path.read_text(encoding="utf-8"))
    }


def test_every_ordex_rule_id_in_the_code_has_a_heading_in_docs_rules_md() -> None:
    documented = set(HEADING.findall((ROOT / "docs" / "rules.md").read_text(encoding="utf-8")))
    used = rule_ids_in_the_code()
    assert {"ORDEX-R001", "ORDEX-R002", "ORDEX-R010"} <= used  # the scan finds them
    assert sorted(used - documented) == []


def test_docs_rules_md_documents_no_rule_the_code_does_not_use() -> None:
    documented = set(HEADING.findall((ROOT / "docs" / "rules.md").read_text(encoding="utf-8")))
    assert sorted(documented - rule_ids_in_the_code()) == []
