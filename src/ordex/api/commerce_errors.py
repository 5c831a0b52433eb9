"""Errors of the commerce dialect: RFC 9457 problem+json with an ``errors`` list that names
each field (``items[1].orderItemReference``, ``bankDetails.iban``), as Riverty's APIs
answer problem+json. The status table is the shared one in :mod:`ordex.api.errors`."""

from __future__ import annotations

from fastapi import Request
from fastapi.exceptions import RequestValidationError

from ordex.api.fields import field_problems, one_line
from ordex.domain.errors import InvalidFields

PREFIXES = ("/businesses/", "/accounting/v1/", "/administration/v1/")


def is_commerce(request: Request) -> bool:
    return request.url.path.startswith(PREFIXES)


def _field(location: tuple[object, ...]) -> str:
    """``("body", "items", 0, "orderItemReference")`` -> ``items[0].orderItemReference``."""
    if location and location[0] in {"body", "query", "path", "header"}:
        kind, location = location[0], location[1:]
        if kind != "body" and location:
            location = (f"{kind}.{location[0]}", *location[1:])
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def commerce_validation_error(exc: RequestValidationError) -> InvalidFields:
    """Each field and what is wrong with it (at most ``MAX_PROBLEMS``, never the input)."""
    problems = field_problems(exc.errors(), _field)
    return InvalidFields(one_line(problems) or "Invalid request.", problems)
