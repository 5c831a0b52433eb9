"""In-memory fakes of the ports, for use-case unit tests."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Self

from ordex.domain.accounts import Account, ApiKey, Credential
from ordex.domain.content import (
    CancellationContent,
    DocumentType,
    OrderContent,
    PartyId,
    ResponseContent,
)
from ordex.domain.documents import Document
from ordex.domain.errors import ConcurrentUpdate, DuplicateDocument
from ordex.domain.orders import Order
from ordex.domain.versions import OrderVersion
from ordex.services.ports import DocumentQuery, HistoryEntry, ListedDocument, OutboxMessage


class FakeClock:
    def __init__(self, at: datetime | None = None) -> None:
        self.at = at or datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.at

    def advance(self, **kwargs: float) -> None:
        self.at += timedelta(**kwargs)


@dataclass(frozen=True)
class FakeParsed:
    document_type: DocumentType
    transaction: str
    number: str
    sender: PartyId | None
    receiver: PartyId | None
    content: OrderContent | CancellationContent | ResponseContent


class FakeCodec:
    """'Parses' documents registered by their bytes; renders a readable stand-in."""

    def __init__(self) -> None:
        self.documents: dict[bytes, FakeParsed] = {}
        self.rendered: list[ResponseContent | CancellationContent | OrderContent] = []

    def register(self, data: bytes, parsed: FakeParsed) -> bytes:
        self.documents[data] = parsed
        return data

    def read(self, data: bytes) -> FakeParsed:
        return self.documents[data]

    def render_order(self, content: OrderContent) -> bytes:
        self.rendered.append(content)
        return f"<OrderChange seq={content.sequence_number}/>".encode()

    def render_response(self, content: ResponseContent) -> bytes:
        self.rendered.append(content)
        return f"<OrderResponse code={content.code.value}/>".encode()

    def render_cancellation(self, content: CancellationContent) -> bytes:
        self.rendered.append(content)
        return f"<OrderCancellation note={content.cancellation_note}/>".encode()


class FakeStore:
    """The 'database': survives units of work; each unit works on a copy until commit."""

    def __init__(self) -> None:
        self.accounts: dict[str, Account] = {}
        self.keys: dict[str, ApiKey] = {}
        self.documents: dict[str, Document] = {}
        self.orders: dict[str, Order] = {}
        self.history: list[HistoryEntry] = []
        self.outbox: list[OutboxMessage] = []
        self.versions: dict[tuple[str, int], OrderVersion] = {}
        self.commits = 0


class _Accounts:
    def __init__(self, data: FakeStore) -> None:
        self.data = data

    def add(self, account: Account) -> None:
        self.data.accounts[account.account_id] = account

    def get(self, account_id: str) -> Account | None:
        return self.data.accounts.get(account_id)

    def owner_of(self, party: PartyId) -> str | None:
        return next((a.account_id for a in self.data.accounts.values() if a.owns(party)), None)

    def set_disabled(self, account_id: str, disabled_at: datetime | None) -> None:
        self.data.accounts[account_id].disabled_at = disabled_at

    def add_key(self, key: ApiKey) -> None:
        self.data.keys[key.key_hash] = key

    def keys_of(self, account_id: str) -> list[ApiKey]:
        keys = [k for k in self.data.keys.values() if k.account_id == account_id]
        return sorted((k for k in keys if not k.is_token), key=lambda k: k.created_at)

    def revoke_key(self, key: ApiKey) -> None:
        self.data.keys[key.key_hash] = key

    def prune_tokens(self, now: datetime) -> int:
        dead = [
            k.key_hash
            for k in self.data.keys.values()
            if k.is_token and not (k.live(now) and self._parent_live(k, now))
        ]
        for key_hash in dead:
            del self.data.keys[key_hash]
        return len(dead)

    def _parent_live(self, token: ApiKey, now: datetime) -> bool:
        parent = self.data.keys.get(token.parent_hash or "")
        return parent is not None and parent.live(now)

    def holder_of_key(self, key_hash: str) -> Credential | None:
        key = self.data.keys.get(key_hash)
        account = None if key is None else self.data.accounts.get(key.account_id)
        if key is None or account is None:
            return None
        return Credential(key, account, self.data.keys.get(key.parent_hash or ""))


class _Documents:
    def __init__(self, data: FakeStore) -> None:
        self.data = data

    def add(self, document: Document) -> None:
        existing = self.find(document.sender, document.document_type, document.number)
        if existing is not None:  # the unique key of the SQL repository
            raise DuplicateDocument(
                f"{document.document_type.value} {document.number!r} from {document.sender} "
                f"was already received as document {existing}.",
                existing_document_id=existing,
            )
        self.data.documents[document.document_id] = copy.deepcopy(document)

    def get(self, document_id: str) -> Document | None:
        found = self.data.documents.get(document_id)
        return copy.deepcopy(found) if found else None

    def update(self, document: Document) -> None:
        self.data.documents[document.document_id] = copy.deepcopy(document)

    def find(self, sender: PartyId, document_type: DocumentType, number: str) -> str | None:
        return next(
            (
                d.document_id
                for d in self.data.documents.values()
                if (d.sender, d.document_type, d.number) == (sender, document_type, number)
            ),
            None,
        )

    def for_order(self, order_id: str) -> list[Document]:
        return [copy.deepcopy(d) for d in self.data.documents.values() if d.order_id == order_id]

    def query(self, query: DocumentQuery) -> list[ListedDocument]:
        rows = []
        for d in sorted(self.data.documents.values(), key=lambda d: (d.created_at, d.document_id)):
            party = d.sender if query.role == "sender" else d.receiver
            order = self.data.orders[d.order_id]
            if party != query.party:
                continue
            if query.document_types and d.document_type not in query.document_types:
                continue
            if query.state and order.state.value != query.state:
                continue
            if query.since and d.created_at < query.since:
                continue
            if query.after and (d.created_at, d.document_id) <= query.after:
                continue
            rows.append(
                ListedDocument(
                    document_id=d.document_id,
                    order_id=d.order_id,
                    document_type=d.document_type,
                    transaction=d.transaction,
                    number=d.number,
                    sender=d.sender,
                    receiver=d.receiver,
                    created_at=d.created_at,
                    response_code=d.response_code,
                    first_downloaded_at=d.first_downloaded_at,
                    purged_at=d.purged_at,
                    order_number=order.number,
                    order_state=order.state,
                )
            )
        return rows[: query.limit]

    def expired_candidates(self, before: datetime, limit: int) -> list[Document]:
        found = [
            d
            for d in self.data.documents.values()
            if d.purged_at is None and d.created_at <= before
        ]
        return [copy.deepcopy(d) for d in found[:limit]]


class _Orders:
    def __init__(self, data: FakeStore) -> None:
        self.data = data

    def add(self, order: Order) -> None:
        order.version = 1
        self.data.orders[order.order_id] = replace(order, events=[])

    def get(self, order_id: str) -> Order | None:
        found = self.data.orders.get(order_id)
        return copy.deepcopy(found) if found else None

    def update(self, order: Order) -> None:
        if self.data.orders[order.order_id].version != order.version:
            raise ConcurrentUpdate("changed meanwhile")
        order.version += 1
        self.data.orders[order.order_id] = replace(order, events=[])


class _Versions:
    def __init__(self, data: FakeStore) -> None:
        self.data = data

    def add(self, version: OrderVersion) -> None:
        self.data.versions[(version.order_id, version.number)] = version

    def answer(self, version: OrderVersion) -> None:
        self.data.versions[(version.order_id, version.number)] = version

    def for_order(self, order_id: str) -> list[OrderVersion]:
        found = [v for (o, _), v in self.data.versions.items() if o == order_id]
        return sorted(found, key=lambda v: v.number)


class _History:
    def __init__(self, data: FakeStore) -> None:
        self.data = data

    def add(self, entry: HistoryEntry) -> None:
        self.data.history.append(entry)

    def for_order(self, order_id: str) -> list[HistoryEntry]:
        return [e for e in self.data.history if e.order_id == order_id]


class _Outbox:
    def __init__(self, data: FakeStore) -> None:
        self.data = data

    def add(self, message: OutboxMessage) -> None:
        self.data.outbox.append(message)

    def pending(self, limit: int) -> Sequence[OutboxMessage]:
        return self.data.outbox[:limit]


class FakeUnitOfWork:
    """Works on a deep copy of the store; commit swaps it in, leaving rolls it back."""

    def __init__(self, store: FakeStore) -> None:
        self.store = store

    def __enter__(self) -> Self:
        self.working = copy.deepcopy(self.store)
        self.accounts = _Accounts(self.working)
        self.documents = _Documents(self.working)
        self.orders = _Orders(self.working)
        self.history = _History(self.working)
        self.outbox = _Outbox(self.working)
        self.versions = _Versions(self.working)
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def commit(self) -> None:
        commits = self.store.commits + 1
        self.store.__dict__.update(self.working.__dict__)
        self.store.commits = commits
