"""Native validation of parsed Peppol documents against the Peppol ordering rules.

``validation`` lists the findings (fatal errors and warnings) of the rules registered for
the document's transaction in ``ordex.peppol.rules``, capped per rule and per document,
with a count of what the caps left out; ``validate`` is its findings; ``check`` raises
``DocumentInvalid`` when any of them is fatal. The rules carry the official Peppol IDs,
so a finding here names the same rule the official Schematron would.
"""

from __future__ import annotations

from ordex.domain.errors import DocumentInvalid, Finding
from ordex.peppol.parse import ParsedDocument
from ordex.peppol.rules import Validation, evaluate_rules, summarize
from ordex.peppol.transactions import BY_CODE


def validation(doc: ParsedDocument) -> Validation:
    """The findings of the document's transaction rules, in document order, and how many
    the caps left out (``ordex.peppol.rules.MAX_FINDINGS_PER_RULE``, ``..._PER_DOCUMENT``)."""
    return evaluate_rules(BY_CODE[doc.transaction], doc.tree, doc.index)


def validate(doc: ParsedDocument) -> list[Finding]:
    """The findings of the document's transaction rules, in document order (capped)."""
    return validation(doc).findings


def check(doc: ParsedDocument) -> None:
    """Raise ``DocumentInvalid`` when the document breaks a fatal rule.

    The error carries the findings, warnings included, so that a caller can show them,
    and how many the caps left out.
    """
    raise_if_fatal(validation(doc))


def raise_if_fatal(result: Validation) -> None:
    """Raise ``DocumentInvalid`` with ``result``'s findings when one is fatal."""
    if result.fatal:
        fatal = [finding for finding in result.findings if finding.flag == "fatal"]
        omitted = sum(n for (_, flag), n in result.omitted.items() if flag == "fatal")
        raise DocumentInvalid(summarize(fatal, omitted), result.findings, result.findings_omitted)
