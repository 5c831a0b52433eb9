"""Render domain objects for the PSB dialect: summaries, history, the JSON document view."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime
from typing import Any

from pydantic_core import to_jsonable_python

from ordex.api.schemas import DocumentSummary
from ordex.domain.documents import Document
from ordex.peppol.parse import parse_document
from ordex.services.ports import ListedDocument
from ordex.storage.snapshots import to_json

_CAMEL = re.compile(r"_([a-z])")


def camel(value: Any) -> Any:
    if isinstance(value, dict):
        return {_CAMEL.sub(lambda m: m.group(1).upper(), k): camel(v) for k, v in value.items()}
    if isinstance(value, list):
        return [camel(item) for item in value]
    return value


def document_out(document: Document) -> dict[str, Any]:
    """The JSON of ``DocumentOut`` (the documented response model), built without it: the
    fields are plain strings and the time is serialized by pydantic's own serializer."""
    return {
        "id": document.document_id,
        "documentId": document.document_id,
        "orderId": document.order_id,
        "documentType": document.document_type.value,
        "transaction": document.transaction,
        "number": document.number,
        "sender": str(document.sender),
        "receiver": str(document.receiver),
        "createdOn": to_jsonable_python(document.created_at),
    }


def summary(listed: ListedDocument) -> DocumentSummary:
    return DocumentSummary(
        documentId=listed.document_id,
        orderId=listed.order_id,
        documentType=listed.document_type.value,
        transaction=listed.transaction,
        number=listed.number,
        sender=str(listed.sender),
        receiver=str(listed.receiver),
        createdOn=listed.created_at,
        orderNumber=listed.order_number,
        orderState=listed.order_state.value,
        responseCode=listed.response_code,
        downloadedOn=listed.first_downloaded_at,
        purgedOn=listed.purged_at,
    )


def json_view(document: Document, content: bytes) -> dict[str, Any]:
    """The documented JSON form of a document (docs/json-view.md)."""
    parsed = parse_document(content)
    return {
        "documentId": document.document_id,
        "orderId": document.order_id,
        "documentType": document.document_type.value,
        "transaction": document.transaction,
        "sender": str(document.sender),
        "receiver": str(document.receiver),
        "receivedOn": document.created_at.isoformat(),
        "document": camel(to_json(parsed.content)),
    }


def as_utc(moment: datetime | None) -> datetime | None:
    """Query times without a zone are taken as UTC (ordex stores UTC)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def encode_cursor(cursor: tuple[datetime, str] | None) -> str | None:
    if cursor is None:
        return None
    raw = f"{cursor[0].isoformat()}|{cursor[1]}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(text: str) -> tuple[datetime, str]:
    padded = text + "=" * (-len(text) % 4)
    at, _, document_id = base64.urlsafe_b64decode(padded.encode()).decode().partition("|")
    return datetime.fromisoformat(at), document_id
