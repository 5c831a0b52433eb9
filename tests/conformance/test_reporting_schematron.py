"""OpenPeppol's own reporting Schematron (TSR 1.0.x, EUSR 1.1.x) on the reports ordex
writes, and on broken copies of them: the real rules and tests/reporting_rules.py (their
restatement, which the other tests use) must find the same rule IDs. The .sch files are
not in the repository; put them in the directory named by ORDEX_REPORTING_SCHEMATRON_DIR
(e.g. from phax/phive-rules or OpenPeppol's releases) to run this, with saxonche."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from ordex.network.reporting import (
    Month,
    Transmission,
    end_user_statistics,
    transaction_statistics,
)
from tests.reporting_rules import EUSR, TSR, eusr_failures, tsr_failures
from tests.schematron_xslt import SchematronRunner

ORDER = (
    "urn:oasis:names:specification:ubl:schema:xsd:Order-2::Order"
    "##urn:fdc:peppol.eu:poacc:trns:order:3::2.1"
)
ADVANCED = "urn:fdc:peppol.eu:poacc:bis:advanced_ordering:3"
NOVEMBER = Month.parse("2026-11")
SENT = Transmission(False, ORDER, ADVANCED, "POP000002", "0088:7300010000001", "SE", "SE", "NO")
MONTH = [
    SENT,
    replace(SENT, other_access_point="POP000003"),
    replace(SENT, end_user="0192:974760673", end_user_country="NO"),
    replace(SENT, incoming=True, sender_country="NO", receiver_country="SE"),
    replace(SENT, incoming=True, sender_country=None, receiver_country="SE"),
]


def _schematron(pattern: str) -> SchematronRunner:
    directory = os.environ.get("ORDEX_REPORTING_SCHEMATRON_DIR")
    if not directory:
        pytest.skip("ORDEX_REPORTING_SCHEMATRON_DIR is not set (OpenPeppol's reporting .sch)")
    found = sorted(Path(directory).glob(pattern))
    if not found:
        pytest.skip(f"no {pattern} in ORDEX_REPORTING_SCHEMATRON_DIR={directory}")
    pytest.importorskip("saxonche", reason="the reporting Schematron is XSLT 2: needs saxonche")
    return SchematronRunner(found[-1].read_bytes())


def _edit(ns: str, change: Callable[[etree._Element], None]) -> Callable[[bytes], bytes]:
    def edited(xml: bytes) -> bytes:
        root = etree.fromstring(xml)
        change(root)
        return bytes(etree.tostring(root))

    return edited


def _drop(ns: str, path: str) -> Callable[[bytes], bytes]:
    def change(root: etree._Element) -> None:
        for element in root.findall(path.replace("{}", f"{{{ns}}}")):
            element.getparent().remove(element)  # type: ignore[union-attr]

    return _edit(ns, change)


def _swap(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    return lambda xml: xml.replace(old, new, 1)


TSR_CASES: dict[str, Callable[[bytes], bytes]] = {
    "as written": lambda xml: xml,
    "outgoing miscounted": _swap(b"<Outgoing>3</Outgoing>", b"<Outgoing>2</Outgoing>"),
    "UK is no ISO code": _swap(b">NO</Key>", b">UK</Key>"),
    "unknown subtotal type": _swap(b'type="PerTP"', b'type="PerXY"'),
    "spaces around a type": _swap(b'type="PerTP"', b'type=" PerTP "'),
    "no subtotal per country": _drop(TSR, "{}Subtotal[@type='PerSP-DT-PR-CC']"),
    "outgoing per country": _swap(
        b"<Outgoing>0</Outgoing>\n  </Subtotal>\n</Trans",
        b"<Outgoing>1</Outgoing>\n  </Subtotal>\n</Trans",
    ),
    "SP scheme": _swap(
        b'metaSchemeID="SP" schemeID="CertSubjectCN"', b'metaSchemeID="SP" schemeID="CN"'
    ),
    "reporter": _swap(b'"CertSubjectCN">POP000001<', b'"CertSubjectCN">hub-a<'),
    "a key missing": _drop(TSR, "{}Subtotal[@type='PerSP-DT-PR']/{}Key[@metaSchemeID='PR']"),
}
EUSR_CASES: dict[str, Callable[[bytes], bytes]] = {
    "as written": lambda xml: xml,
    "end user country unnamed": lambda xml: xml.replace(
        b'schemeID="EndUserCountry"', b'schemeID="Country"'
    ),
    "ZZ": _swap(b">NO</Key>", b">ZZ</Key>"),
    "no subsets": _drop(EUSR, "{}Subset"),
    "either below sending": _swap(
        b"<SendingOrReceivingEndUsers>2<", b"<SendingOrReceivingEndUsers>1<"
    ),
    "a key missing": _drop(EUSR, "{}Subset[@type='PerDT-EUC']/{}Key[@metaSchemeID='DT']"),
}


@pytest.mark.parametrize("case", list(TSR_CASES))
def test_the_official_tsr_schematron_and_its_restatement_agree(case: str) -> None:
    official = _schematron("*transaction-statistics*.sch")
    for xml in (
        transaction_statistics(NOVEMBER, "POP000001", MONTH),
        transaction_statistics(NOVEMBER, "POP000001", []),
    ):
        broken = TSR_CASES[case](xml)
        assert set(official.failures(broken)) == set(tsr_failures(broken)), case
        if case == "as written":
            assert official.failures(broken) == []


@pytest.mark.parametrize("case", list(EUSR_CASES))
def test_the_official_eusr_schematron_and_its_restatement_agree(case: str) -> None:
    official = _schematron("*end-user-statistics*.sch")
    for xml in (
        end_user_statistics(NOVEMBER, "POP000001", MONTH),
        end_user_statistics(NOVEMBER, "POP000001", []),
    ):
        broken = EUSR_CASES[case](xml)
        assert set(official.failures(broken)) == set(eusr_failures(broken)), case
        if case == "as written":
            assert official.failures(broken) == []
