"""Domain errors to HTTP: one status table, rendered in each dialect's shape.

PSB paths (``/api/...``) answer ``{message, code, requestId, dateTime, helpLink}`` like the
Procurement Service Bus (``code`` is ``API<status>``); the financing dialect
(``/financing/...``) answers the Skip Pay SDK's ``ErrorsResponse``, ``{errors: [{code,
message, severity, attribute, ticketId}]}``, with its own codes (``FINANCING_CODE``; ordex's
finer code in the ``X-Ordex-Error-Code`` header); the admin and ordex-native endpoints
answer RFC 9457 ``application/problem+json``. The others carry ``errorCode``.
``tests/unit/test_error_tables.py`` checks every error is mapped and renders in both.
"""

from __future__ import annotations

import logging
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from ordex.api.commerce_errors import commerce_validation_error, is_commerce
from ordex.api.fields import field_problems, one_line
from ordex.api.financing_schemas import financing_problems
from ordex.api.urls import help_link
from ordex.domain import errors as e

log = logging.getLogger("ordex.api")

# error class -> HTTP status; the most specific class wins (looked up along the MRO).
STATUS: dict[type[e.OrdexError], int] = {
    e.UnsafeXml: 400,
    e.MalformedDocument: 400,
    e.DocumentInvalid: 400,
    e.PartyMismatch: 400,
    e.InvalidPartyId: 400,
    e.InvalidRequest: 400,
    e.PartyNotFound: 404,
    e.DocumentNotFound: 404,
    e.OrderNotFound: 404,
    e.HookNotFound: 404,
    e.DeliveryNotFound: 404,
    e.AccountNotFound: 404,
    e.KeyNotFound: 404,
    e.RecipientNotReachable: 422,
    e.DuplicateDocument: 409,
    e.IdempotencyKeyReused: 422,
    e.IdempotencyKeyInUse: 409,
    e.PartyAlreadyRegistered: 409,
    e.ConcurrentUpdate: 409,
    e.ResponseNotAllowed: 409,
    e.CancellationNotAllowed: 409,
    e.ChangeNotAllowed: 409,
    e.DocumentGone: 410,
    e.AuthenticationFailed: 401,
    e.RequestTooLarge: 413,
    e.RateLimited: 429,
    # commerce dialect
    e.InvalidFields: 400,
    e.CustomerNotFound: 404,
    e.PositionTransitionRefused: 409,
    e.PositionsRefused: 409,
    e.RefundExceedsPayment: 409,
    e.OrderReferenceTaken: 409,
    e.ApplicationNotFound: 404,
    e.ApplicationRejected: 422,
    e.ApplicationAlreadyCancelled: 422,
    e.ApplicationValidationInProgress: 422,
    e.ApplicationPaid: 422,
    e.OperationNotSupported: 422,
    e.TotalPriceLimitExceeded: 422,
    e.ItemNotIdentified: 422,
    e.ItemAmbiguous: 422,
    e.ApplicationUnprocessable: 422,
}

# The financing dialect's ``code`` per error class (most specific wins, along the MRO);
# what is not named here takes the code of its status (FINANCING_BY_STATUS).
FINANCING_CODE: dict[type[e.OrdexError], str] = {
    e.InvalidInput: "INVALID_REQUEST",
    e.NotFound: "OBJECT_NOT_FOUND",
    e.ApplicationRejected: "APPLICATION_REJECTED",
    e.ApplicationAlreadyCancelled: "APPLICATION_ALREADY_CANCELLED",
    e.ApplicationValidationInProgress: "APPLICATION_VALIDATION_IN_PROGRESS",
    e.ApplicationPaid: "APPLICATION_PAID",
    e.OperationNotSupported: "NOT_SUPPORTED",
    e.TotalPriceLimitExceeded: "TOTAL_PRICE_LIMIT_EXCEEDED",
    e.FinancingRefused: "UNPROCESSABLE",
    e.AuthenticationFailed: "UNAUTHORIZED",
    e.RequestTooLarge: "INVALID_REQUEST",
    e.RateLimited: "TOO_MANY_REQUESTS",
}
FINANCING_BY_STATUS = {
    400: "INVALID_REQUEST",
    401: "UNAUTHORIZED",
    404: "OBJECT_NOT_FOUND",
    405: "INVALID_REQUEST",
    409: "CONFLICT",
    410: "OBJECT_NOT_FOUND",
    413: "INVALID_REQUEST",
    422: "UNPROCESSABLE",
    429: "TOO_MANY_REQUESTS",
}


