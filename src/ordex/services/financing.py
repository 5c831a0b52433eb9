"""Use cases of the financing dialect: applications, decisions, item marks, payments.

Each use case opens one unit of work and commits once; the application's notifications
go to the outbox in the same transaction (:mod:`ordex.services.financing_notices`). A
change that meets a concurrent writer (``ConcurrentUpdate`` from the version check) is
read and decided again, so the loser of a race gets the rule that now refuses it (e.g.
"item ... is already sent") rather than a bare conflict.

A create request is *identical* to an earlier one when it comes from the same partner with
the same order number, financing type, currency, items and notification URL (a SHA-256
fingerprint of those, stored with a unique constraint): it answers the original
application instead of creating a second one. Another request for an order number that
already has a live (PROCESSING or READY) application is refused.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from ordex.domain.accounts import Account
from ordex.domain.content import PartyId
from ordex.domain.errors import (
    ApplicationNotFound,
    ApplicationUnprocessable,
    AuthenticationFailed,
    ConcurrentUpdate,
    InvalidRequest,
)
from ordex.domain.financing import (
    Application,
    ApplicationState,
    FinancingType,
)
from ordex.domain.financing_items import (
    CreditNote,
    Identification,
    Item,
    ItemOperation,
    Payment,
    check_order,
    money,
)
from ordex.services.accounts import authenticate, issue_token
from ordex.services.context import Context, new_id
from ordex.services.financing_notices import publish_changes, register_notification_url
from ordex.services.ports import ApplicationQuery, DuplicateApplication, UnitOfWork

PARTNER_SCHEME = "partner"
RETRIES = 3  # reads and decisions again after a concurrent writer won


def partner_of(account: Account, wanted: str | None = None) -> PartyId:
    """The financing partner a key acts for: its account's ``partner:<id>`` party."""
    partners = sorted(
        (p for p in account.parties if p.scheme == PARTNER_SCHEME), key=lambda p: p.value
    )
    if wanted is not None:
        partners = [p for p in partners if p.value == wanted]
    if not partners:
        raise AuthenticationFailed(
            "This key's account acts for no financing partner (a party 'partner:<id>')."
        )
    return partners[0]


@dataclass(frozen=True)
class CreateApplication:
    account: Account
    order_number: str
    financing_type: FinancingType
    currency: str
    items: list[Item]
    total: Decimal | None = None
    notification_url: str | None = None
    partner: str | None = None  # which partner of the account, when it has several
    payments_url: str | None = None
    customer: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)
    agreement: bool = False


