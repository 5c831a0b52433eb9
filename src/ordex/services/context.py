"""What every use case is given: a unit-of-work factory, a clock and the codec."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from ordex.domain.accounts import Account
from ordex.domain.content import DocumentType, PartyId
from ordex.domain.documents import RetentionPolicy
from ordex.domain.errors import DuplicateDocument, PartyNotFound, RecipientNotReachable
from ordex.domain.financing_policy import DecisionPolicy
from ordex.network.ports import Directory
from ordex.services.ports import Clock, DocumentCodec, UnitOfWork, WebhookTransport


@dataclass(frozen=True)
class Context:
    """``uow`` opens a unit of work that may write; ``reader`` (when given) one that only
    reads and so never waits for a writer. Use cases that only read call :meth:`read`."""

    uow: Callable[[], UnitOfWork]
    clock: Clock
    codec: DocumentCodec
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)
    transport: WebhookTransport | None = None
    reader: Callable[[], UnitOfWork] | None = None
    financing_policy: DecisionPolicy = field(default_factory=DecisionPolicy)
    directory: Directory | None = None
    """The Peppol lookup (``ORDEX_PEPPOL_*``); ``None`` on a hub that is not an access point."""

    @property
    def network(self) -> bool:
        """Whether this hub is a Peppol access point: documents for parties it does not
        host go out over the network instead of being refused."""
        return self.directory is not None

    def read(self) -> UnitOfWork:
        return (self.reader or self.uow)()


def new_id() -> str:
    return str(uuid.uuid4())


def require_party(account: Account, party: PartyId) -> None:
    """A key acts only for its own account's parties; any other party is 'not found'."""
    if not account.owns(party):
        raise PartyNotFound(f"Party {party} was not found.")


def refuse_duplicate(uow: UnitOfWork, sender: PartyId, kind: DocumentType, number: str) -> None:
    """A sender's document type and cbc:ID name one document (the database makes sure too)."""
    existing = uow.documents.find(sender, kind, number)
    if existing is not None:
        raise DuplicateDocument(
            f"{kind.value} {number!r} from {sender} was already received as document {existing}.",
            existing_document_id=existing,
        )


def require_reachable(uow: UnitOfWork, receiver: PartyId, network: bool = False) -> None:
    """Documents go only to parties registered on this hub, or, when the hub is a Peppol
    access point (``network``), to any party (the network's lookup decides later)."""
    if not network and uow.accounts.owner_of(receiver) is None:
        raise RecipientNotReachable(
            f"The recipient {receiver} is not registered on this hub, so it cannot receive "
            "the document (ask POST purchaseOrder/queryRecipientParty in advance)."
        )
