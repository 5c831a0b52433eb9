"""The delivery worker loop: relay the outbox, send what is due, sleep a little."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

from ordex.domain.hooks import RetrySchedule
from ordex.services.context import Context
from ordex.services.delivery import LEASE, deliver_due, relay_outbox
from ordex.services.ports import WebhookTransport

log = logging.getLogger("ordex.delivery")


def drain(
    ctx: Context,
    transport: WebhookTransport,
    schedule: RetrySchedule | None = None,
    lease: timedelta = LEASE,
) -> int:
    """Relay and send until nothing is due now; returns the attempts made."""
    attempts = 0
    while True:
        relayed = relay_outbox(ctx)
        sent = deliver_due(ctx, transport, schedule, lease=lease)
        attempts += sent
        if not relayed and not sent:
            return attempts


def run_worker(
    ctx: Context,
    transport: WebhookTransport,
    stop: threading.Event,
    interval: float = 0.5,
    schedule: RetrySchedule | None = None,
    lease: timedelta = LEASE,
) -> None:
    while not stop.is_set():
        try:
            drain(ctx, transport, schedule, lease)
        except Exception:  # the next round retries; nothing is lost (outbox)
            log.exception("delivery round failed")
        stop.wait(interval)
