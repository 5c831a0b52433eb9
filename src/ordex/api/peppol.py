"""The Peppol ordering dialect behind PSB paths: ``/api/v1/{partyId}/...``.

Handlers are thin: read the request, call one use case, render the answer.
"""

from __future__ import annotations

import binascii
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ordex.api.deps import (
    Ctx,
    CurrentAccount,
    IsoDateTime,
    PathParty,
    RequestRoute,
    bearer_token,
    context,
    documented_as,
    guarded_account,
)
from ordex.api.fields import field_problems, one_line
from ordex.api.idempotency import HEADER, Replay, idempotent
from ordex.api.peppol_lookup import candidates_of, family_of, lookup_party
from ordex.api.schemas import (
    LINE_STATUS_NAMES,
    SDK_CODES,
    CancellationIn,
    DocumentList,
    DocumentOut,
    DocumentStatusOut,
    LookupParty,
    OrderResponseIn,
    OrderStatusOut,
    ResponseList,
    ResponseSummary,
)
from ordex.api.views import (
    as_utc,
    decode_cursor,
    document_out,
    encode_cursor,
    json_view,
    summary,
)
from ordex.domain.accounts import Account
from ordex.domain.content import (
    DocumentType,
    Item,
    PartyId,
    Period,
    ResponseCode,
    ResponseLine,
    ResponseLineCode,
)
from ordex.domain.documents import Document
from ordex.domain.errors import InvalidRequest, MalformedDocument
from ordex.domain.orders import OrderState
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import authenticate
from ordex.services.context import Context
from ordex.services.ports import DocumentQuery
from ordex.services.queries import (
    FAMILIES,
    RESPONSE_FAMILIES,
    list_documents,
    list_responses,
    order_history,
    recipients,
    remote_recipients,
    sent_document,
)
from ordex.services.receiving import DownloadDocument, delete_document, download_document
from ordex.services.responding import RespondToOrder, respond_to_order
from ordex.services.roles import SALES_TYPES, Role
from ordex.services.sending import CancelOrder, SendDocument, cancel_order, send_document

ERRORS: dict[int | str, dict[str, Any]] = {
    status: {
        "description": text,
        "content": {
            "application/json": {
                "example": {
                    "message": text,
                    "code": f"API{status}",
                    "requestId": "…",
                    "dateTime": "…",
                }
            }
        },
    }
    for status, text in {
        400: "Invalid input: malformed or unsafe XML, rule violations (listed in `errors`), "
        "wrong party in the document",
        401: "Missing, unknown or expired bearer token",
        404: "Unknown party, document or order, or one that is not yours",
        409: "Refused by the order's state, a duplicate document, or a concurrent change",
        410: "The document's content was purged by retention or deleted",
        422: "Recipient not reachable on this hub, or an Idempotency-Key reused",
    }.items()
}

router = APIRouter(prefix="/api/v1/{partyId}", tags=["Peppol ordering (PSB)"], responses=ERRORS)

XML_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/xml": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
        },
    }
}


def _is_form(request: Request) -> bool:
    return request.headers.get("content-type", "").startswith("multipart/form-data")


def _checked(data: bytes) -> bytes:
    start = data.lstrip()[:1]
    if not start:
        raise InvalidRequest("The request body is empty: send a UBL document.")
    if start in (b"{", b"["):
        raise MalformedDocument(
            "The body is JSON, not XML: send the UBL document itself with "
            "'Content-Type: application/xml' (curl --data-binary @order.xml) or as a "
            "multipart file (curl -F file=@order.xml)."
        )
    return data


async def _uploaded(request: Request) -> bytes:
    """The document from a raw XML body or the first file of a multipart form."""
    if _is_form(request):
        form = await request.form()
        for value in form.values():
            if isinstance(value, UploadFile):
                return await value.read()
        raise InvalidRequest("multipart/form-data: no file part found (expected 'file').")
    return _checked(await request.body())


def _receiver(receiver_id: str | None) -> PartyId | None:
    return parse_party_id(receiver_id) if receiver_id else None


def _send_parameters(
    partyId: PathParty,
    account: CurrentAccount,
    receiverId: Annotated[str | None, Query(description="Recipient if not in the document")] = None,
    channel: Annotated[str | None, Query(description="Accepted and ignored (PSB)")] = None,
) -> None:
    """What ``send`` reads from the request, as OpenAPI describes it."""


