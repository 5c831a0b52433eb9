"""No input makes the Peppol adapter fail with anything but an ordex error.

Random bytes and randomly damaged fixtures go through parse, validate, check and render;
only ``OrdexError`` may come out, and a damaged document that still passes validation
survives parse -> render -> parse unchanged.
"""

from __future__ import annotations

import contextlib
import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from ordex.domain.content import CancellationContent, OrderContent
from ordex.domain.errors import DocumentInvalid, OrdexError
from ordex.peppol.parse import ParsedDocument, parse_document
from ordex.peppol.render import render_cancellation, render_order, render_response
from ordex.peppol.validate import check, validate
from tests.unit.peppol.documents import ALL_FIXTURES, fixture

TEXTS = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1.005",
            "1e3",
            "12,50",
            "NaN",
            "INF",
            "2026-02-30",
            "2026-3-1",
            "AB",
            "AP",
            "CA",
            "RE",
            "XX",
            "1",
            "2",
            "3",
            "5",
            "7",
            "42",
            "EUR",
            "XBX",
            "0088",
            "true",
            "false",
            "urn:fdc:peppol.eu:poacc:trns:order:3",
        ]
    ),
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
        ),
        max_size=20,
    ),
)


def exercise(data: bytes) -> ParsedDocument | None:
    """Run the whole adapter on the bytes; return the parsed document, if any."""
    try:
        doc = parse_document(data)
    except OrdexError:
        return None
    findings = validate(doc)
    with contextlib.suppress(DocumentInvalid):
        check(doc)
    content = doc.content
    if isinstance(content, OrderContent):
        rendered = render_order(content)
    elif isinstance(content, CancellationContent):
        rendered = render_cancellation(content)
    else:
        rendered = render_response(content)
    try:
        again = parse_document(rendered)
    except OrdexError:
        again = None
    if not any(f.flag == "fatal" for f in findings):
        assert again is not None and again.content == content
    return doc


@st.composite
def damaged_documents(draw: st.DrawFn) -> bytes:
    root = etree.fromstring(fixture(draw(st.sampled_from(ALL_FIXTURES))))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        elements = [el for el in root.iter() if isinstance(el.tag, str)]
        element = draw(st.sampled_from(elements))
        parent = element.getparent()
        action = draw(st.sampled_from(["remove", "text", "attribute", "copy", "move"]))
        if action == "remove" and parent is not None:
            parent.remove(element)
        elif action == "text" and len(element) == 0:
            element.text = draw(TEXTS)
        elif action == "attribute":
            name = draw(st.sampled_from(["schemeID", "currencyID", "unitCode", "listID"]))
            element.set(name, draw(TEXTS))
        elif action == "copy" and parent is not None:
            element.addnext(copy.deepcopy(element))
        elif action == "move" and parent is not None:
            target = draw(st.sampled_from(elements))
            if element not in target.iterancestors() and target is not element:
                target.append(element)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if draw(st.booleans()):
        cut = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:cut] + draw(st.binary(max_size=8)) + data[cut + draw(st.integers(0, 8)) :]
    return data


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_give_only_ordex_errors(data: bytes) -> None:
    exercise(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged_documents())
def test_damaged_documents_give_only_ordex_errors(data: bytes) -> None:
    exercise(data)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(ALL_FIXTURES), TEXTS)
def test_any_note_text_survives_a_round_trip(name: str, text: str) -> None:
    root = etree.fromstring(fixture(name))
    note = root.find("{*}Note")
    if note is None:
        note = etree.SubElement(
            root, "{urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2}Note"
        )
    note.text = text
    exercise(etree.tostring(root))
