"""Native Peppol validation rules, registered per transaction in one rule book.

Importing this package fills ``RULES``: the structure rules of the data model
(``datamodel``/``structure``), the common rules (``common``), the business rules of
each transaction (``order``, ``agreement``, ``cancellation``, ``response``) and ordex's own checks
(``native``). ``evaluate_rules`` applies them to a parsed tree: it indexes the tree once
(``index.TreeIndex``) and every rule reads that index instead of walking the tree again.
Findings are capped per rule and per document (``registry.MAX_FINDINGS_PER_RULE``,
``MAX_FINDINGS_PER_DOCUMENT``); the ``Validation`` counts what the caps left out.
"""

from __future__ import annotations

from lxml import etree

from ordex.domain.errors import Finding
from ordex.peppol.rules import (
    agreement,
    cancellation,
    common,
    native,
    order,
    response,
    structure,
)
from ordex.peppol.rules.generated.business_rules import BUSINESS_RULES
from ordex.peppol.rules.index import TreeIndex
from ordex.peppol.rules.registry import (
    MAX_FINDINGS_PER_DOCUMENT,
    MAX_FINDINGS_PER_RULE,
    RULES,
    Rule,
    Validation,
)
from ordex.peppol.transactions import Transaction

__all__ = [
    "MAX_FINDINGS_PER_DOCUMENT",
    "MAX_FINDINGS_PER_RULE",
    "RULES",
    "Rule",
    "Validation",
    "evaluate_rules",
    "run_rules",
    "summarize",
]

# registered on import
_MODULES = (structure, common, order, agreement, cancellation, response, native)

RULES.use_messages(
    {(code, row[0]): row[4] for code, rows in BUSINESS_RULES.items() for row in rows}
)  # the release's own words (``tools/import_rules.py``)


def run_rules(
    transaction: Transaction, root: etree._Element, index: TreeIndex | None = None
) -> list[Finding]:
    """The findings of the transaction's rules on the tree, in document order (capped:
    ``evaluate_rules`` also says how many were left out)."""
    return RULES.run(transaction, root, index)


def evaluate_rules(
    transaction: Transaction, root: etree._Element, index: TreeIndex | None = None
) -> Validation:
    """The findings of the transaction's rules on the tree, and how many the caps left out."""
    return RULES.evaluate(transaction, root, index)


MAX_LISTED = 5
"""How many failed rules ``summarize`` names (the findings carry all of them)."""


def summarize(fatal: list[Finding], omitted: int = 0) -> str:
    """``"2 rule(s) failed: PEPPOL-T01-R008 at /Order/... (line 12): ...; ..."``.

    ``omitted``: how many fatal findings the caps left out of ``fatal``.
    """
    listed = "; ".join(
        f"{f.rule_id} at {f.path}" + (f" (line {f.line})" if f.line else "") + f": {f.message}"
        for f in fatal[:MAX_LISTED]
    )
    more = f"; and {len(fatal) - MAX_LISTED} more" if len(fatal) > MAX_LISTED else ""
    if omitted:
        more += f" ({omitted} more finding(s) left out)"
    return f"{len(fatal) + omitted} rule(s) failed: {listed}{more}"
