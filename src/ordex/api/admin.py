"""Admin API under ``/admin/v1``, guarded by ``ORDEX_ADMIN_TOKEN`` (problem+json errors):
accounts and their keys (create, rotate, revoke, disable), the retention purge.

``{account}`` is an account's ID or one of its parties. Answers that carry a key are
never cached (``Cache-Control: no-store``)."""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ordex.api.auth import NO_STORE
from ordex.api.deps import Ctx, bearer, runtime
from ordex.domain.accounts import Account, ApiKey, key_id_of
from ordex.domain.errors import AuthenticationFailed
from ordex.parties import parse_account_party
from ordex.services.accounts import (
    MAX_GRACE,
    account_keys,
    create_account,
    revoke_key,
    rotate_key,
    set_account_disabled,
)
from ordex.services.receiving import purge_expired_documents


def require_admin(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    token = runtime(request).settings.admin_token
    if token is None:
        raise AuthenticationFailed("The admin API is disabled: set ORDEX_ADMIN_TOKEN.")
    if credentials is None or not hmac.compare_digest(credentials.credentials, token):
        raise AuthenticationFailed("Send 'Authorization: Bearer <ORDEX_ADMIN_TOKEN>'.")


PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
router = APIRouter(
    prefix="/admin/v1",
    tags=["Admin"],
    dependencies=[Depends(require_admin)],
    responses={
        400: {"description": "Invalid request", **PROBLEM},
        401: {"description": "Missing or wrong admin token", **PROBLEM},
        404: {"description": "No such account or key", **PROBLEM},
        409: {"description": "A party already belongs to an account", **PROBLEM},
    },
)


class AccountIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    parties: list[str] = Field(
        min_length=1,
        description="Party IDs: Peppol 0088:7300010000001, business:<code>, partner:<id>",
    )


class AccountOut(BaseModel):
    accountId: str
    name: str
    parties: list[str]
    apiKey: str = Field(description="Shown once; ordex keeps only its hash")
    keyId: str = Field(description="The key's public ID, to revoke it")


class KeyOut(BaseModel):
    keyId: str = Field(description="The first hex digits of the key's hash")
    createdOn: datetime
    revokedOn: datetime | None = Field(
        default=None, description="Refused from then on (a later time: a rotation's grace)"
    )


class AccountStatusOut(BaseModel):
    accountId: str
    name: str
    parties: list[str]
    disabled: bool
    disabledOn: datetime | None = None
    keys: list[KeyOut]


class RotateIn(BaseModel):
    graceSeconds: int = Field(
        default=0,
        ge=0,
        le=int(MAX_GRACE.total_seconds()),
        description="How long the old keys (and their tokens) keep working; 0: not at all",
    )


class RotationOut(BaseModel):
    accountId: str
    apiKey: str = Field(description="The new key, shown once; ordex keeps only its hash")
    keyId: str
    revoked: list[KeyOut] = Field(description="The keys this rotation revoked")


class PurgeOut(BaseModel):
    purged: int


@router.post(
    "/accounts",
    response_model=AccountOut,
    status_code=201,
    summary="Create an account with its parties and a first API key",
)
async def create(body: AccountIn, ctx: Ctx, response: Response) -> AccountOut:
    parties = [parse_account_party(text) for text in body.parties]
    account, key = await run_in_threadpool(create_account, ctx, body.name, parties)
    response.headers.update(NO_STORE)
    return AccountOut(
        accountId=account.account_id,
        name=account.name,
        parties=[str(p) for p in account.parties],
        apiKey=key,
        keyId=key_id_of(key),
    )


def _key_out(key: ApiKey) -> KeyOut:
    return KeyOut(keyId=key.key_id, createdOn=key.created_at, revokedOn=key.revoked_at)


def _status(account: Account, keys: list[ApiKey]) -> AccountStatusOut:
    return AccountStatusOut(
        accountId=account.account_id,
        name=account.name,
        parties=[str(p) for p in account.parties],
        disabled=account.disabled,
        disabledOn=account.disabled_at,
        keys=[_key_out(key) for key in keys],
    )


Ref = Annotated[str, Path(description="The account's ID, or one of its parties")]


@router.get(
    "/accounts/{account}",
    response_model=AccountStatusOut,
    summary="An account: its parties, whether it is disabled, its keys (IDs only)",
)
async def get_account(account: Ref, ctx: Ctx) -> AccountStatusOut:
    found = await run_in_threadpool(account_keys, ctx, account)
    return _status(found.account, found.keys)


@router.post(
    "/accounts/{account}/keys/rotate",
    response_model=RotationOut,
    status_code=201,
    summary="A new key (shown once); the account's other keys are revoked, after a grace",
)
async def rotate(
    account: Ref, ctx: Ctx, response: Response, body: RotateIn | None = None
) -> RotationOut:
    grace = timedelta(seconds=body.graceSeconds if body else 0)
    done = await run_in_threadpool(rotate_key, ctx, account, grace)
    response.headers.update(NO_STORE)
    return RotationOut(
        accountId=done.account.account_id,
        apiKey=done.secret,
        keyId=done.key.key_id,
        revoked=[_key_out(key) for key in done.revoked],
    )


@router.delete(
    "/accounts/{account}/keys/{keyId}",
    status_code=204,
    summary="Revoke a key now, and every token it bought",
)
async def revoke(account: Ref, keyId: str, ctx: Ctx) -> Response:
    await run_in_threadpool(revoke_key, ctx, account, keyId)
    return Response(status_code=204)


async def _set_disabled(ctx: Any, account: str, disabled: bool) -> AccountStatusOut:
    found = await run_in_threadpool(set_account_disabled, ctx, account, disabled)
    return _status(found.account, found.keys)


@router.post(
    "/accounts/{account}/disable",
    response_model=AccountStatusOut,
    summary="Disable an account: its keys and tokens answer 401 until it is enabled",
)
async def disable(account: Ref, ctx: Ctx) -> AccountStatusOut:
    return await _set_disabled(ctx, account, True)


@router.post(
    "/accounts/{account}/enable",
    response_model=AccountStatusOut,
    summary="Enable a disabled account again",
)
async def enable(account: Ref, ctx: Ctx) -> AccountStatusOut:
    return await _set_disabled(ctx, account, False)


@router.post(
    "/purge",
    response_model=PurgeOut,
    summary="Run the retention purge now (the server also runs it periodically)",
)
async def purge(ctx: Ctx) -> PurgeOut:
    return PurgeOut(purged=await run_in_threadpool(purge_expired_documents, ctx))
