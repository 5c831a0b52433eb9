"""The financing (buy-now-pay-later) dialect: ``/financing/v1/...`` and the partner login.

Errors answer ``{code, message, ...}`` with the dialect's codes (``ordex.api.errors``).
Request bodies are read by hand so that an empty body means "every item not yet marked",
and so that a body that is too large is an ``INVALID_REQUEST`` like any malformed one.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from ordex.api.auth import NO_STORE
from ordex.api.deps import Ctx, CurrentAccount, public_base_url
from ordex.api.fields import field_problems, one_line
from ordex.api.financing_schemas import (
    ApplicationIn,
    ApplicationOut,
    ApplicationPageOut,
    ChangeOrderIn,
    IdentificationIn,
    MarkIn,
    MarkList,
    OrderChangedOut,
    OrderIn,
    PartnerLoginIn,
    PartnerTokenOut,
    application_out,
    credit_note_out,
    item_out,
    items_in,
    order_out,
)
from ordex.api.hooks import DeliveryOut, delivery_out
from ordex.api.idempotency import idempotent
from ordex.api.openapi import json_body
from ordex.api.views import decode_cursor, encode_cursor
from ordex.domain.accounts import Account
from ordex.domain.errors import InvalidRequest
from ordex.domain.financing import Application, ApplicationState
from ordex.domain.financing_items import Identification, ItemOperation
from ordex.services import financing as uc
from ordex.services.context import Context
from ordex.services.financing_notices import list_notifications, resend_notification

MAX_BODY = 1024 * 1024
Model = TypeVar("Model", bound=BaseModel)

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "INVALID_REQUEST: malformed syntax, too large, a wrong field"},
    401: {"description": "UNAUTHORIZED: no or an unknown bearer token"},
    404: {"description": "OBJECT_NOT_FOUND: no such application (or not yours)"},
    422: {
        "description": "NOT_SUPPORTED, APPLICATION_REJECTED, APPLICATION_ALREADY_CANCELLED, "
        "APPLICATION_VALIDATION_IN_PROGRESS, APPLICATION_PAID, TOTAL_PRICE_LIMIT_EXCEEDED, "
        "UNPROCESSABLE"
    },
}

router = APIRouter(tags=["Financing"], responses=ERRORS)
PREFIX = "/financing/v1/applications"


async def read_body(request: Request, model: type[Model], empty: Model | None = None) -> Model:
    """The body as ``model``; ``empty`` for an empty body (else an empty body is refused)."""
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise InvalidRequest(f"The request body is larger than {MAX_BODY} bytes.")
    if not raw.strip():
        if empty is None:
            raise InvalidRequest("The request body is empty.")
        return empty
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        raise InvalidRequest(one_line(field_problems(exc.errors(include_input=False)))) from exc


_MARK_LIST: TypeAdapter[list[IdentificationIn]] = TypeAdapter(MarkList)


async def read_marks(request: Request) -> list[Identification]:
    """``{"items": [...]}``, a bare ``[...]``, or nothing at all (= every item)."""
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise InvalidRequest(f"The request body is larger than {MAX_BODY} bytes.")
    if not raw.strip():
        return []
    try:
        data = json.loads(raw)
        if isinstance(data, list):
            items = _MARK_LIST.validate_python(data)
        elif isinstance(data, dict):
            items = MarkIn.model_validate(data).items or []
        else:
            raise InvalidRequest('body: send {"items": [...]}, a list of items, or nothing.')
    except ValidationError as exc:
        raise InvalidRequest(one_line(field_problems(exc.errors(include_input=False)))) from exc
    except ValueError as exc:  # the JSON itself
        raise InvalidRequest(f"body: {exc}") from exc
    return [item.domain() for item in items]


def _out(request: Request, app: Application) -> ApplicationOut:
    return application_out(app, public_base_url(request))


@router.post(
    "/authentication/v1/partner",
    response_model=PartnerTokenOut,
    summary="A bearer token for a partner (username = partner ID, password = API key)",
    openapi_extra=json_body(PartnerLoginIn.model_json_schema()),
)
async def login(request: Request, ctx: Ctx, response: Response) -> PartnerTokenOut:
    body = await read_body(request, PartnerLoginIn)
    token, expires_in = await run_in_threadpool(uc.partner_token, ctx, body.username, body.password)
    response.headers.update(NO_STORE)
    return PartnerTokenOut(accessToken=token, expiresIn=expires_in)


@router.post(
    PREFIX,
    response_model=ApplicationOut,
    status_code=201,
    summary="Create an application (201); an identical repeated request answers 200",
    responses={200: {"description": "The original application of an identical request"}},
    openapi_extra=json_body(ApplicationIn.model_json_schema()),
)
async def create(request: Request, account: CurrentAccount, ctx: Ctx) -> Response:
    async def run() -> Response:
        body = await read_body(request, ApplicationIn)
        items, currency, total = items_in(body.order)
        command = uc.CreateApplication(
            account=account,
            order_number=body.order.number,
            financing_type=body.financingType,
            currency=currency,
            items=items,
            total=total,
            notification_url=body.notification(),
            partner=request.headers.get("x-partner-id"),
        )
        app, created = await run_in_threadpool(uc.create_application, ctx, command)
        return JSONResponse(
            _out(request, app).model_dump(mode="json"), status_code=201 if created else 200
        )

    return await idempotent(request, account, run)


@router.get(PREFIX + "/{applicationId}", response_model=ApplicationOut, summary="An application")
async def get(
    request: Request, applicationId: str, account: CurrentAccount, ctx: Ctx
) -> ApplicationOut:
    app = await run_in_threadpool(uc.get_application, ctx, account, applicationId)
    return _out(request, app)


@router.put(
    PREFIX + "/{applicationId}/cancel",
    response_model=ApplicationOut,
    summary="Cancel the whole application (PROCESSING, or READY with nothing sent)",
)
async def cancel(
    request: Request, applicationId: str, account: CurrentAccount, ctx: Ctx
) -> ApplicationOut:
    app = await run_in_threadpool(uc.cancel_application, ctx, account, applicationId)
    return _out(request, app)


@router.put(
    PREFIX + "/{applicationId}/order",
    response_model=ApplicationOut,
    summary="Change the order before anything was sent ({order: {...}} or the order itself)",
    openapi_extra=json_body(TypeAdapter(ChangeOrderIn | OrderIn).json_schema()),
)
async def change(
    request: Request, applicationId: str, account: CurrentAccount, ctx: Ctx
) -> ApplicationOut:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise InvalidRequest(f"The request body is larger than {MAX_BODY} bytes.")
    try:
        parsed = json.loads(raw)
    except ValueError:
        parsed = None  # read_body says what is wrong
    if isinstance(parsed, dict) and "order" in parsed:
        order = (await read_body(request, ChangeOrderIn)).order
    else:
        order = await read_body(request, OrderIn)
    items, _, total = items_in(order)
    app = await run_in_threadpool(uc.change_order, ctx, account, applicationId, items, total)
    return _out(request, app)


async def _mark(
    request: Request,
    application_id: str,
    account: Account,
    ctx: Context,
    operation: ItemOperation,
) -> OrderChangedOut:
    wanted = await read_marks(request)
    app, marked, note = await run_in_threadpool(
        uc.mark_items, ctx, account, application_id, operation, wanted
    )
    return OrderChangedOut(
        id=app.application_id,
        state=app.state.value,
        stateReason=app.state_reason.value,
        substate=app.state_reason.value,
        order=order_out(app),
        changedItems=[item_out(item, app.currency) for item in marked],
        creditNote=credit_note_out(note, app.currency) if note else None,
    )


MARKS_BODY = json_body(TypeAdapter(MarkIn | MarkList).json_schema(), required=False)
MARK_SUMMARY = "Mark order items {}: empty body = every item not yet marked"


@router.put(
    PREFIX + "/{applicationId}/order/cancel",
    response_model=OrderChangedOut,
    summary=MARK_SUMMARY.format("as cancelled (a credit note if paid)"),
    openapi_extra=MARKS_BODY,
)
async def order_cancel(
    request: Request, applicationId: str, account: CurrentAccount, ctx: Ctx
) -> OrderChangedOut:
    return await _mark(request, applicationId, account, ctx, ItemOperation.CANCEL)


@router.put(
    PREFIX + "/{applicationId}/order/send",
    response_model=OrderChangedOut,
    summary=MARK_SUMMARY.format("as sent"),
    openapi_extra=MARKS_BODY,
)
async def order_send(
    request: Request, applicationId: str, account: CurrentAccount, ctx: Ctx
) -> OrderChangedOut:
    return await _mark(request, applicationId, account, ctx, ItemOperation.SEND)


@router.put(
    PREFIX + "/{applicationId}/order/deliver",
    response_model=OrderChangedOut,
    summary=MARK_SUMMARY.format("as delivered"),
    openapi_extra=MARKS_BODY,
)
async def order_deliver(
    request: Request, applicationId: str, account: CurrentAccount, ctx: Ctx
) -> OrderChangedOut:
    return await _mark(request, applicationId, account, ctx, ItemOperation.DELIVER)


@router.put(
    PREFIX + "/{applicationId}/order/return",
    response_model=OrderChangedOut,
    summary=MARK_SUMMARY.format("as returned (a credit note if paid)"),
    openapi_extra=MARKS_BODY,
)
async def order_return(
    request: Request, applicationId: str, account: CurrentAccount, ctx: Ctx
) -> OrderChangedOut:
    return await _mark(request, applicationId, account, ctx, ItemOperation.RETURN)


@router.get(
    "/financing/v1/orders",
    response_model=ApplicationPageOut,
    summary="The partner's applications, newest first, optionally by state (paged)",
)
async def list_orders(
    request: Request,
    account: CurrentAccount,
    ctx: Ctx,
    state: Annotated[list[ApplicationState] | None, Query()] = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ApplicationPageOut:
    try:
        after = decode_cursor(cursor) if cursor else None
    except ValueError as exc:
        raise InvalidRequest("cursor: not a cursor this API gave out.") from exc
    found = await run_in_threadpool(
        uc.list_applications, ctx, account, state or (), after, limit + 1
    )
    page = found[:limit]
    last = page[-1] if len(found) > limit else None
    return ApplicationPageOut(
        items=[_out(request, app) for app in page],
        nextCursor=encode_cursor((last.created_at, last.application_id)) if last else None,
    )


@router.get(
    PREFIX + "/{applicationId}/notifications",
    response_model=list[DeliveryOut],
    summary="The notifications sent to the application's URL, with every attempt (ordex)",
)
async def notifications(applicationId: str, account: CurrentAccount, ctx: Ctx) -> list[DeliveryOut]:
    found = await run_in_threadpool(list_notifications, ctx, account, applicationId)
    return [delivery_out(d, attempts) for d, attempts in found]


@router.post(
    PREFIX + "/{applicationId}/notifications/{deliveryId}/resend",
    response_model=DeliveryOut,
    summary="Send a past notification again (ordex)",
)
async def resend(
    applicationId: str, deliveryId: str, account: CurrentAccount, ctx: Ctx
) -> DeliveryOut:
    delivery = await run_in_threadpool(resend_notification, ctx, account, applicationId, deliveryId)
    return delivery_out(delivery, [])
