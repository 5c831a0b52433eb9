"""Read an OpenPeppol rule release (``PEPPOLBIS-T*.sch``) into ordex's generated tables.

An OpenPeppol release is a set of assembled Schematron files, one per transaction. Much
of it is data that ordex used to transcribe by hand:

- the **structure rules** (``PEPPOL-<T>-B...``), which the OpenPeppol build generates from
  the syntax models: required elements and attributes, code lists, fixed values, "no
  element outside the data model", no schema location. They become the data model tables
  that ``ordex.peppol.rules.datamodel`` reads (``generated/datamodel_tables.py``);
- the **code lists** (``<let name="cl..." value="tokenize('...')">``), with the titles the
  messages give them (``generated/code_lists.py``);
- the **business rules** (``PEPPOL-<T>-R...``, ``-CL...``, ``PEPPOL-COMMON-...``): their
  IDs, flags, messages, contexts and tests (``generated/business_rules.py``). Their tests
  are XPath 2.0, which ordex implements by hand (``ordex.peppol.rules.order`` and the
  others); the table lets a release be compared with the one in force, rule by rule.

``import_release`` reads a release; ``changes`` compares it with the one in force and says
which rules need code (a new, removed or changed business rule; a structure rule of a
form the tables cannot express); ``write_modules`` writes the generated modules.
``tools/import_rules.py`` is the command around them (README: "Adopting a new Peppol rule
release").
"""

from __future__ import annotations

import pprint
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

SCH = "{http://purl.oclc.org/dsdl/schematron}"
TRANSACTION_FILE = re.compile(r"PEPPOLBIS-(T[0-9]+)\.sch$")
STRUCTURE_ID = re.compile(r"^PEPPOL-T[0-9]+-(B[0-9]+)$")

_REQUIRED = re.compile(r"^(?P<item>@?[A-Za-z]+(?::[A-Za-z]+)?)$")
_TEXT_CODE = re.compile(
    r"^\(some \$code in \$cl(?P<list>[\w-]+) satisfies \$code = normalize-space\(text\(\)\)\)$"
)
_ATTRIBUTE_CODE = re.compile(
    r"^not\(@(?P<a>\w+)\) or \(some \$code in \$cl(?P<list>[\w-]+) satisfies \$code = @(?P=a)\)$"
)
_FIXED = re.compile(r"^normalize-space\(text\(\)\) = '(?P<value>[^']*)'$")
_CODE_LIST_TITLE = re.compile(r"'(?P<title>[^']*)'")
_TOKENIZE = re.compile(r"^tokenize\('(?P<codes>[^']*)', '\\s'\)$")

CODE_LIST_NAMES = {
    "UNECERec20": "UNECE_REC20",
    "MimeCode": "MIME_CODE",
    "eas": "EAS",
    "TrueFalse": "TRUE_FALSE",
    "Image": "IMAGE",
}
"""ordex's names of the release's code-list variables (``$clUNECERec20``...); a variable not
named here keeps its own name, ``-`` turned into ``_`` (``$clUNCL4343-T76`` is
``UNCL4343_T76``)."""


def code_list_name(variable: str) -> str:
    """ordex's name of a code list variable of the release (without its ``cl`` prefix)."""
    return CODE_LIST_NAMES.get(variable, variable.replace("-", "_"))


@dataclass(frozen=True, slots=True)
class BusinessRule:
    """One assertion outside the structure rules, as the release states it."""

    rule_id: str
    flag: str
    context: str
    test: str
    message: str


@dataclass(slots=True)
class TransactionRules:
    """What a release says about one transaction."""

    code: str  # "T01"
    root: str  # "Order"
    table: list[tuple[str, str]] = field(default_factory=list)  # (path, "B00101 requires ...")
    business: list[BusinessRule] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)  # structure rules needing code


@dataclass(slots=True)
class Release:
    """An OpenPeppol release read from its ``.sch`` files."""

    name: str
    transactions: dict[str, TransactionRules] = field(default_factory=dict)
    code_lists: dict[str, frozenset[str]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)  # one name, two lists of codes


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def _message(assertion: etree._Element) -> str:
    text = _words("".join(str(part) for part in assertion.itertext()))
    return re.sub(r"^\[[^\]]+\]\s*-\s*", "", text)


