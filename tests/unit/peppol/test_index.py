"""The index the rules share: every element once, by name and as children by name."""

from __future__ import annotations

from lxml import etree

from ordex.peppol.rules.index import TreeIndex

DOCUMENT = b"""<r xmlns:c="urn:c">
  <!-- a comment is not an element -->
  <c:a>1</c:a><b><c:a>2</c:a><?pi x?><c:a>3</c:a></b><c:a>4</c:a>
</r>"""


def test_the_index_lists_elements_in_document_order_by_name_and_by_parent() -> None:
    root = etree.fromstring(DOCUMENT)
    index = TreeIndex(root)
    assert [e.tag for e in index.elements] == [
        "r",
        "{urn:c}a",
        "b",
        "{urn:c}a",
        "{urn:c}a",
        "{urn:c}a",
    ]
    assert index.tags == [e.tag for e in index.elements]
    assert [e.text for e in index.named("{urn:c}a")] == ["1", "2", "3", "4"]
    assert index.named("nothing") == []
    assert [e.text for e in index.children(root, "{urn:c}a")] == ["1", "4"]
    b = index.named("b")[0]
    assert [e.text for e in index.children(b, "{urn:c}a")] == ["2", "3"]
    assert index.children(index.named("{urn:c}a")[0], "{urn:c}a") == []
    assert index.kids.get(index.named("{urn:c}a")[0]) is None  # no element children
