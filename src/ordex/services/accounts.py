"""Use cases for accounts, parties, API keys and access tokens.

A key is shown once and kept as a hash. ``/connect/token`` sells a one-hour token for a key
(never for a token); the token lives only while its key does. Operators revoke and rotate
keys and disable accounts (``ordex accounts ...`` and ``/admin/v1``): a revoked key, its
tokens, and every key and token of a disabled account answer 401 from then on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from ordex.domain.accounts import Account, ApiKey, hash_key, new_api_key
from ordex.domain.content import PartyId
from ordex.domain.errors import (
    AccountNotFound,
    AuthenticationFailed,
    InvalidRequest,
    KeyNotFound,
    PartyAlreadyRegistered,
)
from ordex.services.context import Context, new_id
from ordex.services.ports import UnitOfWork

TOKEN_LIFETIME = timedelta(seconds=3600)
MAX_GRACE = timedelta(days=7)


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


def _credential(ctx: Context, secret: str) -> tuple[ApiKey, Account]:
    with ctx.read() as uow:
        found = uow.accounts.holder_of_key(hash_key(secret))
    if found is None:
        raise AuthenticationFailed("The bearer token is unknown or expired.")
    refusal = found.refusal(ctx.clock.now())
    if refusal is not None:
        raise AuthenticationFailed(refusal)
    return found.key, found.account


def authenticate(ctx: Context, key: str) -> Account:
    """The account of a live API key or access token (of an account not disabled)."""
    return _credential(ctx, key)[1]


def issue_token(ctx: Context, client_secret: str) -> tuple[str, int]:
    """OAuth2 client_credentials: an API key (not a token) buys a one-hour access token."""
    key, account = _credential(ctx, client_secret)
    if key.is_token:
        raise AuthenticationFailed("An access token cannot buy another: send an API key.")
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
                parent_hash=key.key_hash,
            )
        )
        uow.commit()
    return token, int(TOKEN_LIFETIME.total_seconds())


# -- operators: keys and accounts ------------------------------------------------------------
@dataclass(frozen=True)
class AccountKeys:
    account: Account
    keys: list[ApiKey]


@dataclass(frozen=True)
class Rotation:
    account: Account
    key: ApiKey
    secret: str  # shown once
    revoked: list[ApiKey]


def find_account(uow: UnitOfWork, ref: str) -> Account:
    """An account by its ID, or by one of its parties (``scheme:value``)."""
    account_id = ref
    if ":" in ref:
        scheme, _, value = ref.partition(":")
        account_id = uow.accounts.owner_of(PartyId(scheme, value)) or ""
    account = uow.accounts.get(account_id) if account_id else None
    if account is None:
        raise AccountNotFound(f"No account {ref!r}: name it by its ID or one of its parties.")
    return account


def account_keys(ctx: Context, ref: str) -> AccountKeys:
    """The account (by ID or party) and its API keys, oldest first."""
    with ctx.read() as uow:
        account = find_account(uow, ref)
        return AccountKeys(account, uow.accounts.keys_of(account.account_id))


def revoke_key(ctx: Context, ref: str, key_id: str) -> ApiKey:
    """Revoke the account's key ``key_id`` now, and with it every token it bought."""
    now = ctx.clock.now()
    with ctx.uow() as uow:
        account = find_account(uow, ref)
        matches = [k for k in uow.accounts.keys_of(account.account_id) if k.key_id == key_id]
        if not matches:
            raise KeyNotFound(f"Account {account.account_id} has no key {key_id!r}.")
        key = matches[0].revoked(now)
        uow.accounts.revoke_key(key)
        uow.commit()
    return key


def rotate_key(ctx: Context, ref: str, grace: timedelta = timedelta(0)) -> Rotation:
    """A new key for the account (shown once); every other live key of it is revoked,
    ``grace`` from now (0: at once), so clients can switch without a gap."""
    if not timedelta(0) <= grace <= MAX_GRACE:
        raise InvalidRequest(f"grace: between 0 and {int(MAX_GRACE.total_seconds())} seconds.")
    now = ctx.clock.now()
    secret = new_api_key()
    with ctx.uow() as uow:
        account = find_account(uow, ref)
        revoked = [
            key.revoked(now, grace)
            for key in uow.accounts.keys_of(account.account_id)
            if key.live(now)
        ]
        for key in revoked:
            uow.accounts.revoke_key(key)
        new = ApiKey(key_hash=hash_key(secret), account_id=account.account_id, created_at=now)
        uow.accounts.add_key(new)
        uow.commit()
    return Rotation(account, new, secret, revoked)


def set_account_disabled(ctx: Context, ref: str, disabled: bool) -> AccountKeys:
    """Disable the account (its keys and tokens answer 401 at once) or enable it again."""
    now = ctx.clock.now()
    with ctx.uow() as uow:
        account = find_account(uow, ref)
        if account.disabled != disabled:
            account.disabled_at = now if disabled else None
            uow.accounts.set_disabled(account.account_id, account.disabled_at)
        keys = uow.accounts.keys_of(account.account_id)
        uow.commit()
    return AccountKeys(account, keys)


def prune_tokens(ctx: Context) -> int:
    """Delete the access tokens that expired or whose key was revoked; returns how many."""
    with ctx.uow() as uow:
        pruned = uow.accounts.prune_tokens(ctx.clock.now())
        uow.commit()
    return pruned
