"""A typed Python client of the PSB dialect (``/api/v1/{partyId}/...``), on httpx.

One client speaks for one party with one key::

    from ordex.client import OrdexClient

    buyer = OrdexClient("http://127.0.0.1:8000", api_key, "0088:7300010000001")
    order = buyer.send_order(Path("examples/order.xml").read_bytes())
    buyer.responses(order.document_id).order_state   # 'received'

Errors answer :class:`OrdexApiError` with the status, the ``errorCode`` and the
``helpLink`` of the answer. It works against ordex and, for what the PSB offers (send,
cancel, status, download, response, hooks), against a PSB. docs/python-client.md walks
through the README's walk-through with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

import httpx

ResponseStatus = Literal["AB", "AP", "CA", "RE"]
LineStatus = Literal["accepted", "notAccepted", "changed", "added", "alreadyDelivered"]


class OrdexApiError(Exception):
    """An error answer: ``status`` (HTTP), ``error_code`` (e.g. ``DUPLICATE_DOCUMENT``),
    the message, the ``help_link`` to the error reference and the whole ``body``."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        self.status = status
        self.body = body
        self.error_code: str | None = body.get("errorCode")
        self.message: str = str(body.get("message") or body.get("detail") or body)
        self.help_link: str | None = body.get("helpLink")
        super().__init__(f"{status} {self.error_code}: {self.message}")


@dataclass(frozen=True)
class Document:
    """A document the hub stored: its ``document_id`` names it in every later call."""

    document_id: str
    order_id: str
    document_type: str
    transaction: str
    number: str
    sender: str
    receiver: str
    created_on: datetime

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        return cls(
            document_id=data["documentId"],
            order_id=data["orderId"],
            document_type=data["documentType"],
            transaction=data["transaction"],
            number=data["number"],
            sender=data["sender"],
            receiver=data["receiver"],
            created_on=datetime.fromisoformat(data["createdOn"]),
        )


@dataclass(frozen=True)
class StatusEntry:
    name: str
    description: str
    created_on: datetime
    document_id: str


@dataclass(frozen=True)
class Response:
    """An answer the buyer received: ``status_code`` AB, AP, CA or RE; ``href`` downloads it."""

    response_id: str
    status_code: str
    number: str
    href: str


@dataclass(frozen=True)
class Responses:
    order_id: str
    order_number: str
    order_state: str
    items: list[Response]


@dataclass(frozen=True)
class Listed:
    """A document in a list (``purchaseOrder`` / ``salesOrder``)."""

    document_id: str
    document_type: str
    number: str
    order_number: str
    order_state: str
    response_code: str | None


@dataclass(frozen=True)
class ResponseLine:
    """One line of a CA answer (docs/responses.md)."""

    line_id: str
    status: LineStatus
    order_line_id: str | None = None
    quantity: str | None = None
    unit_code: str | None = None
    price: str | None = None
    note: str | None = None
    promised_start: str | None = None
    promised_end: str | None = None
    item: dict[str, str] | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"lineId": self.line_id, "status": self.status}
        optional = {
            "orderLineId": self.order_line_id,
            "quantity": self.quantity,
            "unitCode": self.unit_code,
            "price": self.price,
            "note": self.note,
            "item": self.item,
        }
        body.update({key: value for key, value in optional.items() if value is not None})
        if self.promised_start or self.promised_end:
            body["promisedDelivery"] = {"start": self.promised_start, "end": self.promised_end}
        return body


