"""Commerce dialect (Accounting-as-a-Service paths): orders, cancellations, invoices,
returns, read-back and the cancellation report, under ``/businesses/{businessCode}`` and,
for clients of the hosted service, the same under ``/accounting/v1``.

Authentication: ``Authorization: Bearer <key>`` or ``X-Subscription-Key: <key>``; the
key's account must own the party ``business:{businessCode}`` (otherwise 404).
``X-Request-ID`` makes a POST idempotent: the same ID again answers the first answer and
processes nothing.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials
from starlette.concurrency import run_in_threadpool

from ordex.api.commerce_schemas import (
    BankDetailsIn,
    BusinessCode,
    CancellationIn,
    CancellationOut,
    CancellationReportOut,
    CustomerNumber,
    InvoiceIn,
    ItemRefIn,
    OrderIn,
    OrderOut,
    OrderReference,
    PositionOut,
    ReasonTotalsOut,
    RefundOut,
    RequestAccepted,
    ReturnIn,
    ReturnOut,
)
from ordex.api.deps import Ctx, IsoDate, bearer, context, guarded_account
from ordex.api.idempotency import idempotent
from ordex.domain.accounts import Account
from ordex.domain.commerce import BankDetails, CommerceOrder, Position, RequestedItem
from ordex.domain.errors import AuthenticationFailed
from ordex.services.accounts import authenticate
from ordex.services.commerce import (
    CancelPositions,
    CreateOrder,
    InvoicePositions,
    RequestOf,
    ReturnPositions,
    cancel_positions,
    create_order,
    get_order,
    invoice_positions,
    report_cancellations,
    return_positions,
)

REQUEST_ID = "X-Request-ID"
subscription_key = APIKeyHeader(
    name="X-Subscription-Key", auto_error=False, description="AaaS-style API key header"
)


async def commerce_account(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    key: Annotated[str | None, Depends(subscription_key)],
) -> Account:
    """The caller: a bearer key or token, or the same key in ``X-Subscription-Key``."""
    account = guarded_account(request)
    if account is not None:
        return account
    if credentials is not None and credentials.scheme.lower() == "bearer":
        secret = credentials.credentials
    elif key:
        secret = key
    else:
        raise AuthenticationFailed(
            "Send 'Authorization: Bearer <API key>' or 'X-Subscription-Key: <API key>'."
        )
    return await run_in_threadpool(authenticate, context(request), secret)


CommerceAccount = Annotated[Account, Depends(commerce_account)]

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Bad input: problem+json whose `errors` name each field"},
    401: {"description": "No key, or an unknown one"},
    404: {"description": "Unknown business (or not yours), customer or order"},
    422: {"description": "The same X-Request-ID with another body"},
}

router = APIRouter(
    prefix="/businesses/{businessCode}",
    tags=["Commerce (Accounting as a Service)"],
    responses=ERRORS,
)


def _of(
    account: Account,
    business_code: str,
    customer_number: str,
    order_reference: str,
    request: Request | None = None,
) -> RequestOf:
    return RequestOf(
        account=account,
        business_code=business_code,
        customer_number=customer_number,
        order_reference=order_reference,
        request_id=request.headers.get(REQUEST_ID) if request is not None else None,
    )


def _items(items: list[ItemRefIn]) -> list[RequestedItem]:
    return [RequestedItem(item.orderItemReference, item.quantity) for item in items]


def _bank(bank: BankDetailsIn | None) -> BankDetails | None:
    return BankDetails(bank.iban, bank.accountOwner, bank.bic) if bank else None


async def _accepted(request: Request, account: Account, work: Any, *args: Any) -> Response:
    async def run() -> Response:
        internal_request_id = await run_in_threadpool(work, *args)
        return JSONResponse(RequestAccepted(internalRequestId=internal_request_id).model_dump())

    return await idempotent(request, account, run, header=REQUEST_ID)


ACCEPTED = (
    "Answers `{internalRequestId}` at once. The outcome (SUCCESS, or ERROR with each "
    "problem) follows as an `accounting/EDIErrorSent` notification."
)


@router.post(
    "/customers/{customerNumber}/orders",
    response_model=RequestAccepted,
    summary="Create an order",
    description=ACCEPTED + " Positions are checked (unique references, plausible VAT, "
    "consistent amounts). `positionType` takes Riverty's values (SALES_ARTICLE, DISCOUNT, "
    "SHIPPING_COSTS, ...; ordex's earlier names are aliases). A discount, voucher payment "
    "or service charge may name its main position in `mainItemReference` (ordex, "
    "optional); without it the client cancels related positions together. "
    "`prepaid: true` means payment was captured before delivery, so cancellations and "
    "returns are refunded.",
)
async def post_order(
    request: Request,
    businessCode: BusinessCode,
    customerNumber: CustomerNumber,
    body: OrderIn,
    account: CommerceAccount,
    ctx: Ctx,
) -> Response:
    command = CreateOrder(
        of=_of(account, businessCode, customerNumber, body.orderReference, request),
        currency=body.currency,
        order_date=body.orderDate,
        prepaid=body.prepaid,
        positions=[
            Position(
                reference=item.orderItemReference,
                quantity=item.quantity,
                gross_unit_price=item.grossUnitPrice,
                vat_percent=item.vatPercent,
                position_type=item.positionType,
                vat_amount=item.vatAmount,
                product_id=item.productId,
                description=item.description,
                main_reference=item.mainItemReference,
            )
            for item in body.items
        ],
        details=body.model_dump(
            mode="json", exclude={"items", "orderReference", "currency", "orderDate", "prepaid"}
        ),
    )
    return await _accepted(request, account, create_order, ctx, command)


@router.post(
    "/customers/{customerNumber}/orders/{orderReference}/cancellations",
    response_model=RequestAccepted,
    summary="Cancel whole positions of an order",
    description=ACCEPTED + " Only whole positions, and only before they are invoiced "
    "(invoiced ones are returned instead). **Related positions follow their main "
    "position**: cancelling a position also cancels the discounts, vouchers and services "
    "that belong to it; a discount or voucher cannot be cancelled on its own. A full "
    "cancellation names every position. When payment was captured (prepaid), exactly the "
    "cancelled positions' gross amounts are refunded, to `bankDetails` by bank transfer "
    "if given (BIC required only outside SEPA), else to the original payment method; "
    "`accounting/refundCompleted` follows when it is paid out.",
)
async def post_cancellation(
    request: Request,
    businessCode: BusinessCode,
    customerNumber: CustomerNumber,
    orderReference: OrderReference,
    body: CancellationIn,
    account: CommerceAccount,
    ctx: Ctx,
) -> Response:
    command = CancelPositions(
        of=_of(account, businessCode, customerNumber, orderReference, request),
        items=_items(body.items),
        cancellation_date=body.cancellationDate,
        reason=body.cancellationReason,
        invoice_reference=body.invoiceReference,
        bank=_bank(body.bankDetails),
    )
    return await _accepted(request, account, cancel_positions, ctx, command)


@router.post(
    "/customers/{customerNumber}/orders/{orderReference}/invoices",
    response_model=RequestAccepted,
    summary="Mark positions invoiced (ordex: moves an order forward in the sandbox)",
    description=ACCEPTED + " Without items, every open position is invoiced; related "
    "positions follow their main position.",
)
async def post_invoice(
    request: Request,
    businessCode: BusinessCode,
    customerNumber: CustomerNumber,
    orderReference: OrderReference,
    body: InvoiceIn,
    account: CommerceAccount,
    ctx: Ctx,
) -> Response:
    command = InvoicePositions(
        of=_of(account, businessCode, customerNumber, orderReference, request),
        invoice_reference=body.invoiceReference,
        items=_items(body.items),
        invoice_date=body.invoiceDate,
    )
    return await _accepted(request, account, invoice_positions, ctx, command)


@router.post(
    "/customers/{customerNumber}/orders/{orderReference}/returns",
    response_model=RequestAccepted,
    summary="Return invoiced positions",
    description=ACCEPTED + " Only invoiced positions; related positions follow their main "
    "position; refunds as for cancellations.",
)
async def post_return(
    request: Request,
    businessCode: BusinessCode,
    customerNumber: CustomerNumber,
    orderReference: OrderReference,
    body: ReturnIn,
    account: CommerceAccount,
    ctx: Ctx,
) -> Response:
    command = ReturnPositions(
        of=_of(account, businessCode, customerNumber, orderReference, request),
        items=_items(body.items),
        return_date=body.returnDate,
        reason=body.returnReason,
        return_reference=body.returnReference,
        invoice_reference=body.invoiceReference,
        bank=_bank(body.bankDetails),
    )
    return await _accepted(request, account, return_positions, ctx, command)


def order_out(order: CommerceOrder) -> OrderOut:
    return OrderOut(
        orderReference=order.reference,
        customerNumber=order.customer_number,
        internalRequestId=order.internal_request_id,
        status=order.status,
        currency=order.currency,
        orderDate=order.order_date,
        prepaid=order.prepaid,
        totalAmount=str(order.total),
        refundedAmount=str(order.refunded),
        items=[
            PositionOut(
                orderItemReference=p.reference,
                state=p.state.value,
                positionType=p.position_type.value,
                quantity=str(p.quantity),
                grossUnitPrice=str(p.gross_unit_price),
                grossAmount=str(p.gross),
                vatPercent=str(p.vat_percent),
                mainItemReference=p.main_reference,
                invoiceReference=p.invoice_reference,
                productId=p.product_id,
                description=p.description,
            )
            for p in order.positions
        ],
        cancellations=[
            CancellationOut(
                internalRequestId=c.internal_request_id,
                items=list(c.positions),
                cancellationDate=c.cancellation_date,
                cancellationReason=c.reason.value,
                invoiceReference=c.invoice_reference,
                amount=str(c.amount),
                refundId=c.refund_id,
            )
            for c in order.cancellations
        ],
        returns=[
            ReturnOut(
                internalRequestId=r.internal_request_id,
                items=list(r.positions),
                returnDate=r.return_date,
                returnReason=r.reason.value,
                returnReference=r.return_reference,
                invoiceReference=r.invoice_reference,
                amount=str(r.amount),
                refundId=r.refund_id,
            )
            for r in order.returns
        ],
        refunds=[
            RefundOut(
                refundId=r.refund_id,
                internalRequestId=r.internal_request_id,
                amount=str(r.amount),
                currency=r.currency,
                refundMethod=r.method.value,
                iban=r.bank.iban if r.bank else None,
                status=r.status.value,
                completedAt=r.completed_at.isoformat() if r.completed_at else None,
            )
            for r in order.refunds
        ],
    )


@router.get(
    "/customers/{customerNumber}/orders/{orderReference}",
    response_model=OrderOut,
    summary="An order: each position's state, its cancellations, returns and refunds",
)
async def read_order(
    businessCode: BusinessCode,
    customerNumber: CustomerNumber,
    orderReference: OrderReference,
    account: CommerceAccount,
    ctx: Ctx,
) -> OrderOut:
    of = _of(account, businessCode, customerNumber, orderReference)
    return order_out(await run_in_threadpool(get_order, ctx, of))


@router.get(
    "/reports/cancellations",
    response_model=CancellationReportOut,
    summary="Cancelled positions, amounts and refunds by cancellation reason",
    description="Accepted cancellations whose cancellationDate lies in [from, to].",
)
async def cancellations_report(
    businessCode: BusinessCode,
    account: CommerceAccount,
    ctx: Ctx,
    from_: Annotated[IsoDate | None, Query(alias="from")] = None,
    to: Annotated[IsoDate | None, Query()] = None,
) -> CancellationReportOut:
    totals = await run_in_threadpool(report_cancellations, ctx, account, businessCode, from_, to)
    return CancellationReportOut.model_validate(
        {
            "businessCode": businessCode,
            "from": from_,
            "to": to,
            "byReason": {
                reason: ReasonTotalsOut(
                    cancellations=t.cancellations,
                    positions=t.positions,
                    amount=str(t.amount),
                    refunded=str(t.refunded),
                )
                for reason, t in totals.items()
            },
        }
    )
