"""Commerce notification callbacks: ``/administration/v1/notification-callbacks``.

Register ``{callbackUrl, notificationTypes[]}`` (``accounting/EDIErrorSent`` is always
included); list; delete; and, as ordex adds, list a callback's deliveries and send one
again. Deliveries carry the Standard Webhooks headers, signed with the callback's secret
(given in ``secret``, or made and answered once on registration).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from ordex.api.commerce import ERRORS, CommerceAccount
from ordex.api.deps import Ctx
from ordex.api.hooks import DeliveryOut, delivery_out
from ordex.domain.hooks import Hook, HookDialect
from ordex.services.commerce_callbacks import (
    RegisterCallback,
    delete_callback,
    list_callbacks,
    own_callback,
    register_callback,
)
from ordex.services.commerce_notices import TOPICS
from ordex.services.hooks import list_deliveries, resend_delivery

router = APIRouter(
    prefix="/administration/v1/notification-callbacks",
    tags=["Commerce notification callbacks"],
    responses=ERRORS,
)


class CallbackIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    callbackUrl: str = Field(min_length=1, max_length=2000)
    notificationTypes: list[str] = Field(
        default_factory=list, description="e.g. accounting/refundCompleted"
    )
    businessCode: str | None = Field(
        default=None, description="ordex: needed only when the key acts for several businesses"
    )
    secret: str | None = Field(
        default=None, min_length=8, max_length=200, description="ordex: signing secret"
    )


class CallbackOut(BaseModel):
    id: str
    callbackUrl: str
    notificationTypes: list[str]
    description: str
    businessCode: str
    isActive: bool
    createdOn: datetime
    secret: str | None = Field(
        default=None, description="Only in the registration answer: verify signatures with it"
    )


def _description(hook: Hook) -> str:
    """Which of the registered types ordex sends, and which it never does (it registers
    them, as the hosted service does, but says so here instead of staying silent)."""
    sent = [topic for topic in hook.topics if topic in TOPICS]
    never = [topic for topic in hook.topics if topic not in TOPICS]
    text = f"Notifies {', '.join(sent)} to {hook.action}"
    if never:
        text += f"; ordex never sends {', '.join(never)} (not supported)"
    return text


def callback_out(hook: Hook, with_secret: bool = False) -> CallbackOut:
    return CallbackOut(
        id=hook.hook_id,
        callbackUrl=hook.action,
        notificationTypes=hook.topics,
        description=_description(hook),
        businessCode=hook.party_id.partition(":")[2],
        isActive=hook.is_active,
        createdOn=hook.created_at,
        secret=hook.secret if with_secret else None,
    )


@router.post("", response_model=CallbackOut, summary="Register a notification callback")
async def post_callback(body: CallbackIn, account: CommerceAccount, ctx: Ctx) -> CallbackOut:
    command = RegisterCallback(
        account=account,
        callback_url=body.callbackUrl,
        notification_types=body.notificationTypes,
        business_code=body.businessCode,
        secret=body.secret,
    )
    hook = await run_in_threadpool(register_callback, ctx, command)
    return callback_out(hook, with_secret=True)


@router.get("", response_model=list[CallbackOut], summary="The notification callbacks")
async def get_callbacks(account: CommerceAccount, ctx: Ctx) -> list[CallbackOut]:
    return [callback_out(hook) for hook in await run_in_threadpool(list_callbacks, ctx, account)]


@router.delete("/{callbackId}", status_code=204, summary="Delete a notification callback")
async def delete(callbackId: str, account: CommerceAccount, ctx: Ctx) -> Response:
    await run_in_threadpool(delete_callback, ctx, account, callbackId)
    return Response(status_code=204)


@router.get(
    "/{callbackId}/deliveries",
    response_model=list[DeliveryOut],
    summary="The callback's latest deliveries and their attempts (ordex)",
)
async def deliveries(
    callbackId: str,
    account: CommerceAccount,
    ctx: Ctx,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[DeliveryOut]:
    hook = await run_in_threadpool(own_callback, ctx, account, callbackId)
    party = next(p for p in account.parties if str(p) == hook.party_id)
    found = await run_in_threadpool(
        list_deliveries, ctx, account, party, callbackId, limit, HookDialect.COMMERCE
    )
    return [delivery_out(d, attempts) for d, attempts in found]


@router.post(
    "/{callbackId}/deliveries/{deliveryId}/resend",
    response_model=DeliveryOut,
    summary="Send a past notification again, same webhook-id (ordex)",
)
async def resend(
    callbackId: str, deliveryId: str, account: CommerceAccount, ctx: Ctx
) -> DeliveryOut:
    hook = await run_in_threadpool(own_callback, ctx, account, callbackId)
    party = next(p for p in account.parties if str(p) == hook.party_id)
    delivery = await run_in_threadpool(
        resend_delivery, ctx, account, party, callbackId, deliveryId, HookDialect.COMMERCE
    )
    return delivery_out(delivery, [])
