"""Safe XML parsing: hostile or broken bytes are refused before anything is expanded."""

from __future__ import annotations

import pytest

from ordex.domain.errors import MalformedDocument, UnsafeXml
from ordex.peppol.xml import MAX_DEPTH, MAX_DOCUMENT_BYTES, parse_xml

BILLION_LAUGHS = (
    b'<?xml version="1.0"?>'
    b'<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
    b"<lolz>&lol4;</lolz>"
)


def nested(depth: int) -> bytes:
    return b"<a>" * depth + b"</a>" * depth


def test_a_well_formed_document_parses() -> None:
    root = parse_xml(b'<?xml version="1.0"?><!-- hello --><Order><ID>1</ID></Order>')
    assert root.tag == "Order"


def test_a_doctype_is_refused_before_parsing() -> None:
    with pytest.raises(UnsafeXml, match="DOCTYPE"):
        parse_xml(b"<!DOCTYPE Order><Order/>")


def test_billion_laughs_is_refused_and_never_expanded() -> None:
    with pytest.raises(UnsafeXml, match="entity"):
        parse_xml(BILLION_LAUGHS)


def test_an_external_file_entity_is_refused() -> None:
    payload = b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    with pytest.raises(UnsafeXml) as refused:
        parse_xml(payload)
    assert "root:" not in refused.value.message


def test_an_external_http_entity_is_refused_without_network_access() -> None:
    payload = b'<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]><r>&x;</r>'
    with pytest.raises(UnsafeXml):
        parse_xml(payload)


def test_an_external_dtd_is_refused() -> None:
    with pytest.raises(UnsafeXml):
        parse_xml(b'<!DOCTYPE r SYSTEM "http://127.0.0.1:9/r.dtd"><r/>')


def test_a_doctype_in_utf16_is_refused_too() -> None:
    payload = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE r><r/>'.encode("utf-16")
    with pytest.raises(UnsafeXml):
        parse_xml(payload)


def test_a_document_at_the_depth_limit_parses() -> None:
    parse_xml(nested(MAX_DEPTH))


def test_a_document_nested_too_deep_is_refused() -> None:
    with pytest.raises(UnsafeXml, match=f"{MAX_DEPTH} levels"):
        parse_xml(nested(MAX_DEPTH + 1))


def test_a_document_deeper_than_the_parser_allows_is_unsafe_not_malformed() -> None:
    with pytest.raises(UnsafeXml):
        parse_xml(nested(1000))


def test_a_document_over_the_size_limit_is_refused_before_parsing() -> None:
    payload = b"<a>" + b" " * MAX_DOCUMENT_BYTES + b"</a>"
    with pytest.raises(UnsafeXml, match="bytes"):
        parse_xml(payload)


@pytest.mark.parametrize(
    "payload",
    [b"", b"not xml at all", b'{"json": true}', b"<a><b></a>", b"<a>", b"\xff\xfe\x00"],
    ids=["empty", "text", "json", "mismatched", "unclosed", "binary"],
)
def test_bytes_that_are_not_xml_are_malformed(payload: bytes) -> None:
    with pytest.raises(MalformedDocument, match="not well-formed"):
        parse_xml(payload)


def test_a_malformed_document_says_on_which_line_and_column() -> None:
    with pytest.raises(MalformedDocument) as refused:
        parse_xml(b"<Order>\n  <ID>1</Order>")
    assert "line 2" in refused.value.message
    assert "column" in refused.value.message
    assert isinstance(refused.value.__cause__, Exception)


def test_the_reused_parser_parses_well_after_refusing_a_document() -> None:
    with pytest.raises(MalformedDocument, match="line 1"):
        parse_xml(b"<Order><ID>1</Order>")
    with pytest.raises(UnsafeXml):
        parse_xml(nested(1000))
    assert parse_xml(b"<Order><ID>1</ID></Order>").findtext("ID") == "1"
