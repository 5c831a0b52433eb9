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
from ordex.domain.hooks import Attempt, Delivery, Hook, HookDialect
from ordex.services.context import Context, new_id
from ordex.services.hooks import list_deliveries, resend_delivery
from ordex.services.ports import OutboxMessage, UnitOfWork

TOPIC = "financing/ApplicationChanged"


def register_notification_url(uow: UnitOfWork, app: Application, now: datetime) -> str:
    """The application's notification URL as a financing hook of its partner; its ID."""
    assert app.notification_url is not None
    hook = Hook(
        hook_id=new_id(),
        party_id=app.partner,
        action=app.notification_url,
        topics=["*"],
        created_at=now,
        changed_at=now,
        name=f"application {app.application_id}",
        dialect=HookDialect.FINANCING,
    )
    uow.hooks.add(hook)
    return hook.hook_id


def payload(event: ApplicationChanged, order_number: str) -> dict[str, Any]:
    path = f"/financing/v1/applications/{event.application_id}"
    note = event.credit_note
    return {
        "applicationId": event.application_id,
        "orderNumber": order_number,
        "state": event.state.value,
        "stateReason": event.state_reason.value,
        "substate": event.state_reason.value,
        "previousState": event.previous_state.value,
        "previousStateReason": event.previous_state_reason.value,
        "change": event.change,
        "message": event.message,
        "items": list(event.items),
        "creditNote": (
            None
            if note is None
            else {
                "id": note.credit_note_id,
                "operation": note.operation.value,
                "amount": str(note.amount),
                "refund": str(note.refund),
            }
        ),
        "changedOn": event.at.isoformat(),
        "checkState": f"GET {path}",
        "notice": f"Notifications are not signed: always check the state with GET {path}.",
    }


def publish_changes(uow: UnitOfWork, app: Application) -> None:
    """Every event the application recorded, to its notification URL (if it has one)."""
    events, app.events = app.events, []
    if app.hook_id is None:
        return
    for event in events:
        uow.outbox.add(
            OutboxMessage(
                message_id=new_id(),
                topic=TOPIC,
                party_id=app.partner,
                document_id=app.application_id,
                sender_party_id="",
                message=event.message,
                created_at=event.at,
                body=payload(event, app.order_number),
                hook_id=app.hook_id,
            )
        )


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
