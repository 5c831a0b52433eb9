"""The financing dialect's answers: domain applications rendered as the Skip Pay SDK's
models (``ApplicationResponse``, ``OrderExtendedResponse``, ``Payment``) and ordex's
ledger, with amounts in minor units (``financing_schemas`` declares the shapes)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ordex.api.financing_schemas import minor, number
from ordex.domain.financing import Application
from ordex.domain.financing_items import ItemStatus

# -- rendering ----------------------------------------------------------------------------


def amount_out(value: Decimal, currency: str) -> dict[str, Any]:
    return {"amount": minor(value, currency), "currency": currency}


def vat_out(value: Decimal, rate: Decimal, currency: str) -> dict[str, Any]:
    return {**amount_out(value, currency), "vatRate": number(rate)}


def base_out(app: Application) -> dict[str, Any]:
    return {
        "id": app.application_id,
        "state": app.state.value,
        "stateReason": app.state_reason.value,
    }


SHIPPED_LINES = frozenset({ItemStatus.SENT, ItemStatus.DELIVERED, ItemStatus.RETURNED})


def _item_lines(app: Application) -> list[dict[str, Any]]:
    """One line per item and state of its pieces (an item with 1 of 3 pieces cancelled is
    two lines: 2 PROCESSING and 1 CANCELLED); prices prorated to the pieces."""
    c = app.currency
    lines = []
    for item in app.items:
        groups = [(s, n) for s in ItemStatus if (n := item.pieces.get(s, Decimal(0))) > 0]
        rate = item.vat_rate if item.vat_rate is not None else Decimal(0)
        vat = item.total_vat if item.total_vat is not None else Decimal(0)
        unit = item.unit_price if item.unit_price is not None else item.total_price / item.quantity
        for state, pieces in groups:
            line: dict[str, Any] = {
                "code": item.code or "",
                "ean": item.ean,
                "name": item.name,
                "type": item.type,
                **{k: v for k, v in item.details.items() if k != "unitVat"},
                "totalPrice": amount_out(item.share(item.total_price, pieces), c),
                "totalVat": vat_out(item.share(vat, pieces), rate, c),
                "state": state.value,
                "sentDate": item.sent_date
                if state in (ItemStatus.SENT, ItemStatus.DELIVERED, ItemStatus.RETURNED)
                else None,
                "deliveryDate": item.delivery_date
                if state in (ItemStatus.DELIVERED, ItemStatus.RETURNED)
                else None,
                "deliveryTrackingNumber": item.tracking_number if state in SHIPPED_LINES else None,
                "unitPrice": amount_out(unit, c),
                "unitVat": item.details.get("unitVat") or vat_out(vat / item.quantity, rate, c),
                "quantity": number(pieces),
            }
            lines.append(line)
    return lines


def order_out(app: Application) -> dict[str, Any]:
    d = app.order_details
    c = app.currency
    return {
        "number": app.order_number,
        **({"variableSymbols": d["variableSymbols"]} if d.get("variableSymbols") else {}),
        "totalPrice": amount_out(app.total, c),
        "totalVat": d.get("totalVat") or [],
        **{
            k: d[k]
            for k in ("addresses", "deliveryType", "deliveryCarrier", "reservationDate")
            if d.get(k)
        },
        "state": app.order_state.value,
        "deliveryDate": d.get("deliveryDate"),
        "deliveryTrackingNumber": d.get("deliveryTrackingNumber"),
        "sentDate": d.get("sentDate"),
        "items": _item_lines(app),
        "merchantId": d.get("merchantId"),
    }


def order_extended_out(app: Application) -> dict[str, Any]:
    return {**order_out(app), "applicationInfo": base_out(app)}


def customer_out(customer: dict[str, Any]) -> dict[str, Any]:
    first, last = customer.get("firstName") or "", customer.get("lastName") or ""
    full = customer.get("fullName") or " ".join(p for p in (first, last) if p)
    optional = ("titleBefore", "titleAfter", "addresses", "tin", "vatin")
    return {
        **{k: customer[k] for k in optional if customer.get(k)},
        "email": customer.get("email") or "",
        "firstName": first,
        "lastName": last,
        "fullName": full,
        "phone": customer.get("phone") or "",
    }


def application_out(app: Application, base_url: str) -> dict[str, Any]:
    return {
        **base_out(app),
        "customer": customer_out(app.customer),
        "order": order_out(app),
        "type": app.financing_type.value,
        "agreementTermsAndConditions": app.agreement,
        "gatewayRedirectUrl": f"{base_url}financing/v1/applications/{app.application_id}",
    }


def payment_out(app: Application, n: int) -> dict[str, Any]:
    p = app.payments[n]
    return {
        "paymentId": p.payment_id,
        "date": p.received_at.date().isoformat(),
        "applicationId": app.application_id,
        "value": amount_out(p.amount, app.currency),
    }


def ledger_out(app: Application) -> dict[str, Any]:
    c = app.currency
    return {
        "id": app.application_id,
        "approvedAmount": amount_out(app.approved_amount, c)
        if app.approved_amount is not None
        else None,
        "financedAmount": amount_out(app.financed, c),
        "shippedAmount": amount_out(app.shipped, c),
        "paidAmount": amount_out(app.paid, c),
        "outstandingAmount": amount_out(app.outstanding, c),
        "creditNotes": [
            {
                "id": n.credit_note_id,
                "operation": n.operation.value,
                "amount": amount_out(n.amount, c),
                "refund": amount_out(n.refund, c),
                "items": list(n.items),
                "createdOn": n.created_at.isoformat(),
            }
            for n in app.credit_notes
        ],
        "payments": [payment_out(app, n) for n in range(len(app.payments))],
        "marks": [
            {
                "operation": m.operation.value,
                "at": m.at.isoformat(),
                "items": list(m.items),
                **m.fields,
            }
            for m in app.mark_log
        ],
        "decisionNote": app.decision_note,
        "notificationUrl": app.notification_url,
        "paymentsUrl": app.payments_url,
        "createdOn": app.created_at.isoformat(),
        "updatedOn": app.updated_at.isoformat(),
    }
