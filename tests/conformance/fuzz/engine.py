"""The differential fuzz: mutants of the official examples, native verdict against official.

A verdict is the set of (rule ID, flag) a validator reports, errors and warnings. The
native one leaves out ordex's own rules except where they stand for something official:
ORDEX-R002 says the official rules stop with an XPath error (they must then stop), and a
fatal ORDEX rule where the official rules report nothing fatal is a disagreement too,
unless the document breaks the UBL XML Schema (ORDEX-R001 stands for ``xs:decimal``).

A disagreement on a document the UBL XML Schema refuses, where native validation reports
only more and all of it stands for a schema facet (``SCHEMA_FACETS``), is an *XSD case*:
counted and shown apart, not a failure (the official Schematron assumes a schema-valid
document; the schema check settles such a document). Any other disagreement is a failure,
whether the schema accepts the document or not.

Mutant ``i`` of a run depends on the seed and ``i`` only: ``ORDEX_FUZZ_SEED=<seed>``
replays a run, ``--only i`` one mutant of it.
"""

from __future__ import annotations

import difflib
import os
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ordex.domain.errors import Finding, OrdexError
from ordex.peppol.rules import run_rules
from ordex.peppol.schematron import SchematronFailed, compile_stylesheet, run_schematron
from ordex.peppol.transactions import BY_CODE, TRANSACTIONS, by_customization_id
from ordex.peppol.xml import parse_xml
from tests.conformance.fuzz.operators import OPERATORS, Mutant

STOPS = "ORDEX-R002"
LIMITS = frozenset({"ORDEX-R010", "ORDEX-R011"})
"""ordex's documented limits (100 digits, 200-character identifiers): not official."""
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
DEFAULT_MUTANTS = 5000


def new_seed() -> str:
    """``ORDEX_FUZZ_SEED`` when set (to replay a run), else a new one for this run."""
    return os.environ.get("ORDEX_FUZZ_SEED") or str(random.SystemRandom().randrange(10**9))


@dataclass(frozen=True, slots=True)
class Example:
    name: str
    transaction: str
    data: bytes


def examples(shared: Path) -> list[Example]:
    """The official examples of the transactions ordex validates natively."""
    found = []
    for path in sorted((shared / "examples").rglob("*.xml")):
        data = path.read_bytes()
        root = etree.fromstring(data)
        transaction = by_customization_id(root.findtext(f"{{{CBC}}}CustomizationID") or "")
        if transaction is None or transaction.root != etree.QName(root).localname:
            continue
        if transaction.code in BY_CODE:
            found.append(Example(str(path.relative_to(shared)), transaction.code, data))
    return found


@dataclass(frozen=True, slots=True)
class Verdict:
    rules: frozenset[tuple[str, str]]
    stopped: bool
    ordex_fatal: frozenset[str] = frozenset()


def native_verdict(transaction: str, data: bytes) -> Verdict:
    findings = run_rules(BY_CODE[transaction], parse_xml(data))
    return Verdict(
        frozenset((f.rule_id, f.flag) for f in findings if not f.rule_id.startswith("ORDEX-")),
        any(f.rule_id == STOPS for f in findings),
        frozenset(
            f.rule_id for f in findings
            if f.rule_id.startswith("ORDEX-") and f.flag == "fatal"
            and f.rule_id != STOPS and f.rule_id not in LIMITS
        ),
    )  # fmt: skip


class Official:
    """The official stylesheets (compiled once) and the UBL schemas (loaded once)."""

    def __init__(self, shared: Path) -> None:
        self.xslt_dir = shared / "schematron" / "release-2026.5" / "xslt"
        self.xsd_dir = shared / "xsd"
        self.schemas: dict[str, etree.XMLSchema] = {}
        for transaction in TRANSACTIONS:
            compile_stylesheet(self.xslt_dir, transaction.code)

    def verdict(self, transaction: str, data: bytes) -> Verdict:
        try:
            findings: list[Finding] = run_schematron(self.xslt_dir, transaction, data)
        except SchematronFailed:
            return Verdict(frozenset(), True)
        return Verdict(frozenset((f.rule_id, f.flag) for f in findings), False)

    def schema_error(self, transaction: str, data: bytes) -> str | None:
        """The first UBL XML Schema error of the document, or None when it is valid."""
        spec = BY_CODE[transaction]
        key = f"{spec.ubl_version}/{spec.root}"
        if key not in self.schemas:
            version = spec.ubl_version
            path = self.xsd_dir / f"ubl-{version}" / "maindoc" / f"UBL-{spec.root}-{version}.xsd"
            self.schemas[key] = etree.XMLSchema(etree.parse(str(path)))
        schema = self.schemas[key]
        if schema.validate(etree.fromstring(data)):
            return None
        error = schema.error_log.last_error
        return f"line {error.line}: {error.message}" if error else "invalid"


