"""Two ordex hubs that are Peppol access points of one dev PKI, each served by uvicorn on
loopback (in a thread) and looking the other's parties up at the other's ``/smp``."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from ordex.api.app import create_app
from ordex.bootstrap import Runtime, bootstrap
from ordex.config import Settings
from ordex.network.pki import DevPki
from ordex.network.ports import PeppolSettings
from ordex.network.transmitter import As4Sender, network_sender
from ordex.peppol.identifiers import parse_party_id
from ordex.services.accounts import create_account
from ordex.services.network import transmit_due

BUYER = "0088:7300010000001"  # hosted on hub A
SELLER = "0088:7302347231110"  # hosted on hub B


@dataclass
class PeppolHub:
    name: str
    url: str
    runtime: Runtime
    client: httpx.Client
    key: str
    party: str
    sender: As4Sender

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}", **extra}

    def api(self, method: str, path: str, **kw: Any) -> httpx.Response:
        headers = {**self.headers(), **kw.pop("headers", {})}
        return self.client.request(method, f"/api/v1/{self.party}/{path}", headers=headers, **kw)

    def transmit(self) -> int:
        """Send what is due to the other hub now; returns how many were tried."""
        return transmit_due(self.runtime.ctx, self.sender)


def _socket() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def _served(app: Any, sock: socket.socket) -> Iterator[None]:
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield
    finally:
        server.should_exit = True
        thread.join(5)
        sock.close()


@contextmanager
def two_hubs(
    directory: Path, database_urls: tuple[str, str] | None = None
) -> Iterator[tuple[PeppolHub, PeppolHub]]:
    pki = DevPki.create()
    (directory / "trust.pem").write_bytes(pki.trust_pem)
    sockets = {"a": _socket(), "b": _socket()}
    urls = {name: f"http://127.0.0.1:{s.getsockname()[1]}" for name, s in sockets.items()}
    hubs: dict[str, PeppolHub] = {}
    with ExitStack() as stack:
        for index, (name, seat, party, other) in enumerate(
            (("a", "POP000001", BUYER, "b"), ("b", "POP000002", SELLER, "a"))
        ):
            issued = pki.access_point(seat)
            (directory / f"{seat}.pem").write_bytes(issued.certificate_pem)
            (directory / f"{seat}.key").write_bytes(issued.key_pem)
            database = database_urls[index] if database_urls else f"sqlite:///{directory / name}.db"
            settings = Settings(
                database_url=database,
                public_url=urls[name],
                allow_private_webhooks=True,
                peppol=PeppolSettings(
                    directory / f"{seat}.pem",
                    directory / f"{seat}.key",
                    trust=str(directory / "trust.pem"),
                    smp_url=urls[other] + "/smp",
                ),
            )
            rt = bootstrap(settings)
            stack.callback(rt.engine.dispose)
            _, key = create_account(rt.ctx, f"hub {name}", [parse_party_id(party)])
            stack.enter_context(_served(create_app(rt), sockets[name]))
            client = stack.enter_context(httpx.Client(base_url=urls[name], timeout=30))
            sender = network_sender(rt)
            assert sender is not None
            stack.callback(sender.close)
            hubs[name] = PeppolHub(name, urls[name], rt, client, key, party, sender)
        yield hubs["a"], hubs["b"]
