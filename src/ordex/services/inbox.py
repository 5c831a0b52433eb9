"""Read-side queries of the web inbox: pages of documents, one order with its history.

They never write and reuse the API's authorization: ``require_party`` for the account's
party, ``order_for`` for a document in the role the page is for (a supplier sees what it
received, a buyer what it sent; anything else is "not found").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ordex.domain.accounts import Account
from ordex.domain.content import CancellationContent, DocumentType, PartyId, ResponseContent
from ordex.domain.diff import OrderDiff, diff_orders
from ordex.domain.documents import Document
from ordex.domain.errors import DocumentGone, DocumentNotFound
from ordex.domain.orders import AWAITING_ANSWER, Order, OrderState
from ordex.domain.versions import OrderVersion, current, pending_change, previous
from ordex.services.context import Context, require_party
from ordex.services.ports import DocumentQuery, HistoryEntry, ListedDocument
from ordex.services.roles import ALL_TYPES, SALES_TYPES, Role, order_for

PAGE_SIZE = 50


@dataclass(frozen=True)
class InboxFilter:
    state: OrderState | None = None
    counterparty: PartyId | None = None
    since: datetime | None = None
    until: datetime | None = None
    search: str | None = None
    after: tuple[datetime, str] | None = None


@dataclass(frozen=True)
class InboxPage:
    items: list[ListedDocument]
    next_cursor: tuple[datetime, str] | None
    awaiting: int  # orders waiting for the seller's answer (0 for a buyer's page)


def inbox_page(
    ctx: Context, account: Account, party: PartyId, role: Role, wanted: InboxFilter
) -> InboxPage:
    """Received (seller) or sent (buyer) orders, changes and cancellations, newest first,
    ``PAGE_SIZE`` a page, after the keyset cursor ``wanted.after``."""
    require_party(account, party)
    query = DocumentQuery(
        party=party,
        role="receiver" if role is Role.SELLER else "sender",
        document_types=SALES_TYPES,
        state=wanted.state.value if wanted.state else None,
        since=wanted.since,
        until=wanted.until,
        after=wanted.after,
        limit=PAGE_SIZE + 1,
        newest_first=True,
        counterparty=wanted.counterparty,
        search=wanted.search or None,
    )
    with ctx.read() as uow:
        rows = uow.documents.query(query)
        awaiting = uow.orders.count_awaiting(party, AWAITING_ANSWER) if role is Role.SELLER else 0
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    cursor = (rows[-1].created_at, rows[-1].document_id) if more and rows else None
    return InboxPage(rows, cursor, awaiting)


@dataclass(frozen=True)
class Exchanged:
    """A document of the order as its timeline shows it (without its bytes)."""

    document: Document
    response: ResponseContent | None = None
    cancellation: CancellationContent | None = None


@dataclass(frozen=True)
class OrderPage:
    named: Document
    order: Order
    versions: list[OrderVersion]
    now: OrderVersion | None
    history: list[HistoryEntry]
    documents: list[Exchanged]
    change: OrderDiff | None  # what the pending change (or the named change) changes
    change_document: str | None
    awaiting_cancellation: Document | None

    @property
    def responses(self) -> list[Exchanged]:
        return [d for d in self.documents if d.response is not None]


def order_page(
    ctx: Context, account: Account, party: PartyId, role: Role, document_id: str
) -> OrderPage:
    """The order behind ``document_id`` as the page of its seller (or buyer) shows it."""
    require_party(account, party)
    with ctx.read() as uow:
        named, order = order_for(uow, party, role, document_id, ALL_TYPES)
        versions = uow.versions.for_order(order.order_id)
        history = uow.history.for_order(order.order_id)
        documents = [
            d for d in uow.documents.for_order(order.order_id) if party in (d.sender, d.receiver)
        ]
    exchanged = [_exchanged(ctx, d) for d in documents]
    change_version = _change_version(versions, named)
    change = None
    if change_version is not None:
        before = previous(versions, change_version)
        if before is not None:
            change = diff_orders(before.content, change_version.content)
    cancellations = [d for d in documents if d.document_type is DocumentType.ORDER_CANCELLATION]
    awaiting = (
        cancellations[-1]
        if cancellations and order.state is OrderState.CANCELLATION_REQUESTED
        else None
    )
    return OrderPage(
        named=named,
        order=order,
        versions=versions,
        now=current(versions) if versions else None,
        history=history,
        documents=exchanged,
        change=change,
        change_document=change_version.document_id if change_version else None,
        awaiting_cancellation=awaiting,
    )


def _change_version(versions: list[OrderVersion], named: Document) -> OrderVersion | None:
    if named.document_type is DocumentType.ORDER_CHANGE:
        for version in versions:
            if version.document_id == named.document_id:
                return version
    return pending_change(versions) if versions else None


def _exchanged(ctx: Context, document: Document) -> Exchanged:
    """A response's or cancellation's content, read from its stored bytes (small)."""
    if document.content is None or document.document_type not in (
        DocumentType.ORDER_RESPONSE,
        DocumentType.ORDER_CANCELLATION,
    ):
        return Exchanged(document)
    content = ctx.codec.read(document.content).content
    if isinstance(content, ResponseContent):
        return Exchanged(document, response=content)
    if isinstance(content, CancellationContent):
        return Exchanged(document, cancellation=content)
    return Exchanged(document)  # pragma: no cover - the type says which


def document_of_order(
    ctx: Context, account: Account, party: PartyId, role: Role, document_id: str, wanted: str
) -> Document:
    """A document of the order behind ``document_id`` that ``party`` sent or received, for
    a download from the order's page (reading it here does not start retention's clock,
    the API's ``download`` does)."""
    require_party(account, party)
    with ctx.read() as uow:
        _, order = order_for(uow, party, role, document_id, ALL_TYPES)
        document = uow.documents.get(wanted)
    if (
        document is None
        or document.order_id != order.order_id
        or party not in (document.sender, document.receiver)
    ):
        raise DocumentNotFound(f"Document {wanted} was not found.")
    if document.content is None:
        raise DocumentGone(f"The content of document {wanted} was purged.")
    return document
