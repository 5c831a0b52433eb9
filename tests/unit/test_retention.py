"""Retention of received documents: 90 days, or 7 days after the first download."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ordex.domain.content import DocumentType, PartyId
from ordex.domain.documents import Document, PurgeReason, RetentionPolicy
from ordex.domain.errors import DocumentGone

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def a_document() -> Document:
    return Document(
        document_id="d1",
        order_id="d1",
        document_type=DocumentType.ORDER,
        transaction="T01",
        number="PO-1",
        sender=PartyId("0088", "1"),
        receiver=PartyId("0088", "2"),
        created_at=T0,
        content=b"<Order/>",
    )


def test_a_document_never_downloaded_expires_after_ninety_days() -> None:
    policy, doc = RetentionPolicy(), a_document()
    assert not doc.is_expired(policy, T0 + timedelta(days=89, hours=23))
    assert doc.is_expired(policy, T0 + timedelta(days=90))


def test_the_first_download_starts_a_seven_day_clock() -> None:
    policy, doc = RetentionPolicy(), a_document()
    doc.read(T0 + timedelta(days=10))
    doc.read(T0 + timedelta(days=12))  # later downloads do not extend it
    assert doc.first_downloaded_at == T0 + timedelta(days=10)
    assert not doc.is_expired(policy, T0 + timedelta(days=16, hours=23))
    assert doc.is_expired(policy, T0 + timedelta(days=17))


def test_a_download_near_the_end_does_not_extend_beyond_ninety_days() -> None:
    policy, doc = RetentionPolicy(), a_document()
    doc.read(T0 + timedelta(days=88))
    assert doc.is_expired(policy, T0 + timedelta(days=90))


def test_a_purged_document_is_gone_and_says_why() -> None:
    doc = a_document()
    doc.purge(T0 + timedelta(days=90), PurgeReason.RETENTION)
    with pytest.raises(DocumentGone, match="retention"):
        doc.read(T0 + timedelta(days=91))


def test_a_deleted_document_says_it_was_deleted() -> None:
    doc = a_document()
    doc.purge(T0, PurgeReason.DELETED)
    with pytest.raises(DocumentGone, match="deleted"):
        doc.read(T0)
