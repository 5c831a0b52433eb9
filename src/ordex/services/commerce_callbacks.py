"""Commerce notification callbacks (``/administration/v1/notification-callbacks``).

A callback is a hook of dialect ``commerce`` on the party ``business:<businessCode>``: the
delivery worker sends it the dialect's own bodies, signed with the Standard Webhooks
headers. ``accounting/EDIErrorSent`` is always among its types (the hosted service makes
it mandatory). Without a secret of its own, one ``whsec_...`` is made and shown once.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass

from ordex.domain.accounts import Account
from ordex.domain.content import PartyId
from ordex.domain.errors import FieldProblem, HookNotFound, InvalidFields
from ordex.domain.hooks import Hook, HookDialect
from ordex.services.commerce import business
from ordex.services.commerce_notices import EDI_ERROR_SENT
from ordex.services.context import Context, new_id

PREFIX = "accounting/"
# What the hosted service offers; ordex sends EDIErrorSent and refundCompleted.
KNOWN_TYPES = tuple(
    PREFIX + name
    for name in (
        "EDIErrorSent",
        "refundCompleted",
        "invoiceCreated",
        "documentCreated",
        "balanceUpdated",
        "chargebackReceived",
        "paymentReceived",
    )
)


@dataclass(frozen=True)
class RegisterCallback:
    account: Account
    callback_url: str
    notification_types: list[str]
    business_code: str | None = None
    secret: str | None = None


def _businesses(account: Account) -> list[PartyId]:
    return [party for party in account.parties if party.scheme == "business"]


def _party(account: Account, business_code: str | None) -> PartyId:
    owned = _businesses(account)
    if business_code is not None:
        if business(business_code) not in owned:
            raise InvalidFields(
                f"businessCode {business_code!r} is not one of this key's businesses.",
                [FieldProblem("businessCode", f"{business_code!r} is not yours.")],
            )
        return business(business_code)
    if len(owned) != 1:
        raise InvalidFields(
            "businessCode: this key acts for several businesses (or none); name one.",
            [FieldProblem("businessCode", "required: name the business to notify.")],
        )
    return owned[0]


def normalized_types(types: list[str]) -> list[str]:
    problems: list[FieldProblem] = []
    result = [EDI_ERROR_SENT]
    for n, name in enumerate(types):
        full = name if name.startswith(PREFIX) else PREFIX + name
        if full not in KNOWN_TYPES:
            problems.append(
                FieldProblem(f"notificationTypes[{n}]", f"{name!r} is no notification type.")
            )
        elif full not in result:
            result.append(full)
    if problems:
        raise InvalidFields("Unknown notification types.", problems)
    return result


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


def register_callback(ctx: Context, command: RegisterCallback) -> Hook:
    party = _party(command.account, command.business_code)
    topics = normalized_types(command.notification_types)
    if ctx.transport is not None:
        ctx.transport.check_target(command.callback_url)
    now = ctx.clock.now()
    hook = Hook(
        hook_id=new_id(),
        party_id=str(party),
        action=command.callback_url,
        topics=topics,
        created_at=now,
        changed_at=now,
        name="notification callback",
        secret=command.secret or new_secret(),
        dialect=HookDialect.COMMERCE,
    )
    with ctx.uow() as uow:
        uow.hooks.add(hook)
        uow.commit()
    return hook


def list_callbacks(ctx: Context, account: Account) -> list[Hook]:
    with ctx.read() as uow:
        return [
            hook
            for party in _businesses(account)
            for hook in uow.hooks.for_party(str(party))
            if hook.dialect is HookDialect.COMMERCE
        ]


def own_callback(ctx: Context, account: Account, callback_id: str) -> Hook:
    with ctx.read() as uow:
        hook = uow.hooks.get(callback_id)
    owned = {str(party) for party in _businesses(account)}
    if hook is None or hook.dialect is not HookDialect.COMMERCE or hook.party_id not in owned:
        raise HookNotFound(f"Notification callback {callback_id} was not found.")
    return hook


def delete_callback(ctx: Context, account: Account, callback_id: str) -> None:
    own_callback(ctx, account, callback_id)
    with ctx.uow() as uow:
        uow.hooks.delete(callback_id)
        uow.commit()
