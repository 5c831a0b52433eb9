"""Admin API under ``/admin/v1``, guarded by ``ORDEX_ADMIN_TOKEN`` (problem+json errors)."""

from __future__ import annotations

import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import Ctx, bearer, runtime
from ordex.domain.errors import AuthenticationFailed
from ordex.parties import parse_account_party
from ordex.services.accounts import create_account
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


class PurgeOut(BaseModel):
    purged: int


@router.post(
    "/accounts",
    response_model=AccountOut,
    status_code=201,
    summary="Create an account with its parties and a first API key",
)
async def create(body: AccountIn, ctx: Ctx) -> AccountOut:
    parties = [parse_account_party(text) for text in body.parties]
    account, key = await run_in_threadpool(create_account, ctx, body.name, parties)
    return AccountOut(
        accountId=account.account_id,
        name=account.name,
        parties=[str(p) for p in account.parties],
        apiKey=key,
    )


@router.post(
    "/purge",
    response_model=PurgeOut,
    summary="Run the retention purge now (the server also runs it periodically)",
)
async def purge(ctx: Ctx) -> PurgeOut:
    return PurgeOut(purged=await run_in_threadpool(purge_expired_documents, ctx))
