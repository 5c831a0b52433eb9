"""What every use case is given: a unit-of-work factory, a clock and the codec."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from ordex.domain.accounts import Account
from ordex.domain.content import PartyId
from ordex.domain.documents import RetentionPolicy
from ordex.domain.errors import PartyNotFound
from ordex.services.ports import Clock, DocumentCodec, UnitOfWork, WebhookTransport


@dataclass(frozen=True)
class Context:
    uow: Callable[[], UnitOfWork]
    clock: Clock
    codec: DocumentCodec
    retention: RetentionPolicy = field(default_factory=RetentionPolicy)
    transport: WebhookTransport | None = None


def new_id() -> str:
    return str(uuid.uuid4())


def require_party(account: Account, party: PartyId) -> None:
    """A key acts only for its own account's parties; any other party is 'not found'."""
    if not account.owns(party):
        raise PartyNotFound(f"Party {party} was not found.")
