"""The browser's side of a web session: the cookie, the CSRF check, who is signed in.

The edge (:class:`ordex.api.edge.Guard`) reads the session cookie before the route runs and
keeps ``(session, account, secret)`` in the request's state; pages read it here. The cookie
is HttpOnly, SameSite=Lax, and Secure when ordex is served over https (the request's scheme
or ``ORDEX_PUBLIC_URL``). Every form carries the session's CSRF token; the sign-in form,
which has no session yet, a double-submit token of its own cookie.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from ordex.api.deps import runtime
from ordex.api.edge import SESSION_COOKIE, WEB_SESSION
from ordex.domain.accounts import Account
from ordex.domain.content import PartyId
from ordex.domain.errors import AuthenticationFailed
from ordex.domain.sessions import SESSION_LIFETIME, WebSession, new_secret

SIGN_IN_COOKIE = "ordex_sign_in"
SIGN_IN_PATH = "/inbox/sign-in"


class SignInNeeded(Exception):
    """The page needs a session: the browser is sent to the sign-in page."""


@dataclass(frozen=True)
class Browser:
    """Who is signed in: the session, its account and the cookie's secret."""

    session: WebSession
    account: Account
    secret: str

    @property
    def csrf(self) -> str:
        return self.session.csrf_token

    @property
    def party(self) -> PartyId:
        """The party the pages act for: the account's first (an account usually owns one)."""
        return self.account.parties[0]


def browser(request: Request) -> Browser:
    """The signed-in browser, or :class:`SignInNeeded`."""
    state = request.scope.get("state") or {}
    found = state.get(WEB_SESSION)
    if not found or not found[1].parties:
        raise SignInNeeded()
    session, account, secret = found
    return Browser(session, account, secret)


def checked(request: Request, form: Any) -> Browser:
    """The signed-in browser of a form whose CSRF token matches its session's."""
    who = browser(request)
    token = form.get("csrf")
    if not who.session.csrf_matches(token if isinstance(token, str) else None):
        raise AuthenticationFailed(
            "This form is out of date or was not sent by the inbox (CSRF token); reload the "
            "page and send it again."
        )
    return who


def secure(request: Request) -> bool:
    public = runtime(request).settings.public_url or ""
    return request.url.scheme == "https" or public.startswith("https://")


def set_session_cookie(request: Request, response: Response, secret: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=int(SESSION_LIFETIME.total_seconds()),
        path="/",
        httponly=True,
        secure=secure(request),
        samesite="lax",
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, secure=secure(request), samesite="lax"
    )


def sign_in_token(request: Request) -> str:
    """The sign-in form's CSRF token: its cookie's, or a new one."""
    return request.cookies.get(SIGN_IN_COOKIE) or new_secret()


def set_sign_in_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SIGN_IN_COOKIE,
        token,
        max_age=3600,
        path=SIGN_IN_PATH,
        httponly=True,
        secure=secure(request),
        samesite="strict",
    )


def to_sign_in(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    answer = RedirectResponse(f"{SIGN_IN_PATH}?next={quote(target, safe='')}", status_code=303)
    if request.cookies.get(SESSION_COOKIE):
        clear_session_cookie(request, answer)
    return answer


def safe_next(target: str | None) -> str:
    """Where to go after sign-in: a path of the inbox only (never another site)."""
    if target and target.startswith("/inbox") and "//" not in target and "\\" not in target:
        return target
    return "/inbox"
