"""Structure rules (``PEPPOL-<T>-B...``): the data model tables turned into rules.

Each entry of ``ordex.peppol.rules.datamodel`` becomes one registered rule with its
official ID: mandatory elements and attributes, code lists, fixed values, elements
outside the data model (which is what refuses ``cbc:UBLVersionID``), schema location.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from ordex.peppol.codes import CODE_LIST_TITLES, CODE_LISTS
from ordex.peppol.namespaces import clark, prefixed
from ordex.peppol.rules.datamodel import DATA_MODELS, DataModel
from ordex.peppol.rules.registry import RULES, UNEVALUABLE, Context, Hit, Rule, RuleGroup
from ordex.peppol.values import normalize_space, text_node

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
    # Settled once the model is read (``_settle``), for the walk's fast path:
    permitted: frozenset[str] | None = None  # children every "allows" rule accepts
    required_tags: frozenset[str] = frozenset()  # the child elements "requires" names
    reads_value: bool = True  # whether any rule here reads the text or attributes
    value_only: bool = False  # whether the rules here read nothing but the value
    check_values: ValueCheck | None = None  # the value rules, on elements of this node


ValueCheck = Callable[[list[etree._Element], list[Hit]], None]
"""The value rules of a node, applied to some of its elements (``_value_check``)."""


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
    if node.allowed:
        node.permitted = frozenset.intersection(*(allowed for _, allowed in node.allowed))
    node.required_tags = frozenset(tag for _, tag in node.required)
    node.reads_value = bool(
        node.text_codes or node.fixed or node.required_attributes or node.attribute_codes
    )
    node.value_only = not (node.required or node.allowed or node.below)
    if node.reads_value:
        node.check_values = _value_check(node)
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
        _walk(context, root, hits)
        return hits

    return RuleGroup(tuple(rules), check)


Kids = dict[str, list[etree._Element]]
"""An element's child elements by Clark name (``TreeIndex.kids``)."""


def _walk(context: Context, root: _Node, hits: list[Hit]) -> None:
    """Check the document against the model, from the root down.

    Each element's node is its parent's node's child node for its name; elements outside
    the model have none, and nothing below them is checked. The index lists each
    element's children by name, so each check is a set or dictionary operation.
    """
    _visit(context.root, root, context.index.kids, hits)


def _visit(
    element: etree._Element, node: _Node, kids_of: dict[etree._Element, Kids], hits: list[Hit]
) -> None:
    """Check ``element``, which is at ``node`` of the model, and the elements below it.

    (Recursion is a little faster here than a stack of pending elements. A module-level
    function, not a closure: a closure that calls itself is a reference cycle, which
    would keep the whole index alive until the garbage collector came by.)
    """
    if node.check_values is not None:
        node.check_values([element], hits)
    kids = kids_of.get(element, _NO_KIDS)
    if node.required_tags and not kids.keys() >= node.required_tags:  # most have them all
        for rule, tag in node.required:
            if tag not in kids:
                hits.append((rule, element, None))
    permitted = node.permitted
    if permitted is not None and not permitted.issuperset(kids):
        _not_allowed(node, kids, hits)
    below = node.below
    if below:
        for tag, found in kids.items():
            node_below = below.get(tag)
            if node_below is None:
                continue
            if node_below.value_only:  # most of them: the value rules on all of them at once
                check_values = node_below.check_values
                if check_values is not None:
                    check_values(found, hits)
            else:
                for kid in found:
                    _visit(kid, node_below, kids_of, hits)


def _not_allowed(node: _Node, kids: Kids, hits: list[Hit]) -> None:
    """The children that an "allows" rule of ``node`` does not allow."""
    for tag, found in kids.items():
        for rule, allowed in node.allowed:
            if tag not in allowed:
                detail = f"{prefixed(found[0])} is not part of it"  # one name: one message
                hits.extend((rule, kid, detail) for kid in found)


_NO_KIDS: Kids = {}


def _value_check(node: _Node) -> ValueCheck:
    """The value rules of ``node`` as one function over its elements.

    The shapes most nodes have (one code list on the text, one on an attribute that may
    also be required) get a function of their own, which tests the common case (a value
    in the list) first; any other node gets ``_check_value`` rule by rule.
    """
    text_codes, fixed = node.text_codes, node.fixed
    required, attribute_codes = node.required_attributes, node.attribute_codes
    if len(text_codes) == 1 and not (fixed or required or attribute_codes):
        rule, codes = text_codes[0]
        if all(normalize_space(code) == code for code in codes):
            return _text_in_codes(rule, codes)
    if len(attribute_codes) == 1 and not (text_codes or fixed):
        rule, attribute, codes = attribute_codes[0]
        if not required:
            return _attribute_in_codes(rule, attribute, codes)
        if len(required) == 1 and required[0][1] == attribute:
            return _attribute_present_in_codes(required[0][0], rule, attribute, codes)

    def check(elements: list[etree._Element], hits: list[Hit]) -> None:
        for element in elements:
            _check_value(node, element, hits)

    return check


def _text_in_codes(rule: Rule, codes: frozenset[str]) -> ValueCheck:
    # The codes are normalized (no outer or double spaces: see ``_value_check``), so a
    # text found among them as it is reads the same normalized.
    def check(elements: list[etree._Element], hits: list[Hit]) -> None:
        for element in elements:
            text = text_node(element)
            if text in codes:
                continue
            if text is None:
                hits.append(_several_text_nodes(element))
                continue
            text = normalize_space(text)
            if text not in codes:
                hits.append((rule, element, f"found {text!r}"))

    return check


def _attribute_in_codes(rule: Rule, attribute: str, codes: frozenset[str]) -> ValueCheck:
    def check(elements: list[etree._Element], hits: list[Hit]) -> None:
        for element in elements:
            found = element.get(attribute)
            if found is not None and found not in codes:
                hits.append((rule, element, f"found {found!r}"))

    return check


def _attribute_present_in_codes(
    required: Rule, rule: Rule, attribute: str, codes: frozenset[str]
) -> ValueCheck:
    def check(elements: list[etree._Element], hits: list[Hit]) -> None:
        for element in elements:
            found = element.get(attribute)
            if found is None:
                hits.append((required, element, None))
            elif found not in codes:
                hits.append((rule, element, f"found {found!r}"))

    return check


def _check_value(node: _Node, element: etree._Element, hits: list[Hit]) -> None:
    """The rules on an element's text and attributes."""
    if node.text_codes or node.fixed:
        single = text_node(element)
        if single is None:
            hits.append(_several_text_nodes(element))
        else:
            text = normalize_space(single)
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


def _several_text_nodes(element: etree._Element) -> Hit:
    """``normalize-space(text())`` of an element with several text nodes: a type error
    that stops the official rules; noted for ORDEX-R002."""
    return (UNEVALUABLE, element, "its text is split by a comment or processing instruction")


NO_SCHEMA_LOCATION = "Document MUST not contain schema location."

for _model in DATA_MODELS.values():
    RULES.add_group(_model.transaction, compile_model(_model))
