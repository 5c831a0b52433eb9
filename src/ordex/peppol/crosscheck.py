"""The official verdict beside the native one ("belt and braces").

An operator who wants the official Schematron's word on every document points ordex at
the compiled XSLT of a Peppol release (``ORDEX_SCHEMATRON_DIR``, or ``ordex validate
--schematron DIR``); ordex then runs it next to its native rules and compares. With the
OASIS UBL schemas too (``ORDEX_XSD_DIR``, ``--xsd DIR``: ``ordex.peppol.xsd``), the
official verdict is the schema's and the Schematron's findings together.

Agreement means: the same set of (rule ID, flag), warnings included. ordex's own rules
(``ORDEX-...``) have no official twin and are left out, except ORDEX-R002: it says the
official rules stop with an XPath error on the document, and must appear exactly when
they do.

A document the UBL schema refuses (``XSD`` findings) is outside what the Schematron was
written for (it may stop, or report rules at random): there, agreement means that the
native rules refuse it too, whatever their rule IDs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ordex.domain.errors import DocumentInvalid, Finding
from ordex.peppol.namespaces import element_path
from ordex.peppol.parse import ParsedDocument
from ordex.peppol.rules import summarize
from ordex.peppol.schematron import (
    SchematronFailed,
    SchematronUnavailable,
    require_saxon,
    run_schematron,
    stylesheet_for,
)
from ordex.peppol.transactions import BY_CODE, TRANSACTIONS
from ordex.peppol.validate import raise_if_fatal, validation
from ordex.peppol.xml import parse_xml
from ordex.peppol.xsd import check_schema_dir, schema_findings

STOPS = "ORDEX-R002"
DISAGREES = "ORDEX-R003"


@dataclass(frozen=True, slots=True)
class OfficialVerdict:
    """What the official Schematron said: its findings, or the error it stopped with."""

    findings: tuple[Finding, ...] = ()
    stopped: str | None = None
    schema: tuple[Finding, ...] = ()
    """The UBL schema's findings (rule ``XSD``), when a schema directory was given."""

    @property
    def fatal(self) -> bool:
        return (
            self.stopped is not None
            or bool(self.schema)
            or any(f.flag == "fatal" for f in self.findings)
        )

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        """The schema's findings, then the Schematron's."""
        return self.schema + self.findings


def official_verdict(
    xslt_dir: Path, transaction: str, xml: bytes, xsd_dir: Path | None = None
) -> OfficialVerdict:
    """Run the official stylesheet of ``transaction`` from ``xslt_dir`` on ``xml``, and
    with ``xsd_dir`` the UBL schema of the transaction before it.

    Raises ``SchematronUnavailable`` without saxonche or without the stylesheet, and
    ``SchemaUnavailable`` without the schema.
    """
    schema: tuple[Finding, ...] = ()
    if xsd_dir is not None:
        schema = tuple(schema_findings(xsd_dir, BY_CODE[transaction], parse_xml(xml)))
    try:
        return OfficialVerdict(tuple(run_schematron(xslt_dir, transaction, xml)), schema=schema)
    except SchematronFailed as exc:
        return OfficialVerdict(stopped=str(exc), schema=schema)


def disagreements(
    native: list[Finding], official: OfficialVerdict, omitted: Iterable[tuple[str, str]] = ()
) -> list[str]:
    """How the native findings differ from the official verdict (empty: they agree).

    ``omitted``: ``(rule ID, flag)`` of native findings the caps left out
    (``Validation.omitted``): those rules failed too.
    """
    failed = {(f.rule_id, f.flag) for f in native} | set(omitted)
    if official.schema:
        if any(flag == "fatal" for _, flag in failed):
            return []
        return ["the UBL schema refuses the document (XSD); the native rules do not"]
    stops = any(rule_id == STOPS for rule_id, _ in failed)
    if official.stopped is not None:
        if stops:
            return []
        return [f"the official rules stopped ({official.stopped}); the native rules did not say so"]
    if stops:
        return ["the native rules say the official rules stop (ORDEX-R002); they did not"]
    mine = {(rule_id, flag) for rule_id, flag in failed if not rule_id.startswith("ORDEX-")}
    theirs = {(f.rule_id, f.flag) for f in official.findings}
    problems = [f"only the official rules report {rule} ({flag})" for rule, flag in theirs - mine]
    problems += [f"only the native rules report {rule} ({flag})" for rule, flag in mine - theirs]
    return sorted(problems)


class CrossCheck:
    """``ordex.peppol.validate.check`` with the official Schematron run beside it.

    A document passes when the native rules find nothing fatal, the official rules find
    nothing fatal (and do not stop), and both agree rule for rule; otherwise it is refused
    with ``DocumentInvalid`` carrying the native findings, the official fatal findings
    the native ones lack, and an ORDEX-R003 finding per disagreement.
    """

    def __init__(self, xslt_dir: Path, xsd_dir: Path | None = None) -> None:
        self.xslt_dir = xslt_dir
        self.xsd_dir = xsd_dir
        require_saxon()
        if xsd_dir is not None:
            check_schema_dir(xsd_dir)
        missing = []
        for transaction in TRANSACTIONS:
            try:
                stylesheet_for(xslt_dir, transaction.code)
            except SchematronUnavailable as exc:
                missing.append(str(exc))
        if missing:
            raise SchematronUnavailable("; ".join(missing))

    def __call__(self, document: ParsedDocument) -> None:
        result = validation(document)
        raise_if_fatal(result)
        findings = result.findings
        xml = etree.tostring(document.tree)
        official = official_verdict(self.xslt_dir, document.transaction, xml, self.xsd_dir)
        problems = disagreements(findings, official, result.omitted)
        if not problems and not official.fatal:
            return
        where = element_path(document.tree)
        known = result.failed_rules()
        extra = [
            f
            for f in official.all_findings
            if f.flag == "fatal" and (f.rule_id, f.flag) not in known
        ]
        extra += [
            Finding(DISAGREES, "fatal", f"The official Schematron disagrees: {p}", where, None)
            for p in problems
        ]
        raise DocumentInvalid(summarize(extra), findings + extra, result.findings_omitted)
