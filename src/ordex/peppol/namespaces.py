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
    than one child of that name.
    """
    steps: list[str] = []
    current: etree._Element | None = element
    while current is not None:
        parent = current.getparent()
        if parent is None:
            steps.append(etree.QName(current).localname)
        else:
            name = prefixed(current)
            same = [sibling for sibling in parent if sibling.tag == current.tag]
            steps.append(f"{name}[{same.index(current) + 1}]" if len(same) > 1 else name)
        current = parent
    return "/" + "/".join(reversed(steps))
