"""PSB hooks: ``GET/PUT /api/v1/{partyId}/hook``, ``DELETE hook/{hookId}``, ``GET hook/ping``."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import Ctx, CurrentAccount, PathParty
from ordex.api.peppol import ERRORS
from ordex.domain.hooks import Hook
from ordex.services.hooks import PutHook, delete_hook, list_hooks, ping_hooks, put_hook

router = APIRouter(prefix="/api/v1/{partyId}", tags=["Hooks (PSB)"], responses=ERRORS)


class HookIn(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str | None = Field(default=None, description="Set to replace an existing hook")
    name: str | None = Field(default=None, max_length=200)
    action: str = Field(min_length=1, max_length=2000, description="https URL to call")
    topics: list[str] = Field(min_length=1, description="Topics; wildcards like *Received")
    secret: str | None = Field(default=None, max_length=200, description="HMAC secret")
    isActive: bool = True


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
