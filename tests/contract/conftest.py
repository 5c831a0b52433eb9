"""One ordex served over loopback HTTP (uvicorn, a real socket, the embedded delivery worker)
for the contract tests, on a fresh SQLite database: a Peppol buyer and seller (PSB
dialect) and a web shop (commerce).

The contract tests replay the hosted APIs' published request and response examples
against it; each test names the public material its example comes from.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn

from ordex.bootstrap import bootstrap
from ordex.config import Settings
from ordex.domain.content import PartyId
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.serving import served_app

BUYER = "0088:7300010000001"
SELLER = "0088:7302347231110"
SHOP = "SHOP-1"


@dataclass
class Served:
    base_url: str
    keys: dict[str, str]

    def client(self, party: str, **headers: str) -> httpx.Client:
        """A client as the hosted API's SDK makes one: a base URL and the credentials."""
        auth = {"Authorization": f"Bearer {self.keys[party]}"}
        return httpx.Client(base_url=self.base_url, headers={**auth, **headers}, timeout=10)

    def call(self, party: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
        with self.client(party) as client:
            return client.request(method, path, **kwargs)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    database = tmp_path_factory.mktemp("contract") / "ordex.db"
    settings = Settings(
        database_url=f"sqlite:///{database}",
        allow_private_webhooks=True,  # receivers on loopback, as in `make run`
        allow_http_webhooks=True,
    )
    rt = bootstrap(settings)
    keys = {
        BUYER: create_account(rt.ctx, "Buyer", [parse_party_id(BUYER)])[1],
        SELLER: create_account(rt.ctx, "Seller", [parse_party_id(SELLER)])[1],
        SHOP: create_account(rt.ctx, "Shop", [PartyId("business", SHOP)])[1],
    }
    port = _free_port()
    config = uvicorn.Config(served_app(rt), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the contract server did not start"
        time.sleep(0.02)
    try:
        yield Served(f"http://127.0.0.1:{port}", keys)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        rt.engine.dispose()
