"""The index the rules share: every element once, by name and as children by name."""

from __future__ import annotations

import time

import pytest
from lxml import etree

from ordex.peppol.namespaces import clark, element_path
from ordex.peppol.rules.index import TreeIndex
from tests.unit.peppol.documents import ALL_FIXTURES, fixture

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


def test_the_index_names_each_element_as_element_path_does() -> None:
    root = etree.fromstring(
        b"""<r xmlns:c="urn:c" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:"""
        b"""CommonBasicComponents-2"><!-- c --><cbc:ID/><c:a/><?pi x?><cbc:ID><c:a/><b/>"""
        b"""</cbc:ID><b><c:a/><c:a><b/><b/></c:a></b><c:a/><cbc:Note/></r>"""
    )
    index = TreeIndex(root)
    for element in reversed(index.elements):  # children before their parents, too
        assert index.path(element) == element_path(element)
    assert index.path(root) == "/r"
    assert index.path(index.named("b")[2]) == "/r/b/{urn:c}a[2]/b[1]"
    assert index.path(index.named(clark("cbc:Note"))[0]) == "/r/cbc:Note"


@pytest.mark.parametrize("name", ALL_FIXTURES)
def test_the_index_names_every_element_of_the_fixtures_as_element_path_does(name: str) -> None:
    root = etree.fromstring(fixture(name))
    index = TreeIndex(root)
    assert [index.path(e) for e in index.elements] == [element_path(e) for e in index.elements]


def test_an_element_added_after_indexing_is_still_named_right() -> None:
    root = etree.fromstring(b"<r><a/><a/></r>")
    index = TreeIndex(root)
    added = etree.SubElement(root, "a")
    lone = etree.SubElement(root[0], "x")
    assert index.path(added) == "/r/a[3]"
    assert index.path(lone) == "/r/a[1]/x"


def test_naming_each_of_many_siblings_costs_time_linear_in_their_number() -> None:
    # element_path scans the siblings for each one: 20,000 siblings took about a minute.
    root = etree.fromstring(b"<r>" + b"<a/>" * 20_000 + b"</r>")
    index = TreeIndex(root)
    started = time.process_time()
    paths = [index.path(element) for element in index.elements]
    assert time.process_time() - started < 2.0  # about 0.05 s
    assert paths[-1] == "/r/a[20000]" and len(set(paths)) == len(paths)