def import_release(sch_dir: Path, name: str) -> Release:
    """Read every ``PEPPOLBIS-T*.sch`` of ``sch_dir``."""
    release = Release(name)
    files = sorted(p for p in sch_dir.iterdir() if TRANSACTION_FILE.search(p.name))
    if not files:
        raise FileNotFoundError(f"no PEPPOLBIS-T*.sch in {sch_dir}")
    for path in files:
        match = TRANSACTION_FILE.search(path.name)
        assert match is not None
        _read_transaction(release, match[1], etree.parse(str(path)).getroot())
    return release


def _read_transaction(release: Release, code: str, schema: etree._Element) -> None:
    root = ""
    for ns in schema.iter(f"{SCH}ns"):
        if ns.get("prefix") == "ubl":
            root = (ns.get("uri") or "").rsplit(":", 1)[-1].removesuffix("-2")
    rules = TransactionRules(code, root)
    release.transactions[code] = rules
    for let in schema.iter(f"{SCH}let"):
        variable = let.get("name", "")
        found = _TOKENIZE.match(let.get("value", "").strip())
        if variable.startswith("cl") and found:
            _add_code_list(release, code_list_name(variable[2:]), found["codes"])
    for pattern in schema.iter(f"{SCH}pattern"):
        assertions = list(pattern.iter(f"{SCH}assert"))
        if any(STRUCTURE_ID.match(a.get("id", "")) for a in assertions):
            _read_structure(release, rules, pattern)
            continue
        for rule in pattern.iter(f"{SCH}rule"):
            context = _words(rule.get("context"))
            for assertion in rule.iter(f"{SCH}assert"):
                rules.business.append(
                    BusinessRule(
                        assertion.get("id", ""),
                        assertion.get("flag", "fatal"),
                        context,
                        _words(assertion.get("test")),
                        _message(assertion),
                    )
                )


def _add_code_list(release: Release, name: str, codes: str) -> None:
    values = frozenset(codes.split())
    known = release.code_lists.setdefault(name, values)
    if known != values:
        release.conflicts.append(f"code list {name} differs between transactions")


def _read_structure(release: Release, rules: TransactionRules, pattern: etree._Element) -> None:
    prefix = f"/ubl:{rules.root}"
    contexts = [_words(rule.get("context")) for rule in pattern.iter(f"{SCH}rule")]
    children: dict[str, list[str]] = {}
    for context in contexts:
        if not context.endswith("/*") and context.startswith(prefix + "/"):
            parent, _, step = _path(prefix, context).rpartition("/")
            children.setdefault(parent, []).append(step)
    for rule in pattern.iter(f"{SCH}rule"):
        context = _words(rule.get("context"))
        if not context.startswith(prefix):
            rules.unsupported.append(f"structure rule context {context!r}")
            continue
        for assertion in rule.iter(f"{SCH}assert"):
            entry = _structure_entry(release, prefix, context, assertion, children)
            if entry is None:
                rules.unsupported.append(
                    f"{assertion.get('id')}: {_words(assertion.get('test'))} at {context}"
                )
            else:
                rules.table.append(entry)


def _path(prefix: str, context: str) -> str:
    """``/ubl:Order/cac:Delivery`` -> ``cac:Delivery``; the root itself is ``""``."""
    return context[len(prefix) :].lstrip("/")


def _structure_entry(
    release: Release,
    prefix: str,
    context: str,
    assertion: etree._Element,
    children: dict[str, list[str]],
) -> tuple[str, str] | None:
    """The table line of one structure assertion (path, words), or None if it has no form."""
    rule = STRUCTURE_ID.match(assertion.get("id", ""))
    if rule is None:
        return None
    number, test, message = rule[1], _words(assertion.get("test")), _message(assertion)
    if context.endswith("/*"):
        path = _path(prefix, context[:-2])
        if test != "false()":
            return None
        return path, f"{number} allows " + " ".join(children.get(path, []))
    path = _path(prefix, context)
    if test == "not(@*:schemaLocation)":
        return path, f"{number} no-schema-location"
    if found := _REQUIRED.match(test):
        return path, f"{number} requires {found['item']}"
    if found := _ATTRIBUTE_CODE.match(test):
        name = code_list_name(found["list"])
        _title(release, message, [name])
        return path, f"{number} code-list @{found['a']} {name}"
    alternatives = [_TEXT_CODE.match(part) for part in test.split(" or ")]
    if all(alternatives):
        names = [code_list_name(found["list"]) for found in alternatives if found]
        _title(release, message, names)
        return path, f"{number} code-list text {' '.join(names)}"
    if found := _FIXED.match(test):
        return path, f"{number} fixed {found['value']}"
    return None


