"""The supplier's answers: AB, AP, RE for the whole order (or its change), CA line by line
with a summary before sending, and the answer to a cancellation request. Each calls the
API's use case (``respond_to_order``) with the API's command (``response_command``)."""

from __future__ import annotations

from collections import Counter
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import context
from ordex.api.peppol import response_command
from ordex.api.schemas import OrderResponseIn
from ordex.domain.errors import InvalidInput, InvalidRequest
from ordex.services.inbox import order_page
from ordex.services.responding import RespondToOrder, preview_response, respond_to_order
from ordex.services.roles import Role
from ordex.web import answer_form
from ordex.web.orders import answered_content
from ordex.web.routing import web_router
from ordex.web.session import Browser, browser, checked
from ordex.web.templating import LINE_STATUS_LABELS, render

router = web_router()
BASE = "/inbox/orders"


def _done(order_id: str, text: str) -> Response:
    return RedirectResponse(f"{BASE}/{order_id}?notice={quote(text)}", status_code=303)


async def _respond(request: Request, who: Browser, document_id: str, body: Any) -> Any:
    command = response_command(who.account, who.party, document_id, body)
    return await run_in_threadpool(respond_to_order, context(request), command)


@router.post("/inbox/orders/{document_id}/answer")
async def answer(request: Request, document_id: str) -> Response:
    form = await request.form()
    who = checked(request, form)
    status = str(form.get("status") or "")
    note = str(form.get("note") or "").strip() or None
    if status not in ("AB", "AP", "RE"):
        raise InvalidRequest("status: choose AB, AP or RE (CA: answer line by line).")
    if status == "RE" and note is None:
        raise InvalidRequest("note: say why you reject the order (it goes to the buyer).")
    body = OrderResponseIn.model_validate({"status": status, "note": note})
    document = await _respond(request, who, document_id, body)
    return _done(document.order_id, f"Your answer {status} was sent to the buyer.")


@router.post("/inbox/orders/{document_id}/cancellation")
async def cancellation(request: Request, document_id: str) -> Response:
    form = await request.form()
    who = checked(request, form)
    decision = form.get("decision")
    if decision not in ("accept", "refuse"):
        raise InvalidRequest("decision: accept or refuse the cancellation.")
    note = str(form.get("note") or "").strip() or None
    body = OrderResponseIn.model_validate(
        {"status": "AP" if decision == "accept" else "RE", "note": note}
    )
    document = await _respond(request, who, document_id, body)
    done = "accepted: the order is cancelled" if decision == "accept" else "refused"
    return _done(document.order_id, f"The cancellation was {done}.")


async def _form_page(
    request: Request, who: Browser, document_id: str, form: answer_form.AnswerForm | None
) -> Response:
    page = await run_in_threadpool(
        order_page, context(request), who.account, who.party, Role.SELLER, document_id
    )
    content = answered_content(page)
    filled = form or answer_form.blank(content)
    summary = None
    if form is not None and not filled.problems and not filled.general:
        summary = await _summary(request, who, document_id, filled, content)
    status = 400 if filled.problems or filled.general else 200
    return render(
        request,
        "answer_lines.html",
        status,
        who=who,
        section="received",
        base=BASE,
        page=page,
        order=page.order,
        content=content,
        target=document_id,
        form=filled,
        statuses=answer_form.LINE_STATUSES,
        summary=summary,
    )


async def _summary(
    request: Request,
    who: Browser,
    document_id: str,
    form: answer_form.AnswerForm,
    content: Any,
) -> dict[str, Any] | None:
    body = answer_form.validated(form, content)
    if body is None:
        return None
    command = response_command(who.account, who.party, document_id, body)
    try:
        preview = await run_in_threadpool(preview_response, context(request), command)
    except InvalidInput as error:
        form.general.append(error.message)
        return None
    counts = Counter(LINE_STATUS_LABELS[line.status.value] for line in preview.lines)
    return {
        "counts": dict(counts),
        "lines": len(preview.agreed.lines),
        "before": content.totals.line_extension,
        "after": preview.agreed.totals.line_extension,
        "currency": content.currency,
    }


@router.get("/inbox/orders/{document_id}/answer-lines")
async def answer_lines_form(request: Request, document_id: str) -> Response:
    return await _form_page(request, browser(request), document_id, None)


@router.post("/inbox/orders/{document_id}/answer-lines")
async def answer_lines(request: Request, document_id: str) -> Response:
    form = await request.form()
    who = checked(request, form)
    page = await run_in_threadpool(
        order_page, context(request), who.account, who.party, Role.SELLER, document_id
    )
    content = answered_content(page)
    filled = answer_form.read(form, content)
    if filled.values.get("action") != "send":
        return await _form_page(request, who, document_id, filled)
    body = answer_form.validated(filled, content)
    if body is None:
        return await _form_page(request, who, document_id, filled)
    command: RespondToOrder = response_command(who.account, who.party, document_id, body)
    try:
        document = await run_in_threadpool(respond_to_order, context(request), command)
    except InvalidInput as error:
        filled.general.append(error.message)
        return await _form_page(request, who, document_id, filled)
    return _done(document.order_id, "Your answer CA (accepted with changes) was sent.")
