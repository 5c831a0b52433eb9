"""The delivery worker: relay the outbox, send what is due, record each attempt, again.

``ordex worker`` runs one as a process; ``ordex serve`` runs one in a thread. A running
worker (:meth:`Worker.run`) keeps up to ``senders`` hooks' batches in flight, each sent in
order by a thread of its own (the waiting is on the network, not in Python): one batch per
hook at a time (a hook's events go out in order), at most ``per_party`` batches of one
party (its tenant) at a time, and a free sender goes to the party with the fewest in
flight (:class:`~ordex.services.delivery.Room`): one tenant's slow or failing hooks hold
a bounded share of the senders, never all of them.

A bookkeeper thread records each attempt as it ends (those that end together in one
transaction), gives back what a batch did not send, and renews the leases of the batches
in flight (heartbeat) every third of the lease: a live worker keeps its claims however
slow its receivers, a dead one's claims are taken over once its short lease runs out.

When ``stop`` is set the worker claims nothing more and starts no send; the sends in
flight end (within ``grace`` seconds: the webhook timeout), their outcomes are recorded,
what was not sent is given back, due at once for the next worker, and ``run`` returns.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from ordex.domain.hooks import RetrySchedule
from ordex.services.commerce import complete_refunds
from ordex.services.context import Context
from ordex.services.delivery import LEASE, Batch, Room, claim, record, relay_and_deliver, send_batch
from ordex.services.ports import WebhookTransport

log = logging.getLogger("ordex.delivery")

SENDERS = 16  # hooks sent to at once
PER_PARTY = 4  # of them, hooks of one party (tenant) at most
PER_HOOK = 50  # deliveries of one hook per batch, sent one after the other
HOOKS_PER_ROUND = 100
BUSY_PAUSE = 0.02  # seconds after a round that found work: events gather into batches
REFUNDS_EVERY = 1.0  # seconds between looks for refunds due (they wait 2 s anyway)
BOOKKEEPING = 0.5  # seconds the bookkeeper waits for outcomes before it looks at leases
GRACE = 15.0  # seconds the sends in flight may take to end once stopped


class Worker:
    def __init__(
        self,
        ctx: Context,
        transport: WebhookTransport,
        schedule: RetrySchedule | None = None,
        lease: timedelta = LEASE,
        interval: float = 0.1,
        senders: int = SENDERS,
        per_hook: int = PER_HOOK,
        per_party: int = PER_PARTY,
        grace: float = GRACE,
    ) -> None:
        self.ctx = ctx
        self.transport = transport
        self.schedule = schedule or RetrySchedule()
        self.lease = lease
        self.interval = interval
        self.senders = senders
        self.per_hook = per_hook
        self.per_party = min(per_party, senders)
        self.grace = grace
        self.pool = ThreadPoolExecutor(senders, thread_name_prefix="ordex-send")
        # the batches in flight by hook, and what the bookkeeper is to do, under ``lock``
        self.lock = threading.Lock()
        self.in_flight: dict[str, Batch] = {}
        self.outcomes: set[Batch] = set()
        self.ended: list[Batch] = []
        self.noted = threading.Event()  # an outcome or a batch's end to record
        self.freed = threading.Event()  # a sender is free again
        self.stopping = threading.Event()
        self.grace_over = False

    def round(self, refunds: bool = True) -> tuple[int, int]:
        """One relay and one send, recorded at the end (``drain``, tests); returns
        (messages relayed, attempts made)."""
        if refunds:
            complete_refunds(self.ctx)  # commerce refunds pay out here (notices: outbox)
        return relay_and_deliver(
            self.ctx,
            self.transport,
            self.schedule,
            limit=HOOKS_PER_ROUND,
            lease=self.lease,
            per_hook=self.per_hook,
            run=self.pool.map,
        )

    def drain(self) -> int:
        """Relay and send until nothing is due now; returns the attempts made."""
        attempts = 0
        while True:
            relayed, sent = self.round()
            attempts += sent
            if not relayed and not sent:
                return attempts

    def run(self, stop: threading.Event) -> None:
        """Claim and send until ``stop`` is set, then end as the module says.

        A claim that found work is followed by a short pause, not at once by the next:
        while the hub takes orders one by one, back-to-back claims would relay one event
        each and take the database and the interpreter from the requests (the embedded
        worker shares both with them); after the pause a claim takes what came meanwhile.
        While claims keep finding a little work (a steady stream of orders) the pause
        doubles, up to ``interval``; a claim that took a full batch of a hook or more (a
        backlog) is followed by the short pause again. With every sender busy the worker
        waits for one to be free.
        """
        bookkeeper = threading.Thread(target=self._bookkeeping, name="ordex-books", daemon=True)
        bookkeeper.start()
        next_refunds = 0.0
        pause = 0.0  # the last pause after a claim that found work; 0 after an idle one
        try:
            while not stop.is_set():
                refunds = time.monotonic() >= next_refunds
                if refunds:
                    next_refunds = time.monotonic() + REFUNDS_EVERY
                self.freed.clear()
                try:
                    relayed, claimed = self.step(refunds)
                except Exception:  # the next claim retries; nothing is lost (outbox)
                    log.exception("delivery round failed")
                    relayed = claimed = 0
                if self.full():
                    self.freed.wait(self.interval)
                elif relayed or claimed:
                    pause = self.busy_pause(pause, claimed)
                    stop.wait(pause)
                else:
                    pause = 0.0
                    stop.wait(self.interval)
        finally:
            self._wind_down()
            bookkeeper.join(self.grace + 10)  # (a database that does not answer: go anyway)

    def full(self) -> bool:
        with self.lock:
            return len(self.in_flight) >= self.senders

    def step(self, refunds: bool = True) -> tuple[int, int]:
        """Claim what the free senders may take, fairly, and start sending it; returns
        (messages relayed, deliveries claimed)."""
        if refunds:
            complete_refunds(self.ctx)
        with self.lock:
            busy: dict[str, int] = {}
            for batch in self.in_flight.values():
                busy[batch.party_id] = busy.get(batch.party_id, 0) + 1
            free = self.senders - len(self.in_flight)
            sending = set(self.in_flight)
        if free <= 0:
            return 0, 0
        room = Room(free, self.per_party, busy, sending)
        relayed, batches = claim(self.ctx, HOOKS_PER_ROUND, self.lease, self.per_hook, room=room)
        with self.lock:
            for batch in batches:
                self.in_flight[batch.hook_id] = batch
        for batch in batches:
            self.pool.submit(self._send, batch)
        return relayed, sum(len(batch.deliveries) for batch in batches)

    def busy_pause(self, previous: float, claimed: int) -> float:
        """The pause after a claim that found work and took ``claimed`` deliveries, given
        the pause before it: ``BUSY_PAUSE`` after an idle claim or a full hook's batch,
        else twice the previous one, up to ``interval``."""
        if not previous or claimed >= self.per_hook:
            return BUSY_PAUSE
        return min(2 * previous, max(self.interval, BUSY_PAUSE))

    def _send(self, batch: Batch) -> None:
        try:
            send_batch(
                self.ctx,
                self.transport,
                batch,
                self.lease,
                stopping=self.stopping.is_set,
                sent_one=self._note_outcome,
            )
        except Exception:  # (the transport answers failures; this is a bug: log it)
            log.exception("sending to hook %s failed", batch.hook_id)
        finally:
            with self.lock:
                self.ended.append(batch)
            self.noted.set()

    def _note_outcome(self, batch: Batch) -> None:
        with self.lock:
            self.outcomes.add(batch)
        self.noted.set()

    def _bookkeeping(self) -> None:
        """Record outcomes as they come, end batches, renew leases; after the wind-down,
        once more and return."""
        while True:
            self.noted.wait(BOOKKEEPING)
            last = self.stopping.is_set() and self._settled()
            self.noted.clear()
            try:
                self._keep_books()
            except Exception:  # outcomes stay noted: the next pass records them
                log.exception("recording deliveries failed")
                if last:
                    return
                time.sleep(BOOKKEEPING)
                continue
            if last:
                return

    def _settled(self) -> bool:
        """Whether nothing more will come: every batch ended, or the grace is over."""
        with self.lock:
            return not self.in_flight or self.grace_over

    def _keep_books(self) -> None:
        with self.lock:
            if not (self.in_flight or self.outcomes or self.ended):
                return
            now = self.ctx.clock.now()
            outcomes, self.outcomes = self.outcomes, set()
            ended, self.ended = self.ended, []
            renew = [
                batch
                for batch in self.in_flight.values()
                if batch not in ended and now - batch.renewed_at >= self.lease / 3
            ]
            if self.grace_over:  # sends still hanging: give back what they will not send
                ended += [b for b in self.in_flight.values() if b not in ended]
        if not (outcomes or ended or renew):
            return
        try:
            record(
                self.ctx,
                outcomes | set(ended),
                self.schedule,
                done=ended,
                renew=renew,
                lease=self.lease,
            )
        except Exception:
            with self.lock:  # noted again for the next pass
                self.outcomes |= outcomes
                self.ended = ended + self.ended
            raise
        with self.lock:
            for batch in ended:
                if self.in_flight.get(batch.hook_id) is batch:
                    del self.in_flight[batch.hook_id]
        if ended:
            self.freed.set()

    def _wind_down(self) -> None:
        """Stop sending, let the sends in flight end for up to ``grace`` seconds."""
        self.stopping.set()
        self.noted.set()
        deadline = time.monotonic() + self.grace
        while time.monotonic() < deadline:
            with self.lock:
                if not self.in_flight:
                    return
            self.freed.wait(0.05)
            self.freed.clear()
        with self.lock:
            self.grace_over = True
            hanging = len(self.in_flight)
        log.warning("stopping with %d send(s) unanswered after %g s", hanging, self.grace)
        self.noted.set()

    def close(self) -> None:
        self.pool.shutdown(wait=not self.grace_over, cancel_futures=True)


def drain(
    ctx: Context,
    transport: WebhookTransport,
    schedule: RetrySchedule | None = None,
    lease: timedelta = LEASE,
) -> int:
    """Relay and send until nothing is due now; returns the attempts made."""
    worker = Worker(ctx, transport, schedule, lease)
    try:
        return worker.drain()
    finally:
        worker.close()


def run_worker(
    ctx: Context,
    transport: WebhookTransport,
    stop: threading.Event,
    interval: float = 0.1,
    schedule: RetrySchedule | None = None,
    lease: timedelta = LEASE,
    grace: float = GRACE,
) -> None:
    worker = Worker(ctx, transport, schedule, lease, interval, grace=grace)
    try:
        worker.run(stop)
    finally:
        worker.close()
