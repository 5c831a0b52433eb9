"""One pass over a document that every rule shares: its elements, in order and by name.

Most rules start from "every ``cac:AllowanceCharge``" or "every element"; each walking
the tree again was most of the cost of validation. The index walks it once. It also keeps
the element proxies alive for the rest of the validation, so lxml does not build a new
proxy object each time a rule visits an element again (building them dominates any walk
over an lxml tree; reading ``.tag`` builds a string each time too, so the tags are kept).

It also names where a finding is (``path``): an element's position among its same-named
siblings is worked out once per parent, so that naming every child of a parent costs as
much as the parent has children, not that number squared.
"""

from __future__ import annotations

from lxml import etree

from ordex.peppol.namespaces import element_step, prefixed


class TreeIndex:
    """The elements of a tree (comments and processing instructions left out)."""

    __slots__ = ("_paths", "_positions", "by_tag", "elements", "kids", "tags")

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
        self._positions: dict[etree._Element, int] = {}
        """The position of each element among its parent's children of its name (from 1),
        for the parents of the elements named so far (see ``path``)."""
        self._paths: dict[etree._Element, str] = {}
        """The paths named so far (an element's path starts with its parent's)."""

    def path(self, element: etree._Element) -> str:
        """Where ``element`` is, as findings name it: ``/Order/cac:OrderLine[2]/cbc:Note``.

        The same string as ``namespaces.element_path`` (the root without prefix; a
        position only where the parent has more than one child of that name), in time
        linear in the depth: positions come from the index, worked out once per parent,
        and the paths of ancestors are kept. An element outside the index (the tree was
        changed after indexing) is named by scanning its siblings (``element_step``).
        """
        known = self._paths.get(element)
        if known is not None:
            return known
        pending: list[etree._Element] = []  # the element and its ancestors not yet named
        current: etree._Element | None = element
        path = ""
        while current is not None:
            known = self._paths.get(current)
            if known is not None:
                path = known
                break
            pending.append(current)
            current = current.getparent()
        for node in reversed(pending):
            path = self._paths[node] = path + "/" + self._step(node)
        return path

    def _step(self, element: etree._Element) -> str:
        parent = element.getparent()
        if parent is None:
            return etree.QName(element).localname
        siblings = self.kids.get(parent)
        same = None if siblings is None else siblings.get(element.tag)
        if same is None or (len(same) == 1 and same[0] is not element):
            return element_step(element)  # not indexed
        name = prefixed(element)
        if len(same) == 1:
            return name
        position = self._positions.get(element)
        if position is None:
            assert siblings is not None
            for named in siblings.values():  # every child of this parent, once
                if len(named) > 1:
                    self._positions.update(zip(named, range(1, len(named) + 1), strict=True))
            position = self._positions.get(element)
            if position is None:
                return element_step(element)  # not indexed
        return f"{name}[{position}]"

    def children(self, element: etree._Element, tag: str) -> list[etree._Element]:
        """The children of ``element`` named ``tag`` (a Clark name); do not modify the list."""
        siblings = self.kids.get(element)
        found = None if siblings is None else siblings.get(tag)
        return [] if found is None else found

    def named(self, tag: str) -> list[etree._Element]:
        """The elements named ``tag`` (a Clark name); the list is shared: do not modify it."""
        found = self.by_tag.get(tag)
        return [] if found is None else found
