"""The inbox's query string: filters (state, other party, dates, search) and the cursor."""

from __future__ import annotations

import binascii
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

from ordex.api.views import decode_cursor, encode_cursor
from ordex.domain.errors import InvalidPartyId, InvalidRequest
from ordex.domain.orders import OrderState
from ordex.peppol.identifiers import parse_party_id
from ordex.services.inbox import InboxFilter

FIELDS = ("state", "party", "from", "to", "q")


def _day(params: Any, name: str) -> date | None:
    text = (params.get(name) or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidRequest(f"{name}: a date such as 2026-01-31 is expected.") from exc


def read_filter(params: Any) -> tuple[InboxFilter, dict[str, str]]:
    """The filter of the query string, and the given fields (to fill the form again)."""
    given = {name: (params.get(name) or "").strip() for name in FIELDS}
    state = None
    if given["state"]:
        try:
            state = OrderState(given["state"])
        except ValueError as exc:
            raise InvalidRequest(f"state: no state {given['state']!r}.") from exc
    party = None
    if given["party"]:
        try:
            party = parse_party_id(given["party"])
        except InvalidPartyId as exc:
            raise InvalidRequest(f"party: {exc.message}") from exc
    start, end = _day(params, "from"), _day(params, "to")
    cursor = params.get("after")
    after = None
    if cursor:
        try:
            after = decode_cursor(cursor)
        except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
            raise InvalidRequest("after: not a cursor this inbox gave out.") from exc
    return (
        InboxFilter(
            state=state,
            counterparty=party,
            since=datetime.combine(start, time(), UTC) if start else None,
            until=datetime.combine(end + timedelta(days=1), time(), UTC) if end else None,
            search=given["q"][:200] or None,
            after=after,
        ),
        given,
    )


def next_link(path: str, given: dict[str, str], cursor: tuple[datetime, str] | None) -> str | None:
    if cursor is None:
        return None
    query = {k: v for k, v in given.items() if v}
    query["after"] = encode_cursor(cursor) or ""
    return f"{path}?{urlencode(query)}"
