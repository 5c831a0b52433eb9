"""Order pages of both sides: the supplier's inbox (``/inbox``, received) and the buyer's
(``/inbox/sent``), one order with its parties, lines, totals, history and documents, the
change it awaits as a diff, its versions, and each document as XML or JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import context
from ordex.api.diff_schema import OrderDiffView
from ordex.api.views import json_view
from ordex.domain.content import (
    DocumentType,
    OrderContent,
    OrderLine,
    ResponseCode,
    ResponseContent,
)
from ordex.domain.diff import diff_orders
from ordex.domain.documents import Document
from ordex.domain.errors import DocumentNotFound
from ordex.domain.orders import ANSWERS, OrderAction, OrderState, Subject
from ordex.domain.versions import previous
from ordex.peppol.attachments import attachments
from ordex.services.inbox import OrderPage, document_of_order, inbox_page, order_page
from ordex.services.receiving import DownloadDocument, download_document
from ordex.services.roles import Role
from ordex.web.filters import next_link, read_filter
from ordex.web.routing import web_router
from ordex.web.session import browser
from ordex.web.templating import STATE_LABELS, render

router = web_router()
BASES = {Role.SELLER: "/inbox/orders", Role.BUYER: "/inbox/sent"}
LISTS = {Role.SELLER: "/inbox", Role.BUYER: "/inbox/sent"}


async def _list(request: Request, role: Role) -> Response:
    who = browser(request)
    wanted, given = read_filter(request.query_params)
    page = await run_in_threadpool(
        inbox_page, context(request), who.account, who.party, role, wanted
    )
    return render(
        request,
        "inbox.html",
        who=who,
        section="received" if role is Role.SELLER else "sent",
        role=role.name.lower(),
        page=page,
        given=given,
        states=STATE_LABELS,
        base=BASES[role],
        next=next_link(LISTS[role], given, page.next_cursor),
        first=bool(request.query_params.get("after")),
        notice=request.query_params.get("notice"),
    )


@router.get("/inbox")
async def received(request: Request) -> Response:
    return await _list(request, Role.SELLER)


@router.get("/inbox/sent")
async def sent(request: Request) -> Response:
    return await _list(request, Role.BUYER)


def answer_target(page: OrderPage) -> tuple[Subject, str]:
    """What the supplier's answer answers now, and the document it names."""
    if page.order.state is OrderState.CANCELLATION_REQUESTED and page.awaiting_cancellation:
        return Subject.CANCELLATION, page.awaiting_cancellation.document_id
    if page.order.state is OrderState.CHANGE_REQUESTED and page.change_document:
        return Subject.CHANGE, page.change_document
    return Subject.ORDER, page.order.order_id


def allowed_codes(page: OrderPage, subject: Subject) -> list[str]:
    return [code.value for code in ResponseCode if page.order.allows(ANSWERS[(subject, code)])]


def content_now(page: OrderPage) -> OrderContent:
    return page.now.content if page.now is not None else page.order.content


def answered_content(page: OrderPage) -> OrderContent:
    """The version an answer answers: the pending change, or the current version."""
    if page.change_document and page.order.state is OrderState.CHANGE_REQUESTED:
        for version in page.versions:
            if version.document_id == page.change_document:
                return version.content
    return content_now(page)


async def _order(request: Request, role: Role, document_id: str, **extra: Any) -> Response:
    who = browser(request)
    page = await run_in_threadpool(
        order_page, context(request), who.account, who.party, role, document_id
    )
    subject, target = answer_target(page)
    diff = (
        OrderDiffView.from_diff(page.change, include_unchanged=True)
        if page.change is not None
        else None
    )
    return render(
        request,
        "order.html",
        who=who,
        section="received" if role is Role.SELLER else "sent",
        role=role.name.lower(),
        base=BASES[role],
        page=page,
        order=page.order,
        content=content_now(page),
        diff=diff,
        subject=subject.value,
        target=target,
        codes=allowed_codes(page, subject) if role is Role.SELLER else [],
        can_cancel=role is Role.BUYER and page.order.allows(OrderAction.REQUEST_CANCELLATION),
        can_change=role is Role.BUYER and page.order.allows(OrderAction.REQUEST_CHANGE),
        answers=_answers(page) if role is Role.BUYER else [],
        attachments=_attachments(page),
        notice=request.query_params.get("notice"),
        **extra,
    )


