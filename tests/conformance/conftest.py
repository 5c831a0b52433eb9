"""Session fixtures of the conformance suite: the material, the compiled official rules."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from ordex.domain.errors import Finding
from ordex.peppol.schematron import compile_stylesheet, run_schematron
from ordex.peppol.transactions import TRANSACTIONS, Transaction
from tests.conformance.shared import peppol_shared, rules_release

Oracle = Callable[[str, bytes], list[Finding]]


@pytest.fixture(scope="session")
def shared() -> Path:
    return peppol_shared()


@pytest.fixture(scope="session")
def official(shared: Path) -> Oracle:
    """The official Schematron of the May 2026 release (or ``ORDEX_RULES_RELEASE``), each
    stylesheet compiled once."""
    xslt_dir = rules_release() / "xslt"
    for transaction in TRANSACTIONS:
        compile_stylesheet(xslt_dir, transaction.code)

    def run(transaction: str, xml: bytes) -> list[Finding]:
        return run_schematron(xslt_dir, transaction, xml)

    return run


@pytest.fixture(scope="session")
def ubl_schema(shared: Path) -> Callable[[Transaction], etree.XMLSchema]:
    """The OASIS UBL schema of a transaction (2.1 or 2.3), each loaded once."""
    loaded: dict[tuple[str, str], etree.XMLSchema] = {}

    def schema(transaction: Transaction) -> etree.XMLSchema:
        key = (transaction.ubl_version, transaction.root)
        if key not in loaded:
            version = transaction.ubl_version
            path = shared / "xsd" / f"ubl-{version}" / "maindoc" / f"UBL-{key[1]}-{version}.xsd"
            loaded[key] = etree.XMLSchema(etree.parse(str(path)))
        return loaded[key]

    return schema
