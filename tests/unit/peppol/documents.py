"""ordex's own Peppol test documents, and small edits that break them on purpose."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lxml import etree

from ordex.domain.errors import Finding
from ordex.peppol.namespaces import CAC, CBC
from ordex.peppol.parse import parse_document
from ordex.peppol.validate import validate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "peppol"
NS = {"cac": CAC, "cbc": CBC}

ORDER = "order.xml"
ORDER_CHANGE = "order_change.xml"
CANCELLATION = "order_cancellation.xml"
RESPONSE_ADVANCED = "order_response_advanced.xml"
RESPONSE = "order_response.xml"
ALL_FIXTURES = (ORDER, ORDER_CHANGE, CANCELLATION, RESPONSE_ADVANCED, RESPONSE)

Edit = Callable[[etree._Element], None]


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def edited(name: str, *edits: Edit) -> bytes:
    """The fixture with the edits applied to its tree, serialised again."""
    root = etree.fromstring(fixture(name))
    for edit in edits:
        edit(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def findings(data: bytes) -> list[Finding]:
    return validate(parse_document(data))


def rule_ids(data: bytes) -> set[str]:
    return {finding.rule_id for finding in findings(data)}


def _one(root: etree._Element, path: str) -> etree._Element:
    found = root.find(path, NS)
    assert found is not None, f"fixture has no {path}"
    return found


def remove(path: str) -> Edit:
    """Remove every element at ``path`` (relative to the root)."""

    def edit(root: etree._Element) -> None:
        for element in root.findall(path, NS):
            parent = element.getparent()
            assert parent is not None
            parent.remove(element)

    return edit


def set_text(path: str, text: str) -> Edit:
    def edit(root: etree._Element) -> None:
        _one(root, path).text = text

    return edit


def set_attribute(path: str, name: str, value: str) -> Edit:
    def edit(root: etree._Element) -> None:
        _one(root, path).set(name, value)

    return edit


def remove_attribute(path: str, name: str) -> Edit:
    def edit(root: etree._Element) -> None:
        del _one(root, path).attrib[name]

    return edit


def append(path: str, xml: str) -> Edit:
    """Append the fragment (which may use the cac:/cbc: prefixes) to the element at ``path``."""

    def edit(root: etree._Element) -> None:
        _one(root, path).append(fragment(xml))

    return edit


def insert_after(path: str, xml: str) -> Edit:
    def edit(root: etree._Element) -> None:
        _one(root, path).addnext(fragment(xml))

    return edit


def fragment(xml: str) -> etree._Element:
    wrapper = etree.fromstring(f'<wrapper xmlns:cac="{CAC}" xmlns:cbc="{CBC}">{xml}</wrapper>')
    return wrapper[0]