def _title(release: Release, message: str, names: list[str]) -> None:
    """The code lists' titles from ``Value MUST be part of code list 'A' or 'B'.``"""
    titles = _CODE_LIST_TITLE.findall(message)
    if message.startswith("Value MUST be part of code list") and len(titles) == len(names):
        for name, title in zip(names, titles, strict=True):
            release.titles.setdefault(name, title)


# --- tables -------------------------------------------------------------------------------


def table_text(rules: TransactionRules) -> str:
    """The data model table of a transaction in ``ordex.peppol.rules.datamodel``'s format."""
    blocks: dict[str, list[str]] = {}
    for path, words in rules.table:
        blocks.setdefault(path, []).append(words)
    lines = [""]
    for path, entries in blocks.items():
        lines.append(path or "/")
        for words in entries:
            wrapped = textwrap.wrap(words, width=92, break_on_hyphens=False, break_long_words=False)
            lines.append("    " + wrapped[0])
            lines.extend("        " + more for more in wrapped[1:])
    return "\n".join(lines) + "\n"


# --- what changed -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Changes:
    """How a release differs from the one in force."""

    new: list[str]
    removed: list[str]
    changed: list[str]
    structure: list[str]  # structure rules that changed (regenerated, no code needed)
    unsupported: list[str]  # structure rules of a form the tables do not have
    code_lists: list[str] = field(default_factory=list)  # regenerated, no code needed

    @property
    def need_code(self) -> bool:
        return bool(self.new or self.removed or self.changed or self.unsupported)

    def report(self) -> str:
        lines = []
        for title, items in (
            ("new business rules (need code)", self.new),
            ("removed business rules (remove their code)", self.removed),
            ("changed business rules (check their code)", self.changed),
            ("structure rules the tables cannot express (need code)", self.unsupported),
            ("structure rules regenerated", self.structure),
            ("code lists regenerated", self.code_lists),
        ):
            lines.append(f"{title}: {len(items)}")
            lines.extend(f"  - {item}" for item in items)
        return "\n".join(lines)


def changes(
    release: Release,
    business_in_force: dict[str, tuple[tuple[str, str, str, str, str], ...]],
    tables_in_force: dict[str, str],
    codes_in_force: dict[str, frozenset[str]] | None = None,
) -> Changes:
    """Compare ``release`` with the business rules, tables and code lists in force (the
    generated modules' ``BUSINESS_RULES``, ``TABLES`` and ``CODE_LISTS``)."""
    new: list[str] = []
    removed: list[str] = []
    changed: list[str] = []
    structure: list[str] = []
    unsupported: list[str] = []
    for code, rules in sorted(release.transactions.items()):
        old = {r[0]: r for r in business_in_force.get(code, ())}
        now = {r.rule_id: _row(r) for r in rules.business}
        new += [f"{rule_id} ({code}): {now[rule_id][4]}" for rule_id in sorted(now.keys() - old)]
        removed += [f"{rule_id} ({code})" for rule_id in sorted(old.keys() - now)]
        for rule_id in sorted(now.keys() & old):
            fields = [
                name
                for name, before, after in zip(
                    ("flag", "context", "test", "message"),
                    old[rule_id][1:],
                    now[rule_id][1:],
                    strict=True,
                )
                if before != after
            ]
            if fields:
                changed.append(f"{rule_id} ({code}): {', '.join(fields)} changed")
        before_table = set(_table_entries(tables_in_force.get(code, "")))
        after_table = set(_table_entries(table_text(rules)))
        structure += [f"{code} + {p or '/'}: {w}" for p, w in sorted(after_table - before_table)]
        structure += [f"{code} - {p or '/'}: {w}" for p, w in sorted(before_table - after_table)]
        unsupported += [f"{code}: {item}" for item in rules.unsupported]
    codes = codes_in_force or {}
    code_lists = []
    for name in sorted(release.code_lists.keys() | codes.keys()):
        before, after = codes.get(name, frozenset()), release.code_lists.get(name, frozenset())
        if before != after:
            added, dropped = sorted(after - before), sorted(before - after)
            code_lists.append(f"{name}: +{' '.join(added) or '-'} / -{' '.join(dropped) or '-'}")
    return Changes(new, removed, changed, structure, unsupported, code_lists)