def _checked_send(
    ctx: Context, account: Account, party: PartyId, data: bytes, receiver_id: str | None
) -> Document:
    """``send`` without an Idempotency-Key, in one trip to the thread pool; it fails where
    the steps of the keyed path fail: on the body, then ``receiverId``."""
    data = _checked(data)
    return send_document(ctx, SendDocument(account, party, data, _receiver(receiver_id)))


@documented_as(_send_parameters)
async def send(request: Request) -> Response:
    # The ingest path reads the request by hand: FastAPI has no dependencies to solve.
    # The edge (api/edge.py) authenticated the caller before any of the body was read.
    # (No docstring: it would become the operation's description.)
    ctx = context(request)
    account = guarded_account(request)
    if account is None:
        account = await run_in_threadpool(authenticate, ctx, bearer_token(request))
    party = parse_party_id(request.path_params["partyId"])
    receiver_id = request.query_params.get("receiverId")
    if HEADER not in request.headers and not _is_form(request):
        data = await request.body()
        document = await run_in_threadpool(_checked_send, ctx, account, party, data, receiver_id)
        return JSONResponse(document_out(document))

    async def run() -> Response:
        data = await _uploaded(request)
        command = SendDocument(account, party, data, _receiver(receiver_id))
        document = await run_in_threadpool(send_document, ctx, command)
        return JSONResponse(document_out(document))

    async def replay(document_id: str) -> Replay:
        document = await run_in_threadpool(sent_document, ctx, account, party, document_id)
        return Replay(document.created_at, JSONResponse(document_out(document)))

    return await idempotent(request, account, run, replay=replay)


router.add_api_route(
    "/purchaseOrder/send",
    send,
    methods=["POST"],
    route_class_override=RequestRoute,
    response_model=DocumentOut,
    summary="Send a UBL Order (T01) to the seller named in it",
    openapi_extra=XML_BODY,
)


@router.post(
    "/purchaseOrder/{documentId}/cancel",
    response_model=DocumentOut,
    summary="Ask the seller to cancel an order (renders a T115)",
)
async def cancel(
    request: Request,
    partyId: PathParty,
    documentId: str,
    body: CancellationIn,
    account: CurrentAccount,
    ctx: Ctx,
) -> Response:
    async def run() -> Response:
        command = CancelOrder(account, partyId, documentId, body.cancellationNote, body.note)
        document = await run_in_threadpool(cancel_order, ctx, command)
        return JSONResponse(document_out(document))

    return await idempotent(request, account, run)


def _history(ctx: Any, account: Any, party: Any, document_id: str, role: Role) -> OrderStatusOut:
    order, entries = order_history(ctx, account, party, document_id, role)
    return OrderStatusOut(
        orderId=order.order_id,
        orderNumber=order.number,
        state=order.state.value,
        history=[
            DocumentStatusOut(
                id=f"{entry.document_id}:{index}",
                name=entry.name,
                description=entry.description,
                createdOn=entry.created_at,
                documentId=entry.document_id,
            )
            for index, entry in enumerate(entries, start=1)
        ],
    )


@router.get(
    "/purchaseOrder/{documentId}/status",
    response_model=list[DocumentStatusOut],
    summary="Status history of a sent order (PSB DocumentStatus[])",
)
async def purchase_status(
    partyId: PathParty, documentId: str, account: CurrentAccount, ctx: Ctx
) -> list[DocumentStatusOut]:
    history = await run_in_threadpool(_history, ctx, account, partyId, documentId, Role.BUYER)
    return history.history


@router.get(
    "/salesOrder/{documentId}/status",
    response_model=list[DocumentStatusOut],
    summary="Status history of a received order",
)
async def sales_status(
    partyId: PathParty, documentId: str, account: CurrentAccount, ctx: Ctx
) -> list[DocumentStatusOut]:
    history = await run_in_threadpool(_history, ctx, account, partyId, documentId, Role.SELLER)
    return history.history


@router.get(
    "/purchaseOrder/{documentId}/responses",
    response_model=ResponseList,
    summary="The seller's responses to an order (ordex extension)",
)
async def responses(
    partyId: PathParty, documentId: str, account: CurrentAccount, ctx: Ctx
) -> ResponseList:
    order, documents = await run_in_threadpool(list_responses, ctx, account, partyId, documentId)
    return ResponseList(
        orderId=order.order_id,
        orderNumber=order.number,
        orderState=order.state.value,
        items=[
            ResponseSummary(
                responseId=doc.document_id,
                statusCode=doc.response_code or "",
                number=doc.number,
                transaction=doc.transaction,
                createdOn=doc.created_at,
                downloadedOn=doc.first_downloaded_at,
                purgedOn=doc.purged_at,
                href=f"/api/v1/{partyId}/purchaseOrder/{documentId}/responses/{doc.document_id}",
            )
            for doc in documents
        ],
    )


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "application/xml" not in accept


