"""The commerce repository: orders as one JSON aggregate with a version, refunds and request
outcomes as rows of their own (the refund job and the reports query them)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import IntegrityError

from ordex.domain.commerce import (
    BankDetails,
    Cancellation,
    CancellationReason,
    CommerceOrder,
    Invoice,
    Position,
    PositionState,
    PositionType,
    Refund,
    RefundMethod,
    RefundStatus,
    Return,
    ReturnReason,
)
from ordex.domain.commerce_requests import CommerceRequest, RequestKind, RequestStatus
from ordex.domain.errors import ConcurrentUpdate, FieldProblem, OrderReferenceTaken
from ordex.services.ports import PendingRefund
from ordex.storage.commerce_tables import commerce_orders, commerce_refunds, commerce_requests


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _position_json(p: Position) -> dict[str, Any]:
    return {
        "reference": p.reference,
        "quantity": str(p.quantity),
        "grossUnitPrice": str(p.gross_unit_price),
        "vatPercent": str(p.vat_percent),
        "vatAmount": _dec(p.vat_amount),
        "positionType": p.position_type.value,
        "productId": p.product_id,
        "description": p.description,
        "mainReference": p.main_reference,
        "state": p.state.value,
        "invoiceReference": p.invoice_reference,
    }


def _position(d: dict[str, Any]) -> Position:
    return Position(
        reference=d["reference"],
        quantity=Decimal(d["quantity"]),
        gross_unit_price=Decimal(d["grossUnitPrice"]),
        vat_percent=Decimal(d["vatPercent"]),
        vat_amount=None if d["vatAmount"] is None else Decimal(d["vatAmount"]),
        position_type=PositionType(d["positionType"]),
        product_id=d["productId"],
        description=d["description"],
        main_reference=d["mainReference"],
        state=PositionState(d["state"]),
        invoice_reference=d["invoiceReference"],
    )


def _content(order: CommerceOrder) -> dict[str, Any]:
    return {
        "internalRequestId": order.internal_request_id,
        "details": order.details,
        "positions": [_position_json(p) for p in order.positions],
        "cancellations": [
            {
                "internalRequestId": c.internal_request_id,
                "positions": list(c.positions),
                "date": c.cancellation_date.isoformat(),
                "reason": c.reason.value,
                "amount": str(c.amount),
                "createdAt": c.created_at.isoformat(),
                "invoiceReference": c.invoice_reference,
                "refundId": c.refund_id,
            }
            for c in order.cancellations
        ],
        "returns": [
            {
                "internalRequestId": r.internal_request_id,
                "positions": list(r.positions),
                "date": r.return_date.isoformat(),
                "reason": r.reason.value,
                "returnReference": r.return_reference,
                "amount": str(r.amount),
                "createdAt": r.created_at.isoformat(),
                "invoiceReference": r.invoice_reference,
                "refundId": r.refund_id,
            }
            for r in order.returns
        ],
        "refundIds": [r.refund_id for r in order.refunds],  # their order (rows: no sequence)
        "invoices": [
            {
                "internalRequestId": i.internal_request_id,
                "invoiceReference": i.invoice_reference,
                "positions": list(i.positions),
                "createdAt": i.created_at.isoformat(),
                "date": i.invoice_date.isoformat() if i.invoice_date else None,
            }
            for i in order.invoices
        ],
    }


def _order(row: Any, refunds: list[Refund]) -> CommerceOrder:
    c = row.content
    return CommerceOrder(
        order_id=row.order_id,
        business_code=row.party_id.partition(":")[2],
        customer_number=row.customer_number,
        reference=row.order_reference,
        currency=row.currency,
        order_date=row.order_date,
        prepaid=row.prepaid,
        positions=[_position(p) for p in c["positions"]],
        created_at=row.created_at,
        internal_request_id=c["internalRequestId"],
        details=c["details"],
        cancellations=[
            Cancellation(
                internal_request_id=x["internalRequestId"],
                positions=tuple(x["positions"]),
                cancellation_date=date.fromisoformat(x["date"]),
                reason=CancellationReason(x["reason"]),
                amount=Decimal(x["amount"]),
                created_at=datetime.fromisoformat(x["createdAt"]),
                invoice_reference=x["invoiceReference"],
                refund_id=x["refundId"],
            )
            for x in c["cancellations"]
        ],
        returns=[
            Return(
                internal_request_id=x["internalRequestId"],
                positions=tuple(x["positions"]),
                return_date=date.fromisoformat(x["date"]),
                reason=ReturnReason(x["reason"]),
                return_reference=x["returnReference"],
                amount=Decimal(x["amount"]),
                created_at=datetime.fromisoformat(x["createdAt"]),
                invoice_reference=x["invoiceReference"],
                refund_id=x["refundId"],
            )
            for x in c["returns"]
        ],
        invoices=[
            Invoice(
                internal_request_id=x["internalRequestId"],
                invoice_reference=x["invoiceReference"],
                positions=tuple(x["positions"]),
                created_at=datetime.fromisoformat(x["createdAt"]),
                invoice_date=date.fromisoformat(x["date"]) if x["date"] else None,
            )
            for x in c["invoices"]
        ],
        refunds=refunds,
        version=row.version,
    )


def _refund(row: Any) -> Refund:
    bank = row.bank
    return Refund(
        refund_id=row.refund_id,
        order_id=row.order_id,
        internal_request_id=row.internal_request_id,
        amount=Decimal(row.amount),
        currency=row.currency,
        method=RefundMethod(row.method),
        created_at=row.created_at,
        bank=BankDetails(bank["iban"], bank["accountOwner"], bank["bic"]) if bank else None,
        status=RefundStatus(row.status),
        completed_at=row.completed_at,
    )


def party(business_code: str) -> str:
    return f"business:{business_code}"


class SqlCommerce:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._stored_refunds: set[str] = set()

    def _values(self, order: CommerceOrder, at: datetime) -> dict[str, Any]:
        return dict(
            status=order.status,
            content=_content(order),
            updated_at=at,
        )

    def add_order(self, order: CommerceOrder) -> None:
        values = dict(
            order_id=order.order_id,
            party_id=party(order.business_code),
            customer_number=order.customer_number,
            order_reference=order.reference,
            currency=order.currency,
            order_date=order.order_date,
            prepaid=order.prepaid,
            version=1,
            created_at=order.created_at,
            **self._values(order, order.created_at),
        )
        try:
            with self.conn.begin_nested():
                self.conn.execute(commerce_orders.insert(), values)
        except IntegrityError as exc:
            if self.order(order.business_code, order.reference) is None:
                raise
            raise _taken(order.reference) from exc
        order.version = 1

    def order(
        self, business_code: str, reference: str, for_update: bool = False
    ) -> CommerceOrder | None:
        query = select(commerce_orders).where(
            commerce_orders.c.party_id == party(business_code),
            commerce_orders.c.order_reference == reference,
        )
        if for_update:
            query = query.with_for_update()
        row = self.conn.execute(query).first()
        if row is None:
            return None
        refunds = [
            _refund(r)
            for r in self.conn.execute(
                select(commerce_refunds)
                .where(commerce_refunds.c.order_id == row.order_id)
                .order_by(commerce_refunds.c.created_at, commerce_refunds.c.refund_id)
            )
        ]
        self._stored_refunds |= {r.refund_id for r in refunds}
        place = {refund_id: n for n, refund_id in enumerate(row.content.get("refundIds", []))}
        refunds.sort(key=lambda r: place.get(r.refund_id, len(place)))
        return _order(row, refunds)

    def update_order(self, order: CommerceOrder) -> None:
        at = max(
            [order.created_at]
            + [r.created_at for r in order.refunds]
            + [c.created_at for c in order.cancellations]
            + [r.created_at for r in order.returns]
            + [i.created_at for i in order.invoices]
        )
        result = self.conn.execute(
            update(commerce_orders)
            .where(
                commerce_orders.c.order_id == order.order_id,
                commerce_orders.c.version == order.version,
            )
            .values(**self._values(order, at), version=order.version + 1)
        )
        if result.rowcount != 1:
            raise ConcurrentUpdate(
                f"Order {order.reference} was changed by another request meanwhile; retry."
            )
        order.version += 1
        for refund in order.refunds:
            if refund.refund_id not in self._stored_refunds:
                self.conn.execute(commerce_refunds.insert(), self._refund_values(refund))
                self._stored_refunds.add(refund.refund_id)

    @staticmethod
    def _refund_values(refund: Refund) -> dict[str, Any]:
        bank = refund.bank
        return dict(
            refund_id=refund.refund_id,
            order_id=refund.order_id,
            internal_request_id=refund.internal_request_id,
            amount=str(refund.amount),
            currency=refund.currency,
            method=refund.method.value,
            bank=(
                {"iban": bank.iban, "bic": bank.bic, "accountOwner": bank.account_owner}
                if bank
                else None
            ),
            status=refund.status.value,
            created_at=refund.created_at,
            completed_at=refund.completed_at,
        )

    def add_request(self, request: CommerceRequest) -> None:
        self.conn.execute(
            commerce_requests.insert(),
            dict(
                internal_request_id=request.internal_request_id,
                party_id=party(request.business_code),
                customer_number=request.customer_number,
                order_reference=request.order_reference,
                kind=request.kind.value,
                request_id=request.request_id,
                status=request.status.value,
                reason=request.reason,
                request_date=request.request_date,
                positions=request.positions,
                amount=str(request.amount),
                refunded=str(request.refunded),
                errors=[problem.as_dict() for problem in request.errors],
                created_at=request.created_at,
            ),
        )

    def requests(
        self, business_code: str, kind: RequestKind, since: date | None, until: date | None
    ) -> list[CommerceRequest]:
        c = commerce_requests.c
        query = select(commerce_requests).where(
            c.party_id == party(business_code), c.kind == kind.value
        )
        if since is not None:
            query = query.where(c.request_date >= since)
        if until is not None:
            query = query.where(c.request_date <= until)
        return [
            CommerceRequest(
                internal_request_id=row.internal_request_id,
                business_code=business_code,
                customer_number=row.customer_number,
                order_reference=row.order_reference,
                kind=RequestKind(row.kind),
                status=RequestStatus(row.status),
                created_at=row.created_at,
                request_id=row.request_id,
                reason=row.reason,
                request_date=row.request_date,
                positions=row.positions,
                amount=Decimal(row.amount),
                refunded=Decimal(row.refunded),
                errors=tuple(FieldProblem(e["field"], e["message"]) for e in row.errors),
            )
            for row in self.conn.execute(query.order_by(c.created_at))
        ]

    def has_customer(self, business_code: str, customer_number: str) -> bool:
        row = self.conn.execute(
            select(commerce_orders.c.order_id)
            .where(
                commerce_orders.c.party_id == party(business_code),
                commerce_orders.c.customer_number == customer_number,
            )
            .limit(1)
        ).first()
        return row is not None

    def pending_refunds(self, created_before: datetime, limit: int) -> list[PendingRefund]:
        o = commerce_orders.c
        rows = self.conn.execute(
            select(commerce_refunds, o.party_id, o.customer_number, o.order_reference)
            .join(commerce_orders, o.order_id == commerce_refunds.c.order_id)
            .where(
                commerce_refunds.c.status == RefundStatus.PENDING.value,
                commerce_refunds.c.created_at <= created_before,
            )
            .order_by(commerce_refunds.c.created_at)
            .limit(limit)
        )
        return [
            PendingRefund(
                _refund(row),
                row.party_id.partition(":")[2],
                row.customer_number,
                row.order_reference,
            )
            for row in rows
        ]

    def complete_refund(self, refund: Refund, at: datetime) -> bool:
        result = self.conn.execute(
            update(commerce_refunds)
            .where(
                commerce_refunds.c.refund_id == refund.refund_id,
                commerce_refunds.c.status == RefundStatus.PENDING.value,
            )
            .values(status=RefundStatus.COMPLETED.value, completed_at=at)
        )
        if result.rowcount != 1:
            return False
        refund.complete(at)
        return True


def _taken(reference: str) -> OrderReferenceTaken:
    return OrderReferenceTaken(
        f"The business already has an order {reference!r}.",
        [FieldProblem("orderReference", f"An order {reference!r} exists already.")],
    )
