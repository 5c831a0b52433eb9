"""Request plumbing shared by the routers: the runtime, the caller's account, party IDs."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

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


async def current_account(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Account:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise AuthenticationFailed("Send 'Authorization: Bearer <API key or access token>'.")
    return await run_in_threadpool(authenticate, context(request), credentials.credentials)


def party(
    partyId: Annotated[str, Path(description="Peppol party ID, e.g. 0088:7300010000001")],
) -> PartyId:
    """The ``{partyId}`` of the path."""
    return parse_party_id(partyId)


CurrentAccount = Annotated[Account, Depends(current_account)]
PathParty = Annotated[PartyId, Depends(party)]
Ctx = Annotated[Context, Depends(context)]
