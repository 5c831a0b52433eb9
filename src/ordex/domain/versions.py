"""The versions of an order: the order, each change, each agreement with changes.

Version 1 is the order as the buyer sent it. Each Order Change adds a version that waits
for the seller's answer (``PENDING``); an AP makes it ``ACCEPTED``, an RE ``REJECTED`` (the
version before it stays current), a CA ``ACCEPTED_WITH_CHANGES`` and adds the version the
seller's response lines describe (source ``RESPONSE``). The order's current content is
its latest version that is neither pending nor rejected.

Every version keeps the document it came from, so that each stays downloadable until
retention purges it, and the content it stated, so that any two can be compared.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime

from ordex.domain.content import OrderContent, ResponseCode


class VersionSource(enum.StrEnum):
    ORDER = "order"  # the Order (T01)
    CHANGE = "change"  # an Order Change (T114)
    RESPONSE = "response"  # what a CA response agreed


class VersionStatus(enum.StrEnum):
    PENDING = "pending"  # awaits the seller's answer
    ACKNOWLEDGED = "acknowledged"  # AB: received, still unanswered
    ACCEPTED = "accepted"
    ACCEPTED_WITH_CHANGES = "accepted_with_changes"  # a RESPONSE version follows
    REJECTED = "rejected"
    AGREED = "agreed"  # a RESPONSE version: the order as a CA left it


ANSWERS: dict[ResponseCode, VersionStatus] = {
    ResponseCode.AB: VersionStatus.ACKNOWLEDGED,
    ResponseCode.AP: VersionStatus.ACCEPTED,
    ResponseCode.CA: VersionStatus.ACCEPTED_WITH_CHANGES,
    ResponseCode.RE: VersionStatus.REJECTED,
}


@dataclass(frozen=True, slots=True)
class OrderVersion:
    order_id: str
    number: int  # 1, 2, ... in the order they arrived
    document_id: str  # the Order, Order Change or Order Response it came from
    source: VersionSource
    status: VersionStatus
    content: OrderContent
    created_at: datetime
    answered_by: str | None = None  # the response's document ID

    @property
    def open(self) -> bool:
        """Still waiting for the seller's final answer."""
        return self.status in (VersionStatus.PENDING, VersionStatus.ACKNOWLEDGED)

    @property
    def counts(self) -> bool:
        """Was, at some time, the order of record: the order itself, or an agreed version."""
        return self.source is VersionSource.ORDER or self.status in (
            VersionStatus.ACCEPTED,
            VersionStatus.ACCEPTED_WITH_CHANGES,
            VersionStatus.AGREED,
        )

    def answered(self, code: ResponseCode, response_document_id: str) -> OrderVersion:
        return replace(self, status=ANSWERS[code], answered_by=response_document_id)


def current(versions: list[OrderVersion]) -> OrderVersion:
    """The latest version that counts (version 1, the order, always does)."""
    return max((v for v in versions if v.counts), key=lambda v: v.number)


def pending_change(versions: list[OrderVersion]) -> OrderVersion | None:
    """The change that waits for the seller's answer, if one does."""
    waiting = [v for v in versions if v.source is VersionSource.CHANGE and v.open]
    return max(waiting, key=lambda v: v.number) if waiting else None


def previous(versions: list[OrderVersion], version: OrderVersion) -> OrderVersion | None:
    """The version that was current when ``version`` arrived (what it changes)."""
    earlier = [v for v in versions if v.number < version.number]
    return current(earlier) if earlier else None
