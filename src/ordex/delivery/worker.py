"""The delivery worker: relay the outbox, send what is due, wait a little, again.

One worker sends the batches of several hooks side by side on a small thread pool (the
waiting is on the network, not in Python); each hook's batch goes out in order on one
thread. ``ordex worker`` runs one as a process; ``ordex serve`` runs one in a thread.
"""

from __future__ import annotations

import logging
import threading
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

    def round(self) -> tuple[int, int]:
        """One relay and one send; returns (messages relayed, attempts made)."""
        complete_refunds(self.ctx)  # commerce refunds pay out here (their notices: outbox)
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
        """Rounds until ``stop`` is set; waits ``interval`` only when a round found nothing."""
        while not stop.is_set():
            try:
                relayed, sent = self.round()
            except Exception:  # the next round retries; nothing is lost (outbox)
                log.exception("delivery round failed")
                relayed = sent = 0
            if not relayed and not sent:
                stop.wait(self.interval)

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
