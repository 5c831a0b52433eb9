"""Repositories: domain objects in, domain objects out, SQL in between."""

from __future__ import annotations

import itertools
import time
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ordex.domain.content import DocumentType, OrderContent, PartyId
from ordex.domain.documents import Document, PurgeReason
from ordex.domain.errors import ConcurrentUpdate, DuplicateDocument
from ordex.domain.orders import Order, OrderState
from ordex.services.ports import DocumentQuery, HistoryEntry, ListedDocument, OutboxMessage
from ordex.storage import tables as t
from ordex.storage.snapshots import from_json


def party_id(text: str) -> PartyId:
    scheme, _, value = text.partition(":")
    return PartyId(scheme, value)


# Statements of every request, built once (building a statement costs more than
# running it from SQLAlchemy's compiled cache).
_d = t.documents
_FIND_DOCUMENT = select(_d.c.document_id).where(
    _d.c.sender == bindparam("sender"),
    _d.c.document_type == bindparam("type"),
    _d.c.number == bindparam("number"),
)
_INSERT_ORDER = t.orders.insert()
_INSERT_HISTORY = t.order_history.insert()
_INSERT_OUTBOX = t.outbox.insert()
_DOCUMENT_NUMBER = ["sender", "document_type", "number"]  # uq_documents_sender_type_number
_INSERT_DOCUMENT = {
    "sqlite": sqlite.insert(_d)
    .on_conflict_do_nothing(index_elements=_DOCUMENT_NUMBER)
    .returning(_d.c.document_id),
    "postgresql": postgresql.insert(_d)
    .on_conflict_do_nothing(index_elements=_DOCUMENT_NUMBER)
    .returning(_d.c.document_id),
}


def _document(row: Any) -> Document:
    return Document(
        document_id=row.document_id,
        order_id=row.order_id,
        document_type=DocumentType(row.document_type),
        transaction=row.transaction_id,
        number=row.number,
        sender=party_id(row.sender),
        receiver=party_id(row.receiver),
        created_at=row.created_at,
        content=row.content,
        response_code=row.response_code,
        first_downloaded_at=row.first_downloaded_at,
        purged_at=row.purged_at,
        purge_reason=PurgeReason(row.purge_reason) if row.purge_reason else None,
    )


def _order(row: Any) -> Order:
    return Order(
        order_id=row.order_id,
        buyer=party_id(row.buyer),
        seller=party_id(row.seller),
        number=row.number,
        profile_id=row.profile_id,
        state=OrderState(row.state),
        content=from_json(OrderContent, row.content),
        created_at=row.created_at,
        updated_at=row.updated_at,
        state_before_cancellation=(
            OrderState(row.state_before_cancellation) if row.state_before_cancellation else None
        ),
        state_before_change=(
            OrderState(row.state_before_change) if row.state_before_change else None
        ),
        version=row.version,
    )


_LISTED_COLUMNS = (
    *(column for column in t.documents.c if column.name != "content"),
    t.orders.c.number.label("order_number"),
    t.orders.c.state.label("order_state"),
)
"""What a list reads of a document and its order: neither's content."""


