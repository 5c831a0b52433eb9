"""Native validation of parsed Peppol documents against the Peppol ordering rules.

``validate`` lists every finding (fatal errors and warnings) of the rules registered for
the document's transaction in ``ordex.peppol.rules``; ``check`` raises
``DocumentInvalid`` when any of them is fatal. The rules carry the official Peppol IDs,
so a finding here names the same rule the official Schematron would.
"""

from __future__ import annotations

from ordex.domain.errors import DocumentInvalid, Finding
from ordex.peppol.parse import ParsedDocument
from ordex.peppol.rules import run_rules, summarize
from ordex.peppol.transactions import BY_CODE


def validate(doc: ParsedDocument) -> list[Finding]:
    """Every finding of the document's transaction rules, in document order."""
    return run_rules(BY_CODE[doc.transaction], doc.tree, doc.index)


def check(doc: ParsedDocument) -> None:
    """Raise ``DocumentInvalid`` when the document breaks a fatal rule.

    The error carries every finding, warnings included, so that a caller can show them.
    """
    findings = validate(doc)
    fatal = [finding for finding in findings if finding.flag == "fatal"]
    if fatal:
        raise DocumentInvalid(summarize(fatal), findings)
