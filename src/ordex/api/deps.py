"""Request plumbing shared by the routers: the runtime, the caller's account, party IDs."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Path, Request, Response
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param
from pydantic import BeforeValidator
from starlette.concurrency import run_in_threadpool

from ordex.api.edge import ACCOUNT
from ordex.api.urls import public_base_url as public_base_url  # (re-exported)
from ordex.bootstrap import Runtime
from ordex.domain.accounts import Account
from ordex.domain.content import PartyId
from ordex.domain.errors import AuthenticationFailed
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import authenticate
from ordex.services.context import Context

bearer = HTTPBearer(auto_error=False, description="An ordex API key or a /connect/token token")


def runtime(request: Request) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt


def context(request: Request) -> Context:
    return runtime(request).ctx


def bearer_token(request: Request) -> str:
    """The token of ``Authorization: Bearer <token>``, read as ``bearer`` reads it."""
    authorization = request.headers.get("Authorization")
    scheme, token = get_authorization_scheme_param(authorization)
    if not (authorization and scheme and token) or scheme.lower() != "bearer":
        raise AuthenticationFailed("Send 'Authorization: Bearer <API key or access token>'.")
    return token


def guarded_account(request: Request) -> Account | None:
    """The account the edge (:class:`ordex.api.edge.Guard`) authenticated, before the body
    was read; None on a route it does not authenticate."""
    state = request.scope.get("state")
    account: Account | None = state.get(ACCOUNT) if state else None
    return account


async def current_account(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Account:
    account = guarded_account(request)
    if account is not None:
        return account
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise AuthenticationFailed("Send 'Authorization: Bearer <API key or access token>'.")
    return await run_in_threadpool(authenticate, context(request), credentials.credentials)


def party(
    partyId: Annotated[str, Path(description="Peppol party ID, e.g. 0088:7300010000001")],
) -> PartyId:
    """The ``{partyId}`` of the path."""
    return parse_party_id(partyId)


def _iso_datetime(value: object) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("an ISO 8601 date and time is expected, e.g. 2026-01-31T12:00:00Z")


def _iso_date(value: object) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("an ISO 8601 date is expected, e.g. 2026-01-31")


IsoDateTime = Annotated[datetime, BeforeValidator(_iso_datetime)]
"""A date and time written in ISO 8601 only (pydantic would also read ``0.5`` or ``1e9``
as seconds since 1970)."""
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
"""A date written in ISO 8601 only."""

CurrentAccount = Annotated[Account, Depends(current_account)]
PathParty = Annotated[PartyId, Depends(party)]
Ctx = Annotated[Context, Depends(context)]


Handler = Callable[[Request], Coroutine[Any, Any, Response]]
H = TypeVar("H", bound=Handler)


class RequestRoute(APIRoute):
    """A route whose endpoint takes the request alone and reads what it needs itself.

    FastAPI solves no dependencies for it per request (with the authentication's own trip
    to the thread pool, 15 % of the server's time on the ingest path in issue 8's profile);
    OpenAPI still describes it from the endpoint's signature, which :func:`documented_as`
    sets to that of a function naming what the endpoint reads.
    """

    def get_route_handler(self) -> Handler:
        handler: Handler = self.endpoint
        return handler


def documented_as(parameters: Callable[..., object]) -> Callable[[H], H]:
    """Give a :class:`RequestRoute`'s endpoint the signature of ``parameters`` for OpenAPI:
    its path, query and header parameters and its security, as dependencies would."""

    def document(endpoint: H) -> H:
        endpoint.__signature__ = inspect.signature(parameters, eval_str=True)  # type: ignore[attr-defined]
        return endpoint

    return document
