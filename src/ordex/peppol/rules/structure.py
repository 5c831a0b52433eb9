"""Structure rules (``PEPPOL-<T>-B...``): the data model tables turned into rules.

Each entry of ``ordex.peppol.rules.datamodel`` becomes one registered rule with its
official ID: mandatory elements and attributes, code lists, fixed values, elements
outside the data model (which is what refuses ``cbc:UBLVersionID``), schema location.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ordex.peppol.codes import CODE_LIST_TITLES, CODE_LISTS
from ordex.peppol.namespaces import clark, prefixed
from ordex.peppol.rules.datamodel import DATA_MODELS, DataModel
from ordex.peppol.rules.registry import RULES, Context, Hit, Rule, RuleGroup
from ordex.peppol.values import normalize_space

NOT_IN_DATA_MODEL = "Document MUST NOT contain elements not part of the data model."


@dataclass(slots=True)
class _Node:
    """The structure rules on the elements at one path, and the paths below it."""

    required: list[tuple[Rule, str]] = field(default_factory=list)  # child Clark names
    required_attributes: list[tuple[Rule, str]] = field(default_factory=list)
    text_codes: list[tuple[Rule, frozenset[str]]] = field(default_factory=list)
    attribute_codes: list[tuple[Rule, str, frozenset[str]]] = field(default_factory=list)
    fixed: list[tuple[Rule, str]] = field(default_factory=list)
    allowed: list[tuple[Rule, frozenset[str]]] = field(default_factory=list)  # Clark names
    below: dict[str, _Node] = field(default_factory=dict)  # child Clark name -> node
    reads_children: bool = True  # whether any rule here needs the element's children
    reads_value: bool = True  # whether any rule here reads its text or attributes


def _node(root: _Node, path: str) -> _Node:
    node = root
    for step in path.split("/") if path else ():
        node = node.below.setdefault(clark(step), _Node())
    return node


def _rule(model: DataModel, rule_id: str, message: str) -> Rule:
    def check(context: Context) -> Iterator[etree._Element]:  # only run through the group
        return iter(())

    return Rule(f"PEPPOL-{model.transaction}-{rule_id}", "fatal", message, check)


def _codes(names: tuple[str, ...]) -> tuple[frozenset[str], str]:
    codes = frozenset().union(*(CODE_LISTS[name] for name in names))
    titles = " or ".join(f"'{CODE_LIST_TITLES[name]}'" for name in names)
    return codes, f"Value MUST be part of code list {titles}."


def _settle(node: _Node) -> None:
    node.reads_children = bool(node.required or node.allowed or node.below)
    node.reads_value = bool(
        node.text_codes or node.fixed or node.required_attributes or node.attribute_codes
    )
    for below in node.below.values():
        _settle(below)


def compile_model(model: DataModel) -> RuleGroup:
    """The structure rules of one transaction as one group: a walk down the model's tree.

    Only elements at a path of the model can break its rules, so the walk follows the
    model and leaves every other element to ``Children`` ("not part of the data model").
    """
    root = _Node()
    rules: list[Rule] = []
    if model.schema_location_rule:
        location = _rule(model, model.schema_location_rule, NO_SCHEMA_LOCATION)
        rules.append(location)
    for required in model.required:
        node = _node(root, required.path)
        if required.item.startswith("@"):
            name = required.item[1:]
            rule = _rule(model, required.rule, f"Attribute '{name}' MUST be present.")
            node.required_attributes.append((rule, name))
        else:
            rule = _rule(model, required.rule, f"Element '{required.item}' MUST be provided.")
            node.required.append((rule, clark(required.item)))
        rules.append(rule)
    for listed in model.code_lists:
        codes, message = _codes(listed.code_lists)
        rule = _rule(model, listed.rule, message)
        node = _node(root, listed.path)
        if listed.attribute is None:
            node.text_codes.append((rule, codes))
        else:
            node.attribute_codes.append((rule, listed.attribute, codes))
        rules.append(rule)
    for fixed in model.fixed_values:
        name = fixed.path.rpartition("/")[2]
        rule = _rule(model, fixed.rule, f"Element '{name}' MUST contain value '{fixed.value}'.")
        _node(root, fixed.path).fixed.append((rule, fixed.value))
        rules.append(rule)
    for children in model.children:
        rule = _rule(model, children.rule, NOT_IN_DATA_MODEL)
        allowed = frozenset(clark(name) for name in children.allowed)
        _node(root, children.path).allowed.append((rule, allowed))
        rules.append(rule)

    _settle(root)

    def check(context: Context) -> list[Hit]:
        hits: list[Hit] = []
        document = context.root
        if model.schema_location_rule and any(
            etree.QName(name).localname == "schemaLocation" for name in document.attrib
        ):
            hits.append((location, document, None))
        # One pass in document order: each element's node is its parent's node's child
        # node for its name (elements outside the model have none, nor has anything below
        # them). lxml hands out the same proxy for an element while one is referenced,
        # and the dictionaries below hold them, so they can be looked up by element.
        node_of: dict[etree._Element, _Node] = {document: root}
        tags_of: dict[etree._Element, list[str]] = {document: []}
        elements = document.iter(etree.Element)
        next(elements)  # the root
        for element in elements:
            parent = element.getparent()
            node = node_of.get(parent)  # type: ignore[arg-type]
            if node is None:
                continue
            tag = element.tag
            if node.reads_children:
                tags_of[parent].append(tag)  # type: ignore[index]
            below = node.below.get(tag)
            if below is not None:
                node_of[element] = below
                if below.reads_children:
                    tags_of[element] = []
        for element, node in node_of.items():
            if node.reads_value:
                _check_value(node, element, hits)
            if not node.reads_children:
                continue
            tags = tags_of[element]
            for rule, tag in node.required:
                if tag not in tags:
                    hits.append((rule, element, None))
            for rule, allowed in node.allowed:
                if not allowed.issuperset(tags):
                    hits.extend(
                        (rule, kid, f"{prefixed(kid)} is not part of it")
                        for kid in element.iterchildren(etree.Element)
                        if kid.tag not in allowed
                    )
        return hits

    return RuleGroup(tuple(rules), check)


def _check_value(node: _Node, element: etree._Element, hits: list[Hit]) -> None:
    """The rules on an element's text and attributes."""
    if node.text_codes or node.fixed:
        text = _normalized(element.text or "")
        for rule, codes in node.text_codes:
            if text not in codes:
                hits.append((rule, element, f"found {text!r}"))
        for rule, value in node.fixed:
            if text != value:
                hits.append((rule, element, f"found {text!r}"))
    for rule, attribute in node.required_attributes:
        if element.get(attribute) is None:
            hits.append((rule, element, None))
    for rule, attribute, codes in node.attribute_codes:
        found = element.get(attribute)
        if found is not None and found not in codes:
            hits.append((rule, element, f"found {found!r}"))


def _normalized(text: str) -> str:
    """``normalize_space``, without a regular expression for the usual clean value."""
    stripped = text.strip(" \t\r\n")
    if "  " in stripped or "\t" in stripped or "\n" in stripped or "\r" in stripped:
        return normalize_space(stripped)
    return stripped


NO_SCHEMA_LOCATION = "Document MUST not contain schema location."

for _model in DATA_MODELS.values():
    RULES.add_group(_model.transaction, compile_model(_model))
