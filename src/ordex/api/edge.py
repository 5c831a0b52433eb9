"""The HTTP edge: what every request meets before a router reads any of it.

:class:`Guard` is a plain ASGI middleware that, for each request and in this order:

1. takes a token from the client address's bucket when the request carries no
   credentials to check (``/connect/token``, the partner login, the public ``/smp/``)
   or when that address's earlier credentials failed (:class:`Buckets`,
   ``ORDEX_RATE_LIMIT_ANONYMOUS``);
2. checks the credentials of every authenticated route (PSB, commerce, financing, admin)
   **before any of the body is read**, and keeps the account for the route's dependency
   (``deps.current_account``), so a request without a valid key answers 401 whatever its
   body or its path's ``{partyId}``;
3. takes a token from the account's bucket (``ORDEX_RATE_LIMIT``): 429 with ``Retry-After``;
4. refuses a body over the route's limit: by ``Content-Length`` before reading, and by
   counting while the route reads a chunked body (413; ``ORDEX_MAX_DOCUMENT_BYTES`` for
   the routes that take UBL documents, ``ORDEX_MAX_JSON_BYTES`` for every other);
The web inbox (``/``, ``/inbox...``, ``/static/...``) takes no API credentials: the guard
reads its session cookie instead (``ordex.services.web_sessions``) and keeps the session for
the page (``WEB_SESSION``; none when absent, expired or revoked: the page sends the browser
to sign in), counts a signed-in browser in its account's bucket and an anonymous form in its
address's, and limits form bodies to ``WEB_FORM_BYTES``.

5. adds ``X-Content-Type-Options: nosniff`` to every answer, and answers an exception
   that escaped the app as a 500 in the dialect's shape.

Refusals are rendered in the dialect of the path (:func:`ordex.api.errors.error_response`).
Buckets live in the process: with ``serve --workers N`` the effective limit is N times.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from fastapi.security import HTTPAuthorizationCredentials
from fastapi.security.utils import get_authorization_scheme_param
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ordex.api.errors import error_response
from ordex.bootstrap import Runtime
from ordex.config import Rate
from ordex.domain.accounts import Account
from ordex.domain.errors import (
    AuthenticationFailed,
    OrdexError,
    RateLimited,
    RequestTooLarge,
)
from ordex.services.accounts import authenticate
from ordex.services.web_sessions import session_account

log = logging.getLogger("ordex.api")

ACCOUNT = "ordex_account"
"""The key of the authenticated account in the request's ``scope["state"]``."""

LOGIN_BODY_BYTES = 64 * 1024
"""The body limit of the routes that take no credentials (token and partner login)."""

WEB_SESSION = "ordex_web_session"
"""The key of the web inbox's ``(session, account, cookie secret)`` in ``scope["state"]``."""
SESSION_COOKIE = "ordex_session"
WEB_FORM_BYTES = 512 * 1024
"""The body limit of the web inbox's forms (a CA answer to a 500-line order fits)."""
WEB_SIGN_IN = "/inbox/sign-in"


class Auth(Enum):
    NONE = "none"
    BEARER = "bearer"
    COMMERCE = "commerce"  # bearer or X-Subscription-Key
    ADMIN = "admin"
    SESSION = "session"  # the web inbox: a session cookie, or nobody yet


AUTHENTICATED_PREFIXES: tuple[tuple[str, Auth], ...] = (
    ("/api/", Auth.BEARER),
    ("/financing/", Auth.BEARER),
    ("/businesses/", Auth.COMMERCE),
    ("/accounting/v1/", Auth.COMMERCE),
    ("/administration/v1/", Auth.COMMERCE),
    ("/admin/", Auth.ADMIN),
)
LOGINS = frozenset({"/connect/token", "/authentication/v1/partner"})
PUBLIC_PREFIXES = ("/smp/",)
"""Routes anyone may read without credentials (the Peppol SMP), rate limited by address."""
DOCUMENT_ROUTES = re.compile(
    r"^(?:/api/v1/[^/]+/(?:purchaseOrder/send|salesOrder/[^/]+/response)|/as4)$"
)
"""The routes whose body may be a UBL document (``/as4``: the Peppol access point's)."""

