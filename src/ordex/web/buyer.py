"""The buyer's actions on a sent order: ask to cancel it (a T115, the API's ``cancel``), and
change it with a form over its current lines (sent as a T114 by ``change_order_lines``)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from ordex.api.deps import context
from ordex.api.peppol import response_command
from ordex.api.schemas import CancellationIn
from ordex.domain.content import OrderContent, OrderLine
from ordex.domain.errors import InvalidInput
from ordex.services.changing import ChangeOrderLines, change_order_lines
from ordex.services.inbox import order_page
from ordex.services.roles import Role
from ordex.services.sending import CancelOrder, cancel_order
from ordex.web import answer_form
from ordex.web.orders import content_now
from ordex.web.routing import web_router
from ordex.web.session import Browser, browser, checked
from ordex.web.templating import render

router = web_router()
BASE = "/inbox/sent"


def _done(order_id: str, text: str) -> Response:
    return RedirectResponse(f"{BASE}/{order_id}?notice={quote(text)}", status_code=303)


@router.post("/inbox/sent/{document_id}/cancel")
async def cancel(request: Request, document_id: str) -> Response:
    form = await request.form()
    who = checked(request, form)
    try:
        body = CancellationIn.model_validate(
            {"cancellationNote": str(form.get("cancellationNote") or "").strip()}
        )
    except ValidationError as exc:
        raise InvalidInput(
            "cancellationNote: say why the order is cancelled (1 to 1000 characters)."
        ) from exc
    command = CancelOrder(who.account, who.party, document_id, body.cancellationNote, None)
    await run_in_threadpool(cancel_order, context(request), command)
    return _done(document_id, "Your cancellation request was sent to the supplier.")


def _differs(given: str, now: Decimal | None) -> bool:
    if not given:
        return False
    try:
        return now is None or Decimal(given) != now
    except InvalidOperation:
        return True  # the validation says what is wrong with it


def _edit(values: dict[str, str], prefix: str, line: OrderLine) -> dict[str, Any] | None:
    if values.get(f"{prefix}-remove"):
        return {"lineId": line.line_id, "status": "notAccepted"}
    edit: dict[str, Any] = {}
    quantity, price = values.get(f"{prefix}-quantity", ""), values.get(f"{prefix}-price", "")
    if _differs(quantity, line.quantity):
        edit["quantity"] = quantity
    if _differs(price, line.price):
        edit["price"] = price
    period = line.requested_delivery
    start, end = values.get(f"{prefix}-start", ""), values.get(f"{prefix}-end", "")
    was = (
        (period.start.isoformat() if period and period.start else ""),
        (period.end.isoformat() if period and period.end else ""),
    )
    if (start, end) != was and (start or end):
        edit["promisedDelivery"] = {"startDate": start or None, "endDate": end or None}
    return {"lineId": line.line_id, "status": "changed", **edit} if edit else None


def _change_body(
    form: answer_form.AnswerForm, content: OrderContent
) -> tuple[dict[str, Any], list[str]]:
    lines: list[dict[str, Any]] = []
    prefixes: list[str] = []
    for i, line in enumerate(content.lines):
        edit = _edit(form.values, f"line-{i}", line)
        if edit is not None:
            lines.append(edit)
            prefixes.append(f"line-{i}")
    for j in range(form.added):
        prefix = f"new-{j}"
        extra = answer_form.changes(form.values, prefix)
        if extra:
            line_id = form.values.get(f"{prefix}-id") or f"{len(content.lines) + j + 1}"
            lines.append({"lineId": line_id, "status": "added", **extra})
            prefixes.append(prefix)
    return {"status": "CA", "lines": lines}, prefixes


def _values(content: OrderContent) -> dict[str, str]:
    values: dict[str, str] = {}
    for i, line in enumerate(content.lines):
        period = line.requested_delivery
        values[f"line-{i}-quantity"] = format(line.quantity, "f") if line.quantity else ""
        values[f"line-{i}-price"] = format(line.price, "f") if line.price is not None else ""
        values[f"line-{i}-start"] = period.start.isoformat() if period and period.start else ""
        values[f"line-{i}-end"] = period.end.isoformat() if period and period.end else ""
    return values


async def _page(
    request: Request, who: Browser, document_id: str, form: answer_form.AnswerForm | None
) -> Response:
    page = await run_in_threadpool(
        order_page, context(request), who.account, who.party, Role.BUYER, document_id
    )
    content = content_now(page)
    filled = form or answer_form.AnswerForm(values=_values(content), added=0)
    return render(
        request,
        "change.html",
        400 if filled.problems or filled.general else 200,
        who=who,
        section="sent",
        base=BASE,
        order=page.order,
        content=content,
        form=filled,
    )


@router.get("/inbox/sent/{document_id}/change")
async def change_form(request: Request, document_id: str) -> Response:
    return await _page(request, browser(request), document_id, None)


@router.post("/inbox/sent/{document_id}/change")
async def change(request: Request, document_id: str) -> Response:
    form = await request.form()
    who = checked(request, form)
    page = await run_in_threadpool(
        order_page, context(request), who.account, who.party, Role.BUYER, document_id
    )
    content = content_now(page)
    filled = answer_form.read(form, content)
    if filled.values.get("action") != "send":
        return await _page(request, who, document_id, filled)
    data, prefixes = _change_body(filled, content)
    body = answer_form.model_of(data, prefixes, filled)
    if body is None:
        return await _page(request, who, document_id, filled)
    if not body.lines and not filled.values.get("note"):
        filled.general.append("Nothing was changed: edit a line, remove one or add one.")
        return await _page(request, who, document_id, filled)
    lines = response_command(who.account, who.party, document_id, body).lines
    command = ChangeOrderLines(
        who.account,
        who.party,
        document_id,
        lines,
        number=filled.values.get("number") or None,
        note=filled.values.get("note") or None,
    )
    try:
        document = await run_in_threadpool(change_order_lines, context(request), command)
    except InvalidInput as error:
        filled.general.append(error.message)
        return await _page(request, who, document_id, filled)
    return _done(document.order_id, f"Your change {document.number} was sent to the supplier.")
