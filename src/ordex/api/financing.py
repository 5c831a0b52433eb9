"""The financing (buy-now-pay-later) dialect: ``/financing/v1/...`` and the partner login,
as the Skip Pay SDKs call them (paths, verbs and bodies: ``financing_schemas``).

Errors answer the SDK's ``ErrorsResponse`` ``{errors: [{code, message, severity,
attribute, ticketId}]}`` (``ordex.api.errors``). Request bodies are read by hand so that an
empty body means "every item not yet marked", and so that a body that is too large is an
``INVALID_REQUEST`` like any malformed one.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from ordex.api.auth import NO_STORE
from ordex.api.deps import Ctx, CurrentAccount, public_base_url
from ordex.api.fields import one_line
from ordex.api.financing_convert import (
    currency_of,
    customer_in,
    details_in,
    identifications_in,
    items_in,
    mark_fields,
)
from ordex.api.financing_schemas import (
    ApplicationIn,
    ApplicationOut,
    ApplicationPageOut,
    CancelReason,
    ChangeOrderIn,
    ErrorsOut,
    HealthOut,
    IdentificationIn,
    LedgerOut,
    MarkIn,
    MarkList,
    OrderChangeIn,
    OrderExtendedOut,
    PartnerLoginIn,
    PartnerTokenOut,
    PaymentsOut,
    financing_problems,
)
from ordex.api.financing_views import (
    application_out,
    ledger_out,
    order_extended_out,
    payment_out,
)
from ordex.api.hooks import DeliveryOut, delivery_out
from ordex.api.idempotency import idempotent
from ordex.api.openapi import json_body
from ordex.api.views import decode_cursor, encode_cursor
from ordex.domain.accounts import Account
from ordex.domain.errors import InvalidFields, InvalidRequest, OperationNotSupported
from ordex.domain.financing import Application, ApplicationState
from ordex.domain.financing_items import ItemOperation
from ordex.services import financing as uc
from ordex.services.context import Context
from ordex.services.financing_notices import list_notifications, resend_notification

MAX_BODY = 1024 * 1024
Model = TypeVar("Model", bound=BaseModel)

_SHAPE = {"model": ErrorsOut}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "INVALID_REQUEST: malformed syntax, too large, a wrong field", **_SHAPE},
    401: {"description": "UNAUTHORIZED: no or an unknown bearer token", **_SHAPE},
    404: {"description": "OBJECT_NOT_FOUND: no such application (or not yours)", **_SHAPE},
    422: {
        "description": "NOT_SUPPORTED, APPLICATION_REJECTED, APPLICATION_ALREADY_CANCELLED, "
        "APPLICATION_VALIDATION_IN_PROGRESS, APPLICATION_PAID, TOTAL_PRICE_LIMIT_EXCEEDED, "
        "UNPROCESSABLE",
        **_SHAPE,
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
        problems = financing_problems(exc.errors(include_input=False))
        raise InvalidFields(one_line(problems), problems) from exc


_MARK_LIST: TypeAdapter[list[IdentificationIn]] = TypeAdapter(MarkList)


async def read_marks(request: Request) -> MarkIn:
    """``{"items": [...], ...}`` (the SDK's request), a bare ``[...]``, or nothing at all
    (= every item)."""
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise InvalidRequest(f"The request body is larger than {MAX_BODY} bytes.")
    if not raw.strip():
        return MarkIn()
    try:
        data = json.loads(raw)
        if isinstance(data, list):
            return MarkIn(items=_MARK_LIST.validate_python(data))
        if isinstance(data, dict):
            return MarkIn.model_validate(data)
        raise InvalidRequest('body: send {"items": [...]}, a list of items, or nothing.')
    except ValidationError as exc:
        problems = financing_problems(exc.errors(include_input=False))
        raise InvalidFields(one_line(problems), problems) from exc
    except ValueError as exc:  # the JSON itself
        raise InvalidRequest(f"body: not JSON ({exc})") from exc


def _out(request: Request, app: Application) -> dict[str, Any]:
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


@router.get(
    "/v1/health",
    response_model=HealthOut,
    summary="The SDK's health check (no token needed)",
)
async def health(request: Request) -> HealthOut:
    return HealthOut(projectVersion=f"ordex {request.app.version}")


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
        if body.isRecurring:
            raise OperationNotSupported("isRecurring: ordex offers no recurrences.")
        currency = currency_of(body.order)
        items, total = items_in(body.order, currency)
        assert items is not None
        urls = body.merchantUrls
        command = uc.CreateApplication(
            account=account,
            order_number=body.order.number,
            financing_type=body.financing_type(),
            currency=currency,
            items=items,
            total=total,
            notification_url=body.notification(),
            partner=request.headers.get("x-partner-id"),
            payments_url=urls.paymentsEndpoint if urls else None,
            customer=customer_in(body.customer),
            details=details_in(body.order),
            agreement=body.agreementTermsAndConditions,
        )
        app, created = await run_in_threadpool(uc.create_application, ctx, command)
        return JSONResponse(_out(request, app), status_code=201 if created else 200)

    return await idempotent(request, account, run)


@router.get(PREFIX + "/{applicationId}", response_model=ApplicationOut, summary="An application")
async def get(request: Request, applicationId: str, account: CurrentAccount, ctx: Ctx) -> Response:
    app = await run_in_threadpool(uc.get_application, ctx, account, applicationId)
    return JSONResponse(_out(request, app))


@router.put(
    PREFIX + "/{applicationId}/cancel",
    response_model=ApplicationOut,
    summary="Cancel the whole application (PROCESSING, or READY with nothing sent)",
)
async def cancel(
    request: Request, applicationId: str, account: CurrentAccount, ctx: Ctx
) -> Response:
    await read_body(request, CancelIn, CancelIn())  # the SDK's reason: checked, not kept
    app = await run_in_threadpool(uc.cancel_application, ctx, account, applicationId)
    return JSONResponse(_out(request, app))


@router.put(
    PREFIX + "/{applicationId}/order",
    response_model=OrderExtendedOut,
    summary="Change the order before anything was sent: a partial put ({order: {...}})",
    openapi_extra=json_body(TypeAdapter(ChangeOrderIn | OrderChangeIn).json_schema()),
)
async def change(
    request: Request, applicationId: str, account: CurrentAccount, ctx: Ctx
) -> Response:
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise InvalidRequest(f"The request body is larger than {MAX_BODY} bytes.")
    try:
        parsed = json.loads(raw)
    except ValueError:
        parsed = None  # read_body says what is wrong
    if isinstance(parsed, dict) and "order" in parsed:
        order = (await read_body(request, ChangeOrderIn)).order
    else:  # ordex's older form: the order itself
        order = await read_body(request, OrderChangeIn)
    currency = currency_of(order) if _has_amounts(order) else None
    items, total = items_in(order, currency) if currency else (None, None)
    if order.number is not None:
        details = {"number": order.number, **details_in(order)}
    else:
        details = details_in(order)
    app = await run_in_threadpool(
        uc.change_order, ctx, account, applicationId, items, total, details, currency
    )
    return JSONResponse(order_extended_out(app))


def _has_amounts(order: OrderChangeIn) -> bool:
    return bool(order.items or order.totalPrice or order.totalVat)


async def _mark(
    request: Request,
    application_id: str,
    account: Account,
    ctx: Context,
    operation: ItemOperation,
) -> Response:
    body = await read_marks(request)
    app, _, _ = await run_in_threadpool(
        uc.mark_items,
        ctx,
        account,
        application_id,
        operation,
        identifications_in(body),
        mark_fields(body),
    )
    return JSONResponse(order_extended_out(app))


MARKS_BODY = json_body(TypeAdapter(MarkIn | MarkList).json_schema(), required=False)


class CancelIn(BaseModel):
    """The SDK's ``ApplicationCancelRequest`` (optional)."""

    reason: CancelReason | None = None
    customReason: Annotated[str, Field(max_length=1000)] | None = None


MARK_SUMMARY = "Mark order items {}: empty body = every item not yet marked"


@router.put(
    PREFIX + "/{applicationId}/order/cancel",
    response_model=OrderExtendedOut,
    summary=MARK_SUMMARY.format("as cancelled (a credit note if paid)"),
    openapi_extra=MARKS_BODY,
)
async def order_cancel(
    request: Request, applicationId: str, account: CurrentAccount, ctx: Ctx
) -> Response:
    return await _mark(request, applicationId, account, ctx, ItemOperation.CANCEL)


@router.put(
    PREFIX + "/{applicationId}/order/send",
    response_model=OrderExtendedOut,
    summary=MARK_SUMMARY.format("as sent"),
    openapi_extra=MARKS_BODY,
)
async def order_send(
    request: Request, applicationId: str, account: CurrentAccount, ctx: Ctx
) -> Response:
    return await _mark(request, applicationId, account, ctx, ItemOperation.SEND)


@router.put(
    PREFIX + "/{applicationId}/order/deliver",
    response_model=OrderExtendedOut,
    summary=MARK_SUMMARY.format("as delivered"),
    openapi_extra=MARKS_BODY,
)
async def order_deliver(
    request: Request, applicationId: str, account: CurrentAccount, ctx: Ctx
) -> Response:
    return await _mark(request, applicationId, account, ctx, ItemOperation.DELIVER)


@router.put(
    PREFIX + "/{applicationId}/order/return",
    response_model=OrderExtendedOut,
    summary=MARK_SUMMARY.format("as returned (a credit note if paid)"),
    openapi_extra=MARKS_BODY,
)
async def order_return(
    request: Request, applicationId: str, account: CurrentAccount, ctx: Ctx
) -> Response:
    return await _mark(request, applicationId, account, ctx, ItemOperation.RETURN)


@router.get(
    "/financing/v1/orders",
    response_model=OrderExtendedOut | ApplicationPageOut,
    summary="The SDK's Get order (by orderNumber, orderVariableSymbol or applicationId); "
    "without them (ordex) the partner's applications, newest first, by state, paged",
)
async def list_orders(
    request: Request,
    account: CurrentAccount,
    ctx: Ctx,
    orderNumber: Annotated[str | None, Query(max_length=200)] = None,
    orderVariableSymbol: Annotated[str | None, Query(max_length=10)] = None,
    applicationId: Annotated[str | None, Query(max_length=36)] = None,
    state: Annotated[list[ApplicationState] | None, Query()] = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Response:
    if orderNumber or orderVariableSymbol or applicationId:
        app = await run_in_threadpool(
            uc.find_order, ctx, account, orderNumber, orderVariableSymbol, applicationId
        )
        return JSONResponse(order_extended_out(app))
    try:
        after = decode_cursor(cursor) if cursor else None
    except ValueError as exc:
        raise InvalidRequest("cursor: not a cursor this API gave out.") from exc
    found = await run_in_threadpool(
        uc.list_applications, ctx, account, state or (), after, limit + 1
    )
    page = found[:limit]
    last = page[-1] if len(found) > limit else None
    return JSONResponse(
        {
            "items": [_out(request, app) for app in page],
            "nextCursor": encode_cursor((last.created_at, last.application_id)) if last else None,
        }
    )


@router.get(
    PREFIX + "/{applicationId}/payments",
    response_model=PaymentsOut,
    summary="The payments made to the partner for the application (the SDK's paging)",
)
async def payments(
    applicationId: str,
    account: CurrentAccount,
    ctx: Ctx,
    after: Annotated[str | None, Query(max_length=36)] = None,
    before: Annotated[str | None, Query(max_length=36)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Response:
    app = await run_in_threadpool(uc.get_application, ctx, account, applicationId)
    rows = sorted(
        (payment_out(app, n) for n in range(len(app.payments))), key=lambda p: p["paymentId"]
    )
    if after is not None:
        rows = [p for p in rows if p["paymentId"] > after]
    if before is not None:
        rows = [p for p in rows if p["paymentId"] < before][-limit:]
    page = rows[:limit]
    paging: dict[str, Any] = {"itemsPerPage": limit}
    if len(rows) > limit:
        paging["nextPage"] = f"payments?limit={limit}&after={page[-1]['paymentId']}"
    return JSONResponse({"data": page, "pagingInfo": paging})


@router.get(
    PREFIX + "/{applicationId}/ledger",
    response_model=LedgerOut,
    summary="ordex: the money behind an application (approved, financed, paid, credit notes)",
)
async def ledger(applicationId: str, account: CurrentAccount, ctx: Ctx) -> Response:
    app = await run_in_threadpool(uc.get_application, ctx, account, applicationId)
    return JSONResponse(ledger_out(app))


NOT_OFFERED = "ordex offers no {}: the hosted service's {} is not supported."


@router.post(
    "/financing/v1/precheck",
    response_model=ErrorsOut,
    status_code=422,
    summary="Not supported: 422 NOT_SUPPORTED",
)
async def precheck(account: CurrentAccount) -> Response:
    raise OperationNotSupported(NOT_OFFERED.format("precheck", "POST /financing/v1/precheck"))


@router.post(
    "/financing/v1/recurrences/{recurrenceId}/applications",
    response_model=ErrorsOut,
    status_code=422,
    summary="Not supported: 422 NOT_SUPPORTED",
)
async def recurring_application(recurrenceId: str, account: CurrentAccount) -> Response:
    raise OperationNotSupported(NOT_OFFERED.format("recurrences", "recurring application"))


@router.get(
    "/financing/v1/recurrences/{recurrenceId}",
    response_model=ErrorsOut,
    status_code=422,
    summary="Not supported: 422 NOT_SUPPORTED",
)
async def recurrence(recurrenceId: str, account: CurrentAccount) -> Response:
    raise OperationNotSupported(NOT_OFFERED.format("recurrences", "recurrence"))


@router.patch(
    "/financing/v1/recurrences/{recurrenceId}",
    response_model=ErrorsOut,
    status_code=422,
    summary="Not supported: 422 NOT_SUPPORTED",
)
async def change_recurrence(recurrenceId: str, account: CurrentAccount) -> Response:
    raise OperationNotSupported(NOT_OFFERED.format("recurrences", "recurrence"))


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
