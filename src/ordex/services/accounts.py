"""Use cases for accounts, parties and API keys."""

from __future__ import annotations

from datetime import timedelta

from ordex.domain.accounts import Account, ApiKey, hash_key, new_api_key
from ordex.domain.content import PartyId
from ordex.domain.errors import AuthenticationFailed, InvalidRequest, PartyAlreadyRegistered
from ordex.services.context import Context, new_id

TOKEN_LIFETIME = timedelta(seconds=3600)


def create_account(ctx: Context, name: str, parties: list[PartyId]) -> tuple[Account, str]:
    """A new account owning ``parties``, and its first API key (shown once, kept hashed)."""
    if not name.strip():
        raise InvalidRequest("name: an account needs a name.")
    if not parties:
        raise InvalidRequest("parties: an account needs at least one party.")
    now = ctx.clock.now()
    key = new_api_key()
    with ctx.uow() as uow:
        for party in parties:
            if uow.accounts.owner_of(party) is not None:
                raise PartyAlreadyRegistered(f"Party {party} already belongs to an account.")
        account = Account(account_id=new_id(), name=name.strip(), created_at=now, parties=parties)
        uow.accounts.add(account)
        uow.accounts.add_key(
            ApiKey(key_hash=hash_key(key), account_id=account.account_id, created_at=now)
        )
        uow.commit()
    return account, key


def authenticate(ctx: Context, key: str) -> Account:
    """The account of an API key or a live access token."""
    with ctx.read() as uow:
        found = uow.accounts.holder_of_key(hash_key(key))
    if found is None or (
        found[0].expires_at is not None and found[0].expires_at <= ctx.clock.now()
    ):
        raise AuthenticationFailed("The bearer token is unknown or expired.")
    return found[1]


def issue_token(ctx: Context, client_secret: str) -> tuple[str, int]:
    """OAuth2 client_credentials: an API key buys a one-hour access token."""
    account = authenticate(ctx, client_secret)
    now = ctx.clock.now()
    token = new_api_key()
    with ctx.uow() as uow:
        uow.accounts.add_key(
            ApiKey(
                key_hash=hash_key(token),
                account_id=account.account_id,
                created_at=now,
                expires_at=now + TOKEN_LIFETIME,
                kind="token",
            )
        )
        uow.commit()
    return token, int(TOKEN_LIFETIME.total_seconds())
