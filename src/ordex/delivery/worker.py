"""The delivery worker: relay the outbox, send what is due, wait a little, again.

One worker sends the batches of several hooks side by side on a small thread pool (the
waiting is on the network, not in Python); each hook's batch goes out in order on one
thread. ``ordex worker`` runs one as a process; ``ordex serve`` runs one in a thread.
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
from ordex.services.delivery import LEASE, relay_and_deliver
from ordex.services.ports import WebhookTransport

log = logging.getLogger("ordex.delivery")

SENDERS = 8  # hooks sent to at once
PER_HOOK = 50  # deliveries of one hook per round, sent one after the other
HOOKS_PER_ROUND = 100
BUSY_PAUSE = 0.02  # seconds after a round that found work: events gather into batches
REFUNDS_EVERY = 1.0  # seconds between looks for refunds due (they wait 2 s anyway)


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
    ) -> None:
        self.ctx = ctx
        self.transport = transport
        self.schedule = schedule
        self.lease = lease
        self.interval = interval
        self.per_hook = per_hook
        self.pool = ThreadPoolExecutor(senders, thread_name_prefix="ordex-send")

    def round(self, refunds: bool = True) -> tuple[int, int]:
        """One relay and one send; returns (messages relayed, attempts made)."""
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
        """Rounds until ``stop`` is set; waits ``interval`` when a round found nothing.

        A round that found work is followed by a short pause, not at once by the next:
        while the hub takes orders one by one, back-to-back rounds would relay one event
        each and take the database and the interpreter from the requests (the embedded
        worker shares both with them); after the pause a round takes what came meanwhile.
        While rounds keep finding a little work (a steady stream of orders) the pause
        doubles, up to ``interval``, so that the batches grow; a round that made a full
        hook's batch of attempts or more (a backlog) is followed by the short pause again.
        """
        next_refunds = 0.0
        pause = 0.0  # the last pause after a round that found work; 0 after an idle round
        while not stop.is_set():
            refunds = time.monotonic() >= next_refunds
            if refunds:
                next_refunds = time.monotonic() + REFUNDS_EVERY
            try:
                relayed, sent = self.round(refunds)
            except Exception:  # the next round retries; nothing is lost (outbox)
                log.exception("delivery round failed")
                relayed = sent = 0
            if relayed or sent:
                pause = self.busy_pause(pause, sent)
                stop.wait(pause)
            else:
                pause = 0.0
                stop.wait(self.interval)

    def busy_pause(self, previous: float, sent: int) -> float:
        """The pause after a round that found work and made ``sent`` attempts, given the
        pause before it: ``BUSY_PAUSE`` after an idle round or a full hook's batch of
        attempts, else twice the previous one, up to ``interval``."""
        if not previous or sent >= self.per_hook:
            return BUSY_PAUSE
        return min(2 * previous, max(self.interval, BUSY_PAUSE))

    def close(self) -> None:
        self.pool.shutdown(wait=True)


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
) -> None:
    worker = Worker(ctx, transport, schedule, lease, interval)
    try:
        worker.run(stop)
    finally:
        worker.close()