NOSNIFF = (b"x-content-type-options", b"nosniff")


def is_web(path: str) -> bool:
    """The web inbox's paths: its pages and its static files."""
    return path in ("/", "/inbox") or path.startswith(("/inbox/", "/static/"))


def auth_of(path: str) -> Auth:
    if is_web(path):
        return Auth.SESSION
    for prefix, auth in AUTHENTICATED_PREFIXES:
        if path.startswith(prefix):
            return auth
    return Auth.NONE


class Buckets:
    """Token buckets by key (an account or a client address), in this process.

    Idle buckets refill; when more than ``MAX_KEYS`` are kept, the full ones (those that
    forgot nothing worth keeping) are dropped, so memory stays bounded by the callers of
    the last few seconds.
    """

    MAX_KEYS = 10_000

    def __init__(self, rate: Rate, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.clock = clock
        self.levels: dict[str, tuple[float, float]] = {}

    def _level(self, key: str, now: float) -> float:
        level, at = self.levels.get(key, (float(self.rate.burst), now))
        return min(float(self.rate.burst), level + (now - at) * self.rate.per_second)

    def wait(self, key: str) -> int:
        """Seconds until ``key`` may send again (0: now), taking nothing."""
        level = self._level(key, self.clock())
        return 0 if level >= 1 else math.ceil((1 - level) / self.rate.per_second)

    def take(self, key: str) -> int:
        """Take one token for ``key``: 0 when taken, else the seconds until one is there."""
        now = self.clock()
        level = self._level(key, now)
        if level < 1:
            return math.ceil((1 - level) / self.rate.per_second)
        if key not in self.levels and len(self.levels) >= self.MAX_KEYS:
            self._prune(now)
        self.levels[key] = (level - 1, now)
        return 0

    def _prune(self, now: float) -> None:
        full = float(self.rate.burst)
        self.levels = {k: v for k, v in self.levels.items() if self._level(k, now) < full}


class _Exchange:
    """One request's passage through the guard: the body's count and the answer's state."""

    def __init__(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        self.scope = scope
        self.receive = receive
        self.send = send
        self.limit = limit
        self.read = 0
        self.too_large = False
        self.replaced = False
        self.started = False

    def refusal(self) -> RequestTooLarge:
        return RequestTooLarge(
            f"The request body is larger than {self.limit} bytes, the limit of this route.",
            limit=self.limit,
        )

    async def counted_receive(self) -> Message:
        message = await self.receive()
        if message["type"] == "http.request":
            self.read += len(message.get("body", b""))
            if self.read > self.limit:
                self.too_large = True
                raise self.refusal()
        return message

    async def guarded_send(self, message: Message) -> None:
        """The app's answer goes out with ``nosniff``; once the body was found too large,
        the app's answer (to the read that failed) is replaced by the 413."""
        if self.replaced:
            return
        if message["type"] == "http.response.start" and self.too_large and not self.started:
            self.replaced = True
            await self.answer(self.refusal())
            return
        await self._send_out(message)

    async def _send_out(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.started = True
            message["headers"] = [*message.get("headers", ()), NOSNIFF]
        await self.send(message)

    async def answer(self, error: OrdexError, status: int | None = None) -> None:
        response = error_response(Request(self.scope), error, status)
        await response(self.scope, self.receive, self._send_out)


@dataclass(frozen=True)
class Limits:
    document_bytes: int
    json_bytes: int

    def of(self, path: str) -> int:
        if path in LOGINS or path == WEB_SIGN_IN:
            return LOGIN_BODY_BYTES
        if is_web(path):
            return min(WEB_FORM_BYTES, self.json_bytes)
        return self.document_bytes if DOCUMENT_ROUTES.match(path) else self.json_bytes


class Guard:
    """The ASGI middleware described in the module docstring."""

    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime
        settings = runtime.settings
        self.limits = Limits(settings.max_document_bytes, settings.max_json_bytes)
        self.accounts = Buckets(settings.rate_limit) if settings.rate_limit else None
        self.addresses = (
            Buckets(settings.anonymous_rate_limit) if settings.anonymous_rate_limit else None
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        exchange = _Exchange(scope, receive, send, self.limits.of(path))
        try:
            refusal = await self._refusal(scope, path, exchange.limit)
            if refusal is not None:
                await exchange.answer(refusal)
                return
            await self.app(scope, exchange.counted_receive, exchange.guarded_send)
        except RequestTooLarge:
            if not exchange.started:
                await exchange.answer(exchange.refusal())
        except ClientDisconnect:
            return  # the client went away (or was cut off while it sent its body)
        except Exception:
            if exchange.started:
                raise
            log.exception("unexpected error on %s %s", scope["method"], path)
            await exchange.answer(OrdexError("Internal error; it was logged."), 500)

    async def _refusal(self, scope: Scope, path: str, limit: int) -> OrdexError | None:
        """Why the request is refused before the app sees it, or None."""
        request = Request(scope)
        address = scope["client"][0] if scope.get("client") else "unknown"
        auth = auth_of(path)
        if auth is Auth.SESSION:
            refusal = await self._session(scope, request, address)
            if refusal is not None:
                return refusal
        elif auth is Auth.NONE:
            if (path in LOGINS or path.startswith(PUBLIC_PREFIXES)) and self.addresses is not None:
                wait = self.addresses.take(address)
                if wait:
                    return _too_many(wait, "from this address")
        else:
            if self.addresses is not None:
                wait = self.addresses.wait(address)
                if wait:
                    return _too_many(wait, "with failed credentials from this address")
            try:
                account = await self._authenticate(auth, request)
            except OrdexError as error:
                if self.addresses is not None:
                    self.addresses.take(address)
                return error
            if account is not None:
                scope.setdefault("state", {})[ACCOUNT] = account
                if self.accounts is not None:
                    wait = self.accounts.take(account.account_id)
                    if wait:
                        return _too_many(wait, "for this account")
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            return RequestTooLarge(
                f"The request body ({int(length)} bytes) is larger than {limit} bytes, "
                "the limit of this route.",
                limit=limit,
            )
        return None

    async def _session(self, scope: Scope, request: Request, address: str) -> OrdexError | None:
        """Keep the web session of the cookie (or None) and take a token for the request."""
        if scope["path"].startswith("/static/"):
            return None
        found = None
        secret = request.cookies.get(SESSION_COOKIE)
        if secret:
            try:
                session, account = await run_in_threadpool(
                    session_account, self.runtime.ctx, secret
                )
                found = (session, account, secret)
            except AuthenticationFailed:
                found = None
        scope.setdefault("state", {})[WEB_SESSION] = found
        if found is not None and self.accounts is not None:
            wait = self.accounts.take(found[1].account_id)
            if wait:
                return _too_many(wait, "for this account")
        if found is None and scope["method"] == "POST" and self.addresses is not None:
            wait = self.addresses.take(address)
            if wait:
                return _too_many(wait, "from this address")
        return None

    async def _authenticate(self, auth: Auth, request: Request) -> Account | None:
        if auth is Auth.ADMIN:
            from ordex.api.admin import require_admin

            scheme, token = get_authorization_scheme_param(request.headers.get("Authorization"))
            credentials = (
                HTTPAuthorizationCredentials(scheme=scheme, credentials=token)
                if scheme and token and scheme.lower() == "bearer"
                else None
            )
            require_admin(request, credentials)
            return None
        secret = _bearer(request)
        if secret is None and auth is Auth.COMMERCE:
            secret = request.headers.get("X-Subscription-Key") or None
        if secret is None:
            raise AuthenticationFailed(
                "Send 'Authorization: Bearer <API key>' or 'X-Subscription-Key: <API key>'."
                if auth is Auth.COMMERCE
                else "Send 'Authorization: Bearer <API key or access token>'."
            )
        return await run_in_threadpool(authenticate, self.runtime.ctx, secret)


def _bearer(request: Request) -> str | None:
    scheme, token = get_authorization_scheme_param(request.headers.get("Authorization"))
    return token if scheme and token and scheme.lower() == "bearer" else None


def _too_many(wait: int, whom: str) -> RateLimited:
    return RateLimited(
        f"Too many requests {whom}; retry in {wait} second(s).", retry_after=max(1, wait)
    )
