"""Sign in (an API key, or the account's password once it has one), sign out, password."""

from __future__ import annotations

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import context
from ordex.domain.errors import AuthenticationFailed, InvalidRequest
from ordex.domain.sessions import MIN_PASSWORD_LENGTH
from ordex.services.web_sessions import (
    has_password,
    set_password,
    sign_in_with_key,
    sign_in_with_password,
    sign_out,
)
from ordex.web.passwords import Argon2Hasher
from ordex.web.routing import web_router
from ordex.web.session import (
    SIGN_IN_COOKIE,
    SignInNeeded,
    browser,
    checked,
    clear_session_cookie,
    safe_next,
    set_session_cookie,
    set_sign_in_cookie,
    sign_in_token,
)
from ordex.web.templating import render

router = web_router()
HASHER = Argon2Hasher()


@router.get("/")
async def root(request: Request) -> Response:
    return RedirectResponse("/inbox", status_code=303)


def _sign_in_page(
    request: Request, status: int = 200, error: str | None = None, mode: str = "key"
) -> Response:
    token = sign_in_token(request)
    answer = render(
        request,
        "sign_in.html",
        status,
        who=None,
        token=token,
        error=error,
        mode=mode,
        next=safe_next(request.query_params.get("next")),
    )
    set_sign_in_cookie(request, answer, token)
    return answer


@router.get("/inbox/sign-in")
async def sign_in_form(request: Request) -> Response:
    try:
        browser(request)
        return RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    except SignInNeeded:
        return _sign_in_page(request)


@router.post("/inbox/sign-in")
async def sign_in(request: Request) -> Response:
    form = await request.form()
    token = form.get("csrf")
    mode = "password" if form.get("mode") == "password" else "key"
    if not token or token != request.cookies.get(SIGN_IN_COOKIE):
        return _sign_in_page(
            request, 400, "The sign-in form expired (or cookies are off); try again.", mode
        )
    ctx = context(request)
    try:
        if mode == "password":
            signed = await run_in_threadpool(
                sign_in_with_password,
                ctx,
                HASHER,
                str(form.get("party") or ""),
                str(form.get("password") or ""),
            )
        else:
            signed = await run_in_threadpool(sign_in_with_key, ctx, str(form.get("apiKey") or ""))
    except (AuthenticationFailed, InvalidRequest) as error:
        status = 401 if isinstance(error, AuthenticationFailed) else 400
        return _sign_in_page(request, status, error.message, mode)
    answer = RedirectResponse(safe_next(str(form.get("next") or "")), status_code=303)
    set_session_cookie(request, answer, signed.secret)
    answer.delete_cookie(SIGN_IN_COOKIE, path="/inbox/sign-in")
    return answer


@router.post("/inbox/sign-out")
async def sign_out_now(request: Request) -> Response:
    form = await request.form()
    who = checked(request, form)
    await run_in_threadpool(sign_out, context(request), who.secret)
    answer = RedirectResponse("/inbox/sign-in", status_code=303)
    clear_session_cookie(request, answer)
    return answer


@router.get("/inbox/password")
async def password_form(request: Request) -> Response:
    who = browser(request)
    has = await run_in_threadpool(has_password, context(request), who.account)
    return render(
        request, "password.html", who=who, has=has, minimum=MIN_PASSWORD_LENGTH, errors={}
    )


@router.post("/inbox/password")
async def password_set(request: Request) -> Response:
    form = await request.form()
    who = checked(request, form)
    try:
        await run_in_threadpool(
            set_password,
            context(request),
            HASHER,
            who.secret,
            str(form.get("password") or ""),
            str(form.get("repeated") or ""),
        )
    except InvalidRequest as error:
        field, _, message = error.message.partition(": ")
        return render(
            request,
            "password.html",
            400,
            who=who,
            has=False,
            minimum=MIN_PASSWORD_LENGTH,
            errors={field: message},
        )
    return RedirectResponse("/inbox?notice=password", status_code=303)
