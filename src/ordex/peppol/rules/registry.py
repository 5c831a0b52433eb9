"""The rule book: which rules apply to which transaction, and how they run.

A rule is a small function that looks at a document and yields the elements that
break it (the Schematron "context" nodes whose assertion fails); the rule book turns
each of them into a ``Finding`` with the rule's ID, flag and message, the element's
path and its source line. Rules are registered per transaction, under the official
Peppol rule ID where one exists (``PEPPOL-T01-R008``, ``PEPPOL-COMMON-R030``) and an
``ORDEX-...`` ID for checks only ordex makes.

Findings are capped (``MAX_FINDINGS_PER_RULE``, ``MAX_FINDINGS_PER_DOCUMENT``): a hostile
document of thousands of broken elements gets a short answer that says how many findings
were left out (``Validation.omitted``), and ordex names no path and builds no message for
them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import InitVar, dataclass, field
from decimal import localcontext
from functools import lru_cache
from typing import Any, Literal, TypeVar

from lxml import etree

from ordex.domain.errors import Finding
from ordex.peppol.namespaces import clark, source_line
from ordex.peppol.rules.index import TreeIndex
from ordex.peppol.transactions import TRANSACTIONS, Transaction
from ordex.peppol.values import EXACT, OutOfBounds

Flag = Literal["fatal", "warning"]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Context:
    """The document a rule looks at: its transaction, the root of its tree, and an index
    of its elements (built once, shared by all rules: see ``TreeIndex``)."""

    transaction: Transaction
    root: etree._Element
    index: TreeIndex = field(init=False, repr=False, compare=False)
    _memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    _unevaluable: list[Violation] = field(default_factory=list, repr=False, compare=False)
    prebuilt: InitVar[TreeIndex | None] = None  # the parser's, when it read this tree

    def __post_init__(self, prebuilt: TreeIndex | None) -> None:
        object.__setattr__(self, "index", prebuilt or TreeIndex(self.root))

    def cannot_evaluate(self, element: etree._Element, reason: object) -> None:
        """Note that a rule could not evaluate its test on ``element`` (see ``support``).

        The official XSLT stops with an XPath error there; ``RuleBook.run`` reports each
        such element under ``ORDEX-R002`` so that the document is refused all the same.
        A value beyond ordex's own limits (``OutOfBounds``) is not noted: ORDEX-R010
        reports it, and the official rules would evaluate the test.
        """
        if isinstance(reason, OutOfBounds):
            return
        self._unevaluable.append(Violation(element, str(reason)))

    def forget(self) -> None:
        """Drop the values the rules shared. Some refer back to this context (the order
        totals do); left alone, that cycle would keep the whole index alive until the
        garbage collector came by, which cost more than a tenth of validation."""
        self._memo.clear()

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A value several rules share (computed once per document)."""
        if key not in self._memo:
            self._memo[key] = compute()
        value: T = self._memo[key]
        return value

    def anywhere(self, *names: str) -> list[etree._Element]:
        """Every element named one of ``names`` (``cbc:Amount``...): XPath ``//cbc:Amount``.

        In document order for one name; for several, name by name. The list is shared
        by the rules: do not modify it.
        """
        index = self.index
        if len(names) == 1:
            return index.named(_clark_names(names)[0])
        return [element for tag in _clark_names(names) for element in index.named(tag)]

    def anywhere_in(self, parent: str, name: str) -> list[etree._Element]:
        """Every element named ``name`` whose parent is named ``parent``, in document
        order: XPath ``//cac:OrderLine/cac:LineItem``."""
        return self.cached(("anywhere_in", parent, name), lambda: self._find_in(parent, name))

    def _find_in(self, parent: str, name: str) -> list[etree._Element]:
        # Parent by parent (in document order): a dictionary lookup for each, where
        # asking each element named ``name`` for its parent costs more, and there are
        # more of those (``cbc:ID`` is everywhere).
        parent_tag, tag = _clark_names((parent, name))
        kids = self.index.kids
        found: list[etree._Element] = []
        for above in self.index.named(parent_tag):
            siblings = kids.get(above)
            if siblings is not None and tag in siblings:
                found += siblings[tag]
        return found