@dataclass
class OrdexClient:
    """The PSB paths of one party (``party``, e.g. ``0088:7300010000001``) with one key.

    ``http`` may be an ``httpx.Client`` of your own (proxies, retries, a test client);
    by default one is made for ``base_url``.
    """

    base_url: str
    api_key: str
    party: str
    timeout: float = 30.0
    http: httpx.Client | None = None
    _http: httpx.Client = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._http = self.http or httpx.Client(base_url=self.base_url, timeout=self.timeout)

    def close(self) -> None:
        if self.http is None:
            self._http.close()

    def __enter__(self) -> OrdexClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- the buyer -------------------------------------------------------------------

    def send_order(
        self, xml: bytes, *, receiver_id: str | None = None, idempotency_key: str | None = None
    ) -> Document:
        """Send a UBL Order (T01), an Order Change (T114), or an Order naming an earlier
        one in ``cac:OrderReference`` (a change, PSB style)."""
        headers = {"Content-Type": "application/xml"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        params = {"receiverId": receiver_id} if receiver_id else None
        answer = self._call(
            "POST", "purchaseOrder/send", content=xml, headers=headers, params=params
        )
        return Document.from_json(answer)

    def cancel(self, document_id: str, cancellation_note: str, note: str | None = None) -> Document:
        body = {"cancellationNote": cancellation_note, **({"note": note} if note else {})}
        answer = self._call("POST", f"purchaseOrder/{document_id}/cancel", json=body)
        return Document.from_json(answer)

    def status(self, document_id: str, role: str = "purchaseOrder") -> list[StatusEntry]:
        """The order's history, oldest first (``role``: ``purchaseOrder`` for the buyer,
        ``salesOrder`` for the seller); PSB ``DocumentStatus[]``."""
        return [
            StatusEntry(e["name"], e["description"], _time(e["createdOn"]), e["documentId"])
            for e in self._call("GET", f"{role}/{document_id}/status")
        ]

    def responses(self, document_id: str) -> Responses:
        """The order's state and the answers the buyer received to it (ordex)."""
        data = self._call("GET", f"purchaseOrder/{document_id}/responses")
        return Responses(
            order_id=data["orderId"],
            order_number=data["orderNumber"],
            order_state=data["orderState"],
            items=[
                Response(i["responseId"], i["statusCode"], i["number"], i["href"])
                for i in data["items"]
            ],
        )

    def purchase_orders(self, state: str | None = None) -> list[Listed]:
        return self._list("purchaseOrder", state)

    # --- the seller ------------------------------------------------------------------

    def sales_orders(self, state: str | None = None) -> list[Listed]:
        """Every document received (``state``: the order's, e.g. ``received``), all pages."""
        return self._list("salesOrder", state)

    def download(self, document_id: str) -> bytes:
        """The received document, as sent."""
        return self._request("GET", f"salesOrder/{document_id}/download").content

    def download_json(self, document_id: str) -> dict[str, Any]:
        """The received document as JSON (docs/json-view.md)."""
        headers = {"Accept": "application/json"}
        view: dict[str, Any] = self._call(
            "GET", f"salesOrder/{document_id}/download", headers=headers
        )
        return view

    def respond(
        self,
        document_id: str,
        status: ResponseStatus,
        note: str | None = None,
        lines: list[ResponseLine] | None = None,
    ) -> Document:
        """Answer an order, a change or a cancellation (CA with ``lines``)."""
        body: dict[str, Any] = {"status": status}
        if note:
            body["note"] = note
        if lines:
            body["lines"] = [line.to_json() for line in lines]
        answer = self._call("POST", f"salesOrder/{document_id}/response", json=body)
        return Document.from_json(answer)

    def changes(self, document_id: str, against: str | None = None) -> dict[str, Any]:
        """What a change changed, line by line (ordex)."""
        params = {"against": against} if against else None
        diff: dict[str, Any] = self._call("GET", f"salesOrder/{document_id}/changes", params=params)
        return diff

    def versions(self, document_id: str, role: str = "salesOrder") -> dict[str, Any]:
        versions: dict[str, Any] = self._call("GET", f"{role}/{document_id}/versions")
        return versions

    # --- hooks -----------------------------------------------------------------------

    def put_hook(
        self, action: str, topics: list[str], secret: str | None = None, name: str | None = None
    ) -> dict[str, Any]:
        body = {"action": action, "topics": topics, "secret": secret, "name": name}
        hook: dict[str, Any] = self._call(
            "PUT", "hook", json={k: v for k, v in body.items() if v is not None}
        )
        return hook

    def hooks(self) -> list[dict[str, Any]]:
        hooks: list[dict[str, Any]] = self._call("GET", "hook")
        return hooks

    def delete_hook(self, hook_id: str) -> None:
        self._request("DELETE", f"hook/{hook_id}")

    # --- plumbing --------------------------------------------------------------------

    def _list(self, role: str, state: str | None) -> list[Listed]:
        found: list[Listed] = []
        cursor: str | None = None
        while True:
            params = {k: v for k, v in {"state": state, "cursor": cursor}.items() if v}
            page = self._call("GET", role, params=params)
            found += [
                Listed(
                    i["documentId"],
                    i["documentType"],
                    i["number"],
                    i["orderNumber"],
                    i["orderState"],
                    i.get("responseCode"),
                )
                for i in page["items"]
            ]
            cursor = page.get("nextCursor")
            if not cursor:
                return found

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._request(method, path, **kwargs).json()

    def _request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.api_key}", **kwargs.pop("headers", {})}
        url = f"/api/v1/{self.party}/{path}"
        answer = self._http.request(method, url, headers=headers, **kwargs)
        if answer.is_error:
            try:
                body = answer.json()
            except ValueError:
                body = {"message": answer.text}
            raise OrdexApiError(answer.status_code, body if isinstance(body, dict) else {})
        return answer


def _time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
