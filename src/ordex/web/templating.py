"""Jinja2 templates (package data in ``templates/``), their filters, and the HTML answers
of the inbox, with the headers every page carries."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from ordex.domain.orders import OrderState

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "Cache-Control": "no-store",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

STATE_LABELS = {
    OrderState.RECEIVED: "New",
    OrderState.ACKNOWLEDGED: "Acknowledged",
    OrderState.ACCEPTED: "Accepted",
    OrderState.ACCEPTED_WITH_CHANGES: "Accepted with changes",
    OrderState.REJECTED: "Rejected",
    OrderState.CHANGE_REQUESTED: "Change requested",
    OrderState.CANCELLATION_REQUESTED: "Cancellation requested",
    OrderState.CANCELLED: "Cancelled",
}
RESPONSE_LABELS = {
    "AB": "Acknowledged (AB)",
    "AP": "Accepted (AP)",
    "CA": "Accepted with changes (CA)",
    "RE": "Rejected (RE)",
}
LINE_STATUS_LABELS = {
    "1": "Added",
    "3": "Changed",
    "5": "Accepted",
    "7": "Refused",
    "42": "Already delivered",
}


def _amount(value: Decimal | str | None) -> str:
    """Money with two decimals (more only when it has more), thousands separated."""
    if value is None or value == "":
        return "–"
    number = Decimal(value) if isinstance(value, str) else value
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and number != round(number, 2):
        return f"{number:,}"
    return f"{number:,.2f}"


def _number(value: Decimal | str | None) -> str:
    """A quantity as written, without trailing zeros after the point."""
    if value is None or value == "":
        return "–"
    text = format(value, "f") if isinstance(value, Decimal) else value
    return text.rstrip("0").rstrip(".") if "." in text else text


def _when(value: datetime | date | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()


def _state(value: OrderState | str) -> str:
    return STATE_LABELS.get(OrderState(value), str(value))


environment = Environment(
    loader=PackageLoader("ordex.web", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.filters.update(amount=_amount, number=_number, when=_when, state=_state)
environment.globals.update(
    RESPONSE_LABELS=RESPONSE_LABELS, LINE_STATUS_LABELS=LINE_STATUS_LABELS, str=str
)


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The page ``name`` (``templates/name``) with ``context`` and the request."""
    html = environment.get_template(name).render(request=request, **context)
    return HTMLResponse(html, status_code=status, headers=HEADERS)
