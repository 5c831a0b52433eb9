"""The document types ordex sends over Peppol are the ones its SMP publishes and its
``/as4`` accepts (two tables in two layers: they must not drift apart)."""

from __future__ import annotations

from ordex.network.smp_documents import RECEIVED
from ordex.services.network import RECEIVED_DOCUMENT_TYPES, document_type_id


def test_the_sent_document_types_are_the_published_ones() -> None:
    published = {service.transaction.code: service.document_type for service in RECEIVED}
    assert {code: document_type_id(code) for code in published} == published
    assert frozenset(published.values()) == RECEIVED_DOCUMENT_TYPES
