"""Read-side queries: lists, status history, recipients. They never write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ordex.domain.accounts import Account
from ordex.domain.content import DocumentType, PartyId
from ordex.domain.documents import Document
from ordex.domain.errors import DocumentNotFound
from ordex.domain.orders import Order
from ordex.network.recipients import peppol_families
from ordex.services.context import Context, require_party
from ordex.services.ports import DocumentQuery, HistoryEntry, ListedDocument
from ordex.services.roles import Role, order_for

FAMILIES = ("Order", "OrderChange", "OrderCancellation")
RESPONSE_FAMILIES = ("OrderResponse",)
HUB_CHANNEL = "ordex"
HUB_DESCRIPTION = "Registered on this ordex hub; delivered inside the hub"
PEPPOL_CHANNEL = "peppol"
PEPPOL_DESCRIPTION = "Found on the Peppol network (SML/SMP); sent by AS4 to its access point"


@dataclass(frozen=True)
class Recipient:
    """A candidate party that can receive here, how (``channel``) and which families."""

    party: PartyId
    families: tuple[str, ...]
    channel: str = HUB_CHANNEL
    description: str = HUB_DESCRIPTION


@dataclass(frozen=True)
class DocumentPage:
    items: list[ListedDocument]
    next_cursor: tuple[datetime, str] | None


def list_documents(ctx: Context, account: Account, query: DocumentQuery) -> DocumentPage:
    require_party(account, query.party)
    with ctx.read() as uow:
        rows = uow.documents.query(
            DocumentQuery(
                party=query.party,
                role=query.role,
                document_types=query.document_types,
                state=query.state,
                since=query.since,
                after=query.after,
                limit=query.limit + 1,
            )
        )
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    cursor = (rows[-1].created_at, rows[-1].document_id) if more and rows else None
    return DocumentPage(items=rows, next_cursor=cursor)


def sent_document(ctx: Context, account: Account, party: PartyId, document_id: str) -> Document:
    """A document that ``party`` sent (a retry of its send rebuilds its answer from it)."""
    require_party(account, party)
    with ctx.read() as uow:
        document = uow.documents.get(document_id)
    if document is None or document.sender != party:
        raise DocumentNotFound(f"Document {document_id} was not found.")
    return document


def order_history(
    ctx: Context, account: Account, party: PartyId, document_id: str, role: Role
) -> tuple[Order, list[HistoryEntry]]:
    """The status history of the order behind an order, change or cancellation that
    ``party`` sent as its buyer (or, as its seller, received)."""
    require_party(account, party)
    with ctx.read() as uow:
        _, order = order_for(uow, party, role, document_id)
        entries = uow.history.for_order(order.order_id)
    return order, entries


def list_responses(
    ctx: Context, account: Account, party: PartyId, document_id: str
) -> tuple[Order, list[Document]]:
    """The order responses the buyer ``party`` received for its order ``document_id``."""
    require_party(account, party)
    with ctx.read() as uow:
        document, order = order_for(uow, party, Role.BUYER, document_id, (DocumentType.ORDER,))
        if document.document_id != order.order_id:  # pragma: no cover - an Order is its order
            raise DocumentNotFound(f"Purchase order {document_id} was not found.")
        responses = [
            doc
            for doc in uow.documents.for_order(order.order_id)
            if doc.document_type is DocumentType.ORDER_RESPONSE and doc.receiver == party
        ]
    return order, responses


def recipients(
    ctx: Context,
    account: Account,
    party: PartyId | None,
    candidates: list[PartyId],
    family: str | None,
    offered: tuple[str, ...] = FAMILIES,
) -> list[Recipient]:
    """The candidates that can receive ``family`` here (all ``offered`` families when it is
    None), in the order given. ``party`` is the caller's own party (None: the lookup names
    no caller party, as ``GET peppol/deliveryOption`` does)."""
    if party is not None:
        require_party(account, party)
    families = (family,) if family else offered
    with ctx.read() as uow:
        return [
            Recipient(candidate, families)
            for candidate in candidates
            if uow.accounts.owner_of(candidate) is not None
        ]


def remote_recipients(
    ctx: Context,
    account: Account,
    party: PartyId,
    candidates: list[PartyId],
    family: str | None,
    offered: tuple[str, ...] = FAMILIES,
) -> list[Recipient]:
    """The candidates not on this hub that receive ``family`` (all ``offered`` families
    when None) over Peppol, found by SML/SMP lookup (none when this hub is not an access
    point). The lookups run after the read is over."""
    require_party(account, party)
    if ctx.directory is None:
        return []
    with ctx.read() as uow:
        remote = [c for c in candidates if uow.accounts.owner_of(c) is None]
    families = (family,) if family else offered
    found = [
        (candidate, peppol_families(ctx.directory, candidate, families)) for candidate in remote
    ]
    return [
        Recipient(candidate, tuple(served), PEPPOL_CHANNEL, PEPPOL_DESCRIPTION)
        for candidate, served in found
        if served
    ]
