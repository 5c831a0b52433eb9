"""Financing applications in SQL: one row each, items and money as exact JSON.

Rows written before ordex followed the Skip Pay SDK's names are read as the SDK names them:
an item's ``status`` OPEN is PROCESSING (all its pieces), ``stateReason`` PROCESSING_REVIEW
is PROCESSING_VALIDATION_IN_PROGRESS and CANCELLED_ITEMS is CANCELLED_NOT_PAID. Nothing
else changed, so no migration rewrites them.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from ordex.domain.errors import ConcurrentUpdate
from ordex.domain.financing import (
    Application,
    ApplicationState,
    FinancingType,
    MarkRecord,
    StateReason,
)
from ordex.domain.financing_items import CreditNote, Item, ItemOperation, ItemStatus, Payment
from ordex.services.ports import ApplicationQuery, DuplicateApplication
from ordex.storage.financing_tables import financing_applications as fa


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _undec(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def _item_json(item: Item) -> dict[str, Any]:
    return {
        "name": item.name,
        "total_price": str(item.total_price),
        "quantity": str(item.quantity),
        "unit_price": _dec(item.unit_price),
        "code": item.code,
        "ean": item.ean,
        "type": item.type,
        "vat_rate": _dec(item.vat_rate),
        "total_vat": _dec(item.total_vat),
        "pieces": {state.value: str(n) for state, n in item.pieces.items()},
        "marks": {op: at.isoformat() for op, at in item.marks.items()},
        "sent_date": item.sent_date,
        "delivery_date": item.delivery_date,
        "tracking_number": item.tracking_number,
        "details": item.details,
    }


_LEGACY_STATUS = {"OPEN": "PROCESSING"}
_LEGACY_REASON = {
    "PROCESSING_REVIEW": "PROCESSING_VALIDATION_IN_PROGRESS",
    "CANCELLED_ITEMS": "CANCELLED_NOT_PAID",
}


def _pieces(data: dict[str, Any]) -> dict[ItemStatus, Decimal]:
    if "pieces" in data:
        return {ItemStatus(state): Decimal(n) for state, n in data["pieces"].items()}
    status = _LEGACY_STATUS.get(data["status"], data["status"])
    return {ItemStatus(status): Decimal(data["quantity"])}


def _item(data: dict[str, Any]) -> Item:
    return Item(
        name=data["name"],
        total_price=Decimal(data["total_price"]),
        quantity=Decimal(data["quantity"]),
        unit_price=_undec(data["unit_price"]),
        code=data["code"],
        ean=data["ean"],
        type=data["type"],
        vat_rate=_undec(data["vat_rate"]),
        total_vat=_undec(data.get("total_vat")),
        pieces=_pieces(data),
        marks={op: datetime.fromisoformat(at) for op, at in data["marks"].items()},
        sent_date=data.get("sent_date"),
        delivery_date=data.get("delivery_date"),
        tracking_number=data.get("tracking_number"),
        details=data.get("details") or {},
    )


def _content(app: Application) -> dict[str, Any]:
    return {
        "currency": app.currency,
        "items": [_item_json(item) for item in app.items],
        "notification_url": app.notification_url,
        "hook_id": app.hook_id,
        "approved_amount": _dec(app.approved_amount),
        "decision_note": app.decision_note,
        "payments": [
            {"id": p.payment_id, "amount": str(p.amount), "at": p.received_at.isoformat()}
            for p in app.payments
        ],
        "credit_notes": [
            {
                "id": c.credit_note_id,
                "operation": c.operation.value,
                "amount": str(c.amount),
                "refund": str(c.refund),
                "items": list(c.items),
                "at": c.created_at.isoformat(),
            }
            for c in app.credit_notes
        ],
        "customer": app.customer,
        "order_details": app.order_details,
        "agreement": app.agreement,
        "payments_url": app.payments_url,
        "payments_hook_id": app.payments_hook_id,
        "mark_log": [
            {
                "operation": m.operation.value,
                "at": m.at.isoformat(),
                "items": list(m.items),
                "fields": m.fields,
            }
            for m in app.mark_log
        ],
    }


def _application(row: Any) -> Application:
    content = row.content
    return Application(
        application_id=row.application_id,
        partner=row.partner,
        order_number=row.order_number,
        financing_type=FinancingType(row.financing_type),
        currency=content["currency"],
        items=[_item(item) for item in content["items"]],
        created_at=row.created_at,
        updated_at=row.updated_at,
        fingerprint=row.fingerprint,
        notification_url=content["notification_url"],
        hook_id=content["hook_id"],
        state=ApplicationState(row.state),
        state_reason=StateReason(_LEGACY_REASON.get(row.state_reason, row.state_reason)),
        approved_amount=_undec(content["approved_amount"]),
        decision_note=content["decision_note"],
        payments=[
            Payment(p["id"], Decimal(p["amount"]), datetime.fromisoformat(p["at"]))
            for p in content["payments"]
        ],
        credit_notes=[
            CreditNote(
                credit_note_id=c["id"],
                operation=ItemOperation(c["operation"]),
                amount=Decimal(c["amount"]),
                refund=Decimal(c["refund"]),
                items=tuple(c["items"]),
                created_at=datetime.fromisoformat(c["at"]),
            )
            for c in content["credit_notes"]
        ],
        customer=content.get("customer") or {},
        order_details=content.get("order_details") or {},
        agreement=bool(content.get("agreement")),
        payments_url=content.get("payments_url"),
        payments_hook_id=content.get("payments_hook_id"),
        mark_log=[
            MarkRecord(
                ItemOperation(m["operation"]),
                datetime.fromisoformat(m["at"]),
                tuple(m["items"]),
                m["fields"],
            )
            for m in content.get("mark_log", [])
        ],
        version=row.version,
    )


class SqlApplications:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def add(self, app: Application) -> None:
        """Raises ``DuplicateApplication`` if the partner's identical request is stored."""
        try:
            with self.conn.begin_nested():
                self.conn.execute(fa.insert(), {**self._values(app), "version": 1})
        except IntegrityError as exc:
            if self.find(app.partner, app.fingerprint) is None:
                raise
            raise DuplicateApplication(app.fingerprint) from exc
        app.version = 1

    def get(self, application_id: str) -> Application | None:
        row = self.conn.execute(select(fa).where(fa.c.application_id == application_id)).first()
        return _application(row) if row else None

    def find(self, partner: str, fingerprint: str) -> Application | None:
        row = self.conn.execute(
            select(fa).where(fa.c.partner == partner, fa.c.fingerprint == fingerprint)
        ).first()
        return _application(row) if row else None

    def for_order(self, partner: str, order_number: str) -> list[Application]:
        rows = self.conn.execute(
            select(fa)
            .where(fa.c.partner == partner, fa.c.order_number == order_number)
            .order_by(fa.c.created_at)
        )
        return [_application(row) for row in rows]

    def update(self, app: Application) -> None:
        """Optimistic concurrency: the row must still carry the version that was read."""
        result = self.conn.execute(
            update(fa)
            .where(fa.c.application_id == app.application_id, fa.c.version == app.version)
            .values(**self._values(app), version=app.version + 1)
        )
        if result.rowcount != 1:
            raise ConcurrentUpdate(
                f"Application {app.application_id} was changed by another request meanwhile."
            )
        app.version += 1

    def query(self, query: ApplicationQuery) -> list[Application]:
        """Newest first, keyset-paged by (created_at, application_id)."""
        stmt = select(fa).where(fa.c.partner == query.partner)
        if query.states:
            stmt = stmt.where(fa.c.state.in_([s.value for s in query.states]))
        if query.after is not None:
            at, last_id = query.after
            stmt = stmt.where(
                or_(
                    fa.c.created_at < at,
                    and_(fa.c.created_at == at, fa.c.application_id < last_id),
                )
            )
        stmt = stmt.order_by(fa.c.created_at.desc(), fa.c.application_id.desc())
        return [_application(row) for row in self.conn.execute(stmt.limit(query.limit))]

    @staticmethod
    def _values(app: Application) -> dict[str, Any]:
        return dict(
            application_id=app.application_id,
            partner=app.partner,
            order_number=app.order_number,
            fingerprint=app.fingerprint,
            financing_type=app.financing_type.value,
            state=app.state.value,
            state_reason=app.state_reason.value,
            content=_content(app),
            created_at=app.created_at,
            updated_at=app.updated_at,
        )