@lru_cache(maxsize=256)
def _clark_names(names: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(clark(name) for name in names)


@dataclass(frozen=True, slots=True)
class Violation:
    """An element that breaks a rule, with an optional detail for the message."""

    element: etree._Element
    detail: str | None = None


Check = Callable[[Context], Iterable["etree._Element | Violation"]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of one transaction."""

    rule_id: str
    flag: Flag
    message: str
    check: Check

    def finding(
        self, context: Context, element: etree._Element, detail: str | None = None
    ) -> Finding:
        """The finding of this rule on ``element`` (``detail`` added to the message)."""
        return Finding(
            rule_id=self.rule_id,
            flag=self.flag,
            message=f"{self.message} ({detail})" if detail else self.message,
            path=context.index.path(element),
            line=source_line(element),
        )

    def run(self, context: Context) -> Iterator[Finding]:
        for hit in self.check(context):
            if isinstance(hit, Violation):
                yield self.finding(context, hit.element, hit.detail)
            else:
                yield self.finding(context, hit)


Hit = tuple[Rule, etree._Element, str | None]
"""A rule of a group, the element that breaks it, and an optional detail."""


@dataclass(frozen=True, slots=True)
class RuleGroup:
    """Rules checked together in one pass over the document (the structure rules).

    Hundreds of small rules cost more in calls than in checks; a group walks the tree
    once and reports each broken rule of its members.
    """

    rules: tuple[Rule, ...]
    check: Callable[[Context], Iterable[Hit]]

    def run(self, context: Context) -> Iterator[Finding]:
        for rule, element, detail in self.check(context):
            yield rule.finding(context, element, detail)

    def member(self, rule: Rule) -> Rule:
        """``rule`` checked on its own (through the group): for the rule catalogue."""

        def check(context: Context) -> Iterator[Violation]:
            return (Violation(e, d) for r, e, d in self.check(context) if r is rule)

        return Rule(rule.rule_id, rule.flag, rule.message, check)


class RuleBook:
    """Rules per transaction code, in the order they were registered."""

    def __init__(self) -> None:
        self._rules: dict[str, list[Rule]] = {t.code: [] for t in TRANSACTIONS}
        self._runs: dict[str, list[Rule | RuleGroup]] = {t.code: [] for t in TRANSACTIONS}

    def add(self, transaction: str, rule: Rule) -> None:
        self._rules[transaction].append(rule)
        self._runs[transaction].append(rule)

    def add_group(self, transaction: str, group: RuleGroup) -> None:
        """Register the rules of ``group``, which run together."""
        self._rules[transaction].extend(group.member(rule) for rule in group.rules)
        self._runs[transaction].append(group)

    def rule(
        self, rule_id: str, *, flag: Flag, message: str, transactions: Iterable[str]
    ) -> Callable[[Check], Check]:
        """Decorator: register a check for each transaction.

        ``rule_id`` may contain ``{t}``, replaced by the transaction code, so that one
        function serves ``PEPPOL-T01-R001`` and ``PEPPOL-T114-R001``.
        """

        def register(check: Check) -> Check:
            for code in transactions:
                self.add(code, Rule(rule_id.format(t=code), flag, message, check))
            return check

        return register

    def use_messages(self, official: dict[tuple[str, str], str]) -> None:
        """Give each rule the message the release states for it (``official``: by
        transaction code and rule ID; the generated ``business_rules``), where it has one.

        One check often serves several transactions whose official messages differ in a
        word ("An order SHALL" / "An order change MUST"): the release's text wins.
        """
        for code in self._rules:
            renamed: dict[int, Rule] = {}
            for rule in self._rules[code]:
                message = official.get((code, rule.rule_id))
                if message is not None and message != rule.message:
                    renamed[id(rule)] = Rule(rule.rule_id, rule.flag, message, rule.check)
            self._rules[code] = [renamed.get(id(r), r) for r in self._rules[code]]
            self._runs[code] = [
                renamed.get(id(r), r) if isinstance(r, Rule) else r for r in self._runs[code]
            ]

    def rules_for(self, transaction: str) -> tuple[Rule, ...]:
        return (*self._rules[transaction], UNEVALUABLE)

    def run(
        self, transaction: Transaction, root: etree._Element, index: TreeIndex | None = None
    ) -> list[Finding]:
        """The findings of the transaction's rules on the tree that ``evaluate`` keeps."""
        return self.evaluate(transaction, root, index).findings

    def evaluate(
        self, transaction: Transaction, root: etree._Element, index: TreeIndex | None = None
    ) -> Validation:
        """All findings of the transaction's rules on the tree, in document order, capped.

        ``index`` is the tree's index when the caller has one (the parser builds it).
        A rule keeps its first ``MAX_FINDINGS_PER_RULE`` findings and the document its
        first ``MAX_FINDINGS_PER_DOCUMENT`` (rules in the order they run); the others
        are only counted (``Validation.omitted``): no path or message is made for them.
        """
        context = Context(transaction, root, prebuilt=index)
        kept = _Kept(context)
        try:
            with localcontext(EXACT):  # the rules' arithmetic is exact, as in XPath
                for runner in self._runs[transaction.code]:
                    if isinstance(runner, RuleGroup):
                        for rule, element, detail in runner.check(context):
                            kept.add(rule, element, detail)
                        continue
                    kept.add_all(runner, runner.check(context))  # most rules find nothing
                for hit in context._unevaluable:  # last: it reports what the others noted
                    kept.add(UNEVALUABLE, hit.element, hit.detail)
        finally:
            context.forget()
        findings = sorted(kept.findings, key=lambda f: (f.line or 0, f.path, f.rule_id))
        return Validation(findings, dict(kept.omitted))


MAX_FINDINGS_PER_RULE = 100
"""Most findings one rule reports on one document; further ones are counted only."""

MAX_FINDINGS_PER_DOCUMENT = 1000
"""Most findings reported on one document; further ones are counted only."""


@dataclass(frozen=True, slots=True)
class Validation:
    """What the rules found on a document: the findings kept (in document order) and how
    many findings the caps left out, per rule (``{(rule ID, flag): count}``)."""

    findings: list[Finding]
    omitted: dict[tuple[str, str], int] = field(default_factory=dict)

    @property
    def findings_omitted(self) -> int:
        """How many findings the caps left out."""
        return sum(self.omitted.values())

    @property
    def fatal(self) -> bool:
        """Whether a fatal rule failed (a finding kept or left out)."""
        return any(f.flag == "fatal" for f in self.findings) or any(
            flag == "fatal" for _, flag in self.omitted
        )

    def failed_rules(self) -> set[tuple[str, str]]:
        """``(rule ID, flag)`` of every rule that failed, including ones left out."""
        return {(f.rule_id, f.flag) for f in self.findings} | set(self.omitted)


class _Kept:
    """The findings of one run, up to the caps; beyond them, a count per rule."""

    __slots__ = ("context", "findings", "omitted", "per_rule")

    def __init__(self, context: Context) -> None:
        self.context = context
        self.findings: list[Finding] = []
        self.per_rule: dict[str, int] = {}
        self.omitted: dict[tuple[str, str], int] = {}

    def add_all(self, rule: Rule, hits: Iterable[etree._Element | Violation]) -> None:
        """Every hit of one rule: built up to the caps, then only counted."""
        room = min(
            MAX_FINDINGS_PER_RULE - self.per_rule.get(rule.rule_id, 0),
            MAX_FINDINGS_PER_DOCUMENT - len(self.findings),
        )
        hits = iter(hits)
        for hit in hits:
            if room <= 0:
                left_out = 1 + sum(1 for _ in hits)
                key = (rule.rule_id, rule.flag)
                self.omitted[key] = self.omitted.get(key, 0) + left_out
                return
            room -= 1
            self.per_rule[rule.rule_id] = self.per_rule.get(rule.rule_id, 0) + 1
            if isinstance(hit, Violation):
                self.findings.append(rule.finding(self.context, hit.element, hit.detail))
            else:
                self.findings.append(rule.finding(self.context, hit))

    def add(self, rule: Rule, element: etree._Element, detail: str | None) -> None:
        count = self.per_rule.get(rule.rule_id, 0)
        if count < MAX_FINDINGS_PER_RULE and len(self.findings) < MAX_FINDINGS_PER_DOCUMENT:
            self.per_rule[rule.rule_id] = count + 1
            self.findings.append(rule.finding(self.context, element, detail))
            return
        key = (rule.rule_id, rule.flag)
        self.omitted[key] = self.omitted.get(key, 0) + 1


def _unevaluable(context: Context) -> list[Violation]:
    return list(context._unevaluable)


UNEVALUABLE = Rule(
    "ORDEX-R002",
    "fatal",
    "A value the official rules compute with MUST be one decimal number: the official "
    "Schematron stops on this document instead of reporting",
    _unevaluable,
)
"""Where a rule could not evaluate its test (a value that is not one decimal)."""

RULES = RuleBook()
"""The rule book of ordex; the modules of ``ordex.peppol.rules`` fill it on import."""

ORDERS = ("T01", "T114")
RESPONSES = ("T116", "T76")
ALL = ("T01", "T114", "T115", "T116", "T76", "T110")
