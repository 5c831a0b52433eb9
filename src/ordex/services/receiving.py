"""Receiver use cases: download, delete, and the retention purge."""

from __future__ import annotations

from dataclasses import dataclass

from ordex.domain.accounts import Account
from ordex.domain.content import DocumentType, PartyId
from ordex.domain.documents import Document, PurgeReason
from ordex.domain.errors import DocumentNotFound
from ordex.services.accounts import prune_tokens
from ordex.services.context import Context, require_party
from ordex.services.ports import UnitOfWork
from ordex.services.roles import SALES_TYPES


@dataclass(frozen=True)
class DownloadDocument:
    account: Account
    party: PartyId
    document_id: str
    types: tuple[DocumentType, ...] = SALES_TYPES
    order_id: str | None = None  # when set, the document must belong to this order


def download_document(ctx: Context, cmd: DownloadDocument) -> Document:
    """The received document's bytes (as sent); the first download starts the 7-day clock."""
    require_party(cmd.account, cmd.party)
    with ctx.uow() as uow:
        document = _received(uow, cmd.party, cmd.document_id, cmd.types, cmd.order_id)
        first = document.first_downloaded_at is None
        document.read(ctx.clock.now())
        if first:
            uow.documents.update(document)
            uow.commit()
    return document


def delete_document(ctx: Context, account: Account, party: PartyId, document_id: str) -> None:
    """The receiver deletes a received document's content before retention does."""
    require_party(account, party)
    with ctx.uow() as uow:
        document = _received(uow, party, document_id, SALES_TYPES, None)
        document.purge(ctx.clock.now(), PurgeReason.DELETED)
        uow.documents.update(document)
        uow.commit()


def purge_expired_documents(ctx: Context, batch: int = 500) -> int:
    """Purge the content of every document whose retention ended; returns how many.

    The retention job (``ordex purge``, the server's purge loop, ``/admin/v1/purge``)
    also deletes the access tokens that expired or whose key was revoked."""
    prune_tokens(ctx)
    now = ctx.clock.now()
    shortest = min(ctx.retention.never_downloaded, ctx.retention.after_download)
    purged = 0
    while True:
        with ctx.uow() as uow:
            candidates = uow.documents.expired_candidates(now - shortest, batch)
            due = [doc for doc in candidates if doc.is_expired(ctx.retention, now)]
            for document in due:
                document.purge(now, PurgeReason.RETENTION)
                uow.documents.update(document)
            uow.commit()
        purged += len(due)
        if len(candidates) < batch or not due:
            return purged


def _received(
    uow: UnitOfWork,
    party: PartyId,
    document_id: str,
    types: tuple[DocumentType, ...],
    order_id: str | None,
) -> Document:
    document = uow.documents.get(document_id)
    if (
        document is None
        or document.receiver != party
        or document.document_type not in types
        or (order_id is not None and document.order_id != order_id)
    ):
        raise DocumentNotFound(f"Document {document_id} was not found.")
    return document
