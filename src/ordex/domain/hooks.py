"""Webhooks: a party's hooks, which topics they take, and how deliveries are retried."""

from __future__ import annotations

import enum
import fnmatch
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Final

from ordex.domain.documents import TOPICS

META_TOPICS: Final = ("HookSentRetry", "HookSentError")
PING_TOPIC: Final = "Ping"

# Svix / Standard Webhooks schedule: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
DEFAULT_SCHEDULE: Final = (
    timedelta(0),
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)
DISABLE_AFTER: Final = timedelta(days=5)


class HookDialect(enum.StrEnum):
    """Whose conventions a hook follows: payload shape, signature headers, retries.

    PSB hooks get the PSB envelope (``topic``, ``partyId``, ..., ``sentOn``) and the
    ``X-EConnect-Signature`` header besides the Standard Webhooks ones; commerce
    notification callbacks and financing notification URLs get their dialect's own body
    as the use case wrote it.
    """

    PSB = "psb"
    COMMERCE = "commerce"
    FINANCING = "financing"


# The financing dialect retries after 1, 5, 5, 5 and 5 minutes (five retries).
FINANCING_SCHEDULE: Final = (
    timedelta(0),
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=5),
    timedelta(minutes=5),
    timedelta(minutes=5),
)


def topic_matches(pattern: str, topic: str) -> bool:
    """``*`` matches any run of characters: ``*Received``, ``Order*``, ``*``."""
    return fnmatch.fnmatchcase(topic, pattern)


def unknown_topics(patterns: list[str]) -> list[str]:
    """Patterns that match no topic ordex publishes (a typo, most likely)."""
    known = (*TOPICS, *META_TOPICS)
    return [p for p in patterns if not any(topic_matches(p, topic) for topic in known)]


@dataclass
class Hook:
    hook_id: str
    party_id: str
    action: str
    topics: list[str]
    created_at: datetime
    changed_at: datetime
    name: str | None = None
    secret: str | None = None
    is_active: bool = True
    disabled_reason: str | None = None
    failing_since: datetime | None = None
    dialect: HookDialect = HookDialect.PSB

    def wants(self, topic: str) -> bool:
        return self.is_active and any(topic_matches(p, topic) for p in self.topics)

    @property
    def is_psb(self) -> bool:
        return self.dialect is HookDialect.PSB

    def disable(self, reason: str, at: datetime) -> None:
        self.is_active = False
        self.disabled_reason = reason
        self.changed_at = at


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class RetrySchedule:
    """When attempt ``n`` (0-based) is due after the first; ``None`` once exhausted."""

    delays: tuple[timedelta, ...] = DEFAULT_SCHEDULE
    jitter: float = 0.1  # +- 10 % of the delay

    def next_delay(self, attempts_done: int, rng: random.Random | None = None) -> timedelta | None:
        if attempts_done >= len(self.delays):
            return None
        delay = self.delays[attempts_done]
        if self.jitter and delay:
            factor = 1 + (rng or random).uniform(-self.jitter, self.jitter)
            delay = delay * factor
        return delay


def schedule_for(dialect: HookDialect, configured: RetrySchedule) -> RetrySchedule:
    """The financing dialect has its own fixed schedule; the others use the configured one."""
    if dialect is HookDialect.FINANCING:
        return RetrySchedule(FINANCING_SCHEDULE, configured.jitter)
    return configured


@dataclass
class Delivery:
    """One event for one hook, tried until it succeeds or the schedule runs out."""

    delivery_id: str
    hook_id: str
    message_id: str
    topic: str
    party_id: str
    document_id: str
    payload: bytes
    created_at: datetime
    next_attempt_at: datetime | None
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    last_status_code: int | None = None
    last_error: str | None = None
    history: list[Attempt] = field(default_factory=list, repr=False)


@dataclass(frozen=True, slots=True)
class Attempt:
    delivery_id: str
    attempted_at: datetime
    duration_ms: int
    status_code: int | None
    response_excerpt: str | None
    error: str | None
    retry_after: timedelta | None = None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
