"""Structure rules (``PEPPOL-<T>-B...``): the data model tables turned into rules.

Each entry of ``ordex.peppol.rules.datamodel`` becomes one registered rule with its
official ID: mandatory elements and attributes, code lists, fixed values, elements
outside the data model (which is what refuses ``cbc:UBLVersionID``), schema location.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ordex.peppol.codes import CODE_LIST_TITLES, CODE_LISTS
from ordex.peppol.namespaces import clark, is_element, prefixed
from ordex.peppol.rules.datamodel import (
    DATA_MODELS,
    Children,
    DataModel,
    FixedValue,
    InCodeList,
    Required,
)
from ordex.peppol.rules.registry import RULES, Context, Rule, RuleBook, Violation
from ordex.peppol.values import normalize_space

NOT_IN_DATA_MODEL = "Document MUST NOT contain elements not part of the data model."


def _required(entry: Required) -> Rule:
    if entry.item.startswith("@"):
        attribute = entry.item[1:]
        message = f"Attribute '{attribute}' MUST be present."

        def check(context: Context) -> Iterator[etree._Element]:
            return (el for el in context.find_all(entry.path) if el.get(attribute) is None)

    else:
        child = clark(entry.item)
        message = f"Element '{entry.item}' MUST be provided."

        def check(context: Context) -> Iterator[etree._Element]:
            return (el for el in context.find_all(entry.path) if el.find(child) is None)

    return Rule(entry.rule, "fatal", message, check)


def _in_code_list(entry: InCodeList) -> Rule:
    codes = frozenset().union(*(CODE_LISTS[name] for name in entry.code_lists))
    titles = " or ".join(f"'{CODE_LIST_TITLES[name]}'" for name in entry.code_lists)
    message = f"Value MUST be part of code list {titles}."

    def check(context: Context) -> Iterator[Violation]:
        for element in context.find_all(entry.path):
            if entry.attribute is None:
                value: str | None = normalize_space(element.text or "")
            else:
                value = element.get(entry.attribute)
            if value is not None and value not in codes:
                yield Violation(element, f"found {value!r}")

    return Rule(entry.rule, "fatal", message, check)


def _fixed_value(entry: FixedValue) -> Rule:
    name = entry.path.rpartition("/")[2]
    message = f"Element '{name}' MUST contain value '{entry.value}'."

    def check(context: Context) -> Iterator[Violation]:
        for element in context.find_all(entry.path):
            value = normalize_space(element.text or "")
            if value != entry.value:
                yield Violation(element, f"found {value!r}")

    return Rule(entry.rule, "fatal", message, check)


def _children(entry: Children) -> Rule:
    def check(context: Context) -> Iterator[Violation]:
        for element in context.find_all(entry.path):
            for child in element:
                if is_element(child) and prefixed(child) not in entry.allowed:
                    yield Violation(child, f"{prefixed(child)} is not part of it")

    return Rule(entry.rule, "fatal", NOT_IN_DATA_MODEL, check)


def _no_schema_location(rule_id: str) -> Rule:
    def check(context: Context) -> Iterator[etree._Element]:
        if any(etree.QName(name).localname == "schemaLocation" for name in context.root.attrib):
            yield context.root

    return Rule(rule_id, "fatal", "Document MUST not contain schema location.", check)


def register(book: RuleBook, model: DataModel) -> None:
    """Add the structure rules of one transaction to the rule book."""
    rules: list[Rule] = []
    if model.schema_location_rule:
        rules.append(_no_schema_location(model.schema_location_rule))
    rules += [_required(entry) for entry in model.required]
    rules += [_in_code_list(entry) for entry in model.code_lists]
    rules += [_fixed_value(entry) for entry in model.fixed_values]
    rules += [_children(entry) for entry in model.children]
    for rule in rules:
        full_id = f"PEPPOL-{model.transaction}-{rule.rule_id}"
        book.add(model.transaction, Rule(full_id, rule.flag, rule.message, rule.check))


for _model in DATA_MODELS.values():
    register(RULES, _model)
