"""Use cases for a party's webhooks: register, list, delete, ping, deliveries.

The PSB hook API sees PSB hooks only; the delivery use cases take the ``dialect`` of the
hooks their caller manages (commerce notification callbacks, financing notification
URLs), so each dialect lists and replays its own deliveries with the same code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from ordex.domain.accounts import Account
from ordex.domain.content import PartyId
from ordex.domain.errors import DeliveryNotFound, HookNotFound, InvalidRequest
from ordex.domain.hooks import (
    PING_TOPIC,
    Attempt,
    Delivery,
    DeliveryStatus,
    Hook,
    HookDialect,
    unknown_topics,
)
from ordex.services.context import Context, new_id, require_party
from ordex.services.ports import UnitOfWork


@dataclass(frozen=True)
class PutHook:
    account: Account
    party: PartyId
    action: str
    topics: list[str]
    hook_id: str | None = None
    name: str | None = None
    secret: str | None = None
    is_active: bool = True


def put_hook(ctx: Context, cmd: PutHook) -> Hook:
    """Create a hook, or replace the one named by ``hook_id`` (PSB ``PUT hook``)."""
    require_party(cmd.account, cmd.party)
    if not cmd.topics:
        raise InvalidRequest("topics: name at least one topic (wildcards such as *Received work).")
    unknown = unknown_topics(cmd.topics)
    if unknown:
        raise InvalidRequest(f"topics: {', '.join(unknown)} match no ordex topic.")
    if ctx.transport is not None:
        ctx.transport.check_target(cmd.action)
    now = ctx.clock.now()
    with ctx.uow() as uow:
        existing = _own_hook(uow, cmd.party, cmd.hook_id) if cmd.hook_id else None
        hook = Hook(
            hook_id=existing.hook_id if existing else new_id(),
            party_id=str(cmd.party),
            action=cmd.action,
            topics=list(cmd.topics),
            created_at=existing.created_at if existing else now,
            changed_at=now,
            name=cmd.name,
            secret=cmd.secret,
            is_active=cmd.is_active,
        )
        if existing:
            uow.hooks.update(hook)
        else:
            uow.hooks.add(hook)
        uow.commit()
    return hook


def list_hooks(ctx: Context, account: Account, party: PartyId) -> list[Hook]:
    require_party(account, party)
    with ctx.read() as uow:
        return [hook for hook in uow.hooks.for_party(str(party)) if hook.is_psb]


def delete_hook(ctx: Context, account: Account, party: PartyId, hook_id: str) -> None:
    require_party(account, party)
    with ctx.uow() as uow:
        _own_hook(uow, party, hook_id)
        uow.hooks.delete(hook_id)
        uow.commit()


def ping_hooks(ctx: Context, account: Account, party: PartyId) -> int:
    """Queue a ``Ping`` to every active hook of the party; returns how many."""
    require_party(account, party)
    now = ctx.clock.now()
    with ctx.uow() as uow:
        hooks = [h for h in uow.hooks.for_party(str(party)) if h.is_active and h.is_psb]
        for hook in hooks:
            message_id = new_id()
            payload: dict[str, object] = {
                "topic": PING_TOPIC,
                "partyId": str(party),
                "hookId": hook.hook_id,
                "documentId": None,
                "senderPartyId": None,
                "message": "Ping from ordex",
                "details": {},
                "createdOn": now.isoformat(),
            }
            uow.deliveries.add(
                Delivery(
                    delivery_id=new_id(),
                    hook_id=hook.hook_id,
                    message_id=message_id,
                    topic=PING_TOPIC,
                    party_id=str(party),
                    document_id="",
                    payload=json.dumps(payload).encode(),
                    created_at=now,
                    next_attempt_at=now,
                )
            )
        uow.commit()
    return len(hooks)


def _own_hook(
    uow: UnitOfWork, party: PartyId, hook_id: str, dialect: HookDialect = HookDialect.PSB
) -> Hook:
    hook = uow.hooks.get(hook_id)
    if hook is None or hook.party_id != str(party) or hook.dialect is not dialect:
        raise HookNotFound(f"Hook {hook_id} was not found.")
    return hook


def list_deliveries(
    ctx: Context,
    account: Account,
    party: PartyId,
    hook_id: str,
    limit: int = 100,
    dialect: HookDialect = HookDialect.PSB,
) -> list[tuple[Delivery, list[Attempt]]]:
    """The hook's latest deliveries with every attempt (status, timing, response excerpt)."""
    require_party(account, party)
    with ctx.read() as uow:
        _own_hook(uow, party, hook_id, dialect)
        return [
            (d, uow.deliveries.attempts(d.delivery_id))
            for d in uow.deliveries.for_hook(hook_id, limit)
        ]


def resend_delivery(
    ctx: Context,
    account: Account,
    party: PartyId,
    hook_id: str,
    delivery_id: str,
    dialect: HookDialect = HookDialect.PSB,
) -> Delivery:
    """Send a past delivery again (same webhook-id, so receivers can tell)."""
    require_party(account, party)
    now = ctx.clock.now()
    with ctx.uow() as uow:
        _own_hook(uow, party, hook_id, dialect)
        delivery = uow.deliveries.get(delivery_id)
        if delivery is None or delivery.hook_id != hook_id:
            raise DeliveryNotFound(f"Delivery {delivery_id} was not found.")
        _requeue(delivery, now)
        uow.deliveries.update(delivery)
        uow.commit()
    return delivery


@dataclass(frozen=True)
class Recovered:
    queued: int  # failed deliveries queued again
    released: int  # deliveries that waited for a retry, due now


def recover_failed(
    ctx: Context,
    account: Account,
    party: PartyId,
    hook_id: str,
    since: datetime,
    dialect: HookDialect = HookDialect.PSB,
) -> Recovered:
    """Queue again every failed delivery of the hook created since ``since``, and make
    what waits for a retry due now (the receiver is back: no need to sit out the back-off).

    The hook's queue stays in order: the recovered deliveries take their old places in it,
    ahead of the hook's pending ones; those the hook already received are not sent again.
    """
    require_party(account, party)
    now = ctx.clock.now()
    with ctx.uow() as uow:
        _own_hook(uow, party, hook_id, dialect)
        failed = uow.deliveries.for_hook(hook_id, 10_000, DeliveryStatus.FAILED, since)
        for delivery in failed:
            _requeue(delivery, now)
            uow.deliveries.update(delivery)
        released = uow.deliveries.due_now(hook_id, now)
        uow.commit()
    return Recovered(queued=len(failed), released=released)


def retry_now(
    ctx: Context,
    account: Account,
    party: PartyId,
    hook_id: str,
    dialect: HookDialect = HookDialect.PSB,
) -> int:
    """Make the hook's deliveries that wait for a retry due now (an operator's "retry
    now"); a delivery a worker is sending meanwhile is left to it. Returns how many."""
    require_party(account, party)
    now = ctx.clock.now()
    with ctx.uow() as uow:
        _own_hook(uow, party, hook_id, dialect)
        released = uow.deliveries.due_now(hook_id, now)
        uow.commit()
    return released


def _requeue(delivery: Delivery, now: datetime) -> None:
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = now
