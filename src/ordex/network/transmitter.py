"""Sending a stored document to another access point: lookup, AS4, POST, receipt.

:class:`As4Sender` is the ``NetworkSender`` the delivery worker hands due transmissions to
(``services.network.transmit_due``). For each one it looks the receiver up in the
``Directory`` (unless the AS4 message was built on an earlier try: a retry sends the
same bytes, so the receiving AP recognises the MessageId and answers the same receipt),
checks the endpoint against the webhook SSRF rules (private and loopback addresses only
with ``ORDEX_ALLOW_PRIVATE_WEBHOOKS``, plain http only with it or
``ORDEX_ALLOW_HTTP_WEBHOOKS``), POSTs the message with httpx and verifies the receipt.

What is final and what is retried:
- lookup: not registered, not serviced, invalid SMP answer: final; an SMP that does not
  answer or whose answer is not trusted: retried (the sender hears why each time);
- transport: no answer, a timeout, 5xx, 429: retried; another 4xx: final;
- the answer: an ebMS error: final (the receiving AP refused the message); a receipt that
  does not verify: retried.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import httpx

from ordex.delivery.http import HttpTransport
from ordex.domain.content import PartyId
from ordex.domain.errors import InvalidRequest, OrdexError
from ordex.network.as4_port import AccessPoint, ReceiptRefused, build_message
from ordex.network.ports import Directory, Endpoint, LookupFailed, LookupProblem
from ordex.peppol.identifiers import parse_party_id
from ordex.services.network import Outcome, TransmitResult, transmit_due
from ordex.services.ports import Transmission

if TYPE_CHECKING:
    from ordex.bootstrap import Runtime

log = logging.getLogger("ordex.network")

RETRIED_LOOKUPS = frozenset({LookupProblem.UNREACHABLE, LookupProblem.UNTRUSTED})
CACHE_SECONDS = 300.0
CACHE_ENTRIES = 10_000


class LookupCache:
    """Successful lookups, kept ``ttl`` seconds (an SMP answer is signed and stable; a
    receiver that moves is found again within the TTL). Failures are never kept."""

    def __init__(self, directory: Directory, ttl: float = CACHE_SECONDS) -> None:
        self.directory = directory
        self.ttl = ttl
        self.kept: dict[tuple[str, str, str], tuple[float, Endpoint]] = {}
        self.lock = threading.Lock()

    def lookup(self, participant: PartyId, document_type: str, process: str) -> Endpoint:
        key = (str(participant), document_type, process)
        now = time.monotonic()
        with self.lock:
            kept = self.kept.get(key)
        if kept is not None and kept[0] > now:
            return kept[1]
        endpoint = self.directory.lookup(participant, document_type, process)
        with self.lock:
            if len(self.kept) >= CACHE_ENTRIES:
                self.kept.clear()
            self.kept[key] = (now + self.ttl, endpoint)
        return endpoint


class As4Sender:
    def __init__(
        self,
        access_point: AccessPoint,
        directory: Directory,
        allow_private: bool = False,
        allow_http: bool = False,
        timeout: float = 30.0,
    ) -> None:
        self.ap = access_point
        self.directory = directory
        self.cache = LookupCache(directory)
        self.targets = HttpTransport(allow_private=allow_private, allow_http=allow_http)
        self.client = httpx.Client(timeout=timeout, follow_redirects=False)

    def close(self) -> None:
        self.client.close()
        self.targets.close()

    def transmit(
        self,
        transmission: Transmission,
        document: bytes,
        save: Callable[[Transmission], None],
    ) -> TransmitResult:
        if transmission.message_body is None:
            failure = self._build(transmission, document)
            if failure is not None:
                return failure
            save(transmission)
        assert transmission.endpoint_url and transmission.message_body is not None
        try:
            self.targets.check_target(transmission.endpoint_url)
        except InvalidRequest as exc:
            return TransmitResult(Outcome.FAILED, f"endpoint refused: {exc.message}")
        try:
            answer = self.client.post(
                transmission.endpoint_url,
                content=transmission.message_body,
                headers=transmission.message_headers or {},
            )
        except httpx.HTTPError as exc:
            return TransmitResult(Outcome.RETRY, f"{type(exc).__name__}: {exc}")
        if answer.status_code >= 500 or answer.status_code == 429:
            return TransmitResult(Outcome.RETRY, f"HTTP {answer.status_code}")
        if answer.status_code >= 300:
            return TransmitResult(Outcome.FAILED, f"HTTP {answer.status_code}: {answer.text[:300]}")
        assert transmission.exchange is not None
        try:
            verify_receipt = self._verify(transmission.exchange, answer.content)
        except ReceiptRefused as exc:
            outcome = Outcome.FAILED if exc.rejected else Outcome.RETRY
            return TransmitResult(outcome, str(exc))
        log.info(
            "AS4 message %s to %s delivered (receipt %s)",
            transmission.message_id,
            transmission.receiver,
            verify_receipt,
        )
        return TransmitResult(Outcome.DELIVERED, receipt=answer.content)

    def _verify(self, exchange: str, signal: bytes) -> str:
        from ordex.network.as4_port import verify_receipt

        return verify_receipt(self.ap, exchange, signal)

    def _build(self, transmission: Transmission, document: bytes) -> TransmitResult | None:
        try:
            receiver = parse_party_id(transmission.receiver)
            endpoint = self.cache.lookup(
                receiver, transmission.document_type_id, transmission.process_id
            )
        except LookupFailed as exc:
            outcome = Outcome.RETRY if exc.problem in RETRIED_LOOKUPS else Outcome.FAILED
            return TransmitResult(outcome, f"lookup: {exc.problem.value}: {exc}")
        except OrdexError as exc:
            return TransmitResult(Outcome.FAILED, f"lookup: {exc}")
        try:
            message = build_message(
                self.ap,
                receiver_certificate=endpoint.certificate_pem,
                payload=document,
                sender=transmission.sender,
                receiver=transmission.receiver,
                document_type=transmission.document_type_id,
                process=transmission.process_id,
                country=transmission.country,
            )
        except (ValueError, TypeError) as exc:
            return TransmitResult(Outcome.FAILED, f"the AS4 message could not be built: {exc}")
        transmission.endpoint_url = endpoint.url
        transmission.receiver_ap = message.receiver_seat_id  # for the TSR (Peppol Reporting)
        transmission.message_id = message.message_id
        transmission.message_headers = message.headers
        transmission.message_body = message.body
        transmission.exchange = message.exchange
        return None


def network_sender(rt: Runtime) -> As4Sender | None:
    """The sender of ``rt`` when it is an access point (else ``None``)."""
    if rt.access_point is None or rt.ctx.directory is None:
        return None
    settings = rt.settings
    return As4Sender(
        rt.access_point,
        rt.ctx.directory,
        allow_private=settings.allow_private_webhooks,
        allow_http=settings.allow_http_webhooks,
        timeout=max(30.0, settings.webhook_timeout_seconds),
    )


SENDERS = 8  # transmissions in flight at once
IDLE = 0.1  # seconds between looks while nothing is due


def run_network(rt: Runtime, stop: threading.Event, interval: float = IDLE) -> None:
    """Send due transmissions until ``stop`` is set (``ordex serve``'s embedded worker and
    ``ordex worker`` run it in a thread of its own)."""
    sender = network_sender(rt)
    if sender is None:
        return
    pool = ThreadPoolExecutor(SENDERS, thread_name_prefix="ordex-as4")
    try:
        while not stop.is_set():
            try:
                sent = transmit_due(rt.ctx, sender, limit=SENDERS, run=pool.map)
            except Exception:  # the next round retries; nothing is lost (the rows stay)
                log.exception("network transmission round failed")
                sent = 0
            if not sent:
                stop.wait(interval)
    finally:
        pool.shutdown(wait=True)
        sender.close()
