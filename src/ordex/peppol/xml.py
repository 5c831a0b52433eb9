"""Safe XML parsing: the one place where untrusted bytes become an lxml tree.

Documents arrive from other parties, so the parser refuses everything that makes XML
dangerous: any DOCTYPE (and with it every entity declaration, so neither "billion
laughs" nor external entities can be expanded), network access, documents larger than
``MAX_DOCUMENT_BYTES`` and element trees deeper than ``MAX_DEPTH``. lxml errors are
translated here into the domain's ``UnsafeXml`` and ``MalformedDocument``.
"""

from __future__ import annotations

import threading

from lxml import etree

from ordex.domain.errors import Finding, MalformedDocument, UnsafeXml

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
"""Largest document accepted, in bytes (10 MiB)."""

MAX_DEPTH = 100
"""Deepest element nesting accepted (the root element is at depth 1)."""

# A refused document is a finding too, with an ID of ordex's own (no official rule reads
# a document that is not well-formed XML, and the UBL XML Schema forbids a DOCTYPE).
DOCTYPE_RULE = "ORDEX-R020"
"""A document MUST NOT carry a DOCTYPE (DTD, entity declarations)."""
SIZE_RULE = "ORDEX-R021"
"""A document MUST be at most ``MAX_DOCUMENT_BYTES`` long and ``MAX_DEPTH`` deep."""
WELL_FORMED_RULE = "ORDEX-R022"
"""A document MUST be well-formed XML."""


def refusal(rule_id: str, message: str, line: int | None = None) -> list[Finding]:
    """A refusal of the whole document as the one fatal finding that explains it."""
    return [Finding(rule_id, "fatal", message, "/", line)]


# "<!DOCTYPE" as it appears in the encodings an XML parser detects without a declaration.
_DOCTYPE_MARKERS = tuple(
    "<!DOCTYPE".encode(encoding) for encoding in ("utf-8", "utf-16-le", "utf-16-be")
)


def parse_xml(data: bytes) -> etree._Element:
    """Parse untrusted bytes into an element tree, refusing anything unsafe.

    Raises ``UnsafeXml`` for a DOCTYPE/DTD, a document over ``MAX_DOCUMENT_BYTES`` or
    nested deeper than ``MAX_DEPTH``, and ``MalformedDocument`` (with line and column)
    when the bytes are not well-formed XML.
    """
    if len(data) > MAX_DOCUMENT_BYTES:
        message = f"document is {len(data)} bytes; at most {MAX_DOCUMENT_BYTES} bytes are accepted"
        raise UnsafeXml(message, refusal(SIZE_RULE, message))
    if _has_doctype_marker(data):
        raise UnsafeXml(_DOCTYPE_REFUSED, refusal(DOCTYPE_RULE, _DOCTYPE_REFUSED))
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        if "Excessive depth" in str(exc.msg):
            raise UnsafeXml(_too_deep(), refusal(SIZE_RULE, _too_deep())) from exc
        message = f"not well-formed XML: {_describe(exc)}"
        line = exc.position[0] if exc.position else None
        raise MalformedDocument(message, refusal(WELL_FORMED_RULE, message, line)) from exc
    except etree.LxmlError as exc:
        message = f"not well-formed XML: {exc}"
        raise MalformedDocument(message, refusal(WELL_FORMED_RULE, message)) from exc
    # Backstop for encodings the byte scan above does not know: refuse after the fact.
    if root.getroottree().docinfo.internalDTD is not None:
        raise UnsafeXml(_DOCTYPE_REFUSED, refusal(DOCTYPE_RULE, _DOCTYPE_REFUSED))
    if _too_deep_tree(root):
        raise UnsafeXml(_too_deep(), refusal(SIZE_RULE, _too_deep()))
    return root


def _has_doctype_marker(data: bytes) -> bool:
    """Whether ``data`` holds ``<!DOCTYPE`` in UTF-8 or UTF-16 (either byte order).

    In UTF-16 every ASCII character has a zero byte: bytes without any (nearly every
    document) need only the UTF-8 scan.
    """
    if _DOCTYPE_MARKERS[0] in data:
        return True
    return b"\x00" in data and any(marker in data for marker in _DOCTYPE_MARKERS[1:])


_DOCTYPE_REFUSED = (
    "DOCTYPE declarations are not accepted: a document must not carry a DTD or entity "
    "declarations (they enable entity expansion and external entity attacks)"
)


class _PerThread(threading.local):
    parser: etree.XMLParser | None = None


_PER_THREAD = _PerThread()


def _parser() -> etree.XMLParser:
    """This thread's parser: lxml parsers must not be shared between threads, and a
    parser that is reused parses about a third faster than a new one (libxml2 sets up
    its parser context once)."""
    parser = _PER_THREAD.parser
    if parser is None:
        parser = _PER_THREAD.parser = _new_parser()
    return parser


def _new_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        collect_ids=False,
    )


def _describe(exc: etree.XMLSyntaxError) -> str:
    message = str(exc.msg or exc)
    if "line " in message:
        return message
    line, column = exc.position
    return f"{message} (line {line}, column {column})"


def _too_deep() -> str:
    return f"elements are nested more than {MAX_DEPTH} levels deep"


def _too_deep_tree(root: etree._Element) -> bool:
    """Whether a node lies deeper than ``MAX_DEPTH`` (the root is at depth 1).

    Elements, comments and processing instructions count; libxml2 looks, in C.
    """
    return bool(_DEEPER(root))


_GUARD_DEPTH = 16
_DEEPER = etree.XPath(
    # The first test only looks for an element at depth 16, which every tree deeper than
    # MAX_DEPTH has; few documents have one, and for the others the second test, which
    # costs an XPath step per level down to MAX_DEPTH, is not evaluated.
    "boolean(/*" + "/*" * (_GUARD_DEPTH - 1) + ") and "
    "boolean(/*" + "/*" * (MAX_DEPTH - 1) + "[* or comment() or processing-instruction()])",
    regexp=False,
    smart_strings=False,
)