@dataclass(frozen=True)
class Answer:
    """A response the buyer received, with the lines it answered (as ordered then)."""

    document: Document
    response: ResponseContent
    ordered: dict[str, OrderLine]


def _attachments(page: OrderPage) -> list[str]:
    """What the order (or its latest change) lists as attachments, for people."""
    sources = [
        d.document
        for d in page.documents
        if d.document.document_type in (DocumentType.ORDER, DocumentType.ORDER_CHANGE)
        and d.document.content is not None
    ]
    if not sources:
        return []
    return [
        " ".join(
            part for part in (a.identifier, a.filename and f"({a.filename})", a.description) if part
        )
        for a in attachments(sources[-1].content or b"")
    ]


def _answers(page: OrderPage) -> list[Answer]:
    answers = []
    for exchanged in page.responses:
        assert exchanged.response is not None
        answered = [v for v in page.versions if v.answered_by == exchanged.document.document_id]
        content = answered[0].content if answered else page.order.content
        ordered = {line.line_id: line for line in content.lines}
        answers.append(Answer(exchanged.document, exchanged.response, ordered))
    return answers


@router.get("/inbox/orders/{document_id}")
async def received_order(request: Request, document_id: str) -> Response:
    return await _order(request, Role.SELLER, document_id)


@router.get("/inbox/sent/{document_id}")
async def sent_order(request: Request, document_id: str) -> Response:
    return await _order(request, Role.BUYER, document_id)


async def _version(request: Request, role: Role, document_id: str, number: int) -> Response:
    who = browser(request)
    page = await run_in_threadpool(
        order_page, context(request), who.account, who.party, role, document_id
    )
    found = [v for v in page.versions if v.number == number]
    if not found:
        raise DocumentNotFound(f"Order {page.order.number} has no version {number}.")
    version = found[0]
    before = previous(page.versions, version)
    diff = (
        OrderDiffView.from_diff(diff_orders(before.content, version.content))
        if before is not None
        else None
    )
    return render(
        request,
        "version.html",
        who=who,
        section="received" if role is Role.SELLER else "sent",
        base=BASES[role],
        page=page,
        order=page.order,
        version=version,
        content=version.content,
        diff=diff,
    )


@router.get("/inbox/orders/{document_id}/versions/{number}")
async def received_version(request: Request, document_id: str, number: int) -> Response:
    return await _version(request, Role.SELLER, document_id, number)


@router.get("/inbox/sent/{document_id}/versions/{number}")
async def sent_version(request: Request, document_id: str, number: int) -> Response:
    return await _version(request, Role.BUYER, document_id, number)


async def _download(
    request: Request, role: Role, document_id: str, wanted: str, form: str
) -> Response:
    who = browser(request)
    ctx = context(request)
    document = await run_in_threadpool(
        document_of_order, ctx, who.account, who.party, role, document_id, wanted
    )
    if document.receiver == who.party and document.document_type is not DocumentType.ORDER_RESPONSE:
        # A received order, change or cancellation: the API's download (retention's clock).
        command = DownloadDocument(
            who.account, who.party, document.document_id, order_id=document.order_id
        )
        document = await run_in_threadpool(download_document, ctx, command)
    content = document.content or b""
    if form == "json":
        view = await run_in_threadpool(json_view, document, content)
        return JSONResponse(view, headers={"Cache-Control": "no-store"})
    return Response(
        content,
        media_type="application/xml",
        headers={
            "Content-Disposition": f'attachment; filename="{document.document_id}.xml"',
            "Cache-Control": "no-store",
        },
    )


@router.get("/inbox/orders/{document_id}/documents/{wanted}.xml")
async def received_xml(request: Request, document_id: str, wanted: str) -> Response:
    return await _download(request, Role.SELLER, document_id, wanted, "xml")


@router.get("/inbox/orders/{document_id}/documents/{wanted}.json")
async def received_json(request: Request, document_id: str, wanted: str) -> Response:
    return await _download(request, Role.SELLER, document_id, wanted, "json")


@router.get("/inbox/sent/{document_id}/documents/{wanted}.xml")
async def sent_xml(request: Request, document_id: str, wanted: str) -> Response:
    return await _download(request, Role.BUYER, document_id, wanted, "xml")


@router.get("/inbox/sent/{document_id}/documents/{wanted}.json")
async def sent_json(request: Request, document_id: str, wanted: str) -> Response:
    return await _download(request, Role.BUYER, document_id, wanted, "json")
