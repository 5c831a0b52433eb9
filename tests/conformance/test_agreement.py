"""Native validation agrees with the official rules, rule by rule.

Two witnesses: OpenPeppol's own rule unit tests (a fragment per case and the expected
result for one rule ID), and the official Schematron run on damaged official examples
(both validators must report the same fatal rule IDs at the same places).
"""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest
from lxml import etree

from ordex.domain.errors import OrdexError
from ordex.peppol.parse import parse_document
from ordex.peppol.rules import RULES, run_rules
from ordex.peppol.schematron import SchematronFailed
from ordex.peppol.transactions import BY_CODE
from ordex.peppol.validate import validate
from tests.conformance.conftest import Oracle
from tests.conformance.shared import label, shared_files

pytestmark = pytest.mark.shared

VEFA = "{http://difi.no/xsd/vefa/validator/1.0}"
UNIT_TESTS = [p for p in shared_files("tests/schematron-unit") if "order-agreement" not in str(p)]

# Rules whose flag changed after the unit tests were written (BIS 3.0.15 -> May 2026).
NOW_WARNINGS = {"PEPPOL-T114-R008"}
SCHEMATRON = "{http://purl.oclc.org/dsdl/schematron}"


def release_rule_ids(shared: Path, transaction: str) -> set[str]:
    """Every assertion ID of the official May 2026 rules of a transaction."""
    path = shared / "schematron" / "release-2026.5" / "sch" / f"PEPPOLBIS-{transaction}.sch"
    return {a.get("id", "") for a in etree.parse(str(path)).iter(f"{SCHEMATRON}assert")}


@pytest.mark.parametrize("transaction", sorted(BY_CODE))
def test_every_official_rule_has_a_native_twin(shared: Path, transaction: str) -> None:
    native = {rule.rule_id for rule in RULES.rules_for(transaction)}
    assert release_rule_ids(shared, transaction) - native == set()


@pytest.mark.parametrize("path", UNIT_TESTS, ids=label)
def test_native_rules_give_the_results_openpeppols_rule_unit_tests_expect(
    shared: Path, path: Path
) -> None:
    test_set = etree.parse(str(path)).getroot()
    transaction = BY_CODE[test_set.get("configuration", "").split("-")[1].upper()]
    released = release_rule_ids(shared, transaction.code)
    checked = 0
    for number, test in enumerate(test_set.iter(f"{VEFA}test"), start=1):
        document = next(child for child in test if not str(child.tag).startswith(VEFA))
        findings = run_rules(transaction, etree.fromstring(etree.tostring(document)))
        for expectation in test.findall(f"{VEFA}assert/*"):
            rule_id = (expectation.text or "").strip()
            if rule_id not in released:
                continue  # a rule the May 2026 release no longer has
            got = [f for f in findings if f.rule_id == rule_id]
            kind = etree.QName(expectation).localname
            where = f"test {number} expects {kind} for {rule_id}; native found {got}"
            if kind == "success":
                assert not got, where
                continue
            expected_flag = "fatal" if kind == "error" else "warning"
            if rule_id in NOW_WARNINGS:
                expected_flag = "warning"
            count = expectation.get("number")
            assert got and (count is None or len(got) == int(count)), where
            assert {f.flag for f in got} == {expected_flag}, where
            checked += 1
    assert checked or all(
        (e.text or "").strip() not in released or etree.QName(e).localname == "success"
        for e in test_set.iter(f"{VEFA}success", f"{VEFA}error", f"{VEFA}warning")
    )


# --- damaged examples -------------------------------------------------------------------

EXAMPLES = [
    p for p in shared_files("examples") if "order_agreement:3" not in p.read_text(encoding="utf-8")
]
VALUES = ["", "abc", "-5", "1.234", "2020-13-01", "XX", "0", "AB", "AP", "CA", "RE", "7",
          "42", "EUR", "USD", "0088", "9999", "true", "maybe"]  # fmt: skip
DAMAGED = 150


def damage(source: bytes, rnd: random.Random) -> bytes:
    """Remove, rewrite, duplicate or move one to three elements or attributes."""
    root = etree.fromstring(source)
    for _ in range(rnd.randint(1, 3)):
        elements = [el for el in root.iter() if isinstance(el.tag, str) and el is not root]
        element = rnd.choice(elements)
        parent = element.getparent()
        assert parent is not None
        action = rnd.random()
        if action < 0.3:
            parent.remove(element)
        elif action < 0.6 and len(element) == 0:
            element.text = rnd.choice(VALUES)
        elif action < 0.75 and element.attrib:
            element.set(rnd.choice(list(element.attrib)), rnd.choice(VALUES))
        else:
            element.addnext(copy.deepcopy(rnd.choice(elements)))
    return etree.tostring(root)


def test_native_and_official_validation_report_the_same_fatal_rules_on_damaged_examples(
    official: Oracle,
) -> None:
    rnd = random.Random(20261123)
    compared, disagreements = 0, []
    while compared < DAMAGED:
        data = damage(rnd.choice(EXAMPLES).read_bytes(), rnd)
        try:
            doc = parse_document(data)
        except OrdexError:
            continue
        native = {
            (f.rule_id, f.path)
            for f in validate(doc)
            if f.flag == "fatal" and not f.rule_id.startswith("ORDEX-")
        }
        if any(f.rule_id.startswith("ORDEX-") for f in validate(doc)):
            continue  # not a decimal: the official XPath casts stop with an error
        try:
            official_findings = official(doc.transaction, data)
        except SchematronFailed:
            continue  # an XPath error of the official rules, e.g. two values cast as one
        reported = {(f.rule_id, f.path) for f in official_findings if f.flag == "fatal"}
        compared += 1
        if native != reported:
            disagreements.append((native - reported, reported - native))
    assert disagreements == []