def fingerprint(cmd: CreateApplication, partner: PartyId) -> str:
    """What makes two create requests identical (see the module's docstring)."""
    canonical = {
        "partner": str(partner),
        "orderNumber": cmd.order_number,
        "financingType": cmd.financing_type.value,
        "currency": cmd.currency,
        "notificationUrl": cmd.notification_url,
        # only when given: fingerprints of earlier applications stay what they were
        **({"paymentsUrl": cmd.payments_url} if cmd.payments_url else {}),
        "items": [
            [
                item.code,
                item.ean,
                item.name,
                item.type,
                str(item.quantity.normalize()),
                str(money(item.total_price)),
                str(money(item.unit_price)) if item.unit_price is not None else None,
                str(item.vat_rate.normalize()) if item.vat_rate is not None else None,
            ]
            for item in cmd.items
        ],
    }
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def create_application(ctx: Context, cmd: CreateApplication) -> tuple[Application, bool]:
    """The new application (decided by the policy unless it is manual), and whether it is
    new (``False``: an identical earlier request's application)."""
    partner = partner_of(cmd.account, cmd.partner)
    check_order(cmd.items, cmd.total)
    if ctx.transport is not None:
        for url in (cmd.notification_url, cmd.payments_url):
            if url is not None:
                ctx.transport.check_target(url)
    print_ = fingerprint(cmd, partner)
    now = ctx.clock.now()
    with ctx.uow() as uow:
        existing = uow.applications.find(str(partner), print_)
        if existing is not None:
            return existing, False
        for other in uow.applications.for_order(str(partner), cmd.order_number):
            if other.state in (ApplicationState.PROCESSING, ApplicationState.READY):
                raise ApplicationUnprocessable(
                    f"Order {cmd.order_number!r} already has application {other.application_id} "
                    f"({other.state}) with other content; change or cancel that one."
                )
        app = Application(
            application_id=new_id(),
            partner=str(partner),
            order_number=cmd.order_number,
            financing_type=cmd.financing_type,
            currency=cmd.currency,
            items=list(cmd.items),
            created_at=now,
            updated_at=now,
            fingerprint=print_,
            notification_url=cmd.notification_url,
            payments_url=cmd.payments_url,
            customer=dict(cmd.customer),
            order_details=dict(cmd.details),
            agreement=cmd.agreement,
        )
        if cmd.notification_url is not None:
            app.hook_id = register_notification_url(uow, app, cmd.notification_url, now)
        if cmd.payments_url is not None:
            app.payments_hook_id = register_notification_url(uow, app, cmd.payments_url, now)
        decision = ctx.financing_policy.decide(app)
        if decision is not None and decision.approve:
            app.approve(now, note=decision.note)
        elif decision is not None:
            app.reject(now, note=decision.note)
        try:
            uow.applications.add(app)
        except DuplicateApplication:
            pass  # an identical request won the race: answer its application below
        else:
            publish_changes(uow, app)
            uow.commit()
            return app, True
    with ctx.read() as uow:
        original = uow.applications.find(str(partner), print_)
    assert original is not None
    return original, False


def _own(uow: UnitOfWork, account: Account, application_id: str) -> Application:
    """The application if the account acts for its partner; else 'not found'."""
    app = uow.applications.get(application_id)
    if app is None or not any(str(p) == app.partner for p in account.parties):
        raise ApplicationNotFound(f"Application {application_id} was not found.")
    return app


def _any(uow: UnitOfWork, application_id: str) -> Application:
    app = uow.applications.get(application_id)
    if app is None:
        raise ApplicationNotFound(f"Application {application_id} was not found.")
    return app


def _change(
    ctx: Context,
    application_id: str,
    read: Callable[[UnitOfWork, str], Application],
    change: Callable[[Application], None],
) -> Application:
    """Read, change, save and notify in one transaction; again if a concurrent writer won."""
    for attempt in range(RETRIES):
        with ctx.uow() as uow:
            app = read(uow, application_id)
            change(app)
            try:
                uow.applications.update(app)
            except ConcurrentUpdate:
                if attempt == RETRIES - 1:
                    raise
                continue
            publish_changes(uow, app)
            uow.commit()
            return app
    raise AssertionError("unreachable")  # pragma: no cover


def _owned(account: Account) -> Callable[[UnitOfWork, str], Application]:
    return lambda uow, application_id: _own(uow, account, application_id)


def get_application(ctx: Context, account: Account, application_id: str) -> Application:
    with ctx.read() as uow:
        return _own(uow, account, application_id)


def list_applications(
    ctx: Context,
    account: Account,
    states: Sequence[ApplicationState] = (),
    after: tuple[datetime, str] | None = None,
    limit: int = 50,
    partner: str | None = None,
) -> list[Application]:
    """A partner's applications, newest first, optionally only in ``states``."""
    party = partner_of(account, partner)
    with ctx.read() as uow:
        return uow.applications.query(
            ApplicationQuery(
                partner=str(party),
                states=tuple(states),
                after=after,
                limit=limit,
            )
        )


def cancel_application(ctx: Context, account: Account, application_id: str) -> Application:
    now = ctx.clock.now()
    return _change(ctx, application_id, _owned(account), lambda app: app.cancel(now))


