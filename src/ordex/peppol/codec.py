"""The Peppol codec the use cases are given: parse + validate in, render + validate out."""

from __future__ import annotations

from ordex.domain.content import CancellationContent, ResponseContent
from ordex.peppol.parse import ParsedDocument, parse_document
from ordex.peppol.render import render_cancellation, render_response
from ordex.peppol.validate import check


class PeppolCodec:
    def read(self, data: bytes) -> ParsedDocument:
        document = parse_document(data)
        check(document)
        return document

    def render_response(self, content: ResponseContent) -> bytes:
        return self._checked(render_response(content))

    def render_cancellation(self, content: CancellationContent) -> bytes:
        return self._checked(render_cancellation(content))

    def _checked(self, data: bytes) -> bytes:
        """What ordex renders obeys the same rules as what it receives."""
        check(parse_document(data))
        return data
