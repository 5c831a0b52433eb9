"""What the use cases need from the outside world, as protocols.

Storage implements the unit of work (``ordex.storage``), the Peppol adapter implements
the codec (``ordex.peppol.codec``); unit tests use the fakes in ``tests/unit/fakes.py``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol, Self

from ordex.domain.accounts import Account, ApiKey, Credential
from ordex.domain.commerce import CommerceOrder, Refund
from ordex.domain.commerce_requests import CommerceRequest, RequestKind
from ordex.domain.content import (
    CancellationContent,
    DocumentType,
    OrderContent,
    PartyId,
    ResponseContent,
)
from ordex.domain.documents import Document
from ordex.domain.financing import Application, ApplicationState
from ordex.domain.hooks import Attempt, Delivery, DeliveryStatus, Hook
from ordex.domain.orders import Order, OrderState
from ordex.domain.sessions import WebSession
from ordex.domain.versions import OrderVersion


class Clock(Protocol):
    def now(self) -> datetime: ...


class ParsedDocument(Protocol):
    """A document the codec has parsed and validated."""

    @property
    def document_type(self) -> DocumentType: ...
    @property
    def transaction(self) -> str: ...
    @property
    def number(self) -> str: ...
    @property
    def sender(self) -> PartyId | None: ...
    @property
    def receiver(self) -> PartyId | None: ...
    @property
    def content(self) -> OrderContent | CancellationContent | ResponseContent: ...


class DocumentCodec(Protocol):
    def read(self, data: bytes) -> ParsedDocument:
        """Parse and validate; raises ``InvalidInput`` errors."""
        ...

    def render_order(self, content: OrderContent) -> bytes:
        """An Order Change (T114) for ``DocumentType.ORDER_CHANGE``, checked."""
        ...

    def render_response(self, content: ResponseContent) -> bytes: ...
    def render_cancellation(self, content: CancellationContent) -> bytes: ...


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    order_id: str
    document_id: str
    name: str
    description: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """One notification for one party, written in the transaction that caused it.

    Without ``body`` it goes to the party's PSB hooks in the PSB envelope. With ``body``
    (a dialect's own payload, sent exactly as given) it goes to the party's commerce or
    financing hooks instead. ``hook_id`` narrows it to that one hook (a financing
    application's notification URL).
    """

    message_id: str
    topic: str
    party_id: str
    document_id: str
    sender_party_id: str
    message: str
    created_at: datetime
    details: dict[str, str] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    hook_id: str | None = None


@dataclass(frozen=True, slots=True)
class ListedDocument:
    """A document as a list shows it: what it is, who sent it to whom, when, and its
    order's number and state; not its bytes nor its order's content, which a list never
    shows and which cost more to read than all the rest (a 200-line order's content is
    about 85 KB of JSON)."""

    document_id: str
    order_id: str
    document_type: DocumentType
    transaction: str
    number: str
    sender: PartyId
    receiver: PartyId
    created_at: datetime
    response_code: str | None
    first_downloaded_at: datetime | None
    purged_at: datetime | None
    order_number: str
    order_state: OrderState


@dataclass(frozen=True, slots=True)
class DocumentQuery:
    party: PartyId
    role: str  # "sender" or "receiver"
    document_types: tuple[DocumentType, ...] = ()
    state: str | None = None
    since: datetime | None = None
    after: tuple[datetime, str] | None = None  # keyset cursor (created_at, document_id)
    limit: int = 50
    newest_first: bool = False
    counterparty: PartyId | None = None  # the other side: the sender of a received one
    until: datetime | None = None  # created before
    search: str | None = None  # in the document's or its order's number, or the other side


class AccountRepository(Protocol):
    def add(self, account: Account) -> None: ...
    def get(self, account_id: str) -> Account | None: ...
    def owner_of(self, party: PartyId) -> str | None: ...
    def set_disabled(self, account_id: str, disabled_at: datetime | None) -> None: ...
    def add_key(self, key: ApiKey) -> None: ...
    def keys_of(self, account_id: str) -> list[ApiKey]:
        """The account's API keys (not its tokens), oldest first."""
        ...

    def revoke_key(self, key: ApiKey) -> None:
        """Store ``key.revoked_at``."""
        ...

    def prune_tokens(self, now: datetime) -> int:
        """Delete the tokens that expired, or whose key was revoked, by ``now``."""
        ...

    def holder_of_key(self, key_hash: str) -> Credential | None:
        """The key or token, its account with its parties and, for a token, the key that
        bought it, in one read (every request asks)."""
        ...


class DocumentRepository(Protocol):
    def add(self, document: Document) -> None:
        """Store a new document; ``DuplicateDocument`` (naming the first one) when its
        sender already sent a document of its type with its number."""
        ...

    def get(self, document_id: str) -> Document | None: ...
    def update(self, document: Document) -> None: ...
    def find(self, sender: PartyId, document_type: DocumentType, number: str) -> str | None: ...
    def for_order(self, order_id: str) -> list[Document]: ...
    def query(self, query: DocumentQuery) -> list[ListedDocument]: ...
    def expired_candidates(self, before: datetime, limit: int) -> list[Document]: ...


class OrderRepository(Protocol):
    def count_awaiting(self, seller: PartyId, states: Collection[OrderState]) -> int:
        """How many orders of ``seller`` are in one of ``states``."""
        ...

    def add(self, order: Order) -> None: ...
    def get(self, order_id: str) -> Order | None: ...
    def update(self, order: Order) -> None:
        """Saves if nobody saved a newer version meanwhile; raises ``Conflict`` if so."""
        ...


class HistoryRepository(Protocol):
    def add(self, entry: HistoryEntry) -> None: ...
    def for_order(self, order_id: str) -> list[HistoryEntry]: ...


class Outbox(Protocol):
    def add(self, message: OutboxMessage) -> None: ...
    def pending(self, limit: int) -> Sequence[OutboxMessage]: ...
    def mark_dispatched(self, message_ids: Sequence[str], at: datetime) -> None: ...


class HookRepository(Protocol):
    def add(self, hook: Hook) -> None: ...
    def update(self, hook: Hook) -> None: ...
    def get(self, hook_id: str) -> Hook | None: ...
    def get_many(self, hook_ids: Collection[str]) -> dict[str, Hook]:
        """The hooks of these ids that exist, by id."""
        ...

    def for_party(self, party_id: str) -> list[Hook]: ...
    def for_parties(self, party_ids: Collection[str]) -> dict[str, list[Hook]]:
        """``for_party`` of each (in one query): every party given, with or without hooks."""
        ...

    def delete(self, hook_id: str) -> None: ...


@dataclass(frozen=True, slots=True)
class DueHead:
    """The first pending delivery of a hook whose queue is due, and the hook's party."""

    delivery_id: str
    hook_id: str
    seq: int
    party_id: str


class DeliveryRepository(Protocol):
    def add(self, delivery: Delivery) -> None: ...
    def add_many(self, deliveries: Sequence[Delivery]) -> None:
        """Queue deliveries behind each hook's earlier ones, in the given order."""
        ...

    def lock_relay(self) -> bool:
        """Whether this transaction may relay the outbox (one at a time per database, so
        that each hook's deliveries are numbered in outbox order), taken till it ends."""
        ...

    def queued(self, hook_ids: Collection[str]) -> set[str]:
        """Those of the hooks that have pending deliveries (due, waiting or leased)."""
        ...

    def get(self, delivery_id: str) -> Delivery | None: ...
    def update(self, delivery: Delivery) -> None: ...
    def update_many(self, deliveries: Sequence[Delivery]) -> None: ...
    def claim_due(
        self, now: datetime, lease_until: datetime, limit: int, per_hook: int = 1
    ) -> list[Delivery]:
        """Lease up to ``per_hook`` of the oldest due deliveries of up to ``limit`` hooks.

        A hook's batch starts at its oldest pending delivery and stops before the first
        one not due; a hook whose oldest pending delivery waits (retry, another worker's
        lease) gives nothing. Deliveries come grouped by hook, each group in order.
        """
        ...

    def due_heads(self, now: datetime, limit: int, per_party: int) -> list[DueHead]:
        """The oldest pending delivery of each active hook whose oldest pending delivery is
        due, oldest first, at most ``per_party`` of one party's hooks, ``limit`` in all."""
        ...

    def claim_heads(
        self, heads: Sequence[DueHead], now: datetime, lease_until: datetime, per_hook: int
    ) -> list[Delivery]:
        """Lease each head's batch (as ``claim_due``); a head another worker took since
        ``due_heads`` gives nothing."""
        ...

    def lease(self, delivery_ids: Sequence[str], until: datetime) -> None:
        """Hold deliveries for a worker till ``until`` (not due, and known as leased)."""
        ...

    def release(self, delivery_ids: Sequence[str], at: datetime) -> None:
        """Give leased deliveries back, due again at ``at``."""
        ...

    def due_now(self, hook_id: str, now: datetime) -> int:
        """Make the hook's pending deliveries that wait for a retry due ``now`` (not those
        a worker holds); returns how many."""
        ...

    def renew(self, delivery_ids: Sequence[str], lease_until: datetime, until: datetime) -> bool:
        """Extend a lease that still holds (each delivery leased till ``lease_until``) to
        ``until``; False if any of them is no longer so (the lease ran out and was taken,
        or the delivery was answered)."""
        ...

    def for_hook(
        self,
        hook_id: str,
        limit: int = 100,
        status: DeliveryStatus | None = None,
        since: datetime | None = None,
    ) -> list[Delivery]: ...
    def add_attempt(self, attempt: Attempt) -> None: ...
    def add_attempts(self, attempts: Sequence[Attempt]) -> None: ...
    def attempts(self, delivery_id: str) -> list[Attempt]: ...


@dataclass(frozen=True, slots=True)
class HttpResult:
    """What a webhook target answered (or why there was no answer)."""

    status_code: int | None
    duration_ms: int
    excerpt: str | None = None
    error: str | None = None
    retry_after_seconds: float | None = None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class WebhookTransport(Protocol):
    def check_target(self, url: str) -> None:
        """Raise ``InvalidRequest`` for a URL ordex must not call (scheme, SSRF)."""
        ...

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> HttpResult: ...


class VersionRepository(Protocol):
    def add(self, version: OrderVersion) -> None: ...
    def answer(self, version: OrderVersion) -> None: ...
    def for_order(self, order_id: str) -> list[OrderVersion]:
        """Every version of the order, oldest first."""
        ...


@dataclass(frozen=True, slots=True)
class ApplicationQuery:
    partner: str
    states: tuple[ApplicationState, ...] = ()
    after: tuple[datetime, str] | None = None  # keyset cursor (created_at, application_id)
    limit: int = 50


class DuplicateApplication(Exception):
    """The partner's identical create request was stored meanwhile (unique fingerprint)."""


class ApplicationRepository(Protocol):
    def add(self, application: Application) -> None:
        """Raises ``DuplicateApplication`` if one with the same fingerprint exists."""
        ...

    def get(self, application_id: str) -> Application | None: ...
    def find(self, partner: str, fingerprint: str) -> Application | None: ...
    def for_order(self, partner: str, order_number: str) -> list[Application]: ...
    def update(self, application: Application) -> None:
        """Saves if nobody saved a newer version meanwhile; raises ``ConcurrentUpdate``."""
        ...

    def query(self, query: ApplicationQuery) -> list[Application]: ...


@dataclass(slots=True)
class Transmission:
    """A document on its way to a party on another Peppol access point (the network's
    outbox row): pending until its receipt verified (delivered) or refused for good
    (failed). ``message_*`` and ``exchange`` hold the AS4 message once built: a retry
    sends the same bytes, so the receiver recognises its MessageId; ``receiver_ap`` is the
    seat ID of the access point it is addressed to (for the Peppol Reporting TSR)."""

    document_id: str
    sender: str
    receiver: str
    document_type_id: str
    process_id: str
    country: str
    created_at: datetime
    status: str = "pending"
    attempts: int = 0
    next_attempt_at: datetime | None = None
    endpoint_url: str | None = None
    message_id: str | None = None
    message_headers: dict[str, str] | None = None
    message_body: bytes | None = None
    exchange: str | None = None
    receipt: bytes | None = None
    last_error: str | None = None
    delivered_at: datetime | None = None
    receiver_ap: str | None = None  # the receiving AP's seat ID (its certificate's CN)


@dataclass(frozen=True, slots=True)
class ReceivedMessage:
    """An AS4 message accepted from another access point and the receipt that answered it."""

    message_id: str
    sender_ap: str
    document_id: str | None
    receipt: bytes
    received_at: datetime


class NetworkRepository(Protocol):
    def received(self, message_id: str) -> ReceivedMessage | None: ...
    def add_received(self, message: ReceivedMessage) -> None:
        """Raises ``DuplicateDocument`` when the MessageId was stored meanwhile."""
        ...

    def add_transmission(self, transmission: Transmission) -> None: ...
    def transmission(self, document_id: str) -> Transmission | None: ...
    def claim_due(self, now: datetime, lease_until: datetime, limit: int) -> list[Transmission]:
        """Pending transmissions due at ``now``, oldest first, each leased until
        ``lease_until`` (``next_attempt_at``) so that no other worker takes it meanwhile."""
        ...

    def update_transmission(self, transmission: Transmission) -> None: ...


class WebSessionRepository(Protocol):
    """Sessions of the web inbox (by the hash of their cookie) and account passwords."""

    def add(self, session: WebSession) -> None: ...
    def get(self, session_hash: str) -> WebSession | None: ...
    def remove(self, session_hash: str) -> None: ...
    def prune(self, now: datetime) -> int: ...
    def password_of(self, account_id: str) -> str | None: ...
    def set_password(self, account_id: str, password_hash: str, at: datetime) -> None: ...
    def sessions_by_password(self, account_id: str) -> list[str]: ...


class UnitOfWork(Protocol):
    accounts: AccountRepository
    documents: DocumentRepository
    orders: OrderRepository
    history: HistoryRepository
    outbox: Outbox
    hooks: HookRepository
    deliveries: DeliveryRepository
    versions: VersionRepository
    commerce: CommerceRepository
    applications: ApplicationRepository
    network: NetworkRepository
    web: WebSessionRepository

    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...
    def commit(self) -> None: ...


@dataclass(frozen=True, slots=True)
class PendingRefund:
    refund: Refund
    business_code: str
    customer_number: str
    order_reference: str


class CommerceRepository(Protocol):
    """Orders of web shops (commerce dialect), the outcome of each request, refunds."""

    def add_order(self, order: CommerceOrder) -> None:
        """Raises ``OrderReferenceTaken`` if the business has an order of that reference."""
        ...

    def order(
        self, business_code: str, reference: str, for_update: bool = False
    ) -> CommerceOrder | None:
        """The order; ``for_update`` locks it until the unit of work ends (PostgreSQL)."""
        ...

    def update_order(self, order: CommerceOrder) -> None:
        """Saves the order and its new refunds; ``ConcurrentUpdate`` if it changed meanwhile."""
        ...

    def add_request(self, request: CommerceRequest) -> None: ...
    def requests(
        self, business_code: str, kind: RequestKind, since: date | None, until: date | None
    ) -> list[CommerceRequest]: ...
    def has_customer(self, business_code: str, customer_number: str) -> bool: ...
    def pending_refunds(self, created_before: datetime, limit: int) -> list[PendingRefund]:
        """Pending refunds created until ``created_before``, oldest first."""
        ...

    def complete_refund(self, refund: Refund, at: datetime) -> bool:
        """Marks a pending refund completed; False if someone else completed it first."""
        ...
