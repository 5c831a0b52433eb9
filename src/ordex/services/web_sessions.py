"""Use cases of the web inbox's sign-in: sessions opened with an API key or a password.

A session has the scope of what opened it: the account of the API key (and it ends when
that key is revoked or the account disabled), or the account whose password was given.
Passwords are hashed by a :class:`PasswordHasher` (argon2, ``ordex.web.passwords``); the
use cases never see a password's hash algorithm.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol

from ordex.domain.accounts import Account, hash_key
from ordex.domain.errors import AccountNotFound, AuthenticationFailed, InvalidRequest
from ordex.domain.sessions import WebSession, hash_secret, opened, password_problem
from ordex.services.accounts import find_account
from ordex.services.context import Context
from ordex.services.ports import UnitOfWork

SIGN_IN_REFUSED = "Sign-in refused: check the party ID and the password."
EXPIRED = "Your session has ended; sign in again."


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...
    def verify(self, password_hash: str, password: str) -> bool: ...

    @property
    def dummy_hash(self) -> str:
        """A hash to verify against when the account has no password (same timing)."""
        ...


@dataclass(frozen=True)
class SignedIn:
    session: WebSession
    secret: str  # the cookie's value, never stored
    account: Account


def sign_in_with_key(ctx: Context, key: str) -> SignedIn:
    """A session for the account of a live API key, bound to that key."""
    key = key.strip()
    if not key:
        raise InvalidRequest("apiKey: paste the API key of your account.")
    now = ctx.clock.now()
    with ctx.uow() as uow:
        found = uow.accounts.holder_of_key(hash_key(key))
        if found is None:
            raise AuthenticationFailed("This API key is unknown.")
        refusal = found.refusal(now)
        if refusal is not None:
            raise AuthenticationFailed(refusal)
        session, secret = opened(found.account.account_id, now, found.key.key_hash)
        if found.key.expires_at is not None and found.key.expires_at < session.expires_at:
            session = replace(session, expires_at=found.key.expires_at)
        uow.web.prune(now)
        uow.web.add(session)
        uow.commit()
    return SignedIn(session, secret, found.account)


def sign_in_with_password(
    ctx: Context, hasher: PasswordHasher, account_ref: str, password: str
) -> SignedIn:
    """A session for the account named by one of its parties (or its ID) and its password."""
    now = ctx.clock.now()
    with ctx.uow() as uow:
        try:
            account: Account | None = find_account(uow, account_ref.strip())
        except AccountNotFound:
            account = None
        stored = uow.web.password_of(account.account_id) if account is not None else None
        matches = hasher.verify(stored or hasher.dummy_hash, password)
        if account is None or stored is None or not matches:
            raise AuthenticationFailed(SIGN_IN_REFUSED)
        if account.disabled:
            raise AuthenticationFailed("This account is disabled.")
        session, secret = opened(account.account_id, now, None)
        uow.web.prune(now)
        uow.web.add(session)
        uow.commit()
    return SignedIn(session, secret, account)


def session_account(ctx: Context, secret: str) -> tuple[WebSession, Account]:
    """The live session of a cookie's secret and its account, or ``AuthenticationFailed``."""
    now = ctx.clock.now()
    with ctx.read() as uow:
        session = uow.web.get(hash_secret(secret))
        if session is None or not session.live(now):
            raise AuthenticationFailed(EXPIRED)
        account = _scope(uow, session, now)
    return session, account


def _scope(uow: UnitOfWork, session: WebSession, now: datetime) -> Account:
    if session.key_hash is not None:
        found = uow.accounts.holder_of_key(session.key_hash)
        if found is None or found.account.account_id != session.account_id:
            raise AuthenticationFailed(EXPIRED)
        refusal = found.refusal(now)
        if refusal is not None:
            raise AuthenticationFailed(refusal)
        return found.account
    account = uow.accounts.get(session.account_id)
    if account is None or account.disabled:
        raise AuthenticationFailed(EXPIRED)
    return account


def sign_out(ctx: Context, secret: str) -> None:
    with ctx.uow() as uow:
        uow.web.remove(hash_secret(secret))
        uow.commit()


def set_password(
    ctx: Context, hasher: PasswordHasher, secret: str, password: str, repeated: str
) -> None:
    """The signed-in account's new password; its other password sessions end."""
    problem = password_problem(password)
    if problem is not None:
        raise InvalidRequest(problem)
    if password != repeated:
        raise InvalidRequest("repeated: the two passwords differ.")
    password_hash = hasher.hash(password)
    now = ctx.clock.now()
    with ctx.uow() as uow:
        session = uow.web.get(hash_secret(secret))
        if session is None or not session.live(now):
            raise AuthenticationFailed(EXPIRED)
        _scope(uow, session, now)
        for other in uow.web.sessions_by_password(session.account_id):
            if other != session.session_hash:
                uow.web.remove(other)
        uow.web.set_password(session.account_id, password_hash, now)
        uow.commit()


def has_password(ctx: Context, account: Account) -> bool:
    with ctx.read() as uow:
        return uow.web.password_of(account.account_id) is not None