def status_of(error: e.OrdexError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def _extras(error: e.OrdexError) -> dict[str, Any]:
    extras: dict[str, Any] = {"errorCode": error.code}
    if isinstance(error, e.DocumentInvalid):
        extras["errors"] = [finding.as_dict() for finding in error.findings]
        extras["findingsOmitted"] = error.findings_omitted  # left out by the caps
    if isinstance(error, e.UnsafeXml | e.MalformedDocument):  # refused: the rules that say so
        extras["errors"] = [finding.as_dict() for finding in error.findings]
    if isinstance(error, e.DuplicateDocument):
        extras["documentId"] = error.existing_document_id
    if isinstance(error, e.InvalidFields | e.CommerceRequestRefused):
        extras["errors"] = [problem.as_dict() for problem in error.problems]
    if isinstance(error, e.RequestTooLarge):
        extras["limit"] = error.limit
    if isinstance(error, e.TransitionRefused):
        extras["state"] = error.state
        extras["action"] = error.action
        if error.awaiting_document_id is not None:
            extras["awaitingDocumentId"] = error.awaiting_document_id
    return extras


def is_psb(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def is_financing(request: Request) -> bool:
    return request.url.path.startswith(("/financing/", "/authentication/v1/partner"))


def financing_code(error: e.OrdexError, status: int) -> str:
    if status >= 500:
        return "INTERNAL_ERROR"
    for cls in type(error).__mro__:
        if cls in FINANCING_CODE:
            return FINANCING_CODE[cls]
    return FINANCING_BY_STATUS.get(status, "UNPROCESSABLE")


_ATTRIBUTE = re.compile(r"^([A-Za-z_][\w.\[\]]*): (.+)$", re.DOTALL)


def _financing_problems(error: e.OrdexError) -> list[tuple[str | None, str]]:
    """(attribute, message) of each problem: one per field of a validation error, else
    the message with the field it begins with (``order.totalPrice: ...``), if any."""
    if isinstance(error, e.InvalidFields):
        return [(p.field or None, p.message) for p in error.problems]
    found = _ATTRIBUTE.match(error.message)
    if found and found.group(1) != "body":
        return [(found.group(1), error.message)]
    return [(None, error.message)]


def error_response(
    request: Request, error: e.OrdexError, status: int | None = None
) -> JSONResponse:
    """The error in the dialect of the request's path; ``status`` overrides the table."""
    status = status or status_of(error)
    request_id = request.headers.get("x-request-id") or str(uuid.uuid4())
    help_url = help_link(request, error.code)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    if isinstance(error, e.RateLimited):
        headers["Retry-After"] = str(error.retry_after)
    if is_psb(request):
        body: dict[str, Any] = {
            "message": error.message,
            "code": f"API{status}",
            "requestId": request_id,
            "dateTime": datetime.now(UTC).isoformat(),
            "helpLink": help_url,
            **_extras(error),
        }
        return JSONResponse(body, status_code=status, headers=headers)
    if is_financing(request):
        code = financing_code(error, status)
        entries = [
            {
                "code": code,
                "message": message,
                "severity": "ERROR",
                **({"attribute": attribute} if attribute else {}),
                "ticketId": request_id,
            }
            for attribute, message in _financing_problems(error)
        ]
        headers["X-Ordex-Error-Code"] = error.code
        return JSONResponse({"errors": entries}, status_code=status, headers=headers)
    body = {
        "type": help_url,
        "title": type(error).__name__,
        "status": status,
        "detail": error.message,
        "instance": request.url.path,
        "requestId": request_id,
        **_extras(error),
    }
    return JSONResponse(
        body, status_code=status, media_type="application/problem+json", headers=headers
    )


async def handle_ordex_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, e.OrdexError)
    return error_response(request, exc)


async def handle_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    if is_commerce(request):
        return error_response(request, commerce_validation_error(exc))
    if is_financing(request):
        problems = financing_problems(exc.errors())
        message = one_line(problems) or "Invalid request."
        return error_response(request, e.InvalidFields(message, problems))
    problems = field_problems(exc.errors())
    message = one_line(problems) or "Invalid request."
    return error_response(request, e.InvalidRequest(message))


async def handle_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    response = error_response(request, e.OrdexError(str(exc.detail)), exc.status_code)
    response.headers.update(exc.headers or {})
    if exc.status_code == 405:
        response.headers["Allow"] = ", ".join(allowed_methods(request))
    return response


METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(request: Request) -> list[str]:
    """Every method some route takes on the request's path (Starlette's own 405 names
    only the first route that matched the path, e.g. ``GET`` of ``GET``/``PUT hook``)."""
    routes = request.app.router.routes
    return [
        method
        for method in METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes
        )
    ]


async def handle_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(request, e.OrdexError("Internal error; it was logged."), 500)
