"""A financing application's notifications: its notification URL is a hook of the
financing dialect, and every change goes to the outbox, in the changing transaction.

The delivery worker sends the body exactly as written here, to that one hook, and retries
after 1, 5, 5, 5 and 5 minutes (the dialect's schedule in ``ordex.domain.hooks``). There is
no signature in this dialect: the body tells the receiver to re-check the state with GET.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ordex.domain.accounts import Account
from ordex.domain.content import PartyId
from ordex.domain.errors import ApplicationNotFound, DeliveryNotFound
from ordex.domain.financing import Application, ApplicationChanged
from ordex.domain.financing_items import Payment, minor_units
from ordex.domain.hooks import Attempt, Delivery, Hook, HookDialect
from ordex.services.context import Context, new_id
from ordex.services.hooks import list_deliveries, resend_delivery
from ordex.services.ports import OutboxMessage, UnitOfWork

TOPIC = "financing/ApplicationChanged"
PAYMENT_TOPIC = "financing/PaymentReceived"


def register_notification_url(uow: UnitOfWork, app: Application, url: str, now: datetime) -> str:
    """One of the application's URLs as a financing hook of its partner; its ID."""
    hook = Hook(
        hook_id=new_id(),
        party_id=app.partner,
        action=url,
        topics=["*"],
        created_at=now,
        changed_at=now,
        name=f"application {app.application_id}",
        dialect=HookDialect.FINANCING,
    )
    uow.hooks.add(hook)
    return hook.hook_id


def payload(event: ApplicationChanged) -> dict[str, Any]:
    """The SDK's application notification: its ``ApplicationBaseResponse``, no more (the
    Java SDK's parser refuses other fields). What changed is on ``…/ledger``."""
    return {
        "id": event.application_id,
        "state": event.state.value,
        "stateReason": event.state_reason.value,
    }


def payment_payload(app: Application, payment: Payment) -> dict[str, Any]:
    """The payment notification (developers.skippay.cz "Payment notification"; the SDK's
    ``Payment`` model and ``variableSymbol``): what was paid to the partner."""
    symbols = app.order_details.get("variableSymbols") or []
    sent = [m.fields["variableSymbol"] for m in app.mark_log if m.fields.get("variableSymbol")]
    symbol = sent[-1] if sent else (symbols[0] if symbols else None)
    return {
        "paymentId": payment.payment_id,
        "date": payment.received_at.date().isoformat(),
        "applicationId": app.application_id,
        "value": {
            "amount": minor_units(payment.amount, app.currency),
            "currency": app.currency,
        },
        **({"variableSymbol": symbol} if symbol else {}),
    }


def _message(
    app: Application, event: ApplicationChanged, hook_id: str, body: dict[str, Any], topic: str
) -> OutboxMessage:
    return OutboxMessage(
        message_id=new_id(),
        topic=topic,
        party_id=app.partner,
        document_id=app.application_id,
        sender_party_id="",
        message=event.message,
        created_at=event.at,
        body=body,
        hook_id=hook_id,
    )


def publish_changes(uow: UnitOfWork, app: Application) -> None:
    """Every event the application recorded, to its notification URL, and every payment
    to its payments URL (if it has them)."""
    events, app.events = app.events, []
    for event in events:
        if app.hook_id is not None:
            uow.outbox.add(_message(app, event, app.hook_id, payload(event), TOPIC))
        if app.payments_hook_id is not None and event.payment is not None:
            body = payment_payload(app, event.payment)
            uow.outbox.add(_message(app, event, app.payments_hook_id, body, PAYMENT_TOPIC))


def _hook_of(ctx: Context, account: Account, application_id: str) -> tuple[PartyId, str | None]:
    """The partner and notification hook of an application the account may see."""
    with ctx.read() as uow:
        app = uow.applications.get(application_id)
    if app is None or not any(str(p) == app.partner for p in account.parties):
        raise ApplicationNotFound(f"Application {application_id} was not found.")
    scheme, _, value = app.partner.partition(":")
    return PartyId(scheme, value), app.hook_id


def list_notifications(
    ctx: Context, account: Account, application_id: str, limit: int = 100
) -> list[tuple[Delivery, list[Attempt]]]:
    """The application's notifications, newest first, each with every attempt."""
    partner, hook_id = _hook_of(ctx, account, application_id)
    if hook_id is None:
        return []
    return list_deliveries(ctx, account, partner, hook_id, limit, HookDialect.FINANCING)


def resend_notification(
    ctx: Context, account: Account, application_id: str, delivery_id: str
) -> Delivery:
    """Send a past notification again, from the first try of the schedule."""
    partner, hook_id = _hook_of(ctx, account, application_id)
    if hook_id is None:
        raise DeliveryNotFound(f"Notification {delivery_id} was not found.")
    return resend_delivery(ctx, account, partner, hook_id, delivery_id, HookDialect.FINANCING)
