"""``GET /smp/{participantId}`` and ``GET /smp/{participantId}/services/{documentTypeId}``:
this hub's SMP, mounted only when the hub is a Peppol access point (``Settings.peppol``).

Public and read-only: the edge lets ``/smp/`` through without credentials and counts it
against the caller's address (``ORDEX_RATE_LIMIT_ANONYMOUS``).
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request, Response
from starlette.concurrency import run_in_threadpool

from ordex.bootstrap import Runtime
from ordex.network.smp_publisher import SmpPublisher

XML = "text/xml"


def _base(request: Request, rt: Runtime) -> str:
    return rt.settings.public_url or str(request.base_url).rstrip("/")


def mount(app: FastAPI, rt: Runtime) -> None:
    """Adds the SMP routes when ``ORDEX_PEPPOL_AP_CERT`` is set (else nothing)."""
    if rt.settings.peppol is None:
        return
    publisher = SmpPublisher.from_settings(rt.ctx, rt.settings.peppol)
    router = APIRouter(prefix="/smp", tags=["Peppol SMP"])

    @router.get(
        "/{participantId}",
        summary="ServiceGroup: the document types a participant hosted here receives",
        response_class=Response,
        responses={200: {"content": {XML: {}}}, 404: {"description": "Not hosted here"}},
    )
    async def service_group(request: Request, participantId: str) -> Response:
        smp_url = _base(request, rt) + "/smp"
        body = await run_in_threadpool(publisher.service_group, participantId, smp_url)
        return Response(body, media_type=XML)

    @router.get(
        "/{participantId}/services/{documentTypeId}",
        summary="SignedServiceMetadata: where and how a participant receives a document type",
        response_class=Response,
        responses={200: {"content": {XML: {}}}, 404: {"description": "Not hosted here"}},
    )
    async def service_metadata(
        request: Request, participantId: str, documentTypeId: str
    ) -> Response:
        as4_url = _base(request, rt) + "/as4"
        body = await run_in_threadpool(
            publisher.service_metadata, participantId, documentTypeId, as4_url
        )
        return Response(body, media_type=XML)

    app.include_router(router)
