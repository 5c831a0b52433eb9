"""The Peppol codec the use cases are given: parse + validate in, render + validate out."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import replace

from ordex.domain.content import CancellationContent, OrderContent, ResponseContent
from ordex.peppol.namespaces import CAC
from ordex.peppol.parse import ParsedDocument, parse_document
from ordex.peppol.render import render_cancellation, render_order, render_response
from ordex.peppol.rules.index import TreeIndex
from ordex.peppol.validate import check

MAX_CONCURRENT_READS = 1
"""Documents a process parses and validates at once (``read``); other readers wait.

Parsing and validating hold Python's GIL nearly all the time, so running more of them at
once gains nothing in one process, while each one more makes every other request of the
process (``/healthz`` too) wait longer for the GIL: with ten 15,000-element orders in
flight, /healthz took p50 372 ms, p99 759 ms; with one read at a time 25 and 190 ms (two
at a time: 74 and 436 ms; ``bench/hostile.py``). Rendering is not gated: it runs inside
a unit of work, which should not wait here."""

_READING = threading.BoundedSemaphore(MAX_CONCURRENT_READS)


class PeppolCodec:
    def __init__(self, check: Callable[[ParsedDocument], None] = check) -> None:
        """``check`` refuses a document (``DocumentInvalid``); the native rules by default,
        ``ordex.peppol.crosscheck.CrossCheck`` to add the official Schematron."""
        self._check = check

    def read(self, data: bytes) -> ParsedDocument:
        """Parse and validate; an Order naming an earlier order is read as a change.

        The PSB lets a buyer change an order by sending a whole new Order (T01) whose
        ``cac:OrderReference`` names the earlier one. UBL's Order has no such element
        (rule PEPPOL-T01-B00110), so the reference is taken out before the Order's rules
        run; the caller turns the document into an Order Change (T114).
        """
        with _READING:
            return self._read(data)

    def _read(self, data: bytes) -> ParsedDocument:
        document = parse_document(data)
        self._check(as_checked(document))
        return document

    def render_order(self, content: OrderContent) -> bytes:
        return self._checked(render_order(content))

    def render_response(self, content: ResponseContent) -> bytes:
        return self._checked(render_response(content))

    def render_cancellation(self, content: CancellationContent) -> bytes:
        return self._checked(render_cancellation(content))

    def _checked(self, data: bytes) -> bytes:
        """What ordex renders obeys the same rules as what it receives."""
        self._check(parse_document(data))
        return data


def changed_order(document: ParsedDocument) -> str | None:
    """The number of the order a PSB-style change names: an Order (T01) whose
    ``cac:OrderReference/cbc:ID`` names an earlier order; ``None`` for any other document."""
    content = document.content
    if document.transaction == "T01" and isinstance(content, OrderContent):
        return content.referenced_order
    return None


def as_checked(document: ParsedDocument) -> ParsedDocument:
    """The document the rules judge: a PSB-style change without its ``cac:OrderReference``
    (which UBL's Order does not have, rule PEPPOL-T01-B00110), any other as it is."""
    if changed_order(document) is None:
        return document
    tree = copy.deepcopy(document.tree)
    for reference in tree.findall(f"{{{CAC}}}OrderReference"):
        tree.remove(reference)
    return replace(document, tree=tree, index=TreeIndex(tree))
