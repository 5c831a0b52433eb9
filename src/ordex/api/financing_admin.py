"""The operator's hand on financing applications (``/admin/v1/financing``, admin token).

With ``ORDEX_FINANCING_DECISION=manual`` every application waits in PROCESSING until it is
approved or rejected here, so a sandbox user can drive every branch; ``payments`` records
what the financier paid the partner for the application (the SDK's payments: a payment
notification to ``merchantUrls.paymentsEndpoint``; credit notes then follow cancelled or
returned items). Amounts are minor units, as in the dialect.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from ordex.api.admin import PROBLEM, require_admin
from ordex.api.deps import Ctx, public_base_url
from ordex.api.fields import XmlText
from ordex.api.financing_schemas import ApplicationOut, Minor, major
from ordex.api.financing_views import application_out
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
    amount: Annotated[Minor, Field(gt=0)] | None = Field(
        default=None, description="Approved total in minor units; default the order's"
    )
    note: Note | None = None


class RejectIn(BaseModel):
    note: Note | None = None


class PaymentIn(BaseModel):
    amount: Annotated[Minor, Field(gt=0)] = Field(description="Minor units (12590 = 125.90)")


@router.post("/{applicationId}/approve", response_model=ApplicationOut, summary="Approve")
async def approve(
    request: Request, applicationId: str, ctx: Ctx, body: ApproveIn | None = None
) -> Response:
    body = body or ApproveIn()
    app = await run_in_threadpool(uc.get_any_application, ctx, applicationId)
    amount = None if body.amount is None else major(body.amount, app.currency)
    app = await run_in_threadpool(
        uc.decide_application, ctx, applicationId, True, amount, body.note
    )
    return JSONResponse(application_out(app, public_base_url(request)))


@router.post("/{applicationId}/reject", response_model=ApplicationOut, summary="Reject")
async def reject(
    request: Request, applicationId: str, ctx: Ctx, body: RejectIn | None = None
) -> Response:
    body = body or RejectIn()
    app = await run_in_threadpool(uc.decide_application, ctx, applicationId, False, None, body.note)
    return JSONResponse(application_out(app, public_base_url(request)))


@router.post(
    "/{applicationId}/payments",
    response_model=ApplicationOut,
    summary="Record a payment of the customer",
)
async def pay(request: Request, applicationId: str, body: PaymentIn, ctx: Ctx) -> Response:
    app = await run_in_threadpool(uc.get_any_application, ctx, applicationId)
    amount = major(body.amount, app.currency)
    app = await run_in_threadpool(uc.record_payment, ctx, applicationId, amount)
    return JSONResponse(application_out(app, public_base_url(request)))
