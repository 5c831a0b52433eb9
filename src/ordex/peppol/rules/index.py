"""One pass over a document that every rule shares: its elements, in order and by name.

Most rules start from "every ``cac:AllowanceCharge``" or "every element"; each walking
the tree again was most of the cost of validation. The index walks it once. It also keeps
the element proxies alive for the rest of the validation, so lxml does not build a new
proxy object each time a rule visits an element again (building them dominates any walk
over an lxml tree; reading ``.tag`` builds a string each time too, so the tags are kept).
"""

from __future__ import annotations

from lxml import etree


class TreeIndex:
    """The elements of a tree (comments and processing instructions left out)."""

    __slots__ = ("by_tag", "elements", "kids", "tags")

    def __init__(self, root: etree._Element) -> None:
        self.elements: list[etree._Element] = list(root.iter(etree.Element))
        """Every element, in document order (the root first)."""
        self.tags: list[str] = [element.tag for element in self.elements]
        """The Clark name of each element of ``elements``."""
        self.by_tag: dict[str, list[etree._Element]] = {}
        """The elements of each Clark name, in document order."""
        self.kids: dict[etree._Element, dict[str, list[etree._Element]]] = {}
        """The child elements of each element that has any, by Clark name, in order.

        Asking lxml for the children of a name costs more than a dictionary lookup by
        an order of magnitude (it sets up a name matcher on every call).
        """
        by_tag, kids = self.by_tag, self.kids
        for element, tag in zip(self.elements, self.tags, strict=True):
            found = by_tag.get(tag)
            if found is None:
                by_tag[tag] = [element]
            else:
                found.append(element)
            parent = element.getparent()
            if parent is None:
                continue
            siblings = kids.get(parent)
            if siblings is None:
                kids[parent] = {tag: [element]}
                continue
            found = siblings.get(tag)
            if found is None:
                siblings[tag] = [element]
            else:
                found.append(element)

    def children(self, element: etree._Element, tag: str) -> list[etree._Element]:
        """The children of ``element`` named ``tag`` (a Clark name); do not modify the list."""
        siblings = self.kids.get(element)
        found = None if siblings is None else siblings.get(tag)
        return [] if found is None else found

    def named(self, tag: str) -> list[etree._Element]:
        """The elements named ``tag`` (a Clark name); the list is shared: do not modify it."""
        found = self.by_tag.get(tag)
        return [] if found is None else found