def _row(rule: BusinessRule) -> tuple[str, str, str, str, str]:
    return (rule.rule_id, rule.flag, rule.context, rule.test, rule.message)


def _table_entries(table: str) -> list[tuple[str, str]]:
    entries: list[tuple[str, str]] = []
    path = ""
    for line in table.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            path = "" if line.strip() == "/" else line.strip()
        elif line.startswith("        "):
            path_, words = entries[-1]
            entries[-1] = (path_, f"{words} {line.strip()}")
        else:
            entries.append((path, line.strip()))
    return [(p, " ".join(w.split())) for p, w in entries]


# --- generated modules --------------------------------------------------------------------


def header(release: Release, command: str, what: str) -> str:
    return (
        f'"""{what} of the OpenPeppol rule release {release.name}.\n\n'
        "GENERATED: do not edit by hand; adopt a new release with the same command\n"
        '(README: "Adopting a new Peppol rule release"):\n\n'
        f'    {command}\n"""\n\n'
        "from __future__ import annotations\n\n"
        f"RELEASE = {release.name!r}\n"
    )


def write_modules(release: Release, target: Path, command: str, bis_version: str) -> list[Path]:
    """Write the generated modules into ``target`` (``ordex/peppol/rules/generated``)."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    tables = {code: table_text(r) for code, r in sorted(release.transactions.items())}
    body = header(release, command, "The data model tables (structure rules)")
    body += "\nTABLES: dict[str, str] = {}\n"
    for code, table in tables.items():
        body += f'\nTABLES["{code}"] = """{table}"""\n'
    written.append(_write(target / "datamodel_tables.py", body))

    body = header(release, command, "The code lists")
    body += "\nCODE_LISTS: dict[str, frozenset[str]] = {\n"
    for name, codes in sorted(release.code_lists.items()):
        text = "\n".join(
            textwrap.wrap(
                " ".join(sorted(codes)), width=88, break_on_hyphens=False, break_long_words=False
            )
        )
        codes_text = textwrap.indent(text, "        ")
        body += (
            f'    "{name}": frozenset(\n        """\n{codes_text}\n        """.split()\n    ),\n'
        )
    body += "}\n\nTITLES: dict[str, str] = {\n"
    for name, title in sorted(release.titles.items()):
        body += f"    {name!r}: {title!r},\n"
    body += "}\n"
    written.append(_write(target / "code_lists.py", body))

    body = header(release, command, "The business rules (IDs, flags, contexts, tests, messages)")
    body += "\nBUSINESS_RULES: dict[str, tuple[tuple[str, str, str, str, str], ...]] = "
    rows = {code: tuple(_row(r) for r in rules.business) for code, rules in tables_order(release)}
    body += pprint.pformat(rows, width=96, sort_dicts=False) + "\n"
    written.append(_write(target / "business_rules.py", body))

    body = (
        '"""The OpenPeppol rule release in force (``ordex validate --version``).\n\n'
        f"GENERATED by this command; do not edit by hand:\n\n    {command}\n"
        '"""\n\nfrom __future__ import annotations\n\n'
        f"RELEASE = {release.name!r}\nBIS_VERSION = {bis_version!r}\n"
        f"TRANSACTIONS = {tuple(sorted(release.transactions))!r}\n"
    )
    written.append(_write(target / "release.py", body))
    init = target / "__init__.py"
    if not init.exists():
        written.append(_write(init, '"""Modules generated from an OpenPeppol rule release."""\n'))
    return written


def tables_order(release: Release) -> list[tuple[str, TransactionRules]]:
    return sorted(release.transactions.items())


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