def disagreement(native: Verdict, official: Verdict) -> str | None:
    """What the two verdicts disagree on, or None."""
    if official.stopped or native.stopped:
        if official.stopped and native.stopped:
            return None
        if official.stopped:
            return "the official rules stop (an XPath error); native validation does not say so"
        return "native validation says the official rules stop (ORDEX-R002); they do not"
    problems = []
    if native.rules != official.rules:
        problems.append(
            f"native only: {sorted(native.rules - official.rules)}; "
            f"official only: {sorted(official.rules - native.rules)}"
        )
    if native.ordex_fatal and not any(flag == "fatal" for _, flag in official.rules):
        problems.append(f"native refuses with {sorted(native.ordex_fatal)}, officially valid")
    return "; ".join(problems) or None


SCHEMA_FACETS = frozenset({"ORDEX-R012", "ORDEX-R001"})
"""The rules that fire natively, not officially, where a value breaks a UBL XML Schema
type: a date of year 0000 (ORDEX-R012: ``xs:date`` has none; the official R030 tests the
pattern only) and a number that is no ``xs:decimal`` (``1E2``, ``INF``, ``NaN``, ``1,5``)."""


def explained_by_schema(native: Verdict, official: Verdict) -> bool:
    """Whether the disagreement is one the UBL XML Schema settles (``SCHEMA_FACETS``):
    native validation reports more, all of it facets of the schema, and nothing less."""
    if native.stopped != official.stopped:
        return False
    extra = {rule for rule, _ in native.rules - official.rules} | set(native.ordex_fatal)
    return not (official.rules - native.rules) and extra <= SCHEMA_FACETS


@dataclass(frozen=True, slots=True)
class Case:
    number: int
    example: str
    transaction: str
    steps: tuple[str, ...]
    problem: str
    diff: str
    schema_error: str | None = None

    def describe(self, seed: str) -> str:
        steps = "\n".join(f"  - {step}" for step in self.steps)
        schema = f"\n  UBL XML Schema: {self.schema_error}" if self.schema_error else ""
        return (
            f"mutant {self.number} (ORDEX_FUZZ_SEED={seed}) of {self.example} "
            f"({self.transaction}):\n{steps}\n  {self.problem}{schema}\n{self.diff}"
        )


@dataclass
class Report:
    seed: str
    mutants: int = 0
    disagreements: list[Case] = field(default_factory=list)
    xsd_cases: list[Case] = field(default_factory=list)
    unparsable: int = 0
    operators: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"differential fuzz, ORDEX_FUZZ_SEED={self.seed}: {self.mutants} mutants in "
            f"{self.seconds:.1f} s, {len(self.disagreements)} disagreements, "
            f"{len(self.xsd_cases)} XSD cases (documents the UBL XML Schema refuses), "
            f"{self.unparsable} not well-formed; {len(self.operators)} of {len(OPERATORS)} "
            "operators used"
        )


def mutant(number: int, seed: str, pool: list[Example]) -> tuple[Example, bytes, list[str]]:
    """Mutant ``number`` of the run of ``seed``: its example, bytes and steps."""
    rnd = random.Random(f"{seed}:{number}")
    example = rnd.choice(pool)
    doc = Mutant(etree.fromstring(example.data))
    steps: list[str] = []
    names = sorted(OPERATORS)
    for _ in range(rnd.choice((1, 1, 1, 2, 2, 3))):
        for _attempt in range(6):
            name = rnd.choice(names)
            done = OPERATORS[name](doc, rnd)
            if done is not None:
                steps.append(f"{name}: {done}")
                break
    return example, doc.serialize(), steps


def run(
    count: int,
    seed: str,
    pool: list[Example],
    official: Official,
    only: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    report = Report(seed)
    started = time.perf_counter()
    for number in range(count) if only is None else (only,):
        example, data, steps = mutant(number, seed, pool)
        report.mutants += 1
        report.operators.update(step.split(":", 1)[0] for step in steps)
        try:
            native = native_verdict(example.transaction, data)
        except OrdexError:  # not well-formed or unsafe: both refuse it before any rule
            report.unparsable += 1
            continue
        theirs = official.verdict(example.transaction, data)
        problem = disagreement(native, theirs)
        if problem is not None:
            explained = explained_by_schema(native, theirs)
            schema_error = official.schema_error(example.transaction, data) if explained else None
            case = Case(number, example.name, example.transaction, tuple(steps), problem,
                        _diff(example.data, data), schema_error)  # fmt: skip
            (report.xsd_cases if schema_error else report.disagreements).append(case)
        if progress is not None:
            progress(number)
    report.seconds = time.perf_counter() - started
    return report


def _diff(before: bytes, after: bytes, lines: int = 40) -> str:
    old = etree.tostring(etree.fromstring(before), encoding="unicode").splitlines()
    new = etree.tostring(etree.fromstring(after), encoding="unicode").splitlines()
    changed = list(difflib.unified_diff(old, new, lineterm="", n=1))[2:]
    shown = "\n".join(changed[:lines])
    return shown + (
        f"\n... ({len(changed) - lines} more diff lines)" if len(changed) > lines else ""
    )
