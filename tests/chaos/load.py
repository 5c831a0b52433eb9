"""The load generator: buyers sending orders with an Idempotency-Key, retrying the same
request on connection errors, 5xx and "key in use" until it gets a final answer."""

from __future__ import annotations

import itertools
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

from tests.integration.racers import BUYER, order_xml

RETRYABLE = {"IDEMPOTENCY_KEY_IN_USE", "CONCURRENT_UPDATE"}


@dataclass
class Sent:
    """One order: every attempt until its final answer."""

    number: str
    key: str
    first_sent: float
    attempts: int = 0
    status: int | None = None  # the final answer's status, None if it never got one
    error_code: str | None = None
    document_id: str | None = None
    acknowledged: float | None = None  # time.time() of the 2xx
    replayed: bool = False


@dataclass
class LoadGenerator:
    servers: Callable[[], list[str]]
    """The base URLs to send to (one is picked at random per attempt)."""
    api_key: str
    seed: int
    concurrency: int = 3
    rate: float = 10.0
    """New orders a second, all buyers together (their retries come on top)."""
    give_up_after: float = 90.0
    sent: list[Sent] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._numbers = itertools.count(1)
        self._next_slot = time.monotonic()

    def _wait_for_slot(self) -> None:
        with self._lock:
            slot = self._next_slot = max(self._next_slot + 1 / self.rate, time.monotonic())
        time.sleep(max(0.0, slot - time.monotonic()))

    def start(self) -> None:
        for n in range(self.concurrency):
            thread = threading.Thread(target=self._loop, args=(n,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        """Send no new orders; wait for those under way to get their final answer."""
        self._stop.set()
        for thread in self._threads:
            thread.join()

    def _loop(self, n: int) -> None:
        rng = random.Random(self.seed * 1000 + n)
        with httpx.Client(timeout=30) as client:
            while not self._stop.is_set():
                self._wait_for_slot()
                with self._lock:
                    number = f"CHAOS-{self.seed}-{next(self._numbers)}"
                one = Sent(number, f"key-{number}", time.time())
                with self._lock:
                    self.sent.append(one)
                self._send(client, rng, one)

    def _send(self, client: httpx.Client, rng: random.Random, one: Sent) -> None:
        body = order_xml(one.number)
        headers = {
            "Authorization": f"Bearer {self.api_key}",
            "Content-Type": "application/xml",
            "Idempotency-Key": one.key,
        }
        pause = 0.05
        while time.time() - one.first_sent < self.give_up_after:
            one.attempts += 1
            base = rng.choice(self.servers())
            try:
                answer = client.post(
                    f"{base}/api/v1/{BUYER}/purchaseOrder/send", content=body, headers=headers
                )
            except httpx.TransportError:
                answer = None
            if answer is not None and answer.status_code < 500:
                code = answer.json().get("errorCode") if answer.status_code >= 400 else None
                if code not in RETRYABLE:
                    one.status, one.error_code = answer.status_code, code
                    if answer.status_code < 300:
                        one.acknowledged = time.time()
                        one.document_id = answer.json()["documentId"]
                        one.replayed = answer.headers.get("Idempotent-Replayed") == "true"
                    return
            time.sleep(pause)
            pause = min(pause * 2, 1.0)
