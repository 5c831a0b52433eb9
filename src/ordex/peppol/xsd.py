"""The OASIS UBL XML Schema as part of the official verdict (``ORDEX_XSD_DIR``, ``--xsd``).

The official Schematron assumes a document that the UBL schema accepts; a Peppol
validator runs the schema first. ordex does not ship the schemas: the operator points
it at a directory laid out like the OASIS release packages, one folder per UBL version::

    <dir>/ubl-2.1/maindoc/UBL-Order-2.1.xsd         (and common/, which it imports)
    <dir>/ubl-2.3/maindoc/UBL-OrderChange-2.3.xsd

Each transaction is checked against the UBL version it uses (``Transaction.ubl_version``:
2.1 for T01, T76 and T110; 2.3 for T114, T115 and T116). A schema is compiled once per
process (about a second for the first document of a UBL version) and kept; validating
a document against it is cheap (the tree is already parsed). Every schema error is a
fatal finding with the rule ID ``XSD`` (``SCHEMA_RULE``), the line and libxml2's message.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from lxml import etree

from ordex.domain.errors import Finding
from ordex.peppol.namespaces import source_line
from ordex.peppol.transactions import TRANSACTIONS, Transaction

SCHEMA_RULE = "XSD"
"""The rule ID of a finding of the UBL XML Schema."""

MAX_SCHEMA_FINDINGS = 100
"""Most schema errors reported on one document (libxml2 may report one per element)."""


class SchemaUnavailable(RuntimeError):
    """The XSD directory lacks the schema of a transaction, or the schema does not load."""


def schema_file(xsd_dir: Path, transaction: Transaction) -> Path:
    """``<xsd_dir>/ubl-<v>/maindoc/UBL-<Root>-<v>.xsd``, which must exist."""
    version = transaction.ubl_version
    path = xsd_dir / f"ubl-{version}" / "maindoc" / f"UBL-{transaction.root}-{version}.xsd"
    path = path.resolve()
    if not path.is_file():
        raise SchemaUnavailable(f"no UBL {version} schema for {transaction.code}: {path}")
    return path


_compiled: dict[Path, etree.XMLSchema] = {}
_lock = threading.Lock()


def compiled_schema(xsd_dir: Path, transaction: Transaction) -> etree.XMLSchema:
    """The compiled schema of ``transaction`` (compiled on first use, then kept).

    The schema files are read from the local directory only: no network access.
    """
    path = schema_file(xsd_dir, transaction)
    with _lock:
        schema = _compiled.get(path)
        if schema is None:
            parser = etree.XMLParser(no_network=True, resolve_entities=False)
            try:
                schema = etree.XMLSchema(etree.parse(str(path), parser))
            except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as exc:
                raise SchemaUnavailable(f"cannot load the UBL schema {path}: {exc}") from exc
            _compiled[path] = schema
        return schema


def check_schema_dir(xsd_dir: Path) -> None:
    """Raise ``SchemaUnavailable`` unless ``xsd_dir`` has the schema of every transaction."""
    missing = []
    for transaction in TRANSACTIONS:
        try:
            schema_file(xsd_dir, transaction)
        except SchemaUnavailable as exc:
            missing.append(str(exc))
    if missing:
        raise SchemaUnavailable("; ".join(missing))


def schema_findings(xsd_dir: Path, transaction: Transaction, root: etree._Element) -> list[Finding]:
    """The errors of the UBL schema of ``transaction`` on the tree ``root``, as findings.

    A document whose root is not the transaction's UBL root is refused by the schema
    like any other (``No matching global declaration``).
    """
    schema = compiled_schema(xsd_dir, transaction)
    with _lock:  # an XMLSchema keeps its error log: one validation at a time
        if schema.validate(root):
            return []
        errors: list[Any] = list(schema.error_log)  # type: ignore[call-overload]
    return [
        Finding(
            rule_id=SCHEMA_RULE,
            flag="fatal",
            message=error.message,
            path=error.path or "/",
            line=error.line or source_line(root),
        )
        for error in errors[:MAX_SCHEMA_FINDINGS]
    ]