def _render_download(request: Request, document: Document) -> Response:
    content = document.content or b""
    if _wants_json(request):
        return JSONResponse(json_view(document, content))
    return Response(
        content,
        media_type="application/xml",
        headers={"Content-Disposition": f'attachment; filename="{document.document_id}.xml"'},
    )


DOWNLOAD_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The UBL XML exactly as sent, or with `Accept: application/json` the "
        "JSON view described in docs/json-view.md",
        "content": {"application/xml": {}, "application/json": {}},
    }
}


@router.get(
    "/purchaseOrder/{documentId}/responses/{responseId}",
    summary="Download one response (XML, or JSON with Accept: application/json)",
    responses=DOWNLOAD_RESPONSES,
)
async def download_response(
    request: Request,
    partyId: PathParty,
    documentId: str,
    responseId: str,
    account: CurrentAccount,
    ctx: Ctx,
) -> Response:
    command = DownloadDocument(
        account, partyId, responseId, types=(DocumentType.ORDER_RESPONSE,), order_id=documentId
    )
    document = await run_in_threadpool(download_document, ctx, command)
    return _render_download(request, document)


@router.post(
    "/purchaseOrder/queryRecipientParty",
    response_model=LookupParty,
    summary="The recipient party (of its candidate IDs) that can receive orders here",
)
async def query_recipient_party(
    partyId: PathParty,
    account: CurrentAccount,
    ctx: Ctx,
    partyIds: Annotated[
        list[str], Body(description="All possible Peppol party IDs of the one recipient")
    ],
    documentFamily: Annotated[
        str | None,
        Query(description="Order, OrderChange or OrderCancellation (case-insensitive)"),
    ] = None,
    preferredDocumentTypeId: str | None = None,
) -> LookupParty:
    family = family_of(documentFamily, FAMILIES)
    candidates = candidates_of(partyIds)
    found = await run_in_threadpool(recipients, ctx, account, partyId, candidates, family)
    if not found:  # elsewhere on Peppol, when this hub is an access point
        found = await run_in_threadpool(
            remote_recipients, ctx, account, partyId, candidates, family
        )
    return lookup_party(found, len(candidates))


@router.post(
    "/salesOrder/queryRecipientParty",
    response_model=LookupParty,
    summary="The buyer party (of its candidate IDs) that can receive Order Responses here",
)
async def query_response_recipient(
    partyId: PathParty,
    account: CurrentAccount,
    ctx: Ctx,
    partyIds: Annotated[list[str], Body(description="All possible Peppol party IDs of the buyer")],
    preferredDocumentTypeId: str | None = None,
) -> LookupParty:
    candidates = candidates_of(partyIds)
    found = await run_in_threadpool(
        recipients, ctx, account, partyId, candidates, None, RESPONSE_FAMILIES
    )
    if not found:
        found = await run_in_threadpool(
            remote_recipients, ctx, account, partyId, candidates, None, RESPONSE_FAMILIES
        )
    return lookup_party(found, len(candidates))


def _list(
    ctx: Any,
    account: Any,
    party: Any,
    role: str,
    types: tuple[DocumentType, ...],
    state: OrderState | None,
    since: datetime | None,
    cursor: str | None,
    limit: int,
) -> DocumentList:
    try:
        after = decode_cursor(cursor) if cursor else None
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidRequest("cursor: not a cursor this API gave out.") from exc
    page = list_documents(
        ctx,
        account,
        DocumentQuery(
            party=party,
            role=role,
            document_types=types,
            state=state.value if state else None,
            since=as_utc(since),
            after=after,
            limit=limit,
        ),
    )
    return DocumentList(
        items=[summary(listed) for listed in page.items],
        nextCursor=encode_cursor(page.next_cursor),
    )


