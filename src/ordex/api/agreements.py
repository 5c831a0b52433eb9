"""The Order Agreement (T110) in the Peppol dialect: the seller sends, the buyer downloads.

``POST /api/v1/{partyId}/salesOrder/agreement/send`` takes the seller's UBL Order
Agreement like ``purchaseOrder/send`` takes the buyer's Order (raw XML or a multipart
file, ``receiverId``, ``Idempotency-Key``); the buyer hears ``OrderAgreementReceived`` and
downloads it with ``GET /api/v1/{partyId}/purchaseOrder/{documentId}/download`` (the UBL
as sent, or the JSON view with ``Accept: application/json``). Handlers are thin.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import Ctx, CurrentAccount, PathParty
from ordex.api.idempotency import Replay, idempotent
from ordex.api.peppol import (
    DOWNLOAD_RESPONSES,
    ERRORS,
    XML_BODY,
    _receiver,
    _render_download,
    _uploaded,
)
from ordex.api.schemas import DocumentOut
from ordex.api.views import document_out
from ordex.services.agreements import AGREEMENT_TYPES, SendAgreement, send_agreement
from ordex.services.queries import sent_document
from ordex.services.receiving import DownloadDocument, download_document

router = APIRouter(prefix="/api/v1/{partyId}", tags=["Peppol ordering (PSB)"], responses=ERRORS)


@router.post(
    "/salesOrder/agreement/send",
    response_model=DocumentOut,
    summary="Send a UBL Order Agreement (T110) to the buyer named in it",
    openapi_extra=XML_BODY,
)
async def send(
    request: Request,
    partyId: PathParty,
    account: CurrentAccount,
    ctx: Ctx,
    receiverId: Annotated[str | None, Query(description="Recipient if not in the document")] = None,
) -> Response:
    async def run() -> Response:
        command = SendAgreement(account, partyId, await _uploaded(request), _receiver(receiverId))
        document = await run_in_threadpool(send_agreement, ctx, command)
        return JSONResponse(document_out(document))

    async def replay(document_id: str) -> Replay:
        document = await run_in_threadpool(sent_document, ctx, account, partyId, document_id)
        return Replay(document.created_at, JSONResponse(document_out(document)))

    return await idempotent(request, account, run, replay=replay)


@router.get(
    "/purchaseOrder/{documentId}/download",
    summary="Download a received Order Agreement (XML, or JSON with Accept: application/json)",
    responses=DOWNLOAD_RESPONSES,
)
async def download(
    request: Request, partyId: PathParty, documentId: str, account: CurrentAccount, ctx: Ctx
) -> Response:
    command = DownloadDocument(account, partyId, documentId, types=AGREEMENT_TYPES)
    document = await run_in_threadpool(download_document, ctx, command)
    return _render_download(request, document)
