"""The operator's hand on financing applications (``/admin/v1/financing``, admin token).

With ``ORDEX_FINANCING_DECISION=manual`` every application waits in PROCESSING until it is
approved or rejected here, so a sandbox user can drive every branch; ``payments`` records
what the customer paid (credit notes then follow cancelled or returned items).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ordex.api.admin import PROBLEM, require_admin
from ordex.api.deps import Ctx, public_base_url
from ordex.api.fields import DecimalLimits, XmlText
from ordex.api.financing_schemas import ApplicationOut, application_out
from ordex.services import financing as uc

router = APIRouter(
    prefix="/admin/v1/financing/applications",
    tags=["Admin"],
    dependencies=[Depends(require_admin)],
    responses={
        401: {"description": "Missing or wrong admin token", **PROBLEM},
        404: {"description": "No such application", **PROBLEM},
        422: {"description": "The application's state refuses it", **PROBLEM},
    },
)


Note = Annotated[str, XmlText(1000)]


class ApproveIn(BaseModel):
    amount: Annotated[Decimal, DecimalLimits(14, 4), Field(gt=0)] | None = Field(
        default=None, description="Approved total; default the order's"
    )
    note: Note | None = None


class RejectIn(BaseModel):
    note: Note | None = None


class PaymentIn(BaseModel):
    amount: Annotated[Decimal, DecimalLimits(14, 2), Field(gt=0)]


@router.post("/{applicationId}/approve", response_model=ApplicationOut, summary="Approve")
async def approve(
    request: Request, applicationId: str, ctx: Ctx, body: ApproveIn | None = None
) -> ApplicationOut:
    body = body or ApproveIn()
    app = await run_in_threadpool(
        uc.decide_application, ctx, applicationId, True, body.amount, body.note
    )
    return application_out(app, public_base_url(request))


@router.post("/{applicationId}/reject", response_model=ApplicationOut, summary="Reject")
async def reject(
    request: Request, applicationId: str, ctx: Ctx, body: RejectIn | None = None
) -> ApplicationOut:
    body = body or RejectIn()
    app = await run_in_threadpool(uc.decide_application, ctx, applicationId, False, None, body.note)
    return application_out(app, public_base_url(request))


@router.post(
    "/{applicationId}/payments",
    response_model=ApplicationOut,
    summary="Record a payment of the customer",
)
async def pay(request: Request, applicationId: str, body: PaymentIn, ctx: Ctx) -> ApplicationOut:
    app = await run_in_threadpool(uc.record_payment, ctx, applicationId, body.amount)
    return application_out(app, public_base_url(request))