@router.get(
    "/salesOrder",
    response_model=DocumentList,
    summary="Received orders, changes and cancellations, oldest first (ordex extension)",
)
async def list_sales(
    partyId: PathParty,
    account: CurrentAccount,
    ctx: Ctx,
    state: OrderState | None = None,
    since: IsoDateTime | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> DocumentList:
    return await run_in_threadpool(
        _list, ctx, account, partyId, "receiver", SALES_TYPES, state, since, cursor, limit
    )


@router.get(
    "/purchaseOrder",
    response_model=DocumentList,
    summary="Sent orders, changes and cancellations, oldest first (ordex extension)",
)
async def list_purchases(
    partyId: PathParty,
    account: CurrentAccount,
    ctx: Ctx,
    state: OrderState | None = None,
    since: IsoDateTime | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> DocumentList:
    return await run_in_threadpool(
        _list, ctx, account, partyId, "sender", SALES_TYPES, state, since, cursor, limit
    )


@router.get(
    "/salesOrder/{documentId}/download",
    summary="Download a received order, change or cancellation",
    responses=DOWNLOAD_RESPONSES,
)
async def download(
    request: Request,
    partyId: PathParty,
    documentId: str,
    account: CurrentAccount,
    ctx: Ctx,
    targetDocumentTypeId: str | None = None,
    targetFormat: str | None = None,
) -> Response:
    target = targetDocumentTypeId or targetFormat
    document = await run_in_threadpool(
        download_document, ctx, DownloadDocument(account, partyId, documentId)
    )
    if target and not _same_type(target, document):
        raise InvalidRequest(
            f"targetDocumentTypeId {target!r}: ordex does not transform documents; ask for "
            "the original (no parameter) or the JSON view (Accept: application/json)."
        )
    return _render_download(request, document)


def _same_type(target: str, document: Document) -> bool:
    return f"::{document.document_type.value}##" in target or target == document.transaction


@router.delete(
    "/salesOrder/{documentId}",
    status_code=204,
    summary="Delete a received document's content before retention does",
)
async def delete(
    partyId: PathParty, documentId: str, account: CurrentAccount, ctx: Ctx
) -> Response:
    await run_in_threadpool(delete_document, ctx, account, partyId, documentId)
    return Response(status_code=204)


RESPONSE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": OrderResponseIn.model_json_schema()},
            "application/xml": {"schema": {"type": "string", "description": "UBL OrderResponse"}},
        },
    }
}


def _response_body(raw: bytes) -> OrderResponseIn:
    try:
        return OrderResponseIn.model_validate_json(raw or b"{}")
    except ValidationError as exc:
        raise InvalidRequest(one_line(field_problems(exc.errors(include_input=False)))) from exc


def response_command(
    account: Any, party: Any, document_id: str, body: OrderResponseIn
) -> RespondToOrder:
    """The use case's command for a JSON answer (also the web inbox's, issue 22)."""
    lines = tuple(
        ResponseLine(
            line_id=line.lineId,
            order_line_id=line.orderLineId or line.lineId,
            status=ResponseLineCode(LINE_STATUS_NAMES.get(line.status, line.status)),
            quantity=line.quantity,
            unit_code=line.unitCode,
            price=line.price,
            note=line.note,
            promised_delivery=(
                Period(line.promisedDelivery.start, line.promisedDelivery.end)
                if line.promisedDelivery
                else None
            ),
            item=(
                Item(
                    name=line.item.name,
                    sellers_id=line.item.sellersId,
                    buyers_id=line.item.buyersId,
                    standard_id=line.item.standardId,
                    standard_id_scheme=line.item.standardIdScheme,
                )
                if line.item
                else None
            ),
        )
        for line in body.lines
    )
    code = ResponseCode(SDK_CODES.get(body.status, body.status))
    return RespondToOrder(account, party, document_id, code=code, note=body.note, lines=lines)


@router.post(
    "/salesOrder/{documentId}/response",
    response_model=DocumentOut,
    summary="Answer an order or a cancellation: JSON {status, note?, lines?} or a UBL "
    "OrderResponse",
    openapi_extra=RESPONSE_BODY,
)
async def respond(
    request: Request, partyId: PathParty, documentId: str, account: CurrentAccount, ctx: Ctx
) -> Response:
    async def run() -> Response:
        content_type = request.headers.get("content-type", "")
        if "xml" in content_type or content_type.startswith("multipart/form-data"):
            command = RespondToOrder(account, partyId, documentId, xml=await _uploaded(request))
        else:
            body = _response_body(await request.body())
            command = response_command(account, partyId, documentId, body)
        document = await run_in_threadpool(respond_to_order, ctx, command)
        return JSONResponse(document_out(document))

    return await idempotent(request, account, run)
