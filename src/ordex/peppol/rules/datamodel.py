"""The Peppol data model of each transaction, as the official structure rules state it.

The OpenPeppol build generates its "basic" Schematron rules (``PEPPOL-T01-B...``) from
the syntax models: which elements and attributes must be present, which values must come
from a code list, which values are fixed, and which children an element may have at all
("Document MUST NOT contain elements not part of the data model"). The tables below are
those rules of the release in force, generated from its ``PEPPOLBIS-T*.sch`` with their
official IDs by ``tools/import_rules.py`` (``generated/datamodel_tables.py``);
``ordex.peppol.rules.structure`` runs them.

Table format: a line without indentation is a path below the document root (``/`` is
the root itself, steps use the ``cac:``/``cbc:`` prefixes); the indented lines under it
are rules on each element at that path, by ID without the ``PEPPOL-<T>-`` prefix::

    B03701 requires cbc:EndpointID          child element (or @attribute) must be present
    B03802 code-list @schemeID EAS          attribute (or ``text``) must be in a code list
    B00201 fixed urn:fdc:...                text must be exactly this value
    B00109 no-schema-location               the root must not carry xsi:schemaLocation
    B00110 allows cbc:ID cac:Party ...      no other child elements may appear

A line indented deeper than its rule continues that rule's list.
"""

from __future__ import annotations

from dataclasses import dataclass

from ordex.peppol.rules.generated.datamodel_tables import TABLES


@dataclass(frozen=True, slots=True)
class Required:
    """Each element at ``path`` must have the child element or ``@attribute`` ``item``."""

    rule: str
    path: str
    item: str


@dataclass(frozen=True, slots=True)
class InCodeList:
    """The text (or ``attribute``) of each element at ``path`` must be in a code list."""

    rule: str
    path: str
    attribute: str | None
    code_lists: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FixedValue:
    """The text of each element at ``path`` must be exactly ``value``."""

    rule: str
    path: str
    value: str


@dataclass(frozen=True, slots=True)
class Children:
    """Each element at ``path`` may only have children named in ``allowed``."""

    rule: str
    path: str
    allowed: frozenset[str]


@dataclass(frozen=True, slots=True)
class DataModel:
    """The structure rules of one transaction."""

    transaction: str
    schema_location_rule: str | None
    required: tuple[Required, ...]
    code_lists: tuple[InCodeList, ...]
    fixed_values: tuple[FixedValue, ...]
    children: tuple[Children, ...]


def read_table(transaction: str, table: str) -> DataModel:
    """Build a ``DataModel`` from a table in the format described above."""
    schema_location_rule: str | None = None
    required: list[Required] = []
    code_lists: list[InCodeList] = []
    fixed_values: list[FixedValue] = []
    children: list[Children] = []
    for path, (rule, kind, *args) in _entries(table):
        if kind == "requires":
            required.append(Required(rule, path, args[0]))
        elif kind == "code-list":
            target, *lists = args
            attribute = None if target == "text" else target.removeprefix("@")
            code_lists.append(InCodeList(rule, path, attribute, tuple(lists)))
        elif kind == "fixed":
            fixed_values.append(FixedValue(rule, path, " ".join(args)))
        elif kind == "no-schema-location":
            schema_location_rule = rule
        elif kind == "allows":
            children.append(Children(rule, path, frozenset(args)))
        else:
            raise ValueError(f"unknown data model rule kind {kind!r} in {transaction}")
    return DataModel(
        transaction,
        schema_location_rule,
        tuple(required),
        tuple(code_lists),
        tuple(fixed_values),
        tuple(children),
    )


def _entries(table: str) -> list[tuple[str, list[str]]]:
    """The rules of a table as (path, words), continuation lines joined."""
    entries: list[tuple[str, list[str]]] = []
    path = ""
    for line in table.splitlines():
        words = line.split()
        if not words:
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent == 0:
            path = "" if words[0] == "/" else words[0]
        elif indent == 4:
            entries.append((path, words))
        else:
            entries[-1][1].extend(words)
    return entries


DATA_MODELS: dict[str, DataModel] = {
    code: read_table(code, table) for code, table in TABLES.items()
}
"""The structure rules of each transaction of the release in force."""