class SqlDocuments:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        # The mutable columns of each document as read in this unit of work: ``update``
        # writes only what changed, so a download and a purge of one document at the
        # same moment both keep their change (READ COMMITTED on PostgreSQL).
        self._read: dict[str, dict[str, Any]] = {}

    def add(self, document: Document) -> None:
        values = dict(
            document_id=document.document_id,
            order_id=document.order_id,
            document_type=document.document_type.value,
            transaction_id=document.transaction,
            number=document.number,
            sender=str(document.sender),
            receiver=str(document.receiver),
            content=document.content,
            response_code=document.response_code,
            created_at=document.created_at,
        )
        # A document that another request stored meanwhile (same sender, type and
        # number: the unique constraint decides) is skipped, not an error that would
        # spoil the transaction; the use case's own check above it found none.
        insert = _INSERT_DOCUMENT[self.conn.dialect.name]
        if self.conn.execute(insert, values).first() is not None:
            return
        existing = self.find(document.sender, document.document_type, document.number)
        if existing is None:  # stored and gone again between the two statements
            raise ConcurrentUpdate(
                f"{document.document_type.value} {document.number!r} from {document.sender} "
                "was being stored by another request; retry."
            )
        raise DuplicateDocument(
            f"{document.document_type.value} {document.number!r} from {document.sender} "
            f"was already received as document {existing}.",
            existing_document_id=existing,
        )

    def get(self, document_id: str) -> Document | None:
        row = self.conn.execute(
            select(t.documents).where(t.documents.c.document_id == document_id)
        ).first()
        return self._remember(_document(row)) if row else None

    def update(self, document: Document) -> None:
        values = self._mutable(document)
        before = self._read.get(document.document_id)
        if before is not None:
            values = {name: value for name, value in values.items() if before[name] != value}
            if not values:
                return
        self.conn.execute(
            update(t.documents)
            .where(t.documents.c.document_id == document.document_id)
            .values(**values)
        )
        self._read[document.document_id] = {**(before or {}), **values}

    def _remember(self, document: Document) -> Document:
        self._read[document.document_id] = self._mutable(document)
        return document

    @staticmethod
    def _mutable(document: Document) -> dict[str, Any]:
        return dict(
            content=document.content,
            first_downloaded_at=document.first_downloaded_at,
            purged_at=document.purged_at,
            purge_reason=document.purge_reason.value if document.purge_reason else None,
        )

    def find(self, sender: PartyId, document_type: DocumentType, number: str) -> str | None:
        parameters = {"sender": str(sender), "type": document_type.value, "number": number}
        return self.conn.execute(_FIND_DOCUMENT, parameters).scalar()

    def for_order(self, order_id: str) -> list[Document]:
        rows = self.conn.execute(
            select(t.documents)
            .where(t.documents.c.order_id == order_id)
            .order_by(t.documents.c.created_at, t.documents.c.document_id)
        )
        return [self._remember(_document(row)) for row in rows]

    def query(self, query: DocumentQuery) -> list[ListedDocument]:
        d, o = t.documents, t.orders
        column = d.c.sender if query.role == "sender" else d.c.receiver
        other = d.c.receiver if query.role == "sender" else d.c.sender
        order = (
            (d.c.created_at.desc(), d.c.document_id.desc())
            if query.newest_first
            else (d.c.created_at, d.c.document_id)
        )
        stmt = (
            select(*_LISTED_COLUMNS)
            .join(o, o.c.order_id == d.c.order_id)
            .where(column == str(query.party))
            .order_by(*order)
            .limit(query.limit)
        )
        if query.counterparty is not None:
            stmt = stmt.where(other == str(query.counterparty))
        if query.until:
            stmt = stmt.where(d.c.created_at < query.until)
        if query.search:
            pattern = "%" + _escaped(query.search.lower()) + "%"
            stmt = stmt.where(
                or_(
                    func.lower(d.c.number).like(pattern, escape="\\"),
                    func.lower(o.c.number).like(pattern, escape="\\"),
                    func.lower(other).like(pattern, escape="\\"),
                )
            )
        if query.document_types:
            stmt = stmt.where(d.c.document_type.in_([k.value for k in query.document_types]))
        if query.state:
            stmt = stmt.where(o.c.state == query.state)
        if query.since:
            stmt = stmt.where(d.c.created_at >= query.since)
        if query.after and query.newest_first:
            at, last_id = query.after
            stmt = stmt.where(
                or_(d.c.created_at < at, and_(d.c.created_at == at, d.c.document_id < last_id))
            )
        elif query.after:
            at, last_id = query.after
            stmt = stmt.where(
                or_(d.c.created_at > at, and_(d.c.created_at == at, d.c.document_id > last_id))
            )
        return [
            ListedDocument(
                document_id=row.document_id,
                order_id=row.order_id,
                document_type=DocumentType(row.document_type),
                transaction=row.transaction_id,
                number=row.number,
                sender=party_id(row.sender),
                receiver=party_id(row.receiver),
                created_at=row.created_at,
                response_code=row.response_code,
                first_downloaded_at=row.first_downloaded_at,
                purged_at=row.purged_at,
                order_number=row.order_number,
                order_state=OrderState(row.order_state),
            )
            for row in self.conn.execute(stmt)
        ]

    def expired_candidates(self, before: datetime, limit: int) -> list[Document]:
        rows = self.conn.execute(
            select(t.documents)
            .where(t.documents.c.purged_at.is_(None), t.documents.c.created_at <= before)
            .order_by(t.documents.c.created_at, t.documents.c.document_id)
            .limit(limit)
        )
        return [self._remember(_document(row)) for row in rows]