def change_order(
    ctx: Context,
    account: Account,
    application_id: str,
    items: list[Item] | None,
    total: Decimal | None = None,
    details: dict[str, Any] | None = None,
    currency: str | None = None,
) -> Application:
    """A partial change: ``items`` (``None``: unchanged), the stated ``total`` (checked
    against the items, or the current ones), and the order's other fields."""
    if items is not None:
        check_order(items, total)
    now = ctx.clock.now()

    def change(app: Application) -> None:
        if currency is not None and currency != app.currency:
            raise InvalidRequest(
                f"order: the application's amounts are in {app.currency}, not {currency}."
            )
        if items is None and total is not None and money(total) != app.total:
            raise InvalidRequest(
                f"order.totalPrice: without items it must stay the items' total ({app.total} "
                f"{app.currency}); send the changed items with it."
            )
        app.change_order(now, list(items) if items is not None else None, details)

    return _change(ctx, application_id, _owned(account), change)


def find_order(
    ctx: Context,
    account: Account,
    order_number: str | None = None,
    variable_symbol: str | None = None,
    application_id: str | None = None,
) -> Application:
    """``GET /financing/v1/orders?orderNumber=&orderVariableSymbol=&applicationId=``: the
    newest application of the partner that matches every given parameter."""
    party = partner_of(account)
    with ctx.read() as uow:
        if application_id is not None:
            found = [_own(uow, account, application_id)]
        elif order_number is not None:
            found = uow.applications.for_order(str(party), order_number)
        else:
            found = uow.applications.query(ApplicationQuery(partner=str(party), limit=10_000))
    hits = [
        app
        for app in found
        if (order_number is None or app.order_number == order_number)
        and (
            variable_symbol is None
            or variable_symbol in (app.order_details.get("variableSymbols") or [])
            or any(m.fields.get("variableSymbol") == variable_symbol for m in app.mark_log)
        )
    ]
    if not hits:
        raise ApplicationNotFound("No order matches the given parameters.")
    return max(hits, key=lambda app: app.created_at)


def mark_items(
    ctx: Context,
    account: Account,
    application_id: str,
    operation: ItemOperation,
    wanted: Sequence[Identification] = (),
    fields: dict[str, Any] | None = None,
) -> tuple[Application, list[Item], CreditNote | None]:
    """Mark the identified items (every eligible one for an empty request); the
    application, the marked items and the credit note it issued, if any."""
    now = ctx.clock.now()
    outcome: list[tuple[list[Item], CreditNote | None]] = []

    def apply(app: Application) -> None:
        outcome[:] = [
            app.mark_items(operation, wanted, now, credit_note_id=new_id(), fields=fields)
        ]

    app = _change(ctx, application_id, _owned(account), apply)
    return app, *outcome[0]


# -- the operator's (or the sandbox user's) hand: admin API, no partner check ------------


def get_any_application(ctx: Context, application_id: str) -> Application:
    """The operator's read (no partner check)."""
    with ctx.read() as uow:
        return _any(uow, application_id)


def decide_application(
    ctx: Context,
    application_id: str,
    approve: bool,
    amount: Decimal | None = None,
    note: str | None = None,
) -> Application:
    now = ctx.clock.now()

    def decide(app: Application) -> None:
        if approve:
            app.approve(now, amount=amount, note=note)
        else:
            app.reject(now, note=note)

    return _change(ctx, application_id, _any, decide)


def record_payment(ctx: Context, application_id: str, amount: Decimal) -> Application:
    """The customer paid ``amount`` (as the financier would learn it)."""
    payment = Payment(payment_id=new_id(), amount=money(amount), received_at=ctx.clock.now())
    return _change(ctx, application_id, _any, lambda app: app.record_payment(payment))


def partner_token(ctx: Context, username: str, password: str) -> tuple[str, int]:
    """``POST /authentication/v1/partner``: the partner ID and an API key of its account buy
    a one-hour bearer token (as ``/connect/token`` does)."""
    try:
        account = authenticate(ctx, password)
    except AuthenticationFailed:
        raise AuthenticationFailed("Unknown partner or wrong password.") from None
    if not account.owns(PartyId(PARTNER_SCHEME, username)):
        raise AuthenticationFailed("Unknown partner or wrong password.")
    return issue_token(ctx, password)
