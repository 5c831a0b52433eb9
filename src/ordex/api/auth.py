"""``POST /connect/token``: OAuth2 client_credentials, so PSB clients work unchanged.

The client secret is an ordex API key (a token buys no token); the answer is a one-hour
bearer token that lives only while that key does, and is never cached (``no-store``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import Ctx
from ordex.domain.errors import AuthenticationFailed
from ordex.services.accounts import issue_token

router = APIRouter(tags=["Authentication"])

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
"""On every answer that carries a secret (RFC 6749 section 5.1)."""


@router.post("/connect/token", summary="OAuth2 token (client_credentials or password)")
async def token(
    ctx: Ctx,
    grant_type: Annotated[str, Form()],
    client_id: Annotated[str | None, Form()] = None,
    client_secret: Annotated[str | None, Form()] = None,
    password: Annotated[str | None, Form()] = None,
    username: Annotated[str | None, Form()] = None,
    scope: Annotated[str | None, Form()] = None,
) -> JSONResponse:
    if grant_type not in ("client_credentials", "password"):
        return JSONResponse({"error": "unsupported_grant_type"}, status_code=400, headers=NO_STORE)
    secret = client_secret if grant_type == "client_credentials" else password
    if not secret:
        return JSONResponse({"error": "invalid_client"}, status_code=401, headers=NO_STORE)
    try:
        access_token, expires_in = await run_in_threadpool(issue_token, ctx, secret)
    except AuthenticationFailed:
        return JSONResponse({"error": "invalid_client"}, status_code=401, headers=NO_STORE)
    return JSONResponse(
        {
            "access_token": access_token,
            "expires_in": expires_in,
            "token_type": "Bearer",
            "scope": scope or "ap",
        },
        headers=NO_STORE,
    )
