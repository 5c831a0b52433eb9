"""A hub with a web shop (business SHOP-1) and a stranger (business OTHER-9), for the
commerce dialect's tests over HTTP; and the order the seed 001 samples refer to."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from ordex.api.app import create_app
from ordex.bootstrap import Runtime, bootstrap
from ordex.config import Settings
from ordex.delivery.worker import drain
from ordex.domain.content import PartyId
from ordex.domain.hooks import RetrySchedule
from ordex.services.accounts import create_account
from ordex.storage import tables as t
from tests.unit.fakes import FakeClock

SHOP = "SHOP-1"
OTHER = "OTHER-9"
CUSTOMER = "C-1001"
BASE = f"/businesses/{SHOP}/customers/{CUSTOMER}/orders"


@dataclass
class Shop:
    client: TestClient
    runtime: Runtime
    clock: FakeClock
    key: str
    other_key: str

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}", **extra}

    def post(self, path: str, body: Any, **headers: str) -> Any:
        return self.client.post(path, json=body, headers=self.headers(**headers))

    def create_order(self, reference: str, prepaid: bool = True, **changes: Any) -> Any:
        body = {**order_body(reference, prepaid), **changes}
        answer = self.post(BASE, body)
        assert answer.status_code == 200, answer.text
        return answer

    def cancel(self, reference: str, body: Any, **headers: str) -> Any:
        return self.post(f"{BASE}/{reference}/cancellations", body, **headers)

    def order(self, reference: str) -> Any:
        answer = self.client.get(f"{BASE}/{reference}", headers=self.headers())
        assert answer.status_code == 200, answer.text
        return answer.json()

    def states(self, reference: str) -> dict[int, str]:
        return {i["orderItemReference"]: i["state"] for i in self.order(reference)["items"]}

    def outbox(self, topic: str = "accounting/EDIErrorSent") -> list[dict[str, Any]]:
        """The bodies of the commerce notifications written so far, oldest first."""
        with self.runtime.engine.connect() as conn:
            rows = conn.execute(
                select(t.outbox.c.body)
                .where(t.outbox.c.topic == topic)
                .order_by(t.outbox.c.created_at)
            ).all()
        return [row.body if isinstance(row.body, dict) else json.loads(row.body) for row in rows]

    def outcome(self, internal_request_id: str) -> dict[str, Any]:
        """The one EDIErrorSent of a request (fails if there is none, or several)."""
        [notice] = [
            body
            for body in self.outbox()
            if body["parameters"]["internalRequestId"] == internal_request_id
        ]
        return notice["parameters"]  # type: ignore[no-any-return]

    def drain(self) -> int:
        assert self.runtime.ctx.transport is not None
        return drain(self.runtime.ctx, self.runtime.ctx.transport, RetrySchedule(jitter=0))


def order_body(reference: str, prepaid: bool = True) -> dict[str, Any]:
    """Four positions: the seed samples cancel 3, 4, or 1 to 4 of them."""
    return {
        "orderReference": reference,
        "currency": "EUR",
        "orderDate": "2018-03-20",
        "orderChannel": "ECOM",
        "prepaid": prepaid,
        "billToAddress": {"firstName": "Max", "lastName": "Mustermann", "country": "DE"},
        "items": [
            {
                "orderItemReference": 1,
                "quantity": 2,
                "grossUnitPrice": 19.99,
                "vatPercent": 19,
                "vatAmount": 3.19,
                "productId": "SKU-1",
                "description": "T-shirt",
            },
            {
                "orderItemReference": 2,
                "quantity": 1,
                "grossUnitPrice": 49.90,
                "vatPercent": 19,
                "productId": "SKU-2",
            },
            {
                "orderItemReference": 3,
                "quantity": 3,
                "grossUnitPrice": 33.33,
                "vatPercent": 7,
                "productId": "SKU-3",
            },
            {
                "orderItemReference": 4,
                "quantity": 1,
                "grossUnitPrice": 4.95,
                "vatPercent": 19,
                "positionType": "SHIPPING_FEE",
            },
        ],
    }


@pytest.fixture
def shop(database_url: str) -> Iterator[Shop]:
    settings = Settings(
        database_url=database_url, allow_private_webhooks=True, allow_http_webhooks=True
    )
    clock = FakeClock()
    rt = bootstrap(settings, clock=clock)
    _, key = create_account(rt.ctx, "Shop", [PartyId("business", SHOP)])
    _, other_key = create_account(rt.ctx, "Other", [PartyId("business", OTHER)])
    with TestClient(create_app(rt), raise_server_exceptions=False) as client:
        yield Shop(client, rt, clock, key, other_key)
    rt.engine.dispose()
