"""Commerce use cases (Accounting-as-a-Service dialect): orders, cancellations, invoices,
returns, the refunds they cause, read-back and reports.

Each request is processed at once, in one transaction, and answers its
``internalRequestId``. What the request itself names wrongly (an unknown or repeated
position, a partial quantity, bad amounts) raises ``InvalidFields`` and stores nothing.
What the order's state refuses (a position already cancelled or invoiced, a refund over
what is left) is stored as the request's refusal, nothing else; either way the outcome of
an accepted-for-processing request goes out as one ``accounting/EDIErrorSent``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ordex.domain.accounts import Account
from ordex.domain.commerce import (
    BankDetails,
    CancellationReason,
    CommerceOrder,
    Position,
    RequestedItem,
    ReturnReason,
)
from ordex.domain.commerce_checks import position_problems
from ordex.domain.commerce_requests import (
    CommerceRequest,
    ReasonTotals,
    RequestKind,
    RequestStatus,
    cancellation_report,
)
from ordex.domain.content import PartyId
from ordex.domain.errors import (
    CommerceRequestRefused,
    CustomerNotFound,
    FieldProblem,
    InvalidFields,
    OrderNotFound,
)
from ordex.services.commerce_notices import notify_outcome, notify_refund
from ordex.services.context import Context, new_id, require_party
from ordex.services.ports import UnitOfWork

# Refunds are paid out by a background job (the delivery worker's round), this long after
# the request that caused them: asynchronous, as the hosted service's are.
REFUND_DELAY = timedelta(seconds=2)


def business(code: str) -> PartyId:
    return PartyId("business", code)


@dataclass(frozen=True)
class RequestOf:
    """Who asks about which order, and under which client request ID."""

    account: Account
    business_code: str
    customer_number: str
    order_reference: str
    request_id: str | None = None


@dataclass(frozen=True)
class CreateOrder:
    of: RequestOf
    currency: str
    order_date: date
    prepaid: bool
    positions: list[Position]
    details: dict[str, object]


@dataclass(frozen=True)
class CancelPositions:
    of: RequestOf
    items: list[RequestedItem]
    cancellation_date: date
    reason: CancellationReason
    invoice_reference: str | None = None
    bank: BankDetails | None = None


@dataclass(frozen=True)
class InvoicePositions:
    of: RequestOf
    invoice_reference: str
    items: list[RequestedItem]
    invoice_date: date | None = None


@dataclass(frozen=True)
class ReturnPositions:
    of: RequestOf
    items: list[RequestedItem]
    return_date: date
    reason: ReturnReason
    return_reference: str
    invoice_reference: str | None = None
    bank: BankDetails | None = None


def _record(
    uow: UnitOfWork,
    of: RequestOf,
    internal_request_id: str,
    kind: RequestKind,
    ctx: Context,
    refused: CommerceRequestRefused | None = None,
    reason: str | None = None,
    request_date: date | None = None,
    positions: Sequence[int] = (),
    amount: Decimal = Decimal("0.00"),
    refunded: Decimal = Decimal("0.00"),
) -> None:
    """Store the request's outcome and notify it (EDIErrorSent), in the caller's UoW."""
    request = CommerceRequest(
        internal_request_id=internal_request_id,
        business_code=of.business_code,
        customer_number=of.customer_number,
        order_reference=of.order_reference,
        kind=kind,
        status=RequestStatus.REFUSED if refused else RequestStatus.ACCEPTED,
        created_at=ctx.clock.now(),
        request_id=of.request_id,
        reason=reason,
        request_date=request_date,
        positions=0 if refused else len(positions),
        amount=Decimal("0.00") if refused else amount,
        refunded=Decimal("0.00") if refused else refunded,
        errors=tuple(refused.problems) if refused else (),
    )
    uow.commerce.add_request(request)
    notify_outcome(uow, request)


def _existing(uow: UnitOfWork, of: RequestOf, for_update: bool = False) -> CommerceOrder:
    order = uow.commerce.order(of.business_code, of.order_reference, for_update=for_update)
    if order is None or order.customer_number != of.customer_number:
        if not uow.commerce.has_customer(of.business_code, of.customer_number):
            raise CustomerNotFound(
                f"Business {of.business_code} has no customer {of.customer_number!r}."
            )
        raise OrderNotFound(f"Customer {of.customer_number!r} has no order {of.order_reference!r}.")
    return order


def create_order(ctx: Context, command: CreateOrder) -> str:
    """Store a new order (its positions checked); answers its ``internalRequestId``."""
    of = command.of
    require_party(of.account, business(of.business_code))
    problems = position_problems(command.positions)
    if problems:
        raise InvalidFields(f"The order has {len(problems)} problem(s).", problems)
    internal_request_id = new_id()
    order = CommerceOrder(
        order_id=new_id(),
        business_code=of.business_code,
        customer_number=of.customer_number,
        reference=of.order_reference,
        currency=command.currency,
        order_date=command.order_date,
        prepaid=command.prepaid,
        positions=command.positions,
        created_at=ctx.clock.now(),
        internal_request_id=internal_request_id,
        details=dict(command.details),
    )
    with ctx.uow() as uow:
        try:
            uow.commerce.add_order(order)
        except CommerceRequestRefused as refused:
            _record(uow, of, internal_request_id, RequestKind.ORDER, ctx, refused)
        else:
            _record(
                uow,
                of,
                internal_request_id,
                RequestKind.ORDER,
                ctx,
                request_date=command.order_date,
                positions=[p.reference for p in order.positions],
                amount=order.total,
            )
        uow.commit()
    return internal_request_id


def cancel_positions(ctx: Context, command: CancelPositions) -> str:
    """Cancel whole positions (related ones follow) and refund what was paid for them."""

    def act(order: CommerceOrder, internal_request_id: str) -> dict[str, Any]:
        cancellation, refund = order.cancel(
            internal_request_id,
            command.items,
            command.cancellation_date,
            command.reason,
            ctx.clock.now(),
            invoice_reference=command.invoice_reference,
            refund_id=new_id(),
            bank=command.bank,
        )
        return {
            "positions": cancellation.positions,
            "amount": cancellation.amount,
            "refunded": refund.amount if refund else Decimal("0.00"),
        }

    return _process(
        ctx,
        command.of,
        RequestKind.CANCELLATION,
        act,
        reason=command.reason.value,
        request_date=command.cancellation_date,
    )


def invoice_positions(ctx: Context, command: InvoicePositions) -> str:
    """Mark positions invoiced (all open ones when no items are named)."""

    def act(order: CommerceOrder, internal_request_id: str) -> dict[str, Any]:
        invoice = order.invoice(
            internal_request_id,
            command.invoice_reference,
            command.items,
            ctx.clock.now(),
            command.invoice_date,
        )
        return {"positions": invoice.positions}

    return _process(ctx, command.of, RequestKind.INVOICE, act, request_date=command.invoice_date)


def return_positions(ctx: Context, command: ReturnPositions) -> str:
    """Take invoiced positions back (related ones follow) and refund what was paid."""

    def act(order: CommerceOrder, internal_request_id: str) -> dict[str, Any]:
        returned, refund = order.return_positions(
            internal_request_id,
            command.items,
            command.return_date,
            command.reason,
            command.return_reference,
            ctx.clock.now(),
            invoice_reference=command.invoice_reference,
            refund_id=new_id(),
            bank=command.bank,
        )
        return {
            "positions": returned.positions,
            "amount": returned.amount,
            "refunded": refund.amount if refund else Decimal("0.00"),
        }

    return _process(
        ctx,
        command.of,
        RequestKind.RETURN,
        act,
        reason=command.reason.value,
        request_date=command.return_date,
    )


def _process(
    ctx: Context,
    of: RequestOf,
    kind: RequestKind,
    act: Callable[[CommerceOrder, str], dict[str, Any]],
    **described: Any,
) -> str:
    """One request on an existing order, in one transaction: ``act`` changes the order
    (and returns what the outcome records) or raises the refusal; either outcome is
    stored and notified. ``described`` is what both outcomes record (reason, date)."""
    require_party(of.account, business(of.business_code))
    internal_request_id = new_id()
    with ctx.uow() as uow:
        order = _existing(uow, of, for_update=True)
        try:
            outcome = act(order, internal_request_id)
        except CommerceRequestRefused as refused:
            _record(uow, of, internal_request_id, kind, ctx, refused, **described)
        else:
            uow.commerce.update_order(order)
            _record(uow, of, internal_request_id, kind, ctx, **described, **outcome)
        uow.commit()
    return internal_request_id


def get_order(ctx: Context, of: RequestOf) -> CommerceOrder:
    require_party(of.account, business(of.business_code))
    with ctx.read() as uow:
        return _existing(uow, of)


def report_cancellations(
    ctx: Context, account: Account, business_code: str, since: date | None, until: date | None
) -> dict[str, ReasonTotals]:
    """Accepted cancellations whose cancellationDate is in [since, until], by reason."""
    require_party(account, business(business_code))
    if since is not None and until is not None and since > until:
        raise InvalidFields(
            "from is after to.", [FieldProblem("from", f"{since} is after to={until}.")]
        )
    with ctx.read() as uow:
        requests = uow.commerce.requests(business_code, RequestKind.CANCELLATION, since, until)
    return cancellation_report(requests)


def complete_refunds(ctx: Context, delay: timedelta = REFUND_DELAY, limit: int = 100) -> int:
    """Pay out the refunds older than ``delay`` and notify each (refundCompleted)."""
    now = ctx.clock.now()
    with ctx.read() as uow:  # the worker asks every round: most rounds find none
        if not uow.commerce.pending_refunds(now - delay, 1):
            return 0
    done = 0
    with ctx.uow() as uow:
        for pending in uow.commerce.pending_refunds(now - delay, limit):
            if uow.commerce.complete_refund(pending.refund, now):
                notify_refund(uow, pending, now)
                done += 1
        uow.commit()
    return done
