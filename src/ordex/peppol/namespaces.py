"""UBL namespaces, qualified names and element paths.

Everything that turns a ``cbc:Name`` into a Clark name ``{uri}Name`` or back, and the
XPath-like paths that findings carry (``/Order/cac:OrderLine[2]/cac:LineItem/cbc:ID``).
"""

from __future__ import annotations

from lxml import etree

CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

NS: dict[str, str] = {"cbc": CBC, "cac": CAC}
"""Prefixes for ``find``/``findall`` paths below a document root."""

_PREFIX_OF = {CBC: "cbc", CAC: "cac", EXT: "ext"}


def document_namespace(root_name: str) -> str:
    """The namespace of a UBL document root, e.g. ``Order`` -> ``...:xsd:Order-2``."""
    return f"urn:oasis:names:specification:ubl:schema:xsd:{root_name}-2"


def clark(name: str) -> str:
    """``cbc:ID`` -> ``{urn:...CommonBasicComponents-2}ID``."""
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


def prefixed(element: etree._Element) -> str:
    """The ``cac:``/``cbc:`` name of an element (``{uri}local`` for other namespaces)."""
    qname = etree.QName(element)
    prefix = _PREFIX_OF.get(qname.namespace or "")
    if prefix is None:
        return qname.text
    return f"{prefix}:{qname.localname}"


def is_element(node: object) -> bool:
    """True for elements; False for comments and processing instructions."""
    return isinstance(node, etree._Element) and isinstance(node.tag, str)


def source_line(element: etree._Element) -> int | None:
    """The line the element starts on in the parsed bytes, when known."""
    line = element.sourceline
    return line if isinstance(line, int) else None


def element_path(element: etree._Element) -> str:
    """An XPath-like path to ``element``: ``/Order/cac:OrderLine[2]/cac:LineItem/cbc:ID``.

    The root is named without prefix; a position is given only when the parent has more
    than one child of that name. Each step scans the siblings: to name many elements of
    one tree, use ``TreeIndex.path`` (``ordex.peppol.rules.index``), which does not.
    """
    steps: list[str] = []
    current: etree._Element | None = element
    while current is not None:
        steps.append(element_step(current))
        current = current.getparent()
    return "/" + "/".join(reversed(steps))


def element_step(element: etree._Element) -> str:
    """The last step of ``element_path(element)``, found by scanning the siblings."""
    parent = element.getparent()
    if parent is None:
        return etree.QName(element).localname
    name = prefixed(element)
    same = [sibling for sibling in parent if sibling.tag == element.tag]
    return f"{name}[{same.index(element) + 1}]" if len(same) > 1 else name
