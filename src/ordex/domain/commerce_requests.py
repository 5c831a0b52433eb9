"""What became of each commerce request (accepted or refused), and the reports on them."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from ordex.domain.commerce import CancellationReason
from ordex.domain.errors import FieldProblem


class RequestKind(enum.StrEnum):
    ORDER = "ORDER"
    CANCELLATION = "CANCELLATION"
    RETURN = "RETURN"
    INVOICE = "INVOICE"


class RequestStatus(enum.StrEnum):
    ACCEPTED = "ACCEPTED"
    REFUSED = "REFUSED"


@dataclass(frozen=True, slots=True)
class CommerceRequest:
    """One request of a business, with its ``internalRequestId`` and its outcome."""

    internal_request_id: str
    business_code: str
    customer_number: str
    order_reference: str
    kind: RequestKind
    status: RequestStatus
    created_at: datetime
    request_id: str | None = None  # the client's X-Request-ID
    reason: str | None = None
    request_date: date | None = None
    positions: int = 0
    amount: Decimal = Decimal("0.00")
    refunded: Decimal = Decimal("0.00")
    errors: tuple[FieldProblem, ...] = ()


@dataclass
class ReasonTotals:
    cancellations: int = 0
    positions: int = 0
    amount: Decimal = Decimal("0.00")
    refunded: Decimal = Decimal("0.00")


def cancellation_report(requests: Iterable[CommerceRequest]) -> dict[str, ReasonTotals]:
    """Accepted cancellations summed by reason (every reason present, zero or not)."""
    totals = {reason.value: ReasonTotals() for reason in CancellationReason}
    for request in requests:
        if request.kind is not RequestKind.CANCELLATION:
            continue
        if request.status is not RequestStatus.ACCEPTED or request.reason is None:
            continue
        entry = totals.setdefault(request.reason, ReasonTotals())
        entry.cancellations += 1
        entry.positions += request.positions
        entry.amount += request.amount
        entry.refunded += request.refunded
    return totals
