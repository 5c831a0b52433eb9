"""The inbox's routes: left out of the OpenAPI description (they answer HTML), and each
answering a domain error as a page (with the status of the API's error table) and a
missing session by sending the browser to sign in."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.routing import APIRoute

from ordex.api.errors import status_of
from ordex.domain.errors import OrdexError
from ordex.web.session import SignInNeeded, browser, to_sign_in
from ordex.web.templating import render


class WebRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page(request: Request) -> Response:
            try:
                return await handler(request)
            except SignInNeeded:
                return to_sign_in(request)
            except OrdexError as error:
                return error_page(request, error)

        return page


def error_page(request: Request, error: OrdexError) -> Response:
    try:
        who = browser(request)
    except SignInNeeded:
        who = None
    status = status_of(error)
    return render(request, "error.html", status, who=who, error=error, code=status)


def web_router() -> APIRouter:
    return APIRouter(route_class=WebRoute, include_in_schema=False)