class SqlOrders:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        # The content of each order as read or stored in this unit of work: ``update``
        # writes the content again only when the order was given another (a change);
        # answers and cancellations leave it, and a big order's content is costly to
        # encode and write (frozen: an unchanged content is the same object).
        self._contents: dict[str, OrderContent] = {}

    def count_awaiting(self, seller: PartyId, states: Collection[OrderState]) -> int:
        o = t.orders
        stmt = select(func.count()).where(
            o.c.seller == str(seller), o.c.state.in_([s.value for s in states])
        )
        return int(self.conn.execute(stmt).scalar_one())

    def add(self, order: Order) -> None:
        self.conn.execute(_INSERT_ORDER, {**self._values(order), "version": 1})
        order.version = 1
        self._contents[order.order_id] = order.content

    def get(self, order_id: str) -> Order | None:
        row = self.conn.execute(select(t.orders).where(t.orders.c.order_id == order_id)).first()
        if row is None:
            return None
        order = _order(row)
        self._contents[order_id] = order.content
        return order

    def update(self, order: Order) -> None:
        """Optimistic concurrency: the row must still carry the version we read."""
        values = self._values(order)
        if self._contents.get(order.order_id) is order.content:
            del values["content"]
        result = self.conn.execute(
            update(t.orders)
            .where(t.orders.c.order_id == order.order_id, t.orders.c.version == order.version)
            .values(**values, version=order.version + 1)
        )
        if result.rowcount != 1:
            raise ConcurrentUpdate(
                f"Order {order.number} was changed by another request meanwhile; "
                "read it again and retry."
            )
        order.version += 1
        self._contents[order.order_id] = order.content

    @staticmethod
    def _values(order: Order) -> dict[str, Any]:
        return dict(
            order_id=order.order_id,
            buyer=str(order.buyer),
            seller=str(order.seller),
            number=order.number,
            profile_id=order.profile_id,
            state=order.state.value,
            state_before_cancellation=(
                order.state_before_cancellation.value if order.state_before_cancellation else None
            ),
            state_before_change=(
                order.state_before_change.value if order.state_before_change else None
            ),
            content=order.content,
            created_at=order.created_at,
            updated_at=order.updated_at,
        )


class SqlHistory:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, entry: HistoryEntry) -> None:
        self.conn.execute(
            _INSERT_HISTORY,
            dict(
                order_id=entry.order_id,
                document_id=entry.document_id,
                name=entry.name,
                description=entry.description,
                created_at=entry.created_at,
            ),
        )

    def for_order(self, order_id: str) -> list[HistoryEntry]:
        rows = self.conn.execute(
            select(t.order_history)
            .where(t.order_history.c.order_id == order_id)
            .order_by(t.order_history.c.entry_id)
        )
        return [
            HistoryEntry(
                order_id=row.order_id,
                document_id=row.document_id,
                name=row.name,
                description=row.description,
                created_at=row.created_at,
            )
            for row in rows
        ]


# The relay's statements, built once (the worker runs them every round).
_o = t.outbox
_MARK_DISPATCHED = (
    update(_o)
    .where(_o.c.message_id.in_(bindparam("ids", expanding=True)))
    .values(dispatched_at=bindparam("at"))
)
_PENDING = (
    select(_o)
    .where(_o.c.dispatched_at.is_(None))
    .order_by(_o.c.created_at, _o.c.seq, _o.c.message_id)
    .limit(bindparam("limit"))
)
_PENDING_LOCKED = _PENDING.with_for_update(skip_locked=True)

# Outbox messages of one timestamp go out in the order they were written. The counter is
# per process; messages of two processes rarely share a microsecond, and then either
# order is true.
_OUTBOX_SEQ = itertools.count(time.monotonic_ns())


class SqlOutbox:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, message: OutboxMessage) -> None:
        self.conn.execute(
            _INSERT_OUTBOX,
            dict(
                message_id=message.message_id,
                topic=message.topic,
                party_id=message.party_id,
                document_id=message.document_id,
                sender_party_id=message.sender_party_id,
                message=message.message,
                details=message.details,
                created_at=message.created_at,
                body=message.body,
                hook_id=message.hook_id,
                seq=next(_OUTBOX_SEQ),
            ),
        )

    def mark_dispatched(self, message_ids: Sequence[str], at: datetime) -> None:
        for chunk in chunks(message_ids):
            self.conn.execute(_MARK_DISPATCHED, {"ids": list(chunk), "at": at})

    def pending(self, limit: int) -> Sequence[OutboxMessage]:
        """Undispatched messages, oldest first; PostgreSQL skips rows another relay holds."""
        stmt = _PENDING_LOCKED if self.conn.dialect.name == "postgresql" else _PENDING
        rows = self.conn.execute(stmt, {"limit": limit})
        return [
            OutboxMessage(
                message_id=row.message_id,
                topic=row.topic,
                party_id=row.party_id,
                document_id=row.document_id,
                sender_party_id=row.sender_party_id,
                message=row.message,
                created_at=row.created_at,
                details=dict(row.details),
                body=row.body,
                hook_id=row.hook_id,
            )
            for row in rows
        ]


def chunks(items: Sequence[str], size: int = 500) -> list[Sequence[str]]:
    """Slices small enough for an ``IN (...)`` on every database."""
    return [items[n : n + size] for n in range(0, len(items), size)]


def _escaped(text: str) -> str:
    """``text`` for a LIKE pattern: its own ``%`` and ``_`` match only themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
