"""The app over HTTP (in-process ASGI client) on a fresh database per test: SQLite, and
PostgreSQL when given (tests/databases.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ordex.api.app import create_app
from ordex.bootstrap import Runtime, bootstrap
from ordex.config import Settings
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from tests.unit.fakes import FakeClock

BUYER = "0088:7300010000001"
SELLER = "0088:7302347231110"
OTHER = "0088:5790000435975"
ADMIN_TOKEN = "admin-secret-for-tests"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@dataclass
class Hub:
    client: TestClient
    runtime: Runtime
    clock: FakeClock
    keys: dict[str, str]

    def headers(self, party: str, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[party]}", **extra}

    def send(self, xml: bytes, party: str = BUYER, **headers: str) -> object:
        return self.client.post(
            f"/api/v1/{party}/purchaseOrder/send",
            content=xml,
            headers=self.headers(party, **{"Content-Type": "application/xml", **headers}),
        )


@pytest.fixture
def hub(database_url: str) -> Iterator[Hub]:
    settings = Settings(database_url=database_url, admin_token=ADMIN_TOKEN)
    clock = FakeClock()
    rt = bootstrap(settings, clock=clock)
    keys = {}
    for name, party in (("Buyer", BUYER), ("Seller", SELLER), ("Other", OTHER)):
        _, key = create_account(rt.ctx, name, [parse_party_id(party)])
        keys[party] = key
    with TestClient(create_app(rt), raise_server_exceptions=False) as client:
        yield Hub(client=client, runtime=rt, clock=clock, keys=keys)
    rt.engine.dispose()


@pytest.fixture
def order_xml() -> bytes:
    return (Path(__file__).resolve().parents[2] / "examples" / "order.xml").read_bytes()
