"""Delivery use cases: fan the outbox out to hooks, then send what is due.

``relay_outbox`` turns each committed outbox message into one delivery per matching hook
(and marks the message dispatched) in one transaction, so a crash never loses or doubles
one. ``deliver_due`` sends a batch of each hook's oldest due deliveries, in order, records
the attempts, and schedules the retry, disables the hook (410, or 5 days of failures) or
gives up (HookSentError) as the rules say. A 410 from a financing notification URL ends that
notification only (an application's URL takes every notification of it; Skip Pay's
retries stop, its later notifications still go).
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from ordex.domain.hooks import (
    DISABLE_AFTER,
    META_TOPICS,
    PING_TOPIC,
    Attempt,
    Delivery,
    DeliveryStatus,
    Hook,
    HookDialect,
    RetrySchedule,
    schedule_for,
)
from ordex.services.context import Context, new_id
from ordex.services.ports import (
    DueHead,
    HttpResult,
    OutboxMessage,
    UnitOfWork,
    WebhookTransport,
)
from ordex.webhooks import signed_headers

_compact = json.JSONEncoder(separators=(",", ":")).encode  # (json.dumps makes one a call)

# How long a claimed delivery stays with its worker: longer than any request may take.
LEASE = timedelta(minutes=2)

# Runs a function over items and yields the results in the items' order, like ``map``
# (or ``ThreadPoolExecutor.map``, which the worker passes to send hooks side by side).
Runner = Callable[[Callable[[Any], Any], list[Any]], Iterable[Any]]


def _in_turn(fn: Callable[[Any], Any], items: list[Any]) -> Iterable[Any]:
    return map(fn, items)


def relay_outbox(ctx: Context, batch: int = 500) -> int:
    """Turn pending outbox messages into deliveries; returns how many messages."""
    with ctx.uow() as uow:
        relayed, _ = _relay(uow, batch, ctx.clock.now())
        uow.commit()
    return relayed


def _relay(
    uow: UnitOfWork,
    batch: int,
    now: datetime,
    lease_until: datetime | None = None,
    per_hook: int = 0,
    room: Room | None = None,
) -> tuple[int, list[Delivery]]:
    """Fan up to ``batch`` outbox messages out to their hooks, in the caller's transaction.

    With ``lease_until``, the first ``per_hook`` new deliveries of each hook with nothing
    else pending are leased at once and returned: the caller sends them without claiming
    them from the queue (they are first in their hooks' queues; another worker sees them
    leased, and the rest of the hook's queue behind them). The others queue behind their
    hooks' earlier deliveries. A ``room`` decides which hooks may be sent to now (the
    others' new deliveries are queued, due now).
    """
    if not uow.deliveries.lock_relay():
        return 0, []  # another worker relays now
    messages = uow.outbox.pending(batch)
    if not messages:
        return 0, []
    hooks_of = uow.hooks.for_parties({message.party_id for message in messages})
    deliveries: list[Delivery] = []
    for message in messages:
        deliveries += [
            _delivery(message, hook)
            for hook in hooks_of[message.party_id]
            if _addressed(message, hook)
        ]
    fresh: list[Delivery] = []
    if lease_until is not None and deliveries:
        queued = uow.deliveries.queued({delivery.hook_id for delivery in deliveries})
        taken: dict[str, int] = {}
        for delivery in deliveries:
            if delivery.hook_id in queued or taken.get(delivery.hook_id, 0) >= per_hook:
                continue
            if (
                delivery.hook_id not in taken
                and room
                and not room.take(delivery.party_id, delivery.hook_id)
            ):
                queued.add(delivery.hook_id)  # no room now: the whole hook queues
                continue
            taken[delivery.hook_id] = taken.get(delivery.hook_id, 0) + 1
            delivery.next_attempt_at = lease_until
            fresh.append(delivery)
    uow.deliveries.add_many(deliveries)
    if fresh and lease_until is not None:
        uow.deliveries.lease([delivery.delivery_id for delivery in fresh], lease_until)
    uow.outbox.mark_dispatched([message.message_id for message in messages], now)
    return len(messages), fresh


def _addressed(message: OutboxMessage, hook: Hook) -> bool:
    """PSB hooks take PSB envelopes, the other dialects' hooks their own bodies."""
    if message.hook_id is not None and message.hook_id != hook.hook_id:
        return False
    return hook.wants(message.topic) and hook.is_psb == (message.body is None)


def _delivery(message: OutboxMessage, hook: Hook) -> Delivery:
    if message.body is not None:
        return _new_delivery(message, hook, message.body)
    payload = {
        "topic": message.topic,
        "partyId": message.party_id,
        "hookId": hook.hook_id,
        "documentId": message.document_id,
        "senderPartyId": message.sender_party_id,
        "message": message.message,
        "details": message.details,
        "createdOn": message.created_at.isoformat(),
    }
    return _new_delivery(message, hook, payload)


def _new_delivery(message: OutboxMessage, hook: Hook, payload: dict[str, Any]) -> Delivery:
    return Delivery(
        delivery_id=new_id(),
        hook_id=hook.hook_id,
        message_id=message.message_id,
        topic=message.topic,
        party_id=message.party_id,
        document_id=message.document_id,
        payload=_compact(payload).encode(),
        created_at=message.created_at,
        next_attempt_at=message.created_at,
    )


def deliver_due(
    ctx: Context,
    transport: WebhookTransport,
    schedule: RetrySchedule | None = None,
    limit: int = 100,
    rng: random.Random | None = None,
    lease: timedelta = LEASE,
    per_hook: int = 1,
    run: Runner = _in_turn,
) -> int:
    """Send what is due, at most ``per_hook`` deliveries of at most ``limit`` hooks.

    Each hook's deliveries go out in order, one after the other, and its batch stops at
    the first failure (the rest wait behind the retry). ``run`` decides how the hooks'
    batches run side by side (the worker passes a thread pool's ``map``). All outcomes
    are recorded in one transaction at the end; a crash before it re-sends the batch
    once the lease runs out (at least once, never lost). Returns the attempts made.
    """
    _, sent = relay_and_deliver(
        ctx, transport, schedule, limit, rng, lease, per_hook, run, relay_batch=0
    )
    return sent


def relay_and_deliver(
    ctx: Context,
    transport: WebhookTransport,
    schedule: RetrySchedule | None = None,
    limit: int = 100,
    rng: random.Random | None = None,
    lease: timedelta = LEASE,
    per_hook: int = 1,
    run: Runner = _in_turn,
    relay_batch: int = 500,
) -> tuple[int, int]:
    """One round: relay up to ``relay_batch`` outbox messages and claim what is due in one
    transaction (:func:`claim`), send, and record the outcomes in a second one.

    A hook with nothing pending gets (up to ``per_hook`` of) its new deliveries leased as
    they are relayed, and sent in this round without a trip through the queue; what else
    is due is claimed as in :func:`deliver_due`. A hook's batch also stops once half the
    lease has passed since the claim (slow receivers): what is left goes back to the
    queue, in its place, before another worker could take it. Returns (messages relayed,
    attempts made). (The worker's :meth:`~ordex.delivery.worker.Worker.run` uses the
    same pieces, but records each attempt as it ends and renews its leases.)
    """
    schedule = schedule or RetrySchedule()
    relayed, batches = claim(ctx, limit, lease, per_hook, relay_batch)
    if not batches:
        return relayed, 0
    list(run(lambda batch: send_batch(ctx, transport, batch, lease), batches))
    return relayed, record(ctx, batches, schedule, rng, done=batches)


@dataclass(eq=False)
class Batch:
    """A hook's claimed deliveries, sent in order by one thread.

    ``lease_until`` is the lease taken (or last renewed) at ``renewed_at``; the sender
    starts no send once half the lease has passed since then (so that a send ends before
    the lease can run out: a lease is at least twice the webhook timeout), nor once
    ``lost`` (a renewal found the lease taken over) or the worker stops.
    """

    hook_id: str
    party_id: str
    hook: Hook | None
    deliveries: list[Delivery]
    renewed_at: datetime
    lease_until: datetime
    sent: list[tuple[Delivery, HttpResult]] = field(default_factory=list)
    recorded: int = 0  # of ``sent``
    sending: bool = False
    lost: bool = False

    def unsent(self) -> list[Delivery]:
        """Deliveries not sent and not being sent: given back when the batch ends."""
        return self.deliveries[len(self.sent) + self.sending :]


class Room:
    """How many more batches a worker takes now, and whose: at most ``free`` in all, at
    most ``per_party`` in flight of one party (its tenant), none of a hook it sends to
    already (``sending``), parties with fewer in flight first and their oldest due hooks
    first, in turns, so that one party's many hooks (slow or failing) hold a bounded share
    of the senders and never all of them."""

    def __init__(
        self,
        free: int,
        per_party: int,
        busy: dict[str, int] | None = None,
        sending: Collection[str] = (),
    ) -> None:
        self.free = free
        self.per_party = per_party
        self.busy = dict(busy or {})
        self.sending = sending

    def take(self, party_id: str, hook_id: str) -> bool:
        if self.free <= 0 or self.busy.get(party_id, 0) >= self.per_party:
            return False
        if hook_id in self.sending:
            return False
        self.free -= 1
        self.busy[party_id] = self.busy.get(party_id, 0) + 1
        return True

    def choose(self, heads: list[DueHead]) -> list[DueHead]:
        """Of due queue heads (oldest first), those to take, in turns over their parties."""
        of_party: dict[str, list[DueHead]] = {}
        for head in heads:
            if head.hook_id not in self.sending:
                of_party.setdefault(head.party_id, []).append(head)
        parties = sorted(of_party, key=lambda party: self.busy.get(party, 0))  # (stable)
        chosen: list[DueHead] = []
        turn = 0
        while self.free > 0 and parties:
            waiting = []
            for party in parties:
                if turn < len(of_party[party]) and self.take(party, of_party[party][turn].hook_id):
                    chosen.append(of_party[party][turn])
                    waiting.append(party)
            parties = waiting
            turn += 1
        return chosen


def claim(
    ctx: Context,
    limit: int,
    lease: timedelta,
    per_hook: int,
    relay_batch: int = 500,
    room: Room | None = None,
) -> tuple[int, list[Batch]]:
    """Relay up to ``relay_batch`` outbox messages and lease what is due, in one
    transaction: batches of at most ``per_hook`` deliveries of at most ``limit`` hooks
    (and, given a ``room``, only as many and of the parties it lets in). Returns
    (messages relayed, batches)."""
    now = ctx.clock.now()
    lease_until = now + lease
    room = room or Room(limit, limit)
    with ctx.uow() as uow:
        relayed, fresh = (
            _relay(uow, relay_batch, now, lease_until, per_hook, room) if relay_batch else (0, [])
        )
        looked = limit + room.per_party * len(room.busy)  # (parties with no room left too)
        heads = room.choose(uow.deliveries.due_heads(now, looked, room.per_party))
        due = fresh + uow.deliveries.claim_heads(heads, now, lease_until, per_hook)
        hooks = uow.hooks.get_many({d.hook_id for d in due}) if due else {}
        uow.commit()
    batches: dict[str, Batch] = {}
    for delivery in due:
        batch = batches.get(delivery.hook_id)
        if batch is None:
            hook = hooks.get(delivery.hook_id)
            party = hook.party_id if hook else delivery.party_id
            batch = Batch(delivery.hook_id, party, hook, [], now, lease_until)
            batches[delivery.hook_id] = batch
        batch.deliveries.append(delivery)
    return relayed, list(batches.values())


def send_batch(
    ctx: Context,
    transport: WebhookTransport,
    batch: Batch,
    lease: timedelta,
    stopping: Callable[[], bool] = lambda: False,
    sent_one: Callable[[Batch], None] = lambda batch: None,
) -> None:
    """Send the batch's deliveries in order, noting each outcome in ``batch.sent`` (and
    telling ``sent_one``) as it comes; stop after a failure, or before a send when the
    lease is no longer safe (see :class:`Batch`) or ``stopping()`` says so."""
    hook = batch.hook
    if hook is None or not hook.is_active:  # (its queue waits: see claim_due)
        return
    for delivery in batch.deliveries:
        sent_at = ctx.clock.now()
        if stopping() or batch.lost or sent_at - batch.renewed_at > lease / 2:
            break  # the rest goes back to the queue before the lease can run out
        body = _body(delivery, sent_at.isoformat()) if hook.is_psb else delivery.payload
        stamp = int(sent_at.timestamp())
        headers = signed_headers(hook.secret, delivery.delivery_id, stamp, body, psb=hook.is_psb)
        batch.sending = True
        result = transport.post(hook.action, body, headers)
        batch.sent.append((delivery, result))
        batch.sending = False
        sent_one(batch)
        if not result.succeeded:
            break


def record(
    ctx: Context,
    batches: Iterable[Batch],
    schedule: RetrySchedule,
    rng: random.Random | None = None,
    done: Iterable[Batch] = (),
    renew: Iterable[Batch] = (),
    lease: timedelta = LEASE,
) -> int:
    """In one transaction: the attempts of ``batches`` not recorded yet (and what follows
    from them for deliveries, hooks and parties); the unsent deliveries of the ``done``
    batches back in the queue, due now (unless ``lost``: another worker holds them); and
    the leases of the ``renew`` batches' unrecorded deliveries renewed if they are still
    theirs (else the batch is ``lost``).
    Senders may append to a batch meanwhile: what they add waits for the next call.
    Returns the attempts recorded."""
    attempts: list[Attempt] = []
    tried: list[Delivery] = []
    upto = {batch: len(batch.sent) for batch in batches}
    renewed: list[Batch] = []
    done, renew = list(done), list(renew)
    if (
        not renew
        and all(n == b.recorded for b, n in upto.items())
        and not any(batch.unsent() for batch in done if not batch.lost)
    ):
        return 0  # (a batch that ended with its last attempt recorded: nothing to write)
    with ctx.uow() as uow:
        news = {b: b.sent[b.recorded : n] for b, n in upto.items() if n > b.recorded}
        current = uow.hooks.get_many({b.hook_id for b in news}) if news else {}
        for batch, sent in news.items():
            hook = current.get(batch.hook_id)
            if hook is None:
                continue  # deleted meanwhile; its deliveries went with it
            before = copy.copy(hook)
            retries = schedule_for(hook.dialect, schedule)
            for delivery, result in sent:
                attempts.append(_record(uow, ctx, delivery, hook, result, retries, rng))
                tried.append(delivery)
            if hook != before:
                uow.hooks.update(hook)
        uow.deliveries.add_attempts(attempts)
        uow.deliveries.update_many(tried)
        now = ctx.clock.now()
        waiting = [d.delivery_id for batch in done if not batch.lost for d in batch.unsent()]
        if waiting:  # behind a failure, past half the lease, or stopped: back in the queue
            uow.deliveries.release(waiting, now)
        for batch in renew:
            held = [d.delivery_id for d in batch.deliveries[upto.get(batch, batch.recorded) :]]
            if held and uow.deliveries.renew(held, batch.lease_until, now + lease):
                renewed.append(batch)
            elif held:
                batch.lost = True  # the lease ran out and another worker took it
        uow.commit()
    for batch, n in upto.items():
        batch.recorded = max(batch.recorded, n)
    for batch in renewed:
        batch.renewed_at, batch.lease_until = now, now + lease
    return len(attempts)


def _body(delivery: Delivery, sent_on: str) -> bytes:
    """The stored payload (a JSON object) with ``sentOn`` added as its last member."""
    return delivery.payload[:-1] + b',"sentOn":' + json.dumps(sent_on).encode() + b"}"


def _record(
    uow: UnitOfWork,
    ctx: Context,
    delivery: Delivery,
    hook: Hook,
    result: HttpResult,
    schedule: RetrySchedule,
    rng: random.Random | None,
) -> Attempt:
    """One attempt, and what follows from it for the delivery and its hook (changed in
    place; the caller saves them), and for the party (HookSentRetry/HookSentError)."""
    now = ctx.clock.now()
    attempt = Attempt(
        delivery_id=delivery.delivery_id,
        attempted_at=now,
        duration_ms=result.duration_ms,
        status_code=result.status_code,
        response_excerpt=result.excerpt,
        error=result.error,
    )
    delivery.attempts += 1
    delivery.last_status_code = result.status_code
    delivery.last_error = result.error
    if attempt.succeeded:
        delivery.status = DeliveryStatus.SUCCEEDED
        delivery.next_attempt_at = None
        hook.failing_since = None
        return attempt
    reason = f"HTTP {result.status_code}" if result.status_code is not None else result.error or "?"
    gone = result.status_code == 410
    if hook.failing_since is None and not (gone and hook.dialect is HookDialect.FINANCING):
        hook.failing_since = now
    if gone and hook.dialect is HookDialect.FINANCING:
        pass  # ends this notification only: the application's later ones are still sent
    elif gone:
        hook.disable(f"The receiver answered 410 Gone on {now.isoformat()}.", now)
    elif hook.failing_since is not None and now - hook.failing_since >= DISABLE_AFTER:
        hook.disable(
            f"Every delivery failed since {hook.failing_since.isoformat()} (5 days); "
            f"last: {reason}.",
            now,
        )
    delay = None if gone or not hook.is_active else schedule.next_delay(delivery.attempts, rng)
    if delay is not None and result.retry_after_seconds is not None:
        delay = max(delay, timedelta(seconds=result.retry_after_seconds))
    if delay is None:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
        _meta(
            uow,
            delivery,
            "HookSentError",
            f"Delivery failed for good after {delivery.attempts} attempt(s): {reason}.",
            now,
        )
    else:
        delivery.next_attempt_at = now + delay
        _meta(
            uow,
            delivery,
            "HookSentRetry",
            f"Delivery failed ({reason}); retry at {delivery.next_attempt_at.isoformat()}.",
            now,
        )
    return attempt


def _meta(uow: UnitOfWork, delivery: Delivery, topic: str, text: str, now: datetime) -> None:
    """Tell the party about its hook's trouble (never about trouble with meta events)."""
    if delivery.topic in META_TOPICS or delivery.topic == PING_TOPIC:
        return
    uow.outbox.add(
        OutboxMessage(
            message_id=new_id(),
            topic=topic,
            party_id=delivery.party_id,
            document_id=delivery.document_id,
            sender_party_id="",
            message=text,
            created_at=now,
            details={
                "hookId": delivery.hook_id,
                "deliveryId": delivery.delivery_id,
                "failedTopic": delivery.topic,
                "attempt": str(delivery.attempts),
            },
        )
    )
