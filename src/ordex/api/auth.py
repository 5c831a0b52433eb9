"""``POST /connect/token``: OAuth2 client_credentials, so PSB clients work unchanged.

The client secret is an ordex API key (a token buys no token); the answer is a one-hour
bearer token that lives only while that key does, and is never cached (``no-store``).
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated
from urllib.parse import unquote_plus

from fastapi import APIRouter, Form, Request
from fastapi.responses import JSONResponse
from fastapi.security.utils import get_authorization_scheme_param
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import Ctx
from ordex.domain.errors import AuthenticationFailed
from ordex.services.accounts import issue_token

router = APIRouter(tags=["Authentication"])

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
"""On every answer that carries a secret (RFC 6749 section 5.1)."""


GRANTS = ("client_credentials", "password")


def _oauth_error(error: str, description: str, status: int, basic: bool = False) -> JSONResponse:
    headers = dict(NO_STORE)
    if status == 401:
        headers["WWW-Authenticate"] = 'Basic realm="ordex"' if basic else "Bearer"
    body = {"error": error, "error_description": description}
    return JSONResponse(body, status_code=status, headers=headers)


def _basic_secret(request: Request) -> str | None:
    """The client secret of HTTP Basic client authentication (RFC 6749 section 2.3.1:
    ``client_id:client_secret``, each form-URL-encoded); None without such a header."""
    scheme, encoded = get_authorization_scheme_param(request.headers.get("Authorization"))
    if scheme.lower() != "basic" or not encoded:
        return None
    try:
        decoded = base64.b64decode(encoded, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return ""
    _, colon, secret = decoded.partition(":")
    return unquote_plus(secret) if colon else ""


@router.post("/connect/token", summary="OAuth2 token (client_credentials or password)")
async def token(
    request: Request,
    ctx: Ctx,
    grant_type: Annotated[str | None, Form()] = None,
    client_id: Annotated[str | None, Form()] = None,
    client_secret: Annotated[str | None, Form()] = None,
    password: Annotated[str | None, Form()] = None,
    username: Annotated[str | None, Form()] = None,
    scope: Annotated[str | None, Form()] = None,
) -> JSONResponse:
    if not grant_type:
        return _oauth_error(
            "invalid_request",
            "grant_type is missing: send grant_type=client_credentials with "
            "client_secret=<API key> (form-encoded), or HTTP Basic client credentials.",
            400,
        )
    if grant_type not in GRANTS:
        return _oauth_error(
            "unsupported_grant_type",
            f"grant_type {grant_type[:40]!r} is not supported: use client_credentials "
            "(client_secret=<API key>, or HTTP Basic) or password (password=<API key>).",
            400,
        )
    basic = _basic_secret(request)
    secret = client_secret if grant_type == "client_credentials" else password
    secret = secret or basic
    if not secret:
        where = "client_secret" if grant_type == "client_credentials" else "password"
        return _oauth_error(
            "invalid_client",
            f"No client secret: send the API key as {where} (form-encoded) or as the "
            "password of HTTP Basic client credentials.",
            401,
            basic=basic is not None,
        )
    try:
        access_token, expires_in = await run_in_threadpool(issue_token, ctx, secret)
    except AuthenticationFailed:
        return _oauth_error(
            "invalid_client",
            "The client secret is not a valid API key (unknown, revoked or disabled; a "
            "token buys no token).",
            401,
            basic=basic is not None,
        )
    return JSONResponse(
        {
            "access_token": access_token,
            "expires_in": expires_in,
            "token_type": "Bearer",
            "scope": scope or "ap",
        },
        headers=NO_STORE,
    )
