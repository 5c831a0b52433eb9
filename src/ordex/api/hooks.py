"""PSB hooks: ``GET/PUT /api/v1/{partyId}/hook``, ``DELETE hook/{hookId}``, ``GET hook/ping``,
and ordex's own: deliveries listed, resent, recovered, retried now."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import Ctx, CurrentAccount, IsoDateTime, PathParty
from ordex.api.peppol import ERRORS
from ordex.api.views import as_utc
from ordex.domain.hooks import Attempt, Delivery, Hook
from ordex.services.hooks import (
    PutHook,
    delete_hook,
    list_deliveries,
    list_hooks,
    ping_hooks,
    put_hook,
    recover_failed,
    resend_delivery,
    retry_now,
)

router = APIRouter(prefix="/api/v1/{partyId}", tags=["Hooks (PSB)"], responses=ERRORS)


class HookIn(BaseModel):
    """A hook to create or replace. The read-only fields of a hook as ``GET hook`` answers
    it (``hasSecret``, ``createdOn``, ...) are taken and ignored, so a hook read can be
    sent back; any other field is refused, naming it (a misspelt ``topic`` would
    otherwise be dropped without a word)."""

    model_config = ConfigDict(extra="allow")
    id: str | None = Field(default=None, description="Set to replace an existing hook")
    name: str | None = Field(default=None, max_length=200)
    action: str = Field(min_length=1, max_length=2000, description="https URL to call")
    topics: list[str] = Field(min_length=1, description="Topics; wildcards like *Received")
    secret: str | None = Field(default=None, max_length=200, description="HMAC secret")
    isActive: bool = True

    @model_validator(mode="after")
    def _no_unknown_fields(self) -> HookIn:
        unknown = sorted(set(self.model_extra or {}) - READ_ONLY)
        if unknown:
            known = ", ".join(name for name in HookIn.model_fields)
            raise ValueError(f"unknown field(s) {', '.join(unknown)}; a hook has {known}")
        return self


class HookOut(BaseModel):
    id: str
    name: str | None
    action: str
    topics: list[str]
    isActive: bool
    hasSecret: bool
    disabledReason: str | None
    failingSince: datetime | None
    createdOn: datetime
    changedOn: datetime


def hook_out(hook: Hook) -> HookOut:
    return HookOut(
        id=hook.hook_id,
        name=hook.name,
        action=hook.action,
        topics=hook.topics,
        isActive=hook.is_active,
        hasSecret=bool(hook.secret),
        disabledReason=hook.disabled_reason,
        failingSince=hook.failing_since,
        createdOn=hook.created_at,
        changedOn=hook.changed_at,
    )


@router.get("/hook", response_model=list[HookOut], summary="The party's hooks")
async def get_hooks(partyId: PathParty, account: CurrentAccount, ctx: Ctx) -> list[HookOut]:
    hooks = await run_in_threadpool(list_hooks, ctx, account, partyId)
    return [hook_out(hook) for hook in hooks]


@router.put("/hook", response_model=HookOut, summary="Create a hook, or replace one by id")
async def put(partyId: PathParty, body: HookIn, account: CurrentAccount, ctx: Ctx) -> HookOut:
    command = PutHook(
        account=account,
        party=partyId,
        action=body.action,
        topics=body.topics,
        hook_id=body.id,
        name=body.name,
        secret=body.secret,
        is_active=body.isActive,
    )
    return hook_out(await run_in_threadpool(put_hook, ctx, command))


@router.delete("/hook/{hookId}", status_code=204, summary="Delete a hook")
async def delete(partyId: PathParty, hookId: str, account: CurrentAccount, ctx: Ctx) -> Response:
    await run_in_threadpool(delete_hook, ctx, account, partyId, hookId)
    return Response(status_code=204)


class PingOut(BaseModel):
    queued: int


@router.get("/hook/ping", response_model=PingOut, summary="Send a Ping to the party's hooks")
async def ping(partyId: PathParty, account: CurrentAccount, ctx: Ctx) -> PingOut:
    return PingOut(queued=await run_in_threadpool(ping_hooks, ctx, account, partyId))


class AttemptOut(BaseModel):
    attemptedOn: datetime
    statusCode: int | None
    durationMs: int
    responseExcerpt: str | None = Field(description="At most 2 KB of the answer")
    error: str | None


class DeliveryOut(BaseModel):
    id: str = Field(description="Also the webhook-id header of every attempt")
    topic: str
    documentId: str
    status: str = Field(description="pending, succeeded or failed")
    attempts: int
    lastStatusCode: int | None
    lastError: str | None
    nextAttemptOn: datetime | None
    createdOn: datetime
    history: list[AttemptOut]


def delivery_out(delivery: Delivery, attempts: list[Attempt]) -> DeliveryOut:
    return DeliveryOut(
        id=delivery.delivery_id,
        topic=delivery.topic,
        documentId=delivery.document_id,
        status=delivery.status.value,
        attempts=delivery.attempts,
        lastStatusCode=delivery.last_status_code,
        lastError=delivery.last_error,
        nextAttemptOn=delivery.next_attempt_at,
        createdOn=delivery.created_at,
        history=[
            AttemptOut(
                attemptedOn=a.attempted_at,
                statusCode=a.status_code,
                durationMs=a.duration_ms,
                responseExcerpt=a.response_excerpt,
                error=a.error,
            )
            for a in attempts
        ],
    )


@router.get(
    "/hook/{hookId}/deliveries",
    response_model=list[DeliveryOut],
    summary="The hook's latest deliveries and their attempts (ordex)",
)
async def deliveries(
    partyId: PathParty,
    hookId: str,
    account: CurrentAccount,
    ctx: Ctx,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[DeliveryOut]:
    found = await run_in_threadpool(list_deliveries, ctx, account, partyId, hookId, limit)
    return [delivery_out(d, attempts) for d, attempts in found]


@router.post(
    "/hook/{hookId}/deliveries/{deliveryId}/resend",
    response_model=DeliveryOut,
    summary="Send a past delivery again (ordex)",
)
async def resend(
    partyId: PathParty, hookId: str, deliveryId: str, account: CurrentAccount, ctx: Ctx
) -> DeliveryOut:
    delivery = await run_in_threadpool(resend_delivery, ctx, account, partyId, hookId, deliveryId)
    return delivery_out(delivery, [])


class RecoverIn(BaseModel):
    since: IsoDateTime = Field(description="Recover failed deliveries created since then")


class RecoverOut(BaseModel):
    queued: int = Field(description="Failed deliveries queued again")
    released: int = Field(description="Deliveries that waited for a retry, due now")


@router.post(
    "/hook/{hookId}/deliveries/recover",
    response_model=RecoverOut,
    summary="Queue again every failed delivery since a time, and retry now (ordex)",
)
async def recover(
    partyId: PathParty, hookId: str, body: RecoverIn, account: CurrentAccount, ctx: Ctx
) -> RecoverOut:
    since = as_utc(body.since)
    assert since is not None
    done = await run_in_threadpool(recover_failed, ctx, account, partyId, hookId, since)
    return RecoverOut(queued=done.queued, released=done.released)


class RetryOut(BaseModel):
    released: int = Field(description="Deliveries that waited for a retry, due now")


@router.post(
    "/hook/{hookId}/deliveries/retry",
    response_model=RetryOut,
    summary="Retry now what waits for a retry, without the back-off (ordex)",
)
async def retry(partyId: PathParty, hookId: str, account: CurrentAccount, ctx: Ctx) -> RetryOut:
    released = await run_in_threadpool(retry_now, ctx, account, partyId, hookId)
    return RetryOut(released=released)


READ_ONLY = set(HookOut.model_fields) - set(HookIn.model_fields)
"""The fields of ``GET hook``'s answer that a ``PUT`` may carry back and that are ignored."""
